"""Reads of life projects, follow-ups and referrals. Every function takes the user and starts from the
access policy (`beneficiary_policy`, through each row's path to the person); counts are computed in the
database, lists have a fixed number of queries whatever their length."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    CharField,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beneficiaries.models import Beneficiary
from casework import pagination
from casework.access import beneficiary_policy
from casework.models import User

from .access import FOLLOW_UP_PATH, GOAL_PATH, MILESTONE_PATH, PROJECT_PATH, REFERRAL_PATH, can_read_health_notes
from .models import (
    DUE_SOON_DAYS,
    FINISHED_STATUSES,
    FOLLOW_UP_ORDER,
    ChecklistEntry,
    Domain,
    FollowUp,
    FollowUpCorrection,
    FollowUpKind,
    FollowUpStatus,
    Goal,
    LifeProject,
    Milestone,
    PartnerOrganisation,
    ProjectRevision,
    ProjectStatus,
    ProjectTransition,
    Referral,
)


def require_file_reader(user: User) -> None:
    """Partner viewers see aggregates only: lists and pages about people are refused outright."""
    if not (user.is_authenticated and user.is_active) or user.is_partner_viewer:
        raise PermissionDenied


# Reference data -------------------------------------------------------------------------------


def domains() -> QuerySet[Domain]:
    return Domain.objects.filter(is_active=True).order_by("position", "code")


def partners() -> QuerySet[PartnerOrganisation]:
    return PartnerOrganisation.objects.filter(is_active=True).order_by("position", "code")


# Life projects --------------------------------------------------------------------------------


def _goal_count() -> Subquery:
    return Subquery(
        Goal.objects.filter(project=OuterRef("pk")).order_by().values("project").annotate(n=Count("pk")).values("n"),
        output_field=IntegerField(),
    )


def project_list(
    *, user: User, status: str = "", centre=None, review_due: bool = False, q: str = ""
) -> QuerySet[LifeProject]:
    """Plans in scope, most recently changed first, with their number of goals (a subquery per page row)."""
    require_file_reader(user)
    qs = beneficiary_policy.visible(user, LifeProject.objects.all(), path=PROJECT_PATH)
    if status:
        qs = qs.filter(status=status)
    if centre is not None:
        qs = qs.filter(centre=centre)
    if review_due:
        qs = qs.filter(status=ProjectStatus.ACTIVE, next_review_on__lte=timezone.localdate())
    if q:
        qs = qs.filter(beneficiary__file_number__istartswith=q.strip())
    return (
        qs.select_related("beneficiary", "beneficiary__centre", "prepared_by", "submitted_by", "approved_by")
        .annotate(goal_count=Coalesce(_goal_count(), 0))
        .order_by("-updated_at", "pk")
    )


def projects_awaiting_approval(*, user: User) -> QuerySet[LifeProject]:
    """Submitted plans a supervisor may decide on: in scope, not prepared or submitted by them."""
    return (
        project_list(user=user, status=ProjectStatus.SUBMITTED)
        .exclude(prepared_by=user)
        .exclude(submitted_by=user)
        .order_by("submitted_at", "pk")
    )


def project_get(*, user: User, pk) -> LifeProject:
    require_file_reader(user)
    return beneficiary_policy.get_visible_or_404(
        user,
        LifeProject.objects.select_related(
            "beneficiary", "beneficiary__centre", "prepared_by", "submitted_by", "approved_by"
        ),
        path=PROJECT_PATH,
        pk=pk,
    )


def person_projects(*, user: User, beneficiary: Beneficiary) -> list[LifeProject]:
    """All the person's plans, the open one first."""
    require_file_reader(user)
    qs = beneficiary_policy.visible(user, LifeProject.objects.filter(beneficiary=beneficiary), path=PROJECT_PATH)
    return list(
        qs.select_related("prepared_by", "approved_by")
        .annotate(goal_count=Coalesce(_goal_count(), 0))
        .order_by(Case(When(status__in=FINISHED_STATUSES, then=1), default=0), "-created_at")
    )


def project_detail(*, user: User, project: LifeProject) -> dict:
    """Everything the plan page shows: goals by domain with milestones, checklist, history, revisions.
    Six queries whatever the size of the plan."""
    policy = beneficiary_policy
    goals = list(
        policy.visible(user, Goal.objects.filter(project=project), path=GOAL_PATH)
        .select_related("domain")
        .prefetch_related(Prefetch("milestones", queryset=Milestone.objects.order_by("position", "due_on", "id")))
        .order_by("domain__position", "target_date", "created_at")
    )
    by_domain: list[tuple[Domain, list[Goal]]] = []
    for goal in goals:
        if not by_domain or by_domain[-1][0].pk != goal.domain_id:
            by_domain.append((goal.domain, []))
        by_domain[-1][1].append(goal)
    return {
        "goals": goals,
        "goals_by_domain": by_domain,
        "checklist": list(
            policy.visible(user, ChecklistEntry.objects.filter(project=project), path="project__beneficiary")
            .select_related("item", "updated_by")
            .order_by("item__position", "item__code")
        ),
        "history": list(
            policy.visible(user, ProjectTransition.objects.filter(project=project), path="project__beneficiary")
            .select_related("actor")
            .order_by("at", "id")
        ),
        "revisions": list(
            policy.visible(user, ProjectRevision.objects.filter(project=project), path="project__beneficiary")
            .select_related("submitted_by")
            .order_by("-version")
        ),
    }


