"""Watchlist test data: people followed after release, their follow-ups, grants' monitoring, alerts."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from beneficiaries.models import Status
from casework.watchlist.authorisations import authorisation_grant
from casework.watchlist.models import Alert, AlertSource, Indicator
from casework.watchlist.reference_data import ensure_indicators
from grants.models import Grant, GrantStatus, MonitoringVisit, Sector
from reintegration_plans.models import (
    Domain,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    Goal,
    GoalStatus,
    LifeProject,
    ProjectStatus,
)
from tests import factories


def today() -> datetime.date:
    return timezone.localdate()


def days_ago(n: int) -> datetime.date:
    return today() - datetime.timedelta(days=n)


def indicator(code: str) -> Indicator:
    ensure_indicators(Indicator)
    return Indicator.objects.get(code=code)


def person(centre: str = "FES", *, released_days_ago: int | None = 200, status=Status.RELEASED, **extra):
    release = days_ago(released_days_ago) if released_days_ago is not None else None
    return factories.BeneficiaryFactory(centre=factories.centre(centre), status=status, release_date=release, **extra)


def domain(code: str = "social") -> Domain:
    return Domain.objects.get_or_create(code=code, defaults={"name_ar": code, "name_fr": code, "name_en": code})[0]


def follow_up(beneficiary, *, status=FollowUpStatus.PLANNED, due_on=None, occurred_on=None, assigned_to=None):
    return FollowUp.objects.create(
        beneficiary=beneficiary,
        status=status,
        due_on=due_on,
        occurred_on=occurred_on,
        assigned_to=assigned_to,
        domain=domain(),
        kind=FollowUpKind.HOME_VISIT,
    )


def closed_project_visit(beneficiary, *, proposer, visited_on=None):
    """A grant whose monitoring visit found the project closed."""
    sector = Sector.objects.get_or_create(
        code="handicrafts", defaults={"name_ar": "h", "name_fr": "h", "name_en": "h"}
    )[0]
    grant = Grant.objects.create(
        beneficiary=beneficiary,
        status=GrantStatus.DRAFT,  # the rule reads the visit only; a delivered grant needs an envelope and an event
        sector=sector,
        title="Workshop",
        description="d",
        location="l",
        business_plan="b",
        training_and_skills="t",
        expected_monthly_income=Decimal("1000.00"),
        proposed_by=proposer,
    )
    visited_on = visited_on or days_ago(5)
    return MonitoringVisit.objects.create(
        grant=grant, months_after=3, due_on=visited_on, visited_on=visited_on, survival_status="closed"
    )


def abandoned_goal(beneficiary, *, prepared_by):
    project = LifeProject.objects.create(beneficiary=beneficiary, status=ProjectStatus.DRAFT, prepared_by=prepared_by)
    return Goal.objects.create(project=project, domain=domain(), description="Open a shop", status=GoalStatus.ABANDONED)


def alert(beneficiary, code: str = "lost_contact", **extra) -> Alert:
    values = {"severity": "medium", "source": AlertSource.RULE, "evidence": {"days": 60}}
    values.update(extra)
    return Alert.objects.create(beneficiary=beneficiary, indicator=indicator(code), **values)


def authorise(user, *, by, days: int = 30, reason: str = "Regional vigilance duty"):
    return authorisation_grant(actor=by, user=user, reason=reason, expires_on=today() + datetime.timedelta(days=days))
