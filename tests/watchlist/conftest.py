import pytest
from django.utils import translation

from tests.watchlist import factories as wf


@pytest.fixture(autouse=True)
def in_english(client, settings):
    """These tests read messages in English; the product's default language is Arabic."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def scene(people):
    """Alerts on a Fes person and a Meknes person (Fes-Meknes region) and on a Casablanca person. The Meknes
    caseworker (`people.neighbour`) holds a live authorisation; the Fes caseworker does not."""

    class Scene:
        fes_person = wf.person("FES")
        mek_person = wf.person("MEK")
        casa_person = wf.person("CAS")
        fes_alert = wf.alert(fes_person, "lost_contact")
        mek_alert = wf.alert(mek_person, "lost_contact", severity="low")
        casa_alert = wf.alert(casa_person, "missed_followups", severity="high")
        authorisation = wf.authorise(people.neighbour, by=people.administrator)

    return Scene
