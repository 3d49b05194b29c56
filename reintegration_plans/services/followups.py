"""Follow-ups: planning one, recording one that took place (which plans the next), marking a planned one
missed or cancelled, and correcting a recorded one with its history kept."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary
from casework.audit import diff, snapshot
from casework.models import AuditAction, User

from ..models import (
    FINISHED_STATUSES,
    Domain,
    FollowUp,
    FollowUpCorrection,
    FollowUpStatus,
    Goal,
    LifeProject,
)
from ._common import audit, audit_update, require_prepare

# What the audit trail keeps of a follow-up. The health note's *text* never goes to the trail (the trail
# is read by administrators, who may not read health notes): only whether it changed.
AUDIT_FIELDS = [
    "status",
    "due_on",
    "occurred_on",
    "domain_id",
    "kind",
    "attendees",
    "summary",
    "outcome",
    "next_due_on",
    "assigned_to_id",
    "project_id",
]
CORRECTABLE = ["occurred_on", "domain", "kind", "attendees", "summary", "outcome", "health_note", "next_due_on"]


def _audit_snapshot(follow_up: FollowUp) -> dict:
    data = snapshot(follow_up, AUDIT_FIELDS)
    data["health_note"] = "(recorded)" if follow_up.health_note else ""
    return data


def _open_project(beneficiary: Beneficiary) -> LifeProject | None:
    return LifeProject.objects.filter(beneficiary=beneficiary).exclude(status__in=FINISHED_STATUSES).first()


def _check_goals(goals, beneficiary: Beneficiary) -> list[Goal]:
    goals = list(goals or [])
    if any(goal.project.beneficiary_id != beneficiary.pk for goal in goals):
        raise ValidationError({"goals": _("Link only goals of this person's own life project.")})
    return goals


def _check_dates(*, occurred_on, next_due_on) -> None:
    today = timezone.localdate()
    if occurred_on and occurred_on > today:
        raise ValidationError({"occurred_on": _("A follow-up that took place cannot be dated in the future.")})
    if next_due_on and occurred_on and next_due_on <= occurred_on:
        raise ValidationError({"next_due_on": _("The next follow-up must come after this one.")})


def _default_assignee(actor: User, beneficiary: Beneficiary) -> User | None:
    return actor if actor.is_caseworker and actor.centre_id == beneficiary.centre_id else None


def _plan_next(*, actor: User, previous: FollowUp) -> FollowUp:
    follow_up = FollowUp(
        beneficiary=previous.beneficiary,
        project=previous.project,
        assigned_to=previous.assigned_to,
        status=FollowUpStatus.PLANNED,
        due_on=previous.next_due_on,
        domain=previous.domain,
        kind=previous.kind,
        recorded_by=actor,
    )
    follow_up.full_clean()
    follow_up.save()
    audit(
        actor=actor,
        action=AuditAction.CREATE,
        target=follow_up,
        beneficiary_id=follow_up.beneficiary_id,
        changes={**_audit_snapshot(follow_up), "planned_after": str(previous.pk)},
    )
    return follow_up


@transaction.atomic
def follow_up_plan(
    *,
    actor: User,
    beneficiary: Beneficiary,
    due_on: datetime.date,
    domain: Domain,
    kind: str,
    assigned_to: User | None = None,
    summary: str = "",
) -> FollowUp:
    """Put a follow-up in the diary. It becomes overdue if it is not recorded by its due date."""
    require_prepare(actor, beneficiary, _("You may not plan follow-ups for this person."))
    if due_on is None:
        raise ValidationError({"due_on": _("Give the date the follow-up is due.")})
    follow_up = FollowUp(
        beneficiary=beneficiary,
        project=_open_project(beneficiary),
        assigned_to=assigned_to or _default_assignee(actor, beneficiary),
        status=FollowUpStatus.PLANNED,
        due_on=due_on,
        domain=domain,
        kind=kind,
        summary=summary.strip(),
        recorded_by=actor,
    )
    follow_up.full_clean()
    follow_up.save()
    audit(
        actor=actor,
        action=AuditAction.CREATE,
        target=follow_up,
        beneficiary_id=beneficiary.pk,
        changes=_audit_snapshot(follow_up),
    )
    return follow_up


def _fill(follow_up: FollowUp, *, occurred_on, domain, kind, attendees, summary, outcome, health_note, next_due_on):
    follow_up.status = FollowUpStatus.DONE
    follow_up.occurred_on = occurred_on
    follow_up.domain = domain
    follow_up.kind = kind
    follow_up.attendees = attendees.strip()
    follow_up.summary = summary.strip()
    follow_up.outcome = outcome.strip()
    follow_up.health_note = health_note.strip()
    follow_up.next_due_on = next_due_on


@transaction.atomic
def follow_up_record(
    *,
    actor: User,
    beneficiary: Beneficiary,
    occurred_on: datetime.date,
    domain: Domain,
    kind: str,
    summary: str,
    attendees: str = "",
    outcome: str = "",
    health_note: str = "",
    goals=(),
    next_due_on: datetime.date | None = None,
    assigned_to: User | None = None,
    planned: FollowUp | None = None,
) -> FollowUp:
    """Record a follow-up that took place — a new one, or the `planned` one it fulfils. With a next due
    date, the next follow-up is planned in the same transaction."""
    require_prepare(actor, beneficiary, _("You may not record follow-ups for this person."))
    if occurred_on is None:
        raise ValidationError({"occurred_on": _("Give the date the follow-up took place.")})
    if not (summary or "").strip():
        raise ValidationError({"summary": _("Summarise what was discussed or done.")})
    _check_dates(occurred_on=occurred_on, next_due_on=next_due_on)
    goals = _check_goals(goals, beneficiary)
    if planned is not None:
        follow_up = FollowUp.objects.select_for_update().get(pk=planned.pk, beneficiary=beneficiary)
        if follow_up.status != FollowUpStatus.PLANNED:
            raise ValidationError(
                _("This follow-up is already “%(status)s”; correct it instead."),
                code="not_planned",
                params={"status": FollowUpStatus(follow_up.status).label},
            )
        before = _audit_snapshot(follow_up)
        if assigned_to is not None:
            follow_up.assigned_to = assigned_to
    else:
        follow_up = FollowUp(
            beneficiary=beneficiary,
            project=_open_project(beneficiary),
            assigned_to=assigned_to or _default_assignee(actor, beneficiary),
            recorded_by=actor,
        )
        before = None
    _fill(
        follow_up,
        occurred_on=occurred_on,
        domain=domain,
        kind=kind,
        attendees=attendees,
        summary=summary,
        outcome=outcome,
        health_note=health_note,
        next_due_on=next_due_on,
    )
    follow_up.full_clean()
    follow_up.save()
    follow_up.goals.set(goals)
    after = {**_audit_snapshot(follow_up), "goals": sorted(str(g.pk) for g in goals)}
    if before is None:
        audit(actor=actor, action=AuditAction.CREATE, target=follow_up, beneficiary_id=beneficiary.pk, changes=after)
    else:
        audit_update(actor=actor, target=follow_up, beneficiary_id=beneficiary.pk, changes=diff(before, after))
    if next_due_on:
        _plan_next(actor=actor, previous=follow_up)
    return follow_up


def _close_planned(*, actor: User, follow_up: FollowUp, status: str, reason: str) -> FollowUp:
    require_prepare(actor, follow_up.beneficiary, _("You may not change this person's follow-ups."))
    locked = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if locked.status != FollowUpStatus.PLANNED:
        raise ValidationError(
            _("Only a planned follow-up can be marked “%(new)s”; this one is “%(status)s”."),
            code="not_planned",
            params={"new": FollowUpStatus(status).label, "status": FollowUpStatus(locked.status).label},
        )
    reason = (reason or "").strip()
    if status == FollowUpStatus.MISSED and not reason:
        raise ValidationError({"outcome": _("Say what happened: why the follow-up did not take place.")})
    before = _audit_snapshot(locked)
    locked.status = status
    locked.outcome = reason
    locked.full_clean()
    locked.save()
    audit_update(
        actor=actor, target=locked, beneficiary_id=locked.beneficiary_id, changes=diff(before, _audit_snapshot(locked))
    )
    return locked


@transaction.atomic
def follow_up_mark_missed(*, actor: User, follow_up: FollowUp, reason: str) -> FollowUp:
    return _close_planned(actor=actor, follow_up=follow_up, status=FollowUpStatus.MISSED, reason=reason)


@transaction.atomic
def follow_up_cancel(*, actor: User, follow_up: FollowUp, reason: str = "") -> FollowUp:
    return _close_planned(actor=actor, follow_up=follow_up, status=FollowUpStatus.CANCELLED, reason=reason)


def _correctable(follow_up: FollowUp) -> dict:
    """The correctable values, readable in the history: the domain by its code."""
    values = snapshot(follow_up, [name for name in CORRECTABLE if name not in ("domain", "health_note")])
    values["domain"] = follow_up.domain.code
    # The clear text (snapshot() gives a fingerprint for encrypted fields); it goes only to the correction's
    # encrypted columns, never to the JSON changes nor the audit trail.
    values["health_note"] = follow_up.health_note
    return values


@transaction.atomic
def follow_up_correct(*, actor: User, follow_up: FollowUp, reason: str, goals=None, **fields) -> FollowUpCorrection:
    """Correct a recorded follow-up. The values before and after are kept, with who, when and why."""
    unknown = set(fields) - set(CORRECTABLE)
    if unknown:
        raise TypeError(f"follow_up_correct() does not take {sorted(unknown)}")
    require_prepare(actor, follow_up.beneficiary, _("You may not correct this person's follow-ups."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the record is being corrected.")})
    locked = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if locked.status == FollowUpStatus.PLANNED:
        raise ValidationError(_("A planned follow-up is recorded, not corrected."), code="planned")
    before = {**_correctable(locked), "goals": sorted(str(pk) for pk in locked.goals.values_list("pk", flat=True))}
    before_audit = _audit_snapshot(locked)
    for name, value in fields.items():
        setattr(locked, name, value.strip() if isinstance(value, str) else value)
    if locked.status == FollowUpStatus.DONE:
        _check_dates(occurred_on=locked.occurred_on, next_due_on=locked.next_due_on)
    locked.full_clean()
    after = _correctable(locked)
    if goals is not None:
        after["goals"] = sorted(str(g.pk) for g in _check_goals(goals, locked.beneficiary))
    else:
        after["goals"] = before["goals"]
    changes = diff(before, after)
    if not changes:
        raise ValidationError(_("Nothing was changed."), code="no_change")
    locked.correction_count += 1
    locked.save()
    if goals is not None:
        locked.goals.set(goals)
    health = changes.pop("health_note", None)
    if health is not None:
        changes["health_note"] = "corrected"
    correction = FollowUpCorrection(follow_up=locked, reason=reason, changes=changes, corrected_by=actor)
    if health is not None:
        correction.health_note_before, correction.health_note_after = health
    correction.full_clean()
    correction.save()
    audit_changes = diff(before_audit, _audit_snapshot(locked))
    if health is not None:
        audit_changes["health_note"] = "(corrected)"
    if "goals" in changes:
        audit_changes["goals"] = changes["goals"]
    audit_changes["correction_reason"] = reason
    audit_update(actor=actor, target=locked, beneficiary_id=locked.beneficiary_id, changes=audit_changes)
    return correction


def follow_up_record_view(*, actor: User, follow_up: FollowUp) -> None:
    audit(actor=actor, action=AuditAction.VIEW, target=follow_up, beneficiary_id=follow_up.beneficiary_id, changes={})
