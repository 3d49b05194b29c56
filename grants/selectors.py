"""Reads on grants. Every function takes the user and starts from an access policy."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from beneficiaries.models import Beneficiary
from casework.access import beneficiary_policy
from casework.models import Centre, User

from .access import envelope_policy, event_policy
from .models import (
    COMMITTED_STATUSES,
    DUE_SOON_DAYS,
    Delivery,
    DistributionEvent,
    Envelope,
    EquipmentLine,
    Grant,
    GrantStatus,
    MonitoringVisit,
    Sector,
)

ZERO = Decimal("0.00")


# Envelopes (programme level) -------------------------------------------------------------------


def envelope_list(*, user: User) -> QuerySet[Envelope]:
    return envelope_policy.visible(user, Envelope.objects.all())


def _get_or_404(queryset: QuerySet, **lookup):
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404 from exc


def envelope_get(*, user: User, envelope_id) -> Envelope:
    return _get_or_404(envelope_list(user=user), pk=envelope_id)


def envelope_breakdown(*, user: User, envelope: Envelope) -> dict:
    """Committed and delivered amounts of an envelope by sector and by city: aggregates, no person.

    Two GROUP BY queries, whatever the number of grants."""
    envelope = envelope_get(user=user, envelope_id=envelope.pk)
    grants = Grant.objects.filter(envelope=envelope, status__in=COMMITTED_STATUSES)
    committed = Sum("approved_amount", filter=Q(status=GrantStatus.APPROVED), default=ZERO)
    spent = Sum("approved_amount", filter=Q(status=GrantStatus.DELIVERED), default=ZERO)
    women = Count("pk", filter=Q(beneficiary__sex="F"))

    def rows(values, label):
        result = []
        for row in (
            grants.values(*values)
            .annotate(grants=Count("pk"), committed=committed, spent=spent, women=women)
            .order_by(*values)
        ):
            row["label"] = label(row)
            row["amount"] = row["committed"] + row["spent"]
            row["share"] = float(row["amount"] * 100 / envelope.total_amount) if envelope.total_amount else 0.0
            result.append(row)
        return result

    sectors = {s.pk: s for s in Sector.objects.all()}
    centres = {c.pk: c for c in Centre.objects.all()}
    return {
        "by_sector": rows(["sector_id"], lambda r: str(sectors[r["sector_id"]])),
        "by_city": rows(["beneficiary__centre_id"], lambda r: centres[r["beneficiary__centre_id"]].city),
        "totals": grants.aggregate(grants=Count("pk"), women=women),
        "allocations": list(envelope.allocations.select_related("region", "centre")),
    }


# Proposals and grants (person level: through the beneficiary policy) ---------------------------


def grant_list(*, user: User) -> QuerySet[Grant]:
    return beneficiary_policy.visible(
        user,
        Grant.objects.select_related("beneficiary", "beneficiary__centre", "sector", "envelope", "event"),
        path="beneficiary",
    )


def grant_get(*, user: User, grant_id) -> Grant:
    queryset = Grant.objects.select_related(
        "beneficiary", "beneficiary__centre", "sector", "envelope", "event", "proposed_by", "decided_by"
    ).prefetch_related(
        Prefetch("lines", queryset=EquipmentLine.objects.order_by("position", "id")),
        Prefetch("visits", queryset=MonitoringVisit.objects.order_by("months_after")),
    )
    return beneficiary_policy.get_visible_or_404(user, queryset, path="beneficiary", pk=grant_id)


def beneficiary_for_proposal(*, user: User, file_number: str) -> Beneficiary | None:
    """The person a user may draft a proposal for, by file number; None when missing or out of scope."""
    return (
        beneficiary_policy.changeable(user, Beneficiary.objects.select_related("centre"))
        .filter(file_number__iexact=file_number.strip())
        .first()
    )


def approvable_grants_for_event(*, user: User, event: DistributionEvent) -> QuerySet[Grant]:
    return grant_list(user=user).filter(envelope_id=event.envelope_id, status=GrantStatus.APPROVED, event__isnull=True)


# Distribution events --------------------------------------------------------------------------


def event_list(*, user: User) -> QuerySet[DistributionEvent]:
    return event_policy.visible(
        user,
        DistributionEvent.objects.select_related("envelope", "centre")
        .annotate(grant_count=Count("grants"))
        .order_by("-date", "city"),
    )


def event_get(*, user: User, event_id) -> DistributionEvent:
    return _get_or_404(
        event_policy.visible(user, DistributionEvent.objects.select_related("envelope", "centre")),
        pk=event_id,
    )


def event_grants(*, user: User, event: DistributionEvent) -> QuerySet[Grant]:
    """The people of an event the user may see, with their equipment (3 queries in all)."""
    return (
        grant_list(user=user)
        .filter(event=event)
        .select_related("delivery")
        .prefetch_related(Prefetch("lines", queryset=EquipmentLine.objects.order_by("position", "id")))
        .order_by("beneficiary__file_number")
    )


def event_summary(*, event: DistributionEvent) -> dict:
    """Counts for the event header: aggregates, visible to anyone who sees the event."""
    return Grant.objects.filter(event=event).aggregate(
        beneficiaries=Count("pk"),
        women=Count("pk", filter=Q(beneficiary__sex="F")),
        amount=Sum("approved_amount", default=ZERO),
    )


# Deliveries and monitoring ----------------------------------------------------------------------


def delivery_list(*, user: User) -> QuerySet[Delivery]:
    return beneficiary_policy.visible(
        user, Delivery.objects.select_related("grant", "grant__beneficiary"), path="grant__beneficiary"
    )


def delivery_get_for_receipt(*, user: User, grant_id) -> Delivery:
    return beneficiary_policy.get_visible_or_404(
        user, Delivery.objects.select_related("grant"), path="grant__beneficiary", grant_id=grant_id
    )


def visit_list(*, user: User) -> QuerySet[MonitoringVisit]:
    return beneficiary_policy.visible(
        user,
        MonitoringVisit.objects.select_related("grant", "grant__beneficiary", "grant__sector"),
        path="grant__beneficiary",
    )


def visits_due(*, user: User) -> QuerySet[MonitoringVisit]:
    """Visits not yet recorded and due within DUE_SOON_DAYS, or overdue; oldest first."""
    horizon = timezone.localdate() + datetime.timedelta(days=DUE_SOON_DAYS)
    return visit_list(user=user).filter(visited_on__isnull=True, due_on__lte=horizon).order_by("due_on")


def visit_get(*, user: User, visit_id) -> MonitoringVisit:
    return beneficiary_policy.get_visible_or_404(
        user,
        MonitoringVisit.objects.select_related("grant", "grant__beneficiary"),
        path="grant__beneficiary",
        pk=visit_id,
    )
