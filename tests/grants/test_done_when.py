"""The issue's "Done when", end to end through the pages, each point asserted from the database:

- a caseworker proposes a project with five equipment lines; the supervisor approves a reduced amount; the
  envelope's remaining amount drops by exactly that amount; a second approval that would exceed the envelope
  is refused with a clear message and changes nothing;
- a delivery with a signed receipt moves money from committed to spent; monitoring visits appear due at
  3, 6 and 12 months;
- the envelope dashboard shows it, with server-side SVG charts.
(The demo figures — 50 grants, events of 15/16/19, 2 women, 2,576,296.77 MAD — are test_demo.py.)"""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from casework.notifications.models import Notification
from grants.models import Envelope, Grant, GrantStatus
from grants.services.deliveries import add_months
from tests import factories
from tests.grants import factories as gf
from tests.grants.conftest import PDF
from tests.grants.test_pages import line_data

pytestmark = pytest.mark.django_db


def test_done_when(people, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    admin = login(people.administrator)
    admin.post(
        reverse("grants:envelope_create"),
        {"name": "Operation", "funder": "Foundation", "period_start": "2021-05-01", "period_end": "2021-05-31",
         "total_amount": "50000.00"},
    )  # fmt: skip
    envelope = Envelope.objects.get()
    person = factories.BeneficiaryFactory(centre=factories.centre("FES"))

    # 1. Five equipment lines, proposed by the caseworker.
    caseworker = login(people.caseworker)
    caseworker.post(
        reverse("grants:create"),
        {"file_number": person.file_number, "sector": gf.sector().pk, "title": "Atelier", "description": "d",
         "location": "Fès", "business_plan": "b", "training_and_skills": "t", "expected_monthly_income": "3500",
         **line_data(gf.FIVE_LINES)},
    )  # fmt: skip
    grant = Grant.objects.get(beneficiary=person)
    assert grant.lines.count() == 5 and grant.requested_amount == Decimal("26601.00")
    caseworker.post(reverse("grants:submit", args=[grant.pk]))

    # 2. The supervisor approves a reduced amount: remaining drops by exactly that amount.
    supervisor = login(people.supervisor)
    response = supervisor.post(
        reverse("grants:decide", args=[grant.pk]),
        {"decision": "approve", "envelope": envelope.pk, "approved_amount": "25000.00", "amount_reason": "Quote"},
    )
    assert response.status_code == 302
    envelope.refresh_from_db()
    assert envelope.remaining_amount == Decimal("25000.00") and envelope.committed_amount == Decimal("25000.00")
    told = Notification.objects.get(recipient=people.caseworker, kind="grant_decided")
    assert told.params["variant"] == "approve" and told.params["file_number"] == person.file_number
    assert told.url == reverse("grants:detail", args=[grant.pk])

    # 3. A second approval that would exceed the envelope: refused, clear message, nothing changed.
    second = gf.submitted(proposer=people.caseworker)  # 26,601.00 > 25,000.00 left
    response = supervisor.post(
        reverse("grants:decide", args=[second.pk]), {"decision": "approve", "envelope": envelope.pk}
    )
    assert response.status_code == 200
    assert "would exceed the envelope" in response.content.decode()
    assert "25,000.00" in response.content.decode()
    second.refresh_from_db()
    assert second.status == GrantStatus.SUBMITTED and second.approved_amount is None
    assert Notification.objects.filter(kind="grant_decided").count() == 1  # the refused approval told nobody
    assert Envelope.objects.filter(pk=envelope.pk, committed_amount=Decimal("25000.00"), spent_amount=0).exists()

    # 4. The administrator organises the event and puts the grant on it; delivery with a signed receipt.
    admin = login(people.administrator)
    fes = factories.centre("FES")
    admin.post(
        reverse("grants:event_create"),
        {"envelope": envelope.pk, "centre": fes.pk, "city": "Fès", "date": "2021-05-25", "place": "Wilaya",
         "officials-TOTAL_FORMS": "1", "officials-INITIAL_FORMS": "0", "officials-0-title": "Wali"},
    )  # fmt: skip
    event = envelope.events.get()
    admin.post(reverse("grants:event", args=[event.pk]), {"grants": [grant.pk]})
    delivered_on = add_months(timezone.localdate(), -3) + datetime.timedelta(days=2)
    caseworker = login(people.caseworker)
    response = caseworker.post(
        reverse("grants:deliver", args=[grant.pk]),
        {"delivered_on": str(delivered_on), "event": event.pk, "items": [line.pk for line in grant.lines.all()],
         "receipt": SimpleUploadedFile("signed.pdf", PDF, content_type="application/pdf")},
    )  # fmt: skip
    assert response.status_code == 302
    envelope.refresh_from_db()
    assert (envelope.committed_amount, envelope.spent_amount) == (Decimal("0.00"), Decimal("25000.00"))
    grant.refresh_from_db()
    assert grant.status == GrantStatus.DELIVERED and grant.delivery.receipt

    # 5. Monitoring visits at 3, 6 and 12 months; the 3-month one is due now.
    visits = list(grant.visits.order_by("months_after"))
    assert [(v.months_after, v.due_on) for v in visits] == [(m, add_months(delivered_on, m)) for m in (3, 6, 12)]
    assert [v.state() for v in visits] == ["due", "scheduled", "scheduled"]
    due = caseworker.get(reverse("grants:visits")).context["page"].object_list
    assert [v.pk for v in due] == [visits[0].pk]

    # 6. The dashboard, with its server-side SVG charts.
    page = login(people.supervisor).get(reverse("grants:envelope", args=[envelope.pk])).content.decode()
    assert page.count("<svg") == 3 and "<script" not in page.split("<main", 1)[-1].split("</main>")[0]
    assert "<text" in page and "25,000.00" in page


def test_charts_mirror_in_arabic(people, scene, login, settings):
    client = login(people.supervisor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    page = client.get(reverse("grants:envelope", args=[scene.envelope.pk])).content.decode()
    assert page.count("<svg") == 3 and 'direction="rtl"' in page
