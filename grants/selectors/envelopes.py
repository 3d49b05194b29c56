"""Budget envelopes (programme level: no person in them) and their allocations."""

from __future__ import annotations

from django.db.models import Count, DecimalField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from beneficiaries.models import Sex
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

    One GROUP BY (sector, centre, sex, status) whatever the number of grants, folded here into the two tables
    and the totals (plus the sector and centre names); the sums stay exact (Decimal added to Decimal)."""
    envelope = envelope_get(user=user, envelope_id=envelope.pk)
    cells = (
        Grant.objects.filter(envelope=envelope, status__in=COMMITTED_STATUSES)
        .values("sector_id", "centre_id", "beneficiary__sex", "status")
        .annotate(n=Count("*"), amount=Sum("approved_amount", default=ZERO))
        .order_by()
    )
    by_sector: dict = {}
    by_city: dict = {}
    totals = {"grants": 0, "women": 0}
    for cell in cells:
        money = "spent" if cell["status"] == GrantStatus.DELIVERED else "committed"
        women = cell["n"] if cell["beneficiary__sex"] == Sex.FEMALE else 0
        for table, field in ((by_sector, "sector_id"), (by_city, "centre_id")):
            pk = cell[field]
            row = table.setdefault(pk, {field: pk, "grants": 0, "committed": ZERO, "spent": ZERO, "women": 0})
            row["grants"] += cell["n"]
            row[money] += cell["amount"]
            row["women"] += women
        totals["grants"] += cell["n"]
        totals["women"] += women

    def finished(table: dict, label) -> list[dict]:
        rows = [table[pk] for pk in sorted(table)]
        for row in rows:
            row["label"] = label(row)
            row["amount"] = row["committed"] + row["spent"]
            row["share"] = float(row["amount"] * 100 / envelope.total_amount) if envelope.total_amount else 0.0
        return rows

    sectors = {s.pk: s for s in Sector.objects.all()}
    centres = {c.pk: c for c in Centre.objects.all()}
    return {
        "by_sector": finished(by_sector, lambda r: str(sectors[r["sector_id"]])),
        "by_city": finished(by_city, lambda r: centres[r["centre_id"]].city),
        "totals": totals,
    }
