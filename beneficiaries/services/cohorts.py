"""Writes on programme editions: cohorts, members, attendance, completion and hand-off."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from casework.access import beneficiary_policy
from casework.audit import audit_record, diff, snapshot
from casework.models import AuditAction, PrisonEstablishment, User

from ..models import Attendance, Beneficiary, Cohort, CohortSession, Membership

MEMBERSHIP_FIELDS = ["establishment_id", "completed", "evaluation", "handed_off_on"]


def may_manage_cohorts(user: User | None) -> bool:
    return user is None or (user.is_active and (user.is_administrator or user.is_supervisor))


@transaction.atomic
def cohort_create(
    *,
    actor: User | None,
    edition: int,
    year: int,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    establishments: list[PrisonEstablishment] = (),
) -> Cohort:
    if not may_manage_cohorts(actor):
        raise PermissionDenied(_("Only supervisors and administrators manage cohorts."))
    cohort = Cohort(edition=edition, year=year, starts_on=starts_on, ends_on=ends_on)
    cohort.full_clean()
    cohort.save()
    cohort.establishments.set(establishments)
    changes = snapshot(cohort)
    changes["establishments"] = [e.code for e in establishments]
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target=cohort,
        changes=changes,
        actor_username="" if actor else "system",
    )
    return cohort


@transaction.atomic
def cohort_add_member(
    *,
    actor: User | None,
    cohort: Cohort,
    beneficiary: Beneficiary,
    establishment: PrisonEstablishment | None = None,
) -> Membership:
    if actor is not None and not beneficiary_policy.can_change(actor, beneficiary):
        raise PermissionDenied(_("You may not change this file."))
    if Membership.objects.filter(cohort=cohort, beneficiary=beneficiary).exists():
        raise ValidationError(_("This person is already a member of this cohort."))
    membership = Membership(cohort=cohort, beneficiary=beneficiary, establishment=establishment)
    membership.full_clean()
    membership.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target=membership,
        beneficiary_id=beneficiary.pk,
        changes={"cohort": cohort.edition, **snapshot(membership, MEMBERSHIP_FIELDS)},
        actor_username="" if actor else "system",
    )
    return membership


@transaction.atomic
def membership_update(*, actor: User | None, membership: Membership, **fields) -> Membership:
    if actor is not None and not beneficiary_policy.can_change(actor, membership.beneficiary):
        raise PermissionDenied(_("You may not change this file."))
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    before = snapshot(locked, MEMBERSHIP_FIELDS)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    changes = diff(before, snapshot(locked, MEMBERSHIP_FIELDS))
    if changes:
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=locked,
            beneficiary_id=locked.beneficiary_id,
            changes=changes,
            actor_username="" if actor else "system",
        )
    return locked


@transaction.atomic
def attendance_record(*, actor: User | None, session: CohortSession, membership: Membership, present: bool) -> None:
    if session.cohort_id != membership.cohort_id:
        raise ValidationError(_("This session belongs to another cohort."))
    if actor is not None and not beneficiary_policy.can_change(actor, membership.beneficiary):
        raise PermissionDenied(_("You may not change this file."))
    row, created = Attendance.objects.select_for_update().get_or_create(
        session=session, membership=membership, defaults={"present": present}
    )
    if not created and row.present == present:
        return
    if not created:
        row.present = present
        row.save(update_fields=["present"])
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        target=membership,
        beneficiary_id=membership.beneficiary_id,
        changes={"session": session.number, "present": present},
        actor_username="" if actor else "system",
    )


@transaction.atomic
def cohort_session_add(
    *, actor: User | None, cohort: Cohort, module, held_on: datetime.date | None = None
) -> CohortSession:
    if not may_manage_cohorts(actor):
        raise PermissionDenied(_("Only supervisors and administrators manage cohorts."))
    Cohort.objects.select_for_update().get(pk=cohort.pk)  # serialise session numbers
    last = cohort.sessions.order_by("-number").values_list("number", flat=True).first() or 0
    session = CohortSession(cohort=cohort, module=module, number=last + 1, held_on=held_on)
    session.full_clean()
    session.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target=session,
        changes={
            "cohort": cohort.edition,
            "number": session.number,
            "module": module.code,
            "held_on": held_on.isoformat() if held_on else None,
        },
        actor_username="" if actor else "system",
    )
    return session
