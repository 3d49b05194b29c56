"""Distribution events: the event (or whole operation) report, the handover receipts, the signature sheet.

Which events: those the requester's event policy shows. Which people: the requester's beneficiary
policy, through ``grants.selectors`` (a caseworker sees their centre's people only). The events'
headline figures (people, women, amount) are aggregates shown to anyone who sees the event, as on the
event page.
"""

from __future__ import annotations

from collections import OrderedDict
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, Sum
from django.utils.translation import gettext as _

from grants import selectors as grant_selectors
from grants.models import EquipmentLine, Grant

from ..kinds import BuildContext, BuildResult
from .common import download_name, render_pdf

ZERO = Decimal("0.00")


def _events(context: BuildContext) -> list:
    envelope, event = context.data.get("envelope"), context.data.get("event")
    events = grant_selectors.event_list(user=context.user)
    if event is not None:
        events = events.filter(pk=event.pk)
    elif envelope is not None:
        events = events.filter(envelope=envelope)
    return list(events.order_by("date", "city"))


def _grants(context: BuildContext, events: list) -> list[Grant]:
    return list(
        grant_selectors.grant_list(user=context.user)
        .filter(event__in=events)
        .select_related("delivery")
        .prefetch_related(Prefetch("lines", queryset=EquipmentLine.objects.order_by("position", "id")))
        .order_by("event__date", "beneficiary__file_number")
    )


def _by_sector(grants: list[Grant]) -> list[dict]:
    sectors: dict = OrderedDict()
    for grant in sorted(grants, key=lambda g: (g.sector.position, g.sector.code)):
        row = sectors.setdefault(grant.sector_id, {"sector": grant.sector, "count": 0, "women": 0, "amount": ZERO})
        row["count"] += 1
        row["women"] += grant.beneficiary.sex == "F"
        row["amount"] += grant.approved_amount or ZERO
    return list(sectors.values())


def _summaries(events: list) -> dict:
    """Headline figures per event in one query: people, women, amount (aggregates)."""
    rows = (
        Grant.objects.filter(event__in=events)
        .values("event_id")
        .annotate(
            beneficiaries=Count("pk"),
            women=Count("pk", filter=Q(beneficiary__sex="F")),
            amount=Sum("approved_amount", default=ZERO),
        )
    )
    return {row["event_id"]: row for row in rows}


def build_report(context: BuildContext) -> BuildResult:
    events = _events(context)
    grants = _grants(context, events)
    context.progress(30)
    summaries = _summaries(events)
    sections = []
    for event in events:
        mine = [g for g in grants if g.event_id == event.pk]
        summary = summaries.get(event.pk, {"beneficiaries": 0, "women": 0, "amount": ZERO})
        sections.append(
            {
                "event": event,
                "grants": mine,
                "by_sector": _by_sector(mine),
                "summary": summary,
                "listed_amount": sum((g.approved_amount or ZERO for g in mine), ZERO),
                "partial": len(mine) < summary["beneficiaries"],
            }
        )
    overall = {
        "events": len(events),
        "beneficiaries": sum(s["summary"]["beneficiaries"] for s in sections),
        "women": sum(s["summary"]["women"] for s in sections),
        "amount": sum((s["summary"]["amount"] for s in sections), ZERO),
    }
    envelope = context.data.get("envelope") or (events[0].envelope if len(events) == 1 else None)
    title = _("Distribution event report")
    render_pdf(
        context,
        "reports/pdf/distribution.html",
        {
            "sections": sections,
            "overall": overall,
            "by_sector": _by_sector(grants),
            "envelope": envelope,
            "operation": context.data.get("envelope") is not None,
        },
        title=title,
    )
    subject = context.data.get("event") or context.data.get("envelope")
    return BuildResult(
        download_name=download_name("distribution", getattr(subject, "city", "") or "operation", _date(events)),
        people=[g.beneficiary_id for g in grants],
    )


def _date(events: list) -> str:
    return events[0].date.isoformat() if events else ""


def _event_grants(context: BuildContext):
    event = context.data["event"]
    grants = list(grant_selectors.event_grants(user=context.user, event=event).select_related("sector", "envelope"))
    context.progress(30)
    return event, grants


def build_receipts(context: BuildContext) -> BuildResult:
    event, grants = _event_grants(context)
    render_pdf(
        context,
        "reports/pdf/handover_receipts.html",
        {"event": event, "grants": grants},
        title=_("Handover receipts"),
    )
    return BuildResult(
        download_name=download_name("receipts", event.city, event.date.isoformat()),
        people=[g.beneficiary_id for g in grants],
    )


def build_signature_sheet(context: BuildContext) -> BuildResult:
    event, grants = _event_grants(context)
    render_pdf(
        context,
        "reports/pdf/signature_sheet.html",
        {"event": event, "grants": grants},
        title=_("Signature sheet"),
    )
    return BuildResult(
        download_name=download_name("signatures", event.city, event.date.isoformat()),
        people=[g.beneficiary_id for g in grants],
    )
