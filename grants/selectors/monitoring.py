"""Deliveries, monitoring visits, and the survival indicators computed from them in the database."""

from __future__ import annotations

import datetime

from django.db.models import Count, DecimalField, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Cast, NullIf
from django.utils import timezone

from beneficiaries.models import Membership
from casework.access import beneficiary_policy
from casework.models import Centre, User

from ..access import figures_policy
from ..models import ALIVE_STATUSES, DUE_SOON_DAYS, Delivery, MonitoringVisit, Sector
from ._common import get_or_404

# The survival indicators are read at these milestones.
SURVIVAL_MONTHS = (6, 12)


def delivery_list(*, user: User) -> QuerySet[Delivery]:
    return beneficiary_policy.visible(
        user, Delivery.objects.select_related("grant", "grant__beneficiary"), path="grant__beneficiary"
    )


def delivery_get(*, user: User, delivery_id) -> Delivery:
    return get_or_404(delivery_list(user=user), pk=delivery_id)


def delivery_get_for_receipt(*, user: User, grant_id) -> Delivery:
    return beneficiary_policy.get_visible_or_404(
        user, Delivery.objects.select_related("grant"), path="grant__beneficiary", grant_id=grant_id
    )


def visit_list(*, user: User) -> QuerySet[MonitoringVisit]:
    return beneficiary_policy.visible(
        user,
        MonitoringVisit.objects.select_related(
            "grant", "grant__beneficiary", "grant__beneficiary__centre", "grant__sector"
        ),
        path="grant__beneficiary",
    )


def visits_due(*, user: User) -> QuerySet[MonitoringVisit]:
    """Visits not yet recorded that are overdue or due within DUE_SOON_DAYS (like follow-ups); oldest first."""
    horizon = timezone.localdate() + datetime.timedelta(days=DUE_SOON_DAYS)
    return visit_list(user=user).filter(visited_on__isnull=True, due_on__lte=horizon).order_by("due_on", "pk")


def visits_open(*, user: User) -> QuerySet[MonitoringVisit]:
    """Every visit not yet recorded, oldest first (the "monitoring due" page filters it)."""
    return visit_list(user=user).filter(visited_on__isnull=True).order_by("due_on", "pk")


def visit_get(*, user: User, visit_id) -> MonitoringVisit:
    return beneficiary_policy.get_visible_or_404(
        user,
        MonitoringVisit.objects.select_related("grant", "grant__beneficiary"),
        path="grant__beneficiary",
        pk=visit_id,
    )


# Survival indicators ---------------------------------------------------------------------------


def _indicator_base(user: User) -> QuerySet[MonitoringVisit]:
    """Staff read the indicators of the people in their scope; partner viewers (no person at all) the
    national aggregates. Either way only counts leave the database."""
    visits = MonitoringVisit.objects.filter(months_after__in=SURVIVAL_MONTHS).order_by()
    if user.is_partner_viewer:
        return visits if figures_policy.can_view(user) else visits.none()
    return beneficiary_policy.visible(user, visits, path="grant__beneficiary")


def _edition() -> Subquery:
    """The most recent programme edition the person followed (a person may have followed several)."""
    return Subquery(
        Membership.objects.filter(beneficiary_id=OuterRef("grant__beneficiary_id"))
        .order_by("-cohort__edition")
        .values("cohort__edition")[:1]
    )


def _rate(alive: str, recorded: str):
    percent = Cast(F(alive), DecimalField(max_digits=9, decimal_places=2)) * 100
    return Cast(percent / NullIf(F(recorded), 0), DecimalField(max_digits=5, decimal_places=1))


def _annotations() -> dict:
    result = {}
    for months in SURVIVAL_MONTHS:
        milestone = Q(months_after=months)
        recorded = milestone & Q(visited_on__isnull=False)
        result[f"m{months}_recorded"] = Count("pk", filter=recorded)
        result[f"m{months}_alive"] = Count("pk", filter=recorded & Q(survival_status__in=ALIVE_STATUSES))
        result[f"m{months}_pending"] = Count("pk", filter=milestone & Q(visited_on__isnull=True))
    return result


def _with_rates(queryset):
    return queryset.annotate(
        **{f"m{m}_rate": _rate(f"m{m}_alive", f"m{m}_recorded") for m in SURVIVAL_MONTHS},
    )


def survival_indicators(*, user: User) -> dict:
    """Survival rate at 6 and 12 months (share of recorded visits finding the project running, with or
    without difficulties) overall and per sector, city and edition: four GROUP BY queries in the database."""
    base = _indicator_base(user)
    counts = _annotations()
    dimensions = {
        "sector": ("grant__sector_id", {s.pk: str(s) for s in Sector.objects.all()}),
        "city": ("grant__beneficiary__centre_id", {c.pk: c.city for c in Centre.objects.all()}),
        "edition": ("edition", None),
    }
    overall = list(_with_rates(base.annotate(group=Value(1)).values("group").annotate(**counts)))
    result = {"total": overall[0] if overall else {}}
    for name, (field, labels) in dimensions.items():
        queryset = base.annotate(edition=_edition()) if field == "edition" else base
        rows = list(_with_rates(queryset.values(group=F(field)).annotate(**counts)).order_by(F("group").asc()))
        for row in rows:
            row["label"] = labels.get(row["group"], "—") if labels is not None else row["group"]
        result[name] = rows
    return result
