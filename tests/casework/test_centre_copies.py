"""Rows that copy their person's centre (casework/centre_copies.py) hold the person's centre at all times,
and the access policy scopes them on that copy exactly as it scopes the person."""

import datetime

import pytest
from django.db.models import F
from django.utils import timezone

from beneficiaries.models import Beneficiary
from beneficiaries.services import transfer_decide, transfer_request
from casework.access import beneficiary_policy, forget_shares
from casework.centre_copies import models_copying_centre
from casework.sharing import file_share_with_user
from reintegration_plans.models import FollowUp, LifeProject
from reintegration_plans.selectors import follow_up_counts, follow_up_list, project_list
from tests import factories
from tests.factories import BeneficiaryFactory
from tests.reintegration_plans import factories as plans

pytestmark = pytest.mark.django_db


def test_every_copying_model_has_a_person_and_a_centre():
    assert {FollowUp, LifeProject} <= set(models_copying_centre())
    for model in models_copying_centre():
        assert model._meta.get_field("beneficiary").related_model is Beneficiary
        assert model._meta.get_field("centre").related_model is Beneficiary._meta.get_field("centre").related_model


def test_a_follow_up_recorded_through_the_services_carries_the_persons_centre(people):
    person = BeneficiaryFactory()
    done = plans.follow_up_done(actor=people.caseworker, beneficiary=person)
    planned = plans.follow_up_planned(
        actor=people.caseworker, beneficiary=person, due_on=timezone.localdate() + datetime.timedelta(days=3)
    )
    assert {f.centre_id for f in FollowUp.objects.filter(pk__in=[done.pk, planned.pk])} == {person.centre_id}


def test_an_accepted_transfer_moves_the_follow_ups_with_the_person(people):
    person = BeneficiaryFactory()
    plans.follow_up_done(actor=people.caseworker, beneficiary=person)
    plans.follow_up_planned(actor=people.caseworker, beneficiary=person, due_on=timezone.localdate())
    plan = plans.draft(preparer=people.caseworker, beneficiary=person)
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
    for model in models_copying_centre():
        assert not model.objects.exclude(centre_id=F("beneficiary__centre_id")).exists(), model


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
    """The same rows, for every role, whether the policy reads the copy or goes through the person."""
    for centre, caseworker in (("FES", people.caseworker), ("MEK", people.neighbour), ("CAS", people.outsider)):
        person = BeneficiaryFactory(centre=factories.centre(centre))
        plans.follow_up_done(actor=caseworker, beneficiary=person)
    shared = Beneficiary.objects.filter(centre__code="CAS").first()
    file_share_with_user(actor=people.outsider, beneficiary=shared, user=people.caseworker, reason="Case conference")
    forget_shares()
    for user in (people.caseworker, people.neighbour, people.supervisor, people.outsider, people.national,
                 people.administrator, people.partner):  # fmt: skip
        on_copy = beneficiary_policy.visible(user, FollowUp.objects.all(), path="beneficiary")
        through_person = FollowUp.objects.filter(
            beneficiary__in=beneficiary_policy.visible(user, Beneficiary.objects.all())
        )
        assert set(on_copy.values_list("pk", flat=True)) == set(through_person.values_list("pk", flat=True)), user
