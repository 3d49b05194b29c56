"""The lists that can be exported (people, follow-ups, grants, distribution events): their columns and
their rows, read through the apps' scoped selectors. Rows are plain values; the writers neutralise text.

Health notes and vigilance data never leave through a list export.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from beneficiaries import selectors as people
from grants import selectors as grant_selectors
from reintegration_plans import selectors as plan_selectors

CHUNK = 2000


@dataclass(frozen=True)
class ExportList:
    code: str
    columns: Callable[[], list[str]]
    queryset: Callable[..., QuerySet]
    row: Callable[[object], list]


def _display(instance, field: str) -> str:
    return str(getattr(instance, f"get_{field}_display")())


def _people(user, data: dict) -> QuerySet:
    return people.beneficiary_list(
        user=user,
        centre=data.get("centre"),
        sex=data.get("sex") or "",
        released_from=data.get("start"),
        released_until=data.get("end"),
        sort="file",
    ).select_related("centre", "establishment")


def _people_columns() -> list[str]:
    return [
        _("File number"),
        _("Regional centre"),
        _("Sex"),
        _("First name (Arabic)"),
        _("Family name (Arabic)"),
        _("First name (Latin)"),
        _("Family name (Latin)"),
        _("CIN"),
        _("Date of birth"),
        _("City"),
        _("Status"),
        _("Prison establishment"),
        _("Release date"),
        _("Release type"),
    ]


def _people_row(person) -> list:
    return [
        person.file_number,
        person.centre.code,
        _display(person, "sex"),
        person.first_name_ar,
        person.family_name_ar,
        person.first_name_latin,
        person.family_name_latin,
        person.cin,
        person.birth_date,
        person.city,
        _display(person, "status"),
        str(person.establishment) if person.establishment_id else "",
        person.release_date,
        _display(person, "release_type") if person.release_type else "",
    ]


def _follow_ups(user, data: dict) -> QuerySet:
    qs = plan_selectors.follow_up_list(user=user, since=data.get("start"), until=data.get("end"))
    if data.get("centre") is not None:
        qs = qs.filter(beneficiary__centre=data["centre"])
    if data.get("sex"):
        qs = qs.filter(beneficiary__sex=data["sex"])
    return qs.defer("health_note")


def _follow_up_columns() -> list[str]:
    return [
        _("File number"),
        _("Regional centre"),
        _("Status"),
        _("Due"),
        _("Date"),
        _("Domain"),
        _("Kind"),
        _("Summary"),
        _("Outcome"),
        _("Next follow-up due"),
        _("Assigned to"),
    ]


def _follow_up_row(follow_up) -> list:
    assignee = follow_up.assigned_to
    return [
        follow_up.beneficiary.file_number,
        follow_up.beneficiary.centre.code,
        _display(follow_up, "status"),
        follow_up.due_on,
        follow_up.occurred_on,
        str(follow_up.domain),
        _display(follow_up, "kind"),
        follow_up.summary,
        follow_up.outcome,
        follow_up.next_due_on,
        (assignee.get_full_name() or assignee.get_username()) if assignee else "",
    ]


def _grants(user, data: dict) -> QuerySet:
    qs = grant_selectors.grant_list(user=user)
    if data.get("centre") is not None:
        qs = qs.filter(beneficiary__centre=data["centre"])
    if data.get("sex"):
        qs = qs.filter(beneficiary__sex=data["sex"])
    if data.get("start"):
        qs = qs.filter(created_at__date__gte=data["start"])
    if data.get("end"):
        qs = qs.filter(created_at__date__lte=data["end"])
    return qs.order_by("beneficiary__file_number", "created_at", "pk")


def _grant_columns() -> list[str]:
    return [
        _("File number"),
        _("Regional centre"),
        _("First name (Latin)"),
        _("Family name (Latin)"),
        _("Sector"),
        _("Project"),
        _("Status"),
        _("Requested amount (MAD)"),
        _("Approved amount (MAD)"),
        _("Envelope"),
        _("Distribution event"),
        _("Decided"),
    ]


def _grant_row(grant) -> list:
    return [
        grant.beneficiary.file_number,
        grant.beneficiary.centre.code,
        grant.beneficiary.first_name_latin,
        grant.beneficiary.family_name_latin,
        str(grant.sector),
        grant.title,
        _display(grant, "status"),
        grant.requested_amount,
        grant.approved_amount,
        str(grant.envelope) if grant.envelope_id else "",
        str(grant.event) if grant.event_id else "",
        grant.decided_at.date() if grant.decided_at else None,
    ]


def _events(user, data: dict) -> QuerySet:
    qs = grant_selectors.event_list(user=user)
    if data.get("centre") is not None:
        qs = qs.filter(centre=data["centre"])
    if data.get("start"):
        qs = qs.filter(date__gte=data["start"])
    if data.get("end"):
        qs = qs.filter(date__lte=data["end"])
    return qs.order_by("date", "city", "pk")


def _event_columns() -> list[str]:
    return [_("Date"), _("City"), _("Place"), _("Organising centre"), _("Envelope"), _("Beneficiaries")]


def _event_row(event) -> list:
    return [event.date, event.city, event.place, event.centre.code, str(event.envelope), event.grant_count]


LISTS = {
    item.code: item
    for item in (
        ExportList("people", _people_columns, _people, _people_row),
        ExportList("followups", _follow_up_columns, _follow_ups, _follow_up_row),
        ExportList("grants", _grant_columns, _grants, _grant_row),
        ExportList("events", _event_columns, _events, _event_row),
    )
}


def export_rows(*, user, data: dict) -> tuple[list[str], Iterator[list], QuerySet]:
    """Header, a lazy iterator of rows (fetched in chunks), and the queryset (to count it)."""
    spec = LISTS[data["list"]]
    queryset = spec.queryset(user, data)
    return spec.columns(), (spec.row(obj) for obj in queryset.iterator(chunk_size=CHUNK)), queryset
