import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from grants.services import event_assign_grants, grant_deliver
from tests.grants import factories as gf

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def in_english(client, settings):
    """These tests read messages in English; the product's default language is Arabic."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def scene(people, settings, tmp_path):
    """In Fes: an envelope, a submitted proposal, and a delivered grant (with a signed receipt) at an event."""
    settings.MEDIA_ROOT = tmp_path

    class Scene:
        envelope = gf.envelope(Decimal("100000.00"), name="May 2021 operation")
        submitted = gf.submitted(proposer=people.caseworker)
        delivered = gf.approved(proposer=people.caseworker, supervisor=people.supervisor, envelope_=envelope)
        event = gf.event(administrator=people.administrator, envelope_=envelope)

    event_assign_grants(actor=people.administrator, event=Scene.event, grants=[Scene.delivered])
    grant_deliver(
        actor=people.caseworker,
        grant=Scene.delivered,
        delivered_on=datetime.date(2021, 5, 25),
        receipt=SimpleUploadedFile("signed.pdf", PDF, content_type="application/pdf"),
    )
    Scene.delivered.refresh_from_db()
    Scene.visit = Scene.delivered.visits.order_by("months_after").first()
    return Scene
