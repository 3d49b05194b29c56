"""Proposals and grants: person-level rows, always through the beneficiary policy."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from beneficiaries.models import Beneficiary
from casework.access import beneficiary_policy
from casework.models import User
from casework.pagination import COUNT_LIMIT
from reintegration_plans.models import FINISHED_STATUSES, Goal

from ..models import (
    GOAL_DOMAINS,
    EquipmentItem,
    EquipmentLine,
    Grant,
    GrantScore,
    MonitoringVisit,
    ScoringCriterion,
    Sector,
)


def grant_list(*, user: User) -> QuerySet[Grant]:
    return beneficiary_policy.visible(
        user,
        Grant.objects.select_related("beneficiary", "beneficiary__centre", "sector", "envelope", "event"),
        path="beneficiary",
    )


def grant_total(*, user: User, filtered: QuerySet[Grant]) -> int:
    """How many rows `grant_list` holds under the filters that gave `filtered` (the same filters over every
    grant), for its pages: counted part by part of the scope, no further than the pages go. One COUNT over the
    scoped list (`centre = X OR person IN shared`) read every grant of the list from the heap."""
    return beneficiary_policy.count_visible_up_to(user, filtered, path="beneficiary", limit=COUNT_LIMIT)


def grant_get(*, user: User, grant_id) -> Grant:
    queryset = Grant.objects.select_related(
        "beneficiary",
        "beneficiary__centre",
        "sector",
        "envelope",
        "event",
        "proposed_by",
        "decided_by",
        "vocational_goal__domain",
    ).prefetch_related(
        Prefetch("lines", queryset=EquipmentLine.objects.order_by("position", "id")),
        Prefetch("visits", queryset=MonitoringVisit.objects.order_by("months_after")),
        Prefetch("scores", queryset=GrantScore.objects.select_related("criterion", "scored_by")),
    )
    return beneficiary_policy.get_visible_or_404(user, queryset, path="beneficiary", pk=grant_id)


def beneficiary_for_proposal(*, user: User, file_number: str) -> Beneficiary | None:
    """The person a user may draft a proposal for, by file number; None when missing or out of scope."""
    if "\x00" in file_number:  # PostgreSQL refuses NUL in text: no file number holds one
        return None
    return (
        beneficiary_policy.changeable(user, Beneficiary.objects.select_related("centre"))
        .filter(file_number__iexact=file_number.strip())
        .first()
    )


def beneficiary_grants(*, user: User, beneficiary: Beneficiary) -> QuerySet[Grant]:
    """A person's proposals and grants, for their file (one query)."""
    return grant_list(user=user).filter(beneficiary=beneficiary).order_by("-created_at")


def active_sectors() -> QuerySet[Sector]:
    return Sector.objects.filter(is_active=True)


def catalogue_for_proposal() -> QuerySet[EquipmentItem]:
    return EquipmentItem.objects.filter(is_active=True).select_related("sector").order_by("sector__position", "name")


def active_criteria() -> QuerySet[ScoringCriterion]:
    return ScoringCriterion.objects.filter(is_active=True)


def vocational_goals(*, user: User, beneficiary: Beneficiary | None = None) -> QuerySet[Goal]:
    """Goals a proposal may serve: vocational or income-project goals of open life projects of people the
    user may change (of one person when given)."""
    goals = Goal.objects.filter(domain__code__in=GOAL_DOMAINS).exclude(project__status__in=FINISHED_STATUSES)
    if beneficiary is not None:
        goals = goals.filter(project__beneficiary=beneficiary)
    return (
        beneficiary_policy.changeable(user, goals, path="project__beneficiary")
        .select_related("project__beneficiary", "domain")
        .order_by("project__beneficiary__file_number", "created_at")
    )
