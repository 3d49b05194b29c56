"""Distribution events: create one, put approved grants on it."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from casework.access import beneficiary_policy
from casework.audit import audit_record, diff, snapshot
from casework.models import AuditAction, Centre, User

from ..access import event_policy
from ..models import DistributionEvent, Envelope, Grant, GrantStatus


@transaction.atomic
def event_create(
    *,
    actor: User,
    envelope: Envelope,
    centre: Centre,
    city: str,
    date: datetime.date,
    place: str,
    officials: str = "",
) -> DistributionEvent:
    if not (event_policy.can_manage(actor) and actor.is_administrator):
        raise PermissionDenied(_("Only an administrator may organise a distribution event."))
    event = DistributionEvent(
        envelope=envelope, centre=centre, city=city, date=date, place=place, officials=officials.strip()
    )
    event.full_clean()
    event.save()
    audit_record(actor=actor, action=AuditAction.CREATE, target=event, changes=snapshot(event))
    return event


@transaction.atomic
def event_assign_grants(*, actor: User, event: DistributionEvent, grants: list[Grant]) -> int:
    """Put approved grants of the event's envelope on the event (they are handed over there)."""
    if not event_policy.can_manage(actor):
        raise PermissionDenied(_("You may not change who receives equipment at this event."))
    ids = [g.pk for g in grants]
    locked = list(
        beneficiary_policy.changeable(actor, Grant.objects.select_for_update(), path="beneficiary")
        .filter(pk__in=ids)
        .order_by("pk")
    )
    if len(locked) != len(set(ids)):
        raise PermissionDenied(_("You may not change these grants."))
    for grant in locked:
        if grant.status != GrantStatus.APPROVED or grant.envelope_id != event.envelope_id:
            raise ValidationError(
                _("Only approved grants of this event's envelope can be handed over at it: “%(grant)s”."),
                code="not_assignable",
                params={"grant": grant.title},
            )
        before = snapshot(grant, ["event_id"])
        grant.event = event
        grant.full_clean()
        grant.save(update_fields=["event", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=grant,
            beneficiary_id=grant.beneficiary_id,
            changes=diff(before, snapshot(grant, ["event_id"])),
        )
    return len(locked)


def event_record_attendance_print(*, actor: User, event: DistributionEvent, grants: list[Grant]) -> None:
    """A printed signature sheet carries names out of the system: one export entry per person on it."""
    for grant in grants:
        audit_record(
            actor=actor,
            action=AuditAction.EXPORT,
            target=grant,
            beneficiary_id=grant.beneficiary_id,
            changes={"document": "attendance sheet", "event": str(event.pk)},
        )
