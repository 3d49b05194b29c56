"""Distribution events: organise one (administrators), change it, put approved grants on it or take them off
(administrators and supervisors, for the people in their scope)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from casework.access import beneficiary_policy
from casework.audit import audit_record, diff, snapshot
from casework.models import AuditAction, Centre, User

from ..access import event_policy
from ..models import DistributionEvent, Envelope, EventOfficial, Grant, GrantStatus

EVENT_FIELDS = ["envelope_id", "centre_id", "city", "date", "place"]


@dataclass(frozen=True)
class OfficialData:
    """An official present: the title or function is required, the name and organisation are optional."""

    title: str
    name: str = ""
    organisation: str = ""


def _officials_snapshot(event: DistributionEvent) -> list[str]:
    return [str(official) for official in event.officials.all()]


def _replace_officials(event: DistributionEvent, officials: list[OfficialData]) -> None:
    rows = []
    for position, data in enumerate(officials):
        row = EventOfficial(
            event=event,
            position=position,
            title=data.title.strip(),
            name=data.name.strip(),
            organisation=data.organisation.strip(),
        )
        if not row.title:
            raise ValidationError({"officials": _("Give each official's title or function.")})
        row.full_clean()
        rows.append(row)
    event.officials.all().delete()
    EventOfficial.objects.bulk_create(rows)


def _require_administrator(actor: User) -> None:
    if not (event_policy.can_manage(actor) and actor.is_administrator):
        raise PermissionDenied(_("Only an administrator may organise a distribution event."))


@transaction.atomic
def event_create(
    *,
    actor: User,
    envelope: Envelope,
    centre: Centre,
    city: str,
    date: datetime.date,
    place: str,
    officials: list[OfficialData] = (),
) -> DistributionEvent:
    _require_administrator(actor)
    event = DistributionEvent(envelope=envelope, centre=centre, city=city.strip(), date=date, place=place.strip())
    event.full_clean()
    event.save()
    _replace_officials(event, list(officials))
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target=event,
        changes={**snapshot(event, EVENT_FIELDS), "officials": _officials_snapshot(event)},
    )
    return event


@transaction.atomic
def event_update(
    *,
    actor: User,
    event: DistributionEvent,
    envelope: Envelope,
    centre: Centre,
    city: str,
    date: datetime.date,
    place: str,
    officials: list[OfficialData],
) -> DistributionEvent:
    """Change an event's details and its officials. Its envelope changes only while no grant is on it."""
    _require_administrator(actor)
    event = DistributionEvent.objects.select_for_update().get(pk=event.pk)
    before = {**snapshot(event, EVENT_FIELDS), "officials": _officials_snapshot(event)}
    if envelope.pk != event.envelope_id and event.grants.exists():
        raise ValidationError(
            {"envelope": _("Grants are already on this event: its envelope can no longer change.")},
            code="envelope_locked",
        )
    event.envelope, event.centre = envelope, centre
    event.city, event.date, event.place = city.strip(), date, place.strip()
    event.full_clean()
    event.save()
    _replace_officials(event, officials)
    after = {**snapshot(event, EVENT_FIELDS), "officials": _officials_snapshot(event)}
    audit_record(actor=actor, action=AuditAction.UPDATE, target=event, changes=diff(before, after))
    return event


@transaction.atomic
def event_delete(*, actor: User, event: DistributionEvent) -> None:
    """Cancel an event that nobody is on yet."""
    _require_administrator(actor)
    event = DistributionEvent.objects.select_for_update().get(pk=event.pk)
    if event.grants.exists():
        raise ValidationError(
            _("Take the grants off this event (or record their delivery elsewhere) before cancelling it."),
            code="event_not_empty",
        )
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        target=event,
        changes={**snapshot(event, EVENT_FIELDS), "officials": _officials_snapshot(event)},
    )
    event.delete()


def _lock_changeable(actor: User, ids: list) -> list[Grant]:
    locked = list(
        beneficiary_policy.changeable(actor, Grant.objects.select_for_update(), path="beneficiary")
        .filter(pk__in=ids)
        .order_by("pk")
    )
    if len(locked) != len(set(ids)):
        raise PermissionDenied(_("You may not change these grants."))
    return locked


def _set_event(actor: User, grant: Grant, event: DistributionEvent | None) -> None:
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


@transaction.atomic
def event_assign_grants(*, actor: User, event: DistributionEvent, grants: list[Grant]) -> int:
    """Put approved grants of the event's envelope on the event (they are handed over there)."""
    if not event_policy.can_manage(actor):
        raise PermissionDenied(_("You may not change who receives equipment at this event."))
    locked = _lock_changeable(actor, [g.pk for g in grants])
    for grant in locked:
        if grant.status != GrantStatus.APPROVED or grant.envelope_id != event.envelope_id:
            raise ValidationError(
                _("Only approved grants of this event's envelope can be handed over at it: “%(grant)s”."),
                code="not_assignable",
                params={"grant": grant.title},
            )
        _set_event(actor, grant, event)
    return len(locked)


@transaction.atomic
def event_remove_grant(*, actor: User, event: DistributionEvent, grant: Grant) -> Grant:
    """Take an approved, not yet delivered grant off an event (the person was absent, for instance)."""
    if not event_policy.can_manage(actor):
        raise PermissionDenied(_("You may not change who receives equipment at this event."))
    (grant,) = _lock_changeable(actor, [grant.pk])
    if grant.event_id != event.pk:
        raise ValidationError(_("This grant is not on this event."), code="not_on_event")
    if grant.status != GrantStatus.APPROVED:
        raise ValidationError(
            _("A delivered grant stays on the event where its equipment was handed over."), code="delivered"
        )
    _set_event(actor, grant, None)
    return grant


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
