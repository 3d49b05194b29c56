"""Budget envelopes (programme level: no person in them) and their allocations."""

from __future__ import annotations

from django.db.models import Count, DecimalField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from casework.models import Centre, User

from ..access import envelope_policy
from ..models import COMMITTED_STATUSES, Envelope, EnvelopeAllocation, Grant, GrantStatus, Sector
from ._common import ZERO, get_or_404

MONEY = DecimalField(max_digits=14, decimal_places=2)


def envelope_list(*, user: User) -> QuerySet[Envelope]:
    return envelope_policy.visible(user, Envelope.objects.all())


def envelope_get(*, user: User, envelope_id) -> Envelope:
    return get_or_404(envelope_list(user=user), pk=envelope_id)


def _used_in(**outer) -> Subquery:
    grants = (
        Grant.objects.filter(envelope_id=OuterRef("envelope_id"), status__in=COMMITTED_STATUSES, **outer)
        .order_by()
        .values("envelope_id")
        .annotate(s=Sum("approved_amount"))
        .values("s")
    )
    return Subquery(grants, output_field=MONEY)


def envelope_allocations(*, user: User, envelope: Envelope) -> QuerySet[EnvelopeAllocation]:
    """An envelope's allocations with what is committed or delivered in each (`used`): one query."""
    envelope = envelope_get(user=user, envelope_id=envelope.pk)
    return (
        EnvelopeAllocation.objects.filter(envelope=envelope)
        .select_related("region", "centre")
        .annotate(
            used=Coalesce(
                _used_in(beneficiary__centre_id=OuterRef("centre_id")),
                _used_in(beneficiary__centre__region_id=OuterRef("region_id")),
                Value(ZERO),
                output_field=MONEY,
            )
        )
        .order_by("region__code", "centre__code")
    )


def envelope_allocation_get(*, user: User, envelope: Envelope, allocation_id) -> EnvelopeAllocation:
    return get_or_404(envelope_allocations(user=user, envelope=envelope), pk=allocation_id)


def envelope_breakdown(*, user: User, envelope: Envelope) -> dict:
    """Committed and delivered amounts of an envelope by sector and by city: aggregates, no person.

    Two GROUP BY queries, whatever the number of grants (plus the sector and centre names)."""
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
    }
