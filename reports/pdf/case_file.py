"""A person's case file: identity, custody and release, family, cohorts, life projects and goals,
follow-ups, referrals, grants and monitoring, consent. Health notes only for those the plans app's rule
allows (``can_read_health_notes``); every part read through the requester's scope."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from beneficiaries import selectors as people
from beneficiaries.forms import PERSON_FIELDS
from casework.access import beneficiary_policy
from casework.watchlist.access import watchlist_policy
from casework.watchlist.models import Alert
from grants import selectors as grant_selectors
from grants.models import EquipmentLine, MonitoringVisit
from reintegration_plans import selectors as plan_selectors
from reintegration_plans.access import GOAL_PATH, can_read_health_notes
from reintegration_plans.models import Goal

from ..kinds import BuildContext, BuildResult
from .common import download_name, render_pdf

CUSTODY_FIELDS = ("establishment", "conviction", "sentence_months", "release_date", "release_type")


def _field_rows(person, names) -> list[tuple[str, str]]:
    rows = []
    for name in names:
        field = person._meta.get_field(name)
        display = getattr(person, f"get_{name}_display", None)
        value = display() if display and getattr(person, name) else getattr(person, name)
        rows.append((str(field.verbose_name).capitalize(), "" if value in (None, "") else str(value)))
    return rows


def case_file_data(*, user, person) -> dict:
    file = people.beneficiary_file(user=user, beneficiary=person)
    projects = plan_selectors.person_projects(user=user, beneficiary=person)
    goals = (
        beneficiary_policy.visible(user, Goal.objects.filter(project__beneficiary=person), path=GOAL_PATH)
        .select_related("domain")
        .order_by("project_id", "domain__position", "created_at")
    )
    goals_by_project: dict = {}
    for goal in goals:
        goals_by_project.setdefault(goal.project_id, []).append(goal)
    health = can_read_health_notes(user, person)
    follow_ups = list(plan_selectors.follow_up_list(user=user, beneficiary=person).select_related("recorded_by"))
    grants = list(
        grant_selectors.grant_list(user=user)
        .filter(beneficiary=person)
        .prefetch_related(
            Prefetch("lines", queryset=EquipmentLine.objects.order_by("position", "id")),
            Prefetch("visits", queryset=MonitoringVisit.objects.order_by("months_after")),
        )
        .select_related("delivery")
    )
    return {
        "person": person,
        "identity": _field_rows(person, [f for f in PERSON_FIELDS if f not in CUSTODY_FIELDS]),
        "custody": _field_rows(person, CUSTODY_FIELDS),
        "status_history": list(file["status_history"]),
        "family": list(file["family"]),
        "memberships": list(file["memberships"]),
        "consents": list(file["consents"]),
        "projects": [{"project": p, "goals": goals_by_project.get(p.pk, [])} for p in projects],
        "follow_ups": follow_ups,
        "show_health": health,
        "referrals": list(plan_selectors.referral_list(user=user, beneficiary=person)),
        "grants": grants,
        "alerts": _alerts(user, person),
    }


def _alerts(user, person) -> list | None:
    """The vigilance section, for watchlist readers only (None: the section does not exist for others)."""
    if not watchlist_policy.may_read(user):
        return None
    return list(
        watchlist_policy.visible(user, Alert.objects.filter(beneficiary=person))
        .select_related("indicator")
        .order_by("-raised_at")
    )


def build(context: BuildContext) -> BuildResult:
    person = context.form.cleaned_data["_person"]
    data = case_file_data(user=context.user, person=person)
    context.progress(30)
    render_pdf(context, "reports/pdf/case_file.html", data, title=_("Case file"))
    return BuildResult(download_name=download_name("case-file", person.file_number), people=[person.pk])
