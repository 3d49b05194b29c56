"""Referrals to partner organisations: sent only with the person's consent, then answered and completed."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary, Consent, ConsentPurpose
from casework.audit import diff, snapshot
from casework.models import AuditAction, User

from ..models import ConsentBasis, Domain, PartnerOrganisation, Referral, ReferralStatus
from ._common import audit, audit_update, require_prepare

AUDIT_FIELDS = [
    "partner_id",
    "domain_id",
    "reason",
    "consent_basis",
    "consent_id",
    "status",
    "outcome",
    "sent_on",
    "answered_on",
    "completed_on",
]

# status -> statuses it may move to
NEXT_STATUSES = {
    ReferralStatus.SENT: {ReferralStatus.ACCEPTED, ReferralStatus.REFUSED},
    ReferralStatus.ACCEPTED: {ReferralStatus.COMPLETED},
    ReferralStatus.REFUSED: set(),
    ReferralStatus.COMPLETED: set(),
}


def active_sharing_consent(*, beneficiary: Beneficiary, partner: PartnerOrganisation, on: datetime.date):
    """The person's sharing consent that covers this partner on that day, or None."""
    if not partner.consent_partner:
        return None
    return (
        Consent.objects.filter(
            beneficiary=beneficiary,
            purpose=ConsentPurpose.SHARING,
            partner=partner.consent_partner,
            given_on__lte=on,
            withdrawn_on__isnull=True,
        )
        .order_by("-given_on")
        .first()
    )


@transaction.atomic
def referral_send(
    *,
    actor: User,
    beneficiary: Beneficiary,
    partner: PartnerOrganisation,
    reason: str,
    sent_on: datetime.date | None = None,
    domain: Domain | None = None,
    consent_attested: bool = False,
) -> Referral:
    """Refer the person to a partner. Refused unless the person's consent covers it: an active sharing
    consent for that partner on the file, or — for partners the consent form does not list yet — the
    caseworker's attestation of the person's written agreement."""
    require_prepare(actor, beneficiary, _("You may not refer this person."))
    sent_on = sent_on or timezone.localdate()
    if sent_on > timezone.localdate():
        raise ValidationError({"sent_on": _("A referral cannot be dated in the future.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the person is referred to this partner.")})
    if not partner.is_active:
        raise ValidationError({"partner": _("This partner is no longer in the directory.")})
    consent = None
    if partner.consent_partner:
        consent = active_sharing_consent(beneficiary=beneficiary, partner=partner, on=sent_on)
        if consent is None:
            raise ValidationError(
                {
                    "partner": _(
                        "%(person)s has no active consent to share their file with %(partner)s. Record the "
                        "person's consent on their file first; nothing was sent."
                    )
                    % {"person": beneficiary.file_number, "partner": partner.name}
                },
                code="no_consent",
            )
        basis = ConsentBasis.RECORDED
    else:
        if not consent_attested:
            raise ValidationError(
                {
                    "consent_attested": _(
                        "Confirm that the person agreed in writing to this referral; nothing was sent."
                    )
                },
                code="no_consent",
            )
        basis = ConsentBasis.ATTESTED
    referral = Referral(
        beneficiary=beneficiary,
        partner=partner,
        domain=domain,
        reason=reason.strip(),
        consent_checked=True,
        consent_basis=basis,
        consent=consent,
        sent_on=sent_on,
        created_by=actor,
    )
    referral.full_clean()
    referral.save()
    audit(
        actor=actor,
        action=AuditAction.CREATE,
        target=referral,
        beneficiary_id=beneficiary.pk,
        changes=snapshot(referral, AUDIT_FIELDS),
    )
    return referral


@transaction.atomic
def referral_update_status(
    *, actor: User, referral: Referral, status: str, outcome: str = "", on: datetime.date | None = None
) -> Referral:
    """Record the partner's answer (accepted / refused) or the completion, with its outcome."""
    require_prepare(actor, referral.beneficiary, _("You may not change this referral."))
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    if status not in NEXT_STATUSES.get(locked.status, set()):
        raise ValidationError(
            _("A referral that is “%(current)s” cannot become “%(new)s”."),
            code="illegal_transition",
            params={
                "current": ReferralStatus(locked.status).label,
                "new": ReferralStatus(status).label if status in ReferralStatus.values else status,
            },
        )
    outcome = (outcome or "").strip()
    if status in (ReferralStatus.REFUSED, ReferralStatus.COMPLETED) and not outcome:
        raise ValidationError({"outcome": _("Write down the outcome.")})
    on = on or timezone.localdate()
    if on > timezone.localdate() or on < locked.sent_on:
        raise ValidationError({"on": _("The date must be between the sending of the referral and today.")})
    before = snapshot(locked, AUDIT_FIELDS)
    locked.status = status
    if outcome:
        locked.outcome = outcome
    if status == ReferralStatus.COMPLETED:
        locked.completed_on = on
    else:
        locked.answered_on = on
    locked.full_clean()
    locked.save()
    audit_update(
        actor=actor,
        target=locked,
        beneficiary_id=locked.beneficiary_id,
        changes=diff(before, snapshot(locked, AUDIT_FIELDS)),
    )
    return locked


def referral_record_view(*, actor: User, referral: Referral) -> None:
    audit(actor=actor, action=AuditAction.VIEW, target=referral, beneficiary_id=referral.beneficiary_id, changes={})
