"""Budget envelopes: creation, allocations, and the locked counters (commit, spend)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from casework.audit import audit_record, diff, snapshot
from casework.models import AuditAction, User

from ..access import envelope_policy
from ..models import Envelope, Grant
from ..money import format_mad, to_mad
from .allocations import check_allocation

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
        name=name.strip(),
        funder=funder.strip(),
        period_start=period_start,
        period_end=period_end,
        total_amount=to_mad(total_amount),
    )
    envelope.full_clean()
    envelope.save()
    audit_record(actor=actor, action=AuditAction.CREATE, target=envelope, changes=snapshot(envelope))
    return envelope


ENVELOPE_FIELDS = ["name", "funder", "period_start", "period_end", "total_amount", "is_open"]


@transaction.atomic
def envelope_update(
    *,
    actor: User,
    envelope: Envelope,
    name: str,
    funder: str,
    period_start: datetime.date,
    period_end: datetime.date,
    total_amount: Decimal,
    is_open: bool,
) -> Envelope:
    """Change an envelope. Its total never drops below what is committed and delivered against it, nor
    below its allocations; closing it stops new approvals (deliveries of approved grants go on)."""
    if not envelope_policy.can_manage(actor):
        raise PermissionDenied(_("Only an administrator may change a budget envelope."))
    envelope = Envelope.objects.select_for_update().get(pk=envelope.pk)
    before = snapshot(envelope, ENVELOPE_FIELDS)
    total_amount = to_mad(total_amount)
    used = envelope.committed_amount + envelope.spent_amount
    if total_amount < used:
        raise ValidationError(
            {
                "total_amount": _(
                    "The total cannot be less than the %(used)s MAD already committed or delivered against "
                    "this envelope."
                )
                % {"used": format_mad(used)}
            }
        )
    allocated = envelope.allocations.aggregate(s=Sum("amount", default=Decimal("0")))["s"]
    if total_amount < allocated:
        raise ValidationError(
            {
                "total_amount": _(
                    "The total cannot be less than the %(allocated)s MAD allocated to regions and cities."
                )
                % {"allocated": format_mad(allocated)}
            }
        )
    envelope.name, envelope.funder = name.strip(), funder.strip()
    envelope.period_start, envelope.period_end = period_start, period_end
    envelope.total_amount, envelope.is_open = total_amount, is_open
    envelope.full_clean()
    envelope.save(update_fields=ENVELOPE_FIELDS)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target=envelope,
        changes=diff(before, snapshot(envelope, ENVELOPE_FIELDS)),
    )
    return envelope


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
    check_allocation(envelope, grant, amount)
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
