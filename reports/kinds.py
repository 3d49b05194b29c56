"""The catalogue of reports: for each kind, who may ask for it, its parameter form, its file type and the
function that builds it (a dotted path, imported in the worker only: WeasyPrint stays out of the web
process)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from casework.models import Role

from . import forms
from .models import ReportJob, ReportKind
from .scope import ALL_ROLES, FILE_ROLES, is_active

PDF = ("pdf", "application/pdf")
XLSX = ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@dataclass(frozen=True)
class KindSpec:
    kind: ReportKind
    form: type[forms.ParametersForm]
    builder: str
    roles: frozenset
    file_type: tuple[str, str] = PDF
    help_text: str = ""

    @property
    def extension(self) -> str:
        return self.file_type[0]

    @property
    def content_type(self) -> str:
        return self.file_type[1]

    def build(self, context: BuildContext) -> BuildResult:
        return import_string(self.builder)(context)


@dataclass
class BuildContext:
    """What a builder gets: the job, its requester (re-read now), the validated parameter form, where to
    write, and a progress callback (0–100) that also stops the run if another run took the job over."""

    job: ReportJob
    user: object
    form: forms.ParametersForm
    output: Path
    progress: Callable[[int], None]

    @property
    def data(self) -> dict:
        return self.form.cleaned_data


@dataclass
class BuildResult:
    download_name: str
    # The people whose data the file carries: one audit entry each.
    people: list = field(default_factory=list)
    rows: int | None = None


SUPERVISION = frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR})

KINDS: dict[str, KindSpec] = {
    spec.kind: spec
    for spec in [
        KindSpec(
            ReportKind.CASE_FILE,
            forms.CaseFileForm,
            "reports.pdf.case_file.build",
            FILE_ROLES,
            help_text=_("Everything recorded about one person, for the file."),
        ),
        KindSpec(
            ReportKind.COHORT_REVIEW,
            forms.CohortForm,
            "reports.pdf.cohort_review.build",
            SUPERVISION,
            help_text=_("Members, attendance, completion, life projects, grants and outcomes of a cohort."),
        ),
        KindSpec(
            ReportKind.DISTRIBUTION,
            forms.DistributionForm,
            "reports.pdf.distribution.build_report",
            FILE_ROLES,
            help_text=_("Each beneficiary's equipment and amount, totals per sector and per event."),
        ),
        KindSpec(
            ReportKind.HANDOVER_RECEIPTS,
            forms.EventForm,
            "reports.pdf.distribution.build_receipts",
            FILE_ROLES,
            help_text=_("One receipt per beneficiary, in Arabic and French, with signature lines."),
        ),
        KindSpec(
            ReportKind.SIGNATURE_SHEET,
            forms.EventForm,
            "reports.pdf.distribution.build_signature_sheet",
            FILE_ROLES,
            help_text=_("The list every beneficiary signs at the event."),
        ),
        KindSpec(
            ReportKind.CENTRE_ACTIVITY,
            forms.CentreActivityForm,
            "reports.pdf.centre_activity.build",
            FILE_ROLES,
            help_text=_("Follow-ups, life projects, overdue items, grants and alerts of a centre over a period."),
        ),
        KindSpec(
            ReportKind.INDICATORS,
            forms.IndicatorFilterForm,
            "reports.pdf.indicators.build",
            ALL_ROLES,
            help_text=_("Programme figures and charts, aggregates only."),
        ),
        KindSpec(
            ReportKind.EXPORT_XLSX,
            forms.ExportForm,
            "reports.exports.xlsx.build",
            FILE_ROLES,
            file_type=XLSX,
            help_text=_("A list as a spreadsheet, for large lists."),
        ),
    ]
}


def spec_for(kind: str) -> KindSpec | None:
    return KINDS.get(kind)


def may_request(user, kind: str) -> bool:
    spec = KINDS.get(kind)
    return bool(spec) and is_active(user) and user.role in spec.roles


def kinds_for(user) -> list[KindSpec]:
    return [spec for spec in KINDS.values() if may_request(user, spec.kind)]


EVENT_KINDS = (ReportKind.DISTRIBUTION, ReportKind.HANDOVER_RECEIPTS, ReportKind.SIGNATURE_SHEET)


def event_report_links(user, event) -> list[tuple[str, str]]:
    """(label, address) of the PDFs of one distribution event this user may ask for: each opens the
    request form with the event chosen, where the language is picked."""
    return [
        (ReportKind(kind).label, f"{reverse('reports:request', args=[kind])}?{urlencode({'event': event.pk})}")
        for kind in EVENT_KINDS
        if may_request(user, kind)
    ]
