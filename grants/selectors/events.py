"""Distribution events (programme level, by organising centre) and the people on them (person level)."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from casework.models import User

from ..access import event_policy
from ..models import DistributionEvent, EquipmentLine, EventOfficial, Grant, GrantStatus
from ._common import ZERO, get_or_404
from .proposals import grant_list


def _events() -> QuerySet[DistributionEvent]:
    return DistributionEvent.objects.select_related("envelope", "centre").prefetch_related(
        Prefetch("officials", queryset=EventOfficial.objects.order_by("position", "id"))
    )


def _grant_count():
    """Each event's grants, counted on the event's index row by row (a join and GROUP BY read every grant);
    COUNT(*), not COUNT(pk): the count is then read from the index alone."""
    per_event = Grant.objects.filter(event=OuterRef("pk")).order_by().values("event").annotate(n=Count("*"))
    return Coalesce(Subquery(per_event.values("n"), output_field=IntegerField()), 0)


def event_list(*, user: User) -> QuerySet[DistributionEvent]:
    return event_policy.visible(user, _events().annotate(grant_count=_grant_count()).order_by("-date", "city"))


def event_get(*, user: User, event_id) -> DistributionEvent:
    return get_or_404(event_policy.visible(user, _events()), pk=event_id)


def event_grants(*, user: User, event: DistributionEvent) -> QuerySet[Grant]:
    """The people of an event the user may see, with their equipment (3 queries in all)."""
    return (
        grant_list(user=user)
        .filter(event=event)
        .select_related("delivery")
        .prefetch_related(Prefetch("lines", queryset=EquipmentLine.objects.order_by("position", "id")))
        .order_by("beneficiary__file_number")
    )


def approvable_grants_for_event(*, user: User, event: DistributionEvent) -> QuerySet[Grant]:
    return grant_list(user=user).filter(envelope_id=event.envelope_id, status=GrantStatus.APPROVED, event__isnull=True)


def event_summary(*, event: DistributionEvent) -> dict:
    """Counts for the event header: aggregates, visible to anyone who sees the event."""
    return Grant.objects.filter(event=event).aggregate(
        beneficiaries=Count("pk"),
        women=Count("pk", filter=Q(beneficiary__sex="F")),
        amount=Sum("approved_amount", default=ZERO),
    )
