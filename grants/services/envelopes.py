"""Budget envelopes: creation, allocations, and the locked counters (commit, spend)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from casework.audit import audit_record, diff, snapshot
from casework.models import AuditAction, Centre, Region, User

from ..access import envelope_policy
from ..models import COMMITTED_STATUSES, Envelope, EnvelopeAllocation, Grant
from ..money import format_mad, to_mad

COUNTERS = ["committed_amount", "spent_amount"]


@transaction.atomic
def envelope_create(
    *,
    actor: User,
    name: str,
    funder: str,
    period_start: datetime.date,
    period_end: datetime.date,
    total_amount: Decimal,
) -> Envelope:
    if not envelope_policy.can_manage(actor):
        raise PermissionDenied(_("Only an administrator may open a budget envelope."))
    envelope = Envelope(
        name=name,
        funder=funder,
        period_start=period_start,
        period_end=period_end,
        total_amount=to_mad(total_amount),
    )
    envelope.full_clean()
    envelope.save()
    audit_record(actor=actor, action=AuditAction.CREATE, target=envelope, changes=snapshot(envelope))
    return envelope


@transaction.atomic
def envelope_allocation_set(
    *,
    actor: User,
    envelope: Envelope,
    amount: Decimal,
    region: Region | None = None,
    centre: Centre | None = None,
) -> EnvelopeAllocation:
    """Reserve part of an envelope for a region or a city; allocations never exceed the total."""
    if not envelope_policy.can_manage(actor):
        raise PermissionDenied(_("Only an administrator may allocate a budget envelope."))
    envelope = Envelope.objects.select_for_update().get(pk=envelope.pk)
    allocation = EnvelopeAllocation.objects.filter(envelope=envelope, region=region, centre=centre).first()
    before = snapshot(allocation) if allocation else {}
    allocation = allocation or EnvelopeAllocation(envelope=envelope, region=region, centre=centre)
    allocation.amount = to_mad(amount)
    allocation.full_clean()
    others = EnvelopeAllocation.objects.filter(envelope=envelope).exclude(pk=allocation.pk).aggregate(s=Sum("amount"))[
        "s"
    ] or Decimal("0")
    if others + allocation.amount > envelope.total_amount:
        raise ValidationError(
            _("The allocations would exceed the envelope's total of %(total)s MAD."),
            code="allocation_exceeds_total",
            params={"total": format_mad(envelope.total_amount)},
        )
    allocation.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE if before else AuditAction.CREATE,
        target=allocation,
        changes=diff(before, snapshot(allocation)),
    )
    return allocation


def _check_allocation(envelope: Envelope, grant: Grant, amount: Decimal) -> None:
    """Under the envelope lock: a region's or a city's allocation, where one exists, is not exceeded."""
    centre = grant.beneficiary.centre
    for allocation in EnvelopeAllocation.objects.filter(envelope=envelope).select_related("centre", "region"):
        if allocation.centre_id == centre.pk:
            scope = {"beneficiary__centre_id": centre.pk}
        elif allocation.region_id == centre.region_id:
            scope = {"beneficiary__centre__region_id": centre.region_id}
        else:
            continue
        used = Grant.objects.filter(envelope=envelope, status__in=COMMITTED_STATUSES, **scope).aggregate(
            s=Sum("approved_amount")
        )["s"] or Decimal("0")
        if used + amount > allocation.amount:
            raise ValidationError(
                _(
                    "This approval of %(amount)s MAD would exceed the allocation for %(place)s: "
                    "%(left)s MAD remain of it. Nothing was changed."
                ),
                code="allocation_exceeded",
                params={
                    "amount": format_mad(amount),
                    "place": allocation.centre.city if allocation.centre_id else str(allocation.region),
                    "left": format_mad(allocation.amount - used),
                },
            )


def _compare_and_set(envelope: Envelope, **new_values: Decimal) -> int:
    """Write exact Decimal counters only if they are still what was read under the lock; the row count
    says whether it happened. (Exact values, not F() arithmetic, so no backend accumulates rounding.)"""
    return Envelope.objects.filter(
        pk=envelope.pk, committed_amount=envelope.committed_amount, spent_amount=envelope.spent_amount
    ).update(**new_values)


def envelope_commit(*, actor: User, envelope_id, grant: Grant, amount: Decimal) -> Envelope:
    """Commit `amount` against the envelope. Caller holds a transaction; this locks the envelope row.

    The row lock serialises concurrent approvals on PostgreSQL; the conditional UPDATE (with its
    row count) and the database CheckConstraint refuse over-commitment on any backend.
    """
    envelope = Envelope.objects.select_for_update().get(pk=envelope_id)
    before = snapshot(envelope, COUNTERS)
    if not envelope.is_open:
        raise ValidationError(_("This envelope is closed to new approvals."), code="envelope_closed")
    if amount > envelope.remaining_amount:
        raise ValidationError(
            _(
                "This approval of %(amount)s MAD would exceed the envelope “%(envelope)s”: only "
                "%(remaining)s MAD remain. Nothing was changed."
            ),
            code="envelope_exceeded",
            params={
                "amount": format_mad(amount),
                "envelope": envelope.name,
                "remaining": format_mad(envelope.remaining_amount),
            },
        )
    _check_allocation(envelope, grant, amount)
    updated = _compare_and_set(envelope, committed_amount=envelope.committed_amount + amount)
    if updated != 1:
        raise ValidationError(_("The envelope changed meanwhile; nothing was changed."), code="envelope_race")
    envelope.refresh_from_db(fields=COUNTERS)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target=envelope,
        changes=diff(before, snapshot(envelope, COUNTERS)),
    )
    return envelope


def envelope_spend(*, actor: User, envelope_id, amount: Decimal) -> Envelope:
    """Move `amount` from committed to spent (delivery). Caller holds a transaction."""
    envelope = Envelope.objects.select_for_update().get(pk=envelope_id)
    before = snapshot(envelope, COUNTERS)
    if envelope.committed_amount < amount:
        raise ValidationError(_("The envelope does not hold this commitment; nothing was changed."))
    updated = _compare_and_set(
        envelope, committed_amount=envelope.committed_amount - amount, spent_amount=envelope.spent_amount + amount
    )
    if updated != 1:
        raise ValidationError(_("The envelope does not hold this commitment; nothing was changed."))
    envelope.refresh_from_db(fields=COUNTERS)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target=envelope,
        changes=diff(before, snapshot(envelope, COUNTERS)),
    )
    return envelope