def goal_get(*, user: User, project: LifeProject, pk) -> Goal:
    return beneficiary_policy.get_visible_or_404(
        user, Goal.objects.filter(project=project).select_related("project", "domain"), path=GOAL_PATH, pk=pk
    )


def milestone_get(*, user: User, project: LifeProject, pk) -> Milestone:
    return beneficiary_policy.get_visible_or_404(
        user,
        Milestone.objects.filter(goal__project=project).select_related("goal", "goal__project"),
        path=MILESTONE_PATH,
        pk=pk,
    )


def goals_for_person(*, user: User, beneficiary: Beneficiary) -> QuerySet[Goal]:
    """Goals of the person's open plan (what a follow-up can be linked to)."""
    return (
        beneficiary_policy.visible(user, Goal.objects.filter(project__beneficiary=beneficiary), path=GOAL_PATH)
        .exclude(project__status__in=FINISHED_STATUSES)
        .select_related("domain", "project")
        .order_by("domain__position", "created_at")
    )


# Follow-ups -----------------------------------------------------------------------------------


def follow_up_state() -> Case:
    """overdue / due (within DUE_SOON_DAYS) / planned for planned ones, else the status — in SQL."""
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    planned = Q(status=FollowUpStatus.PLANNED)
    return Case(
        When(planned & Q(due_on__lt=today), then=Value("overdue")),
        When(planned & Q(due_on__lte=soon), then=Value("due")),
        default="status",
        output_field=CharField(),
    )


def _hide_health_notes(qs: QuerySet[FollowUp], user: User) -> QuerySet[FollowUp]:
    """Rows already scoped: the role part of the rule decides whether the note is even loaded."""
    return qs if can_read_health_notes(user) else qs.defer("health_note")


def _follow_ups_filtered(
    *,
    beneficiary: Beneficiary | None = None,
    state: str = "",
    status: str = "",
    domain: Domain | None = None,
    kind: str = "",
    assigned_to: User | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[FollowUp]:
    """Every follow-up that matches the filters, before the access policy (see `follow_up_list`)."""
    qs = FollowUp.objects.all()
    today = timezone.localdate()
    if beneficiary is not None:
        qs = qs.filter(beneficiary=beneficiary)
    if state == "overdue":
        qs = qs.filter(status=FollowUpStatus.PLANNED, due_on__lt=today)
    elif state == "due":
        qs = qs.filter(
            status=FollowUpStatus.PLANNED, due_on__gte=today, due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS)
        )
    elif state == "open":
        qs = qs.filter(status=FollowUpStatus.PLANNED)
    if status:
        qs = qs.filter(status=status)
    if domain is not None:
        qs = qs.filter(domain=domain)
    if kind:
        qs = qs.filter(kind=kind)
    if assigned_to is not None:
        qs = qs.filter(assigned_to=assigned_to)
    if since:
        qs = qs.filter(Q(occurred_on__gte=since) | Q(occurred_on__isnull=True, due_on__gte=since))
    if until:
        qs = qs.filter(Q(occurred_on__lte=until) | Q(occurred_on__isnull=True, due_on__lte=until))
    return qs


def follow_up_list(*, user: User, state: str = "", **filters) -> QuerySet[FollowUp]:
    """Follow-ups in scope. `state` is "overdue" (planned, due date passed), "due" (planned, due within
    DUE_SOON_DAYS, not overdue) or "open" (all planned); the other filters are `_follow_ups_filtered`'s."""
    require_file_reader(user)
    qs = beneficiary_policy.visible(user, _follow_ups_filtered(state=state, **filters), path=FOLLOW_UP_PATH)
    qs = qs.select_related("beneficiary", "beneficiary__centre", "domain", "assigned_to").annotate(
        state=follow_up_state()
    )
    if state in ("overdue", "due", "open"):
        qs = qs.order_by("due_on", "id")  # served by plans_followup_centre_planned (centre, due_on, id)
    else:
        qs = qs.order_by(*FOLLOW_UP_ORDER)
    return _hide_health_notes(qs, user)


def follow_up_total(*, user: User, **filters) -> int:
    """How many rows `follow_up_list` holds with the same filters, for its pages: counted part by part of
    the scope and no further than the pages go (casework.pagination.COUNT_LIMIT)."""
    require_file_reader(user)
    qs = _follow_ups_filtered(**filters)
    return beneficiary_policy.count_visible_up_to(user, qs, path=FOLLOW_UP_PATH, limit=pagination.COUNT_LIMIT)


