"""Rows that copy their person's centre (casework/centre_copies.py) hold the person's centre at all times,
and the access policy scopes them on that copy exactly as it scopes the person."""

import datetime

import pytest
from django.db.models import Count, F
from django.utils import timezone

from beneficiaries.models import Beneficiary
from beneficiaries.services import transfer_decide, transfer_request
from casework.access import beneficiary_policy, forget_shares
from casework.centre_copies import models_copying_centre
from casework.sharing import file_share_with_user
from grants.models import Delivery, Grant, MonitoringVisit
from grants.services import event_assign_grants, grant_deliver
from reintegration_plans.models import FollowUp, LifeProject, Referral
from reintegration_plans.selectors import follow_up_counts, follow_up_list, project_list
from reintegration_plans.services import referral_send
from tests import factories
from tests.factories import BeneficiaryFactory
from tests.grants import factories as grants
from tests.reintegration_plans import factories as plans

pytestmark = pytest.mark.django_db


def test_every_copying_model_has_a_person_and_a_centre():
    assert {FollowUp, LifeProject, Referral, Grant, Delivery, MonitoringVisit} <= set(models_copying_centre())
    centre_model = Beneficiary._meta.get_field("centre").related_model
    for model in models_copying_centre():
        person = model
        for hop in model.person_path.split("__"):
            person = person._meta.get_field(hop).related_model
        assert person is Beneficiary, model
        source = model._meta.get_field(model.centre_source).related_model
        assert source is Beneficiary or getattr(source, "copies_person_centre", False), model
        assert model._meta.get_field("centre").related_model is centre_model


def delivered_grant(people, person):
    """A grant of `person` delivered at an event: its delivery and three monitoring visits."""
    envelope = grants.envelope()
    grant = grants.approved(
        proposer=people.caseworker, supervisor=people.supervisor, envelope_=envelope, beneficiary=person
    )
    event = grants.event(administrator=people.administrator, envelope_=envelope)
    event_assign_grants(actor=people.administrator, event=event, grants=[grant])
    grant_deliver(actor=people.caseworker, grant=grant, delivered_on=datetime.date(2021, 5, 25))
    return grant


def referral(actor, person) -> Referral:
    plans.sharing_consent(beneficiary=person)
    return referral_send(actor=actor, beneficiary=person, partner=plans.partner(), reason="Workshop")


def test_a_referral_sent_through_the_services_carries_the_persons_centre(people):
    person = BeneficiaryFactory()
    assert Referral.objects.get(pk=referral(people.caseworker, person).pk).centre_id == person.centre_id


def test_a_grant_its_delivery_and_its_visits_carry_the_persons_centre(people):
    grants.reference_data()
    person = BeneficiaryFactory()
    grant = delivered_grant(people, person)
    assert Grant.objects.get(pk=grant.pk).centre_id == person.centre_id
    assert Delivery.objects.get(grant=grant).centre_id == person.centre_id
    assert set(MonitoringVisit.objects.filter(grant=grant).values_list("centre_id", flat=True)) == {person.centre_id}


def test_a_follow_up_recorded_through_the_services_carries_the_persons_centre(people):
    person = BeneficiaryFactory()
    done = plans.follow_up_done(actor=people.caseworker, beneficiary=person)
    planned = plans.follow_up_planned(
        actor=people.caseworker, beneficiary=person, due_on=timezone.localdate() + datetime.timedelta(days=3)
    )
    assert {f.centre_id for f in FollowUp.objects.filter(pk__in=[done.pk, planned.pk])} == {person.centre_id}


