"""Preparing a life project: creating it, its goals and milestones, the administrative checklist.

Goals are added, reworded and removed while the plan is prepared (draft or returned); progress, goal
status, milestones and the checklist are kept up to date until the plan ends. Every write is atomic,
locks the project, validates, and writes its audit entry in the same transaction."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary
from casework.audit import diff, snapshot
from casework.models import AuditAction, User

from ..models import (
    ChecklistEntry,
    ChecklistItem,
    ChecklistStatus,
    Domain,
    Goal,
    GoalStatus,
    LifeProject,
    Milestone,
    ProjectAction,
    ProjectStatus,
)
from ._common import PROJECT_AUDIT_FIELDS, audit, audit_update, lock_project, record_transition, require_prepare

GOAL_FIELDS = ["domain_id", "description", "target_date", "status", "progress", "progress_measure"]
MILESTONE_FIELDS = ["description", "due_on", "done_on", "position"]


def _require_editable(project: LifeProject) -> None:
    if not project.is_editable:
        raise ValidationError(
            _("Goals can be changed only while the plan is a draft or returned for changes (it is “%(status)s”)."),
            code="not_editable",
            params={"status": ProjectStatus(project.status).label},
        )


def _require_trackable(project: LifeProject) -> None:
    if not project.is_trackable:
        raise ValidationError(
            _("This life project is “%(status)s”: it can no longer be changed."),
            code="finished",
            params={"status": ProjectStatus(project.status).label},
        )


@transaction.atomic
def life_project_create(*, actor: User, beneficiary: Beneficiary, summary: str = "") -> LifeProject:
    """Open a draft plan for the person, with the whole administrative checklist to do."""
    require_prepare(actor, beneficiary, _("You may not prepare a life project for this person."))
    Beneficiary.objects.select_for_update().get(pk=beneficiary.pk)  # serialise "one open plan" per person
    if LifeProject.objects.filter(beneficiary=beneficiary).exclude(status__in=["completed", "closed"]).exists():
        raise ValidationError(_("This person already has a life project in progress."), code="already_open")
    project = LifeProject(beneficiary=beneficiary, prepared_by=actor, summary=summary.strip())
    project.full_clean()
    try:
        with transaction.atomic():
            project.save()
    except IntegrityError as exc:  # a concurrent creation won the race
        raise ValidationError(_("This person already has a life project in progress."), code="already_open") from exc
    ChecklistEntry.objects.bulk_create(
        [ChecklistEntry(project=project, item=item) for item in ChecklistItem.objects.filter(is_active=True)]
    )
    record_transition(project=project, actor=actor, action=ProjectAction.CREATE, from_status="")
    audit(
        actor=actor,
        action=AuditAction.CREATE,
        target=project,
        beneficiary_id=beneficiary.pk,
        changes=snapshot(project, PROJECT_AUDIT_FIELDS),
    )
    return project


@transaction.atomic
def life_project_update(*, actor: User, project: LifeProject, summary: str) -> LifeProject:
    project = lock_project(project)
    require_prepare(actor, project.beneficiary)
    _require_editable(project)
    before = snapshot(project, PROJECT_AUDIT_FIELDS)
    project.summary = summary.strip()
    project.full_clean()
    project.save()
    audit_update(
        actor=actor,
        target=project,
        beneficiary_id=project.beneficiary_id,
        changes=diff(before, snapshot(project, PROJECT_AUDIT_FIELDS)),
    )
    return project


def _clean_goal(goal: Goal) -> None:
    if goal.status == GoalStatus.ACHIEVED:
        goal.progress = 100
    goal.description = goal.description.strip()
    goal.full_clean()


@transaction.atomic
def goal_add(
    *,
    actor: User,
    project: LifeProject,
    domain: Domain,
    description: str,
    target_date: datetime.date | None = None,
    progress_measure: str = "",
) -> Goal:
    project = lock_project(project)
    require_prepare(actor, project.beneficiary)
    _require_editable(project)
    if not domain.is_active:
        raise ValidationError({"domain": _("This domain is no longer in use. Choose another.")})
    goal = Goal(
        project=project,
        domain=domain,
        description=description,
        target_date=target_date,
        progress_measure=progress_measure.strip(),
    )
    _clean_goal(goal)
    goal.save()
    audit(
        actor=actor,
        action=AuditAction.CREATE,
        target=goal,
        beneficiary_id=project.beneficiary_id,
        changes=snapshot(goal, GOAL_FIELDS),
    )
    return goal


@transaction.atomic
def goal_update(*, actor: User, goal: Goal, **fields) -> Goal:
    """Change a goal. The wording, domain and target date only while the plan is prepared; the status,
    progress and measure as long as the plan runs."""
    project = lock_project(goal.project)
    require_prepare(actor, project.beneficiary)
    _require_trackable(project)
    goal = Goal.objects.select_for_update().get(pk=goal.pk, project=project)
    unknown = set(fields) - {"domain", "description", "target_date", "status", "progress", "progress_measure"}
    if unknown:
        raise TypeError(f"goal_update() does not take {sorted(unknown)}")
    before = snapshot(goal, GOAL_FIELDS)
    for name, value in fields.items():
        setattr(goal, name, value)
    structural = {"domain_id", "description", "target_date"}
    changed = set(diff(before, snapshot(goal, GOAL_FIELDS)))
    if changed & structural:
        _require_editable(project)
    _clean_goal(goal)
    goal.save()
    changes = diff(before, snapshot(goal, GOAL_FIELDS))
    if changes:
        audit_update(actor=actor, target=goal, beneficiary_id=project.beneficiary_id, changes=changes)
    return goal


@transaction.atomic
def goal_remove(*, actor: User, goal: Goal) -> None:
    project = lock_project(goal.project)
    require_prepare(actor, project.beneficiary)
    _require_editable(project)
    before = snapshot(goal, GOAL_FIELDS)
    audit(
        actor=actor,
        action=AuditAction.DELETE,
        target=goal,
        beneficiary_id=project.beneficiary_id,
        changes=before,
    )
    goal.delete()


@transaction.atomic
def milestone_add(*, actor: User, goal: Goal, description: str, due_on: datetime.date | None = None) -> Milestone:
    project = lock_project(goal.project)
    require_prepare(actor, project.beneficiary)
    _require_trackable(project)
    position = Milestone.objects.filter(goal=goal).count()
    milestone = Milestone(goal=goal, description=description.strip(), due_on=due_on, position=position)
    milestone.full_clean()
    milestone.save()
    audit(
        actor=actor,
        action=AuditAction.CREATE,
        target=milestone,
        beneficiary_id=project.beneficiary_id,
        changes=snapshot(milestone, MILESTONE_FIELDS),
    )
    return milestone


@transaction.atomic
def milestone_update(
    *,
    actor: User,
    milestone: Milestone,
    description: str,
    due_on: datetime.date | None,
    done_on: datetime.date | None,
) -> Milestone:
    project = lock_project(milestone.goal.project)
    require_prepare(actor, project.beneficiary)
    _require_trackable(project)
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    before = snapshot(milestone, MILESTONE_FIELDS)
    milestone.description, milestone.due_on, milestone.done_on = description.strip(), due_on, done_on
    milestone.full_clean()
    milestone.save()
    changes = diff(before, snapshot(milestone, MILESTONE_FIELDS))
    if changes:
        audit_update(actor=actor, target=milestone, beneficiary_id=project.beneficiary_id, changes=changes)
    return milestone


@transaction.atomic
def milestone_remove(*, actor: User, milestone: Milestone) -> None:
    project = lock_project(milestone.goal.project)
    require_prepare(actor, project.beneficiary)
    _require_editable(project)
    audit(
        actor=actor,
        action=AuditAction.DELETE,
        target=milestone,
        beneficiary_id=project.beneficiary_id,
        changes=snapshot(milestone, MILESTONE_FIELDS),
    )
    milestone.delete()


@transaction.atomic
def checklist_update(*, actor: User, project: LifeProject, entries: dict[int, tuple[str, str]]) -> int:
    """Set the status and note of checklist entries: {entry id: (status, note)}. Returns how many changed."""
    project = lock_project(project)
    require_prepare(actor, project.beneficiary)
    _require_trackable(project)
    rows = {
        entry.pk: entry
        for entry in ChecklistEntry.objects.select_for_update(of=("self",))
        .select_related("item")
        .filter(project=project)
    }
    if set(entries) - set(rows):
        raise ValidationError(_("This checklist entry belongs to another plan."), code="foreign_entry")
    changes = {}
    for pk, (status, note) in entries.items():
        entry = rows[pk]
        if status not in ChecklistStatus.values:
            raise ValidationError(_("Choose a status for every checklist item."), code="bad_status")
        if (entry.status, entry.note) == (status, note.strip()):
            continue
        changes[entry.item.code] = [[entry.status, entry.note], [status, note.strip()]]
        entry.status, entry.note, entry.updated_by = status, note.strip(), actor
        entry.full_clean()
        entry.save()
    if changes:
        audit_update(actor=actor, target=project, beneficiary_id=project.beneficiary_id, changes={"checklist": changes})
    return len(changes)


def life_project_record_view(*, actor: User, project: LifeProject) -> None:
    """Reading a person's plan is a read of their file: one entry in the trail."""
    audit(actor=actor, action=AuditAction.VIEW, target=project, beneficiary_id=project.beneficiary_id, changes={})