def _due_counts(today: datetime.date, prefix: str = "", **only) -> dict:
    """The aggregates of planned follow-ups overdue and due within a week (of those matching `only`)."""
    among = Q(**only)
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    return {
        f"{prefix}overdue": Count("pk", filter=among & Q(due_on__lt=today)),
        f"{prefix}due": Count("pk", filter=among & Q(due_on__gte=today, due_on__lte=soon)),
    }


def _planned_in_scope(user: User, **counts) -> dict:
    return beneficiary_policy.count_visible(
        user, FollowUp.objects.filter(status=FollowUpStatus.PLANNED), path="beneficiary", **counts
    )


def follow_up_counts(*, user: User) -> dict:
    """How many planned follow-ups are overdue and due soon: one aggregate query per part of the scope."""
    require_file_reader(user)
    return _planned_in_scope(user, **_due_counts(timezone.localdate()))


def follow_up_counts_and_mine(*, user: User) -> tuple[dict, dict]:
    """`follow_up_counts` of the scope and of the follow-ups assigned to `user`, in the same queries (the
    follow-ups page shows both to a caseworker)."""
    require_file_reader(user)
    today = timezone.localdate()
    counts = _planned_in_scope(user, **_due_counts(today), **_due_counts(today, "my_", assigned_to=user))
    return (
        {"overdue": counts["overdue"], "due": counts["due"]},
        {"overdue": counts["my_overdue"], "due": counts["my_due"]},
    )


def follow_up_get(*, user: User, pk) -> FollowUp:
    require_file_reader(user)
    qs = FollowUp.objects.select_related(
        "beneficiary", "beneficiary__centre", "domain", "assigned_to", "recorded_by", "project"
    ).annotate(state=follow_up_state())
    follow_up = beneficiary_policy.get_visible_or_404(user, qs, path=FOLLOW_UP_PATH, pk=pk)
    return follow_up


CORRECTION_LABELS = {
    "occurred_on": _("Date"),
    "domain": _("Domain"),
    "kind": _("Kind"),
    "attendees": _("Who attended"),
    "summary": _("Summary"),
    "outcome": _("Outcome"),
    "health_note": _("Health note"),
    "next_due_on": _("Next follow-up due"),
    "goals": _("Goals worked on"),
}


def follow_up_corrections(*, user: User, follow_up: FollowUp) -> list[FollowUpCorrection]:
    """The correction history, newest first, each with readable `lines` (label, before, after). Health-note
    values are left out for those who may not read health notes (the line says it was corrected)."""
    health = can_read_health_notes(user, follow_up.beneficiary)
    rows = beneficiary_policy.visible(
        user, FollowUpCorrection.objects.filter(follow_up=follow_up), path="follow_up__beneficiary"
    ).select_related("corrected_by")
    if not health:  # the encrypted texts are not even read
        rows = rows.defer("health_note_before", "health_note_after")
    rows = list(rows.order_by("-corrected_at", "-id"))
    domain_names = {d.code: d.name for d in Domain.objects.all()}
    goal_names = {
        str(g.pk): g.description[:60] for g in Goal.objects.filter(project__beneficiary=follow_up.beneficiary)
    }

    def readable(field, value):
        if value in (None, "", []):
            return "—"
        if field == "domain":
            return domain_names.get(value, value)
        if field == "kind":
            return FollowUpKind(value).label if value in FollowUpKind.values else value
        if field == "goals":
            return "; ".join(goal_names.get(pk, "?") for pk in value)
        return value

    for row in rows:
        row.lines = []
        for field, values in row.changes.items():
            label = CORRECTION_LABELS.get(field, field)
            if field != "health_note":
                row.lines.append((label, readable(field, values[0]), readable(field, values[1])))
            elif health:
                row.lines.append((label, row.health_note_before or "—", row.health_note_after or "—"))
            else:
                row.lines.append((label, None, None))
    return rows


def planned_follow_up_get(*, user: User, beneficiary: Beneficiary, pk) -> FollowUp:
    return beneficiary_policy.get_visible_or_404(
        user,
        FollowUp.objects.filter(beneficiary=beneficiary, status=FollowUpStatus.PLANNED),
        path=FOLLOW_UP_PATH,
        pk=pk,
    )


# Referrals ------------------------------------------------------------------------------------


def referral_list(
    *, user: User, beneficiary: Beneficiary | None = None, status: str = "", partner=None
) -> QuerySet[Referral]:
    require_file_reader(user)
    qs = beneficiary_policy.visible(user, Referral.objects.all(), path=REFERRAL_PATH)
    if beneficiary is not None:
        qs = qs.filter(beneficiary=beneficiary)
    if status:
        qs = qs.filter(status=status)
    if partner is not None:
        qs = qs.filter(partner=partner)
    return qs.select_related("beneficiary", "partner", "domain", "created_by").order_by("-sent_on", "-created_at", "pk")


def referral_get(*, user: User, pk) -> Referral:
    require_file_reader(user)
    return beneficiary_policy.get_visible_or_404(
        user,
        Referral.objects.select_related("beneficiary", "beneficiary__centre", "partner", "domain", "created_by"),
        path=REFERRAL_PATH,
        pk=pk,
    )
