"""Allocations of an envelope to a region or a city (centre): set, remove, and the check made at approval.

Allocations together never exceed the envelope's total, and an allocation never drops below what is
already committed or delivered in its region or city. Every write locks the envelope row first (the same
lock approvals take), so an approval and an allocation change are serialised.
"""

from __future__ import annotations

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

ZERO = Decimal("0.00")


def allocation_scope(allocation: EnvelopeAllocation) -> dict:
    """The grants an allocation covers, as a lookup on Grant."""
    if allocation.centre_id:
        return {"beneficiary__centre_id": allocation.centre_id}
    return {"beneficiary__centre__region_id": allocation.region_id}


def allocation_used(allocation: EnvelopeAllocation) -> Decimal:
    """What is committed or delivered in the allocation's region or city, against its envelope."""
    return Grant.objects.filter(
        envelope_id=allocation.envelope_id, status__in=COMMITTED_STATUSES, **allocation_scope(allocation)
    ).aggregate(s=Sum("approved_amount", default=ZERO))["s"]


def allocation_place(allocation: EnvelopeAllocation) -> str:
    return allocation.centre.city if allocation.centre_id else str(allocation.region)


@transaction.atomic
def envelope_allocation_set(
    *,
    actor: User,
    envelope: Envelope,
    amount: Decimal,
    region: Region | None = None,
    centre: Centre | None = None,
) -> EnvelopeAllocation:
    """Reserve part of an envelope for a region or a city (create, or change the amount of, that allocation)."""
    if not envelope_policy.can_manage(actor):
        raise PermissionDenied(_("Only an administrator may allocate a budget envelope."))
    if (region is None) == (centre is None):
        raise ValidationError(_("Choose either a region or a city (centre), not both."), code="region_xor_centre")
    envelope = Envelope.objects.select_for_update().get(pk=envelope.pk)
    allocation = EnvelopeAllocation.objects.filter(envelope=envelope, region=region, centre=centre).first()
    before = snapshot(allocation) if allocation else {}
    allocation = allocation or EnvelopeAllocation(envelope=envelope, region=region, centre=centre)
    allocation.amount = to_mad(amount)
    if allocation.amount <= 0:
        raise ValidationError({"amount": _("An allocation must be more than zero.")})
    allocation.full_clean()
    others = (
        EnvelopeAllocation.objects.filter(envelope=envelope)
        .exclude(pk=allocation.pk)
        .aggregate(s=Sum("amount", default=ZERO))["s"]
    )
    if others + allocation.amount > envelope.total_amount:
        raise ValidationError(
            {
                "amount": _(
                    "The allocations would exceed the envelope's total of %(total)s MAD: %(free)s MAD are not "
                    "allocated yet."
                )
                % {"total": format_mad(envelope.total_amount), "free": format_mad(envelope.total_amount - others)}
            },
            code="allocation_exceeds_total",
        )
    used = allocation_used(allocation)
    if allocation.amount < used:
        raise ValidationError(
            {
                "amount": _(
                    "The allocation for %(place)s cannot be less than the %(used)s MAD already committed or "
                    "delivered there."
                )
                % {"place": allocation_place(allocation), "used": format_mad(used)}
            },
            code="allocation_below_used",
        )
    allocation.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE if before else AuditAction.CREATE,
        target=allocation,
        changes=diff(before, snapshot(allocation)),
    )
    return allocation


@transaction.atomic
def envelope_allocation_remove(*, actor: User, allocation: EnvelopeAllocation) -> None:
    """Remove an allocation: its region or city then draws on the envelope without a cap of its own."""
    if not envelope_policy.can_manage(actor):
        raise PermissionDenied(_("Only an administrator may allocate a budget envelope."))
    Envelope.objects.select_for_update().get(pk=allocation.envelope_id)
    allocation = EnvelopeAllocation.objects.select_related("centre", "region").get(pk=allocation.pk)
    changes = snapshot(allocation)
    audit_record(actor=actor, action=AuditAction.DELETE, target=allocation, changes=changes)
    allocation.delete()


def check_allocation(envelope: Envelope, grant: Grant, amount: Decimal) -> None:
    """Under the envelope lock: a region's or a city's allocation, where one exists, is not exceeded."""
    centre = grant.beneficiary.centre
    for allocation in EnvelopeAllocation.objects.filter(envelope=envelope).select_related("centre", "region"):
        if allocation.centre_id != centre.pk and allocation.region_id != centre.region_id:
            continue
        used = allocation_used(allocation)
        if used + amount > allocation.amount:
            raise ValidationError(
                _(
                    "This approval of %(amount)s MAD would exceed the allocation for %(place)s: "
                    "%(left)s MAD remain of it. Nothing was changed."
                ),
                code="allocation_exceeded",
                params={
                    "amount": format_mad(amount),
                    "place": allocation_place(allocation),
                    "left": format_mad(allocation.amount - used),
                },
            )