def test_an_accepted_transfer_moves_the_follow_ups_with_the_person(people):
    grants.reference_data()
    person = BeneficiaryFactory()
    grant = delivered_grant(people, person)
    plans.follow_up_done(actor=people.caseworker, beneficiary=person)
    plans.follow_up_planned(actor=people.caseworker, beneficiary=person, due_on=timezone.localdate())
    plan = plans.draft(preparer=people.caseworker, beneficiary=person)
    referral(people.caseworker, person)
    assert follow_up_list(user=people.caseworker).filter(beneficiary=person).count() == 2
    assert follow_up_list(user=people.outsider).filter(beneficiary=person).count() == 0

    transfer = transfer_request(
        actor=people.caseworker, beneficiary=person, to_centre=factories.centre("CAS"), reason="Moved"
    )
    transfer_decide(actor=people.outsider, transfer=transfer, accept=True)

    person.refresh_from_db()
    assert set(FollowUp.objects.filter(beneficiary=person).values_list("centre_id", flat=True)) == {person.centre_id}
    assert follow_up_list(user=people.outsider).filter(beneficiary=person).count() == 2
    assert follow_up_list(user=people.caseworker).filter(beneficiary=person).count() == 0
    assert follow_up_counts(user=people.outsider)["due"] == 1
    plan.refresh_from_db()
    assert plan.centre_id == person.centre_id
    assert project_list(user=people.outsider).filter(pk=plan.pk).exists()
    assert not project_list(user=people.caseworker).filter(pk=plan.pk).exists()
    assert not beneficiary_policy.visible(people.caseworker, Delivery.objects.all(), path="grant__beneficiary").exists()
    assert (
        beneficiary_policy.visible(
            people.outsider, MonitoringVisit.objects.filter(grant=grant), path="grant__beneficiary"
        ).count()
        == 3
    )
    for model in models_copying_centre():
        assert model.objects.filter(**{model.person_path: person}).exists(), model
        assert not model.objects.exclude(centre_id=F(f"{model.person_path}__centre_id")).exists(), model


def test_a_refused_transfer_leaves_the_follow_ups_where_they_are(people):
    person = BeneficiaryFactory()
    plans.follow_up_done(actor=people.caseworker, beneficiary=person)
    transfer = transfer_request(
        actor=people.caseworker, beneficiary=person, to_centre=factories.centre("CAS"), reason="Moved"
    )
    transfer_decide(actor=people.outsider, transfer=transfer, accept=False)
    assert follow_up_list(user=people.caseworker).filter(beneficiary=person).count() == 1
    assert follow_up_list(user=people.outsider).filter(beneficiary=person).count() == 0


def test_a_shared_file_opens_its_follow_ups_to_the_colleague_of_another_centre(people):
    person = BeneficiaryFactory()
    plans.follow_up_planned(actor=people.caseworker, beneficiary=person, due_on=timezone.localdate())
    other = BeneficiaryFactory()
    plans.follow_up_done(actor=people.caseworker, beneficiary=other)
    assert beneficiary_policy.visible(people.outsider, FollowUp.objects.all(), path="beneficiary").count() == 0

    file_share_with_user(actor=people.caseworker, beneficiary=person, user=people.outsider, reason="Case conference")
    forget_shares()
    seen = beneficiary_policy.visible(people.outsider, FollowUp.objects.all(), path="beneficiary")
    assert set(seen.values_list("beneficiary_id", flat=True)) == {person.pk}
    assert follow_up_counts(user=people.outsider)["due"] == 1


def test_the_scope_on_the_copy_is_the_scope_through_the_person(people):
    """The same rows, for every role and every copying model, whether the policy reads the copy or goes
    through the person."""
    grants.reference_data()
    for centre, caseworker in (("FES", people.caseworker), ("MEK", people.neighbour), ("CAS", people.outsider)):
        person = BeneficiaryFactory(centre=factories.centre(centre))
        plans.follow_up_done(actor=caseworker, beneficiary=person)
        plans.draft(preparer=caseworker, beneficiary=person)
        referral(caseworker, person)
        grants.proposal(proposer=caseworker, beneficiary=person)
    delivered_grant(people, BeneficiaryFactory(centre=factories.centre("FES")))
    shared = Beneficiary.objects.filter(centre__code="CAS").first()
    file_share_with_user(actor=people.outsider, beneficiary=shared, user=people.caseworker, reason="Case conference")
    forget_shares()
    for user in (people.caseworker, people.neighbour, people.supervisor, people.outsider, people.national,
                 people.administrator, people.partner):  # fmt: skip
        people_seen = beneficiary_policy.visible(user, Beneficiary.objects.all())
        for model in models_copying_centre():
            on_copy = beneficiary_policy.visible(user, model.objects.all(), path=model.person_path)
            through_person = model.objects.filter(**{f"{model.person_path}__in": people_seen})
            assert set(on_copy.values_list("pk", flat=True)) == set(through_person.values_list("pk", flat=True)), (
                user,
                model,
            )
            parts = beneficiary_policy.count_visible(user, model.objects.all(), path=model.person_path, n=Count("pk"))
            assert parts["n"] == through_person.count(), (user, model)
