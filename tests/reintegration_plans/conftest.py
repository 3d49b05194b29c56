import datetime

import pytest
from django.utils import translation

from tests.reintegration_plans import factories as pf


@pytest.fixture(autouse=True)
def in_english(client, settings):
    """These tests read messages in English; the product's default language is Arabic."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def reference(db):
    pf.load_reference()


@pytest.fixture
def scene(people):
    """In Fes: a person with a draft plan (four domains), a submitted plan for another person, an
    active plan for a third; follow-ups done (with a health note) and planned; a referral."""

    class Scene:
        person = pf.person("FES")
        draft = pf.draft(preparer=people.caseworker, beneficiary=person)
        submitted = pf.submitted(preparer=people.caseworker)
        active = pf.active(preparer=people.caseworker, supervisor=people.supervisor, start=datetime.date(2021, 6, 1))
        done = pf.follow_up_done(actor=people.caseworker, beneficiary=person, health_note="Diabetes, insulin daily.")
        planned = pf.follow_up_planned(actor=people.caseworker, beneficiary=person, due_on=datetime.date(2030, 1, 1))

    pf.sharing_consent(beneficiary=Scene.person)
    from reintegration_plans.services import referral_send

    Scene.referral = referral_send(
        actor=people.caseworker,
        beneficiary=Scene.person,
        partner=pf.partner("foundation"),
        reason="Equipment for a tailoring workshop.",
        sent_on=datetime.date(2021, 6, 2),
    )
    return Scene
