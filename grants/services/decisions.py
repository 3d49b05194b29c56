"""The supervisor's decision on a submitted proposal: approve (commit against an envelope), return, reject."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.audit import audit_record, diff, snapshot
from casework.models import AuditAction, User
from casework.notifications.kinds import NotificationKind
from casework.notifications.services import notify

from ..access import can_decide
from ..models import Envelope, Grant
from ..money import to_mad
from ..workflow import Action, transition_target
from .proposals import AUDIT_FIELDS

DECISION_AUDIT_FIELDS = [
    *AUDIT_FIELDS,
    "approved_amount",
    "amount_reason",
    "decision_reason",
    "decided_by_id",
]


class Decision(models.TextChoices):
    APPROVE = Action.APPROVE.value, gettext_lazy("Approve")
    RETURN = Action.RETURN.value, gettext_lazy("Return for changes")
    REJECT = Action.REJECT.value, gettext_lazy("Reject")


@transaction.atomic
def grant_decide(
    *,
    actor: User,
    grant: Grant,
    decision: str,
    envelope: Envelope | None = None,
    approved_amount: Decimal | None = None,
    amount_reason: str = "",
    reason: str = "",
) -> Grant:
    """Decide on a submitted proposal. Approval commits the amount against the envelope, under its lock;
    if the envelope (or its regional/city allocation) cannot hold it, nothing changes."""
    grant = Grant.objects.select_for_update().get(pk=grant.pk)
    if not can_decide(actor, grant):
        if actor.pk == grant.proposed_by_id:
            raise PermissionDenied(_("Nobody may decide on their own proposal."))
        raise PermissionDenied(_("Only a programme supervisor may decide on a proposal."))
    target = transition_target(grant.status, Decision(decision).value)
    before = snapshot(grant, DECISION_AUDIT_FIELDS)
    reason = reason.strip()
    amount_reason = amount_reason.strip()

    if decision == Decision.APPROVE:
        envelope = envelope or grant.envelope
        if envelope is None:
            raise ValidationError({"envelope": _("Choose the envelope this grant is committed against.")})
        amount = to_mad(approved_amount if approved_amount is not None else grant.requested_amount)
        if amount <= 0:
            raise ValidationError({"approved_amount": _("The approved amount must be more than zero.")})
        if amount != grant.requested_amount and not amount_reason:
            raise ValidationError(
                {"amount_reason": _("Say why the approved amount differs from the requested amount.")}
            )
        grant.envelope = envelope
        grant.approved_amount = amount
        grant.amount_reason = amount_reason
        grant.decision_reason = reason
    else:
        if not reason:
            raise ValidationError({"reason": _("Give the reason, so the caseworker knows what to do next.")})
        grant.decision_reason = reason

    grant.status = target
    grant.decided_by = actor
    grant.decided_at = timezone.now()
    grant.full_clean()
    if decision == Decision.APPROVE:
        # Lock order everywhere: grant, then envelope.
        from .envelopes import envelope_commit

        envelope_commit(actor=actor, envelope_id=grant.envelope_id, grant=grant, amount=grant.approved_amount)
    grant.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target=grant,
        beneficiary_id=grant.beneficiary_id,
        changes=diff(before, snapshot(grant, DECISION_AUDIT_FIELDS)),
    )
    # The proposer learns the decision (in the app and by e-mail, once this transaction commits).
    notify(
        recipients=[grant.proposed_by],
        kind=NotificationKind.GRANT_DECIDED,
        actor=actor,
        target=grant,
        url=reverse("grants:detail", kwargs={"grant_id": grant.pk}),
        beneficiary_id=grant.beneficiary_id,
        params={"file_number": grant.beneficiary.file_number, "variant": Decision(decision).value},
    )
    return grant
