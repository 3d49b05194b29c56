"""Aggregate grant figures for partner viewers (and supervisors, administrators): counts and sums only,
never a row about a person. A constant number of GROUP BY queries, whatever the number of grants."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet, Sum

from casework.access import beneficiary_policy
from casework.models import Centre, User

from ..access import event_policy, figures_policy
from ..models import COMMITTED_STATUSES, DistributionEvent, Envelope, Grant, GrantStatus, Sector
from ._common import ZERO
from .monitoring import survival_indicators


def _grants(user: User) -> QuerySet[Grant]:
    """Partner viewers: national; staff: the grants of the people in their scope."""
    if user.is_partner_viewer:
        return Grant.objects.all()
    return beneficiary_policy.visible(user, Grant.objects.all(), path="beneficiary")


def _events(user: User) -> QuerySet[DistributionEvent]:
    return (
        DistributionEvent.objects.all()
        if user.is_partner_viewer
        else event_policy.visible(user, DistributionEvent.objects.all())
    )


def programme_figures(*, user: User) -> dict:
    if not figures_policy.can_view(user):
        raise PermissionDenied
    grants = _grants(user)
    committed = grants.filter(status__in=COMMITTED_STATUSES)
    sums = {
        "grants": Count("pk"),
        "women": Count("pk", filter=Q(beneficiary__sex="F")),
        "amount": Sum("approved_amount", default=ZERO),
        "delivered": Count("pk", filter=Q(status=GrantStatus.DELIVERED)),
    }
    sectors = {s.pk: str(s) for s in Sector.objects.all()}
    centres = {c.pk: c.city for c in Centre.objects.all()}
    by_status = dict(grants.order_by().values_list("status").annotate(n=Count("pk")))
    by_sector = list(committed.values("sector_id").annotate(**sums).order_by("sector_id"))
    for row in by_sector:
        row["label"] = sectors.get(row["sector_id"], "—")
    by_city = list(committed.values("beneficiary__centre_id").annotate(**sums).order_by("beneficiary__centre_id"))
    for row in by_city:
        row["label"] = centres.get(row["beneficiary__centre_id"], "—")
    events = list(
        _events(user)
        .select_related("centre")
        .annotate(
            beneficiaries=Count("grants", filter=Q(grants__status__in=COMMITTED_STATUSES)),
            women=Count("grants", filter=Q(grants__status__in=COMMITTED_STATUSES, grants__beneficiary__sex="F")),
            amount=Sum("grants__approved_amount", filter=Q(grants__status__in=COMMITTED_STATUSES), default=ZERO),
        )
        .order_by("-date", "city")[:100]
    )
    envelopes = Envelope.objects.order_by("-period_start", "name")  # programme level, no person
    return {
        "status_counts": [(status, label, by_status.get(status, 0)) for status, label in GrantStatus.choices],
        "totals": committed.aggregate(**sums),
        "by_sector": by_sector,
        "by_city": by_city,
        "events": events,
        "envelopes": list(envelopes[:50]),
        "survival": survival_indicators(user=user),
    }
