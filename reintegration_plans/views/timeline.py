"""The person's timeline page: the whole journey in order, filterable by domain."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import services
from ..forms import TimelineFilterForm
from ..timeline import person_timeline
from ._common import person_or_404


@login_required
@require_GET
def person_timeline_page(request, pk):
    person = person_or_404(request, pk)
    form = TimelineFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    entries = person_timeline(
        user=request.user,
        beneficiary=person,
        domain=data.get("domain"),
        newest_first=data.get("newest_first", False),
    )
    services.file_read_record(actor=request.user, beneficiary=person, page="timeline")
    return render(request, "reintegration_plans/timeline.html", {"person": person, "form": form, "entries": entries})
