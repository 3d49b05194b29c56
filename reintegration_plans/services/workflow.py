"""The life project's approval workflow: submit, approve or return with comments, activate, revise,
periodic review, complete, close. Each step follows the table in `reintegration_plans.workflow`,
locks the project, records a history row and an audit entry, and tells the people concerned."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.audit import diff, snapshot
from casework.models import User

from ..access import can_approve
from ..models import ChecklistEntry, Goal, LifeProject, Milestone, ProjectAction, ProjectRevision
from ..workflow import transition_target
from ._common import (
    PROJECT_AUDIT_FIELDS,
    audit_update,
    lock_project,
    notify,
    record_transition,
    require_prepare,
    supervisors_for,
)

DEFAULT_REVIEW_MONTHS = 3


def review_interval_months() -> int:
    return int(getattr(settings, "PLAN_REVIEW_INTERVAL_MONTHS", DEFAULT_REVIEW_MONTHS))


def add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for last in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def next_review_date(start: datetime.date) -> datetime.date:
    return add_months(start, review_interval_months())


def revision_snapshot(project: LifeProject) -> dict:
    """The plan as submitted: its goals (with milestones) and checklist, names in the three languages."""
    goals = Goal.objects.filter(project=project).select_related("domain").order_by("domain__position", "created_at")
    milestones: dict = {}
    for milestone in Milestone.objects.filter(goal__project=project).order_by("position", "id"):
        milestones.setdefault(milestone.goal_id, []).append(
            {
                "description": milestone.description,
                "due_on": milestone.due_on.isoformat() if milestone.due_on else None,
                "done_on": milestone.done_on.isoformat() if milestone.done_on else None,
            }
        )
    checklist = ChecklistEntry.objects.filter(project=project).select_related("item").order_by("item__position")
    return {
        "summary": project.summary,
        "goals": [
            {
                "domain": goal.domain.code,
                "domain_name": {"ar": goal.domain.name_ar, "fr": goal.domain.name_fr, "en": goal.domain.name_en},
                "description": goal.description,
                "target_date": goal.target_date.isoformat() if goal.target_date else None,
                "status": goal.status,
                "progress": goal.progress,
                "progress_measure": goal.progress_measure,
                "milestones": milestones.get(goal.pk, []),
            }
            for goal in goals
        ],
        "checklist": [
            {
                "item": entry.item.code,
                "item_name": {"ar": entry.item.name_ar, "fr": entry.item.name_fr, "en": entry.item.name_en},
                "status": entry.status,
                "note": entry.note,
            }
            for entry in checklist
        ],
    }


def _step(*, actor: User, project: LifeProject, action: str, comment: str = "", apply=None) -> LifeProject:
    """Move the (locked) project by `action`: table check, changes, history, audit."""
    from_status = project.status
    target = transition_target(from_status, action)
    before = snapshot(project, PROJECT_AUDIT_FIELDS)
    project.status = target
    if apply:
        apply(project)
    project.full_clean()
    project.save()
    record_transition(project=project, actor=actor, action=action, from_status=from_status, comment=comment)
    changes = diff(before, snapshot(project, PROJECT_AUDIT_FIELDS))
    changes["action"] = str(action)
    if comment:
        changes["comment"] = comment
    audit_update(actor=actor, target=project, beneficiary_id=project.beneficiary_id, changes=changes)
    return project


@transaction.atomic
def life_project_submit(*, actor: User, project: LifeProject) -> LifeProject:
    project = lock_project(project)
    require_prepare(actor, project.beneficiary, _("You may not submit this life project."))
    transition_target(project.status, ProjectAction.SUBMIT)
    if not Goal.objects.filter(project=project).exists():
        raise ValidationError(_("Add at least one goal before submitting the plan."), code="no_goals")
    now = timezone.now()

    def apply(p):
        p.submitted_by, p.submitted_at = actor, now
        p.approved_by, p.approved_at = None, None

    project = _step(actor=actor, project=project, action=ProjectAction.SUBMIT, apply=apply)
    ProjectRevision.objects.create(
        project=project, version=project.version, snapshot=revision_snapshot(project), submitted_by=actor
    )
    notify(recipients=supervisors_for(project.beneficiary), kind="plan_submitted", actor=actor, project=project)
    return project


def _require_approver(actor: User, project: LifeProject) -> None:
    if not can_approve(actor, project):
        if actor.pk in (project.prepared_by_id, project.submitted_by_id):
            raise PermissionDenied(_("Nobody may approve or return a life project they prepared or submitted."))
        raise PermissionDenied(_("Only a programme supervisor responsible for this person may decide on the plan."))


def _preparers(project: LifeProject) -> list[User]:
    return [u for u in (project.prepared_by, project.submitted_by) if u is not None]


@transaction.atomic
def life_project_approve(*, actor: User, project: LifeProject, comment: str = "") -> LifeProject:
    project = lock_project(project)
    transition_target(project.status, ProjectAction.APPROVE)
    _require_approver(actor, project)

    def apply(p):
        p.approved_by, p.approved_at = actor, timezone.now()

    project = _step(actor=actor, project=project, action=ProjectAction.APPROVE, comment=comment.strip(), apply=apply)
    notify(recipients=_preparers(project), kind="plan_approved", actor=actor, project=project)
    return project


@transaction.atomic
def life_project_return(*, actor: User, project: LifeProject, comment: str) -> LifeProject:
    project = lock_project(project)
    transition_target(project.status, ProjectAction.RETURN)
    _require_approver(actor, project)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say what must change, so the caseworker knows what to do next.")})

    def apply(p):
        p.version += 1  # the caseworker now prepares the next version; the submitted one stays in its revision

    project = _step(actor=actor, project=project, action=ProjectAction.RETURN, comment=comment, apply=apply)
    notify(recipients=_preparers(project), kind="plan_returned", actor=actor, project=project)
    return project


@transaction.atomic
def life_project_activate(*, actor: User, project: LifeProject, start: datetime.date | None = None) -> LifeProject:
    project = lock_project(project)
    require_prepare(actor, project.beneficiary)
    start = start or timezone.localdate()

    def apply(p):
        p.activated_on = start
        p.next_review_on = next_review_date(start)

    return _step(actor=actor, project=project, action=ProjectAction.ACTIVATE, apply=apply)


@transaction.atomic
def life_project_record_review(*, actor: User, project: LifeProject, comment: str) -> LifeProject:
    """The periodic review took place: note what was found and set the next review date."""
    project = lock_project(project)
    require_prepare(actor, project.beneficiary)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Write down what the review found.")})

    def apply(p):
        p.next_review_on = next_review_date(timezone.localdate())

    return _step(actor=actor, project=project, action=ProjectAction.REVIEW, comment=comment, apply=apply)


@transaction.atomic
def life_project_revise(*, actor: User, project: LifeProject, comment: str) -> LifeProject:
    """Reopen an approved or active plan as a new draft version; it goes through approval again."""
    project = lock_project(project)
    require_prepare(actor, project.beneficiary)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say why the plan is being revised.")})

    def apply(p):
        p.version += 1
        p.submitted_by, p.submitted_at, p.approved_by, p.approved_at = None, None, None, None
        p.next_review_on = None

    return _step(actor=actor, project=project, action=ProjectAction.REVISE, comment=comment, apply=apply)


@transaction.atomic
def life_project_complete(*, actor: User, project: LifeProject, comment: str = "") -> LifeProject:
    project = lock_project(project)
    require_prepare(actor, project.beneficiary)

    def apply(p):
        p.next_review_on = None

    return _step(actor=actor, project=project, action=ProjectAction.COMPLETE, comment=comment.strip(), apply=apply)


@transaction.atomic
def life_project_close(*, actor: User, project: LifeProject, reason: str) -> LifeProject:
    project = lock_project(project)
    require_prepare(actor, project.beneficiary)
    transition_target(project.status, ProjectAction.CLOSE)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for closing the plan.")})

    def apply(p):
        p.closed_reason = reason
        p.next_review_on = None

    return _step(actor=actor, project=project, action=ProjectAction.CLOSE, comment=reason, apply=apply)
