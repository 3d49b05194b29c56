"""Referrals: refused without the person's consent for that partner; then answered and completed."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from casework.models import AuditEntry
from reintegration_plans import services
from reintegration_plans.models import ConsentBasis, Referral, ReferralStatus
from tests.reintegration_plans import factories as pf

pytestmark = pytest.mark.django_db


def send(actor, person, partner_code="foundation", **extra):
    return services.referral_send(
        actor=actor,
        beneficiary=person,
        partner=pf.partner(partner_code),
        reason="Equipment for a workshop",
        sent_on=extra.pop("sent_on", datetime.date(2021, 6, 2)),
        **extra,
    )


def test_referral_without_consent_is_refused_with_a_clear_error(people):
    person = pf.person("FES")
    with pytest.raises(ValidationError) as error:
        send(people.caseworker, person)
    message = " ".join(error.value.message_dict["partner"])
    assert "no active consent" in message and "Mohammed VI Foundation" in message and "nothing was sent" in message
    # Consent for another partner does not count; a withdrawn one does not either.
    pf.sharing_consent(beneficiary=person, partner_code="cndh")
    withdrawn = pf.sharing_consent(beneficiary=person, partner_code="foundation")
    withdrawn.withdrawn_on = datetime.date(2021, 5, 20)
    withdrawn.save()
    with pytest.raises(ValidationError):
        send(people.caseworker, person)
    assert not Referral.objects.exists()


def test_referral_with_consent_then_answered_and_completed(people):
    person = pf.person("FES")
    consent = pf.sharing_consent(beneficiary=person)
    referral = send(people.caseworker, person, domain=pf.domain("income_project"))
    assert referral.consent == consent and referral.consent_basis == ConsentBasis.RECORDED and referral.consent_checked
    assert AuditEntry.objects.filter(object_id=str(referral.pk), action="create", beneficiary_id=person.pk).exists()
    with pytest.raises(ValidationError, match="cannot become"):
        services.referral_update_status(actor=people.caseworker, referral=referral, status="completed", outcome="x")
    referral = services.referral_update_status(
        actor=people.caseworker, referral=referral, status=ReferralStatus.ACCEPTED, on=datetime.date(2021, 6, 10)
    )
    with pytest.raises(ValidationError) as error:
        services.referral_update_status(actor=people.caseworker, referral=referral, status="completed")
    assert "outcome" in error.value.message_dict
    referral = services.referral_update_status(
        actor=people.caseworker, referral=referral, status="completed", outcome="Workshop equipped."
    )
    assert referral.status == ReferralStatus.COMPLETED and referral.answered_on == datetime.date(2021, 6, 10)
    with pytest.raises(PermissionDenied):
        services.referral_update_status(actor=people.outsider, referral=referral, status="refused", outcome="x")


def test_partners_outside_the_consent_form_need_the_attestation(people):
    person = pf.person("FES")
    with pytest.raises(ValidationError) as error:
        send(people.caseworker, person, partner_code="anapec")
    assert "consent_attested" in error.value.message_dict
    referral = send(people.caseworker, person, partner_code="anapec", consent_attested=True)
    assert referral.consent_basis == ConsentBasis.ATTESTED and referral.consent is None


def test_future_date_and_empty_reason_are_refused(people):
    person = pf.person("FES")
    pf.sharing_consent(beneficiary=person)
    with pytest.raises(ValidationError) as error:
        send(people.caseworker, person, sent_on=datetime.date(2099, 1, 1))
    assert "sent_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.referral_send(actor=people.caseworker, beneficiary=person, partner=pf.partner(), reason=" ")
    assert "reason" in error.value.message_dict
