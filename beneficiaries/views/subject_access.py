"""The complete subject-access export of a person's file (administrators only, audited)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.views.decorators.http import require_http_methods

from .. import selectors
from ..services.subject_access import may_export_subject_access, subject_access_export


@login_required
@require_http_methods(["GET"])
def subject_access(request, pk):
    person = selectors.beneficiary_get(user=request.user, pk=pk)
    if not may_export_subject_access(user=request.user):
        raise PermissionDenied
    content = subject_access_export(actor=request.user, person=person)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="subject-access-{person.file_number}.zip"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
