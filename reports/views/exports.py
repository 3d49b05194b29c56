"""List exports: CSV streamed at once, XLSX prepared by a report job (for large lists)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods

from .. import services
from ..exports.csv_stream import csv_lines
from ..exports.lists import export_rows
from ..forms import ExportForm
from ..kinds import may_request
from ..models import ReportKind


def _require_exporter(user) -> None:
    if not may_request(user, ReportKind.EXPORT_XLSX):
        raise PermissionDenied


def _stream_csv(request, form: ExportForm) -> StreamingHttpResponse:
    header, rows, queryset = export_rows(user=request.user, data=form.cleaned_data)
    services.export_record(actor=request.user, parameters=form.parameters(), rows=queryset.count(), format="csv")
    name = f"{form.cleaned_data['list']}-{timezone.localdate().isoformat()}.csv"
    response = StreamingHttpResponse(csv_lines(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def export_form(request):
    """The export page: choose a list and filters, then CSV now or XLSX in the background."""
    _require_exporter(request.user)
    form = ExportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        if request.POST.get("format") == "xlsx":
            job = services.report_request(
                actor=request.user,
                kind=ReportKind.EXPORT_XLSX,
                data=form.parameters(),
                language=(get_language() or "ar")[:2],
            )
            return redirect("reports:job", pk=job.pk)
        return _stream_csv(request, form)
    return render(request, "reports/export_form.html", {"form": form})


@login_required
@require_GET
def export_csv(request):
    """The same CSV from a link: /reports/exports/csv/?list=people&centre=…"""
    _require_exporter(request.user)
    form = ExportForm(request.GET, user=request.user)
    if not form.is_valid():
        return render(request, "reports/export_form.html", {"form": form}, status=400)
    return _stream_csv(request, form)
