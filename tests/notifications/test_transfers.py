"""Transfers notify: the request reaches the receiving centre, the answer reaches the requester."""

import pytest
from django.core import mail

from beneficiaries.services import transfer_decide, transfer_request
from casework.notifications.kinds import NotificationKind
from casework.notifications.models import Notification
from tests import factories
from tests.factories import BeneficiaryFactory

pytestmark = pytest.mark.django_db


def test_a_request_tells_the_receiving_centre_and_its_region(people, django_capture_on_commit_callbacks):
    other_casa_caseworker = factories.caseworker("CAS", username="cw_casa_2", email="cw_casa_2@example.org")
    person = BeneficiaryFactory()
    with django_capture_on_commit_callbacks(execute=True):
        transfer = transfer_request(
            actor=people.caseworker, beneficiary=person, to_centre=factories.centre("CAS"), reason="Moved"
        )
    rows = Notification.objects.filter(kind=NotificationKind.TRANSFER_REQUESTED)
    assert {n.recipient for n in rows} == {people.outsider, other_casa_caseworker, people.outsider_supervisor}
    row = rows.get(recipient=people.outsider)
    assert row.actor == people.caseworker and row.target_id == str(transfer.pk)
    assert row.beneficiary_id == person.pk and row.url == "/people/transfers/"
    assert person.file_number in row.text and "Casablanca" in row.text
    assert [m.to for m in mail.outbox] == [["cw_casa_2@example.org"]]


@pytest.mark.parametrize("accept", [True, False])
def test_the_answer_tells_the_requester(people, accept):
    person = BeneficiaryFactory()
    transfer = transfer_request(
        actor=people.caseworker, beneficiary=person, to_centre=factories.centre("CAS"), reason="Moved"
    )
    transfer_decide(actor=people.outsider, transfer=transfer, accept=accept)
    row = Notification.objects.get(kind=NotificationKind.TRANSFER_DECIDED)
    assert row.recipient == people.caseworker and row.actor == people.outsider
    assert ("accepted" if accept else "refused") in row.text
    # Once accepted the file is no longer the requester's: no link to a page that would answer 404.
    assert row.url == ("" if accept else f"/people/{person.pk}/")


def test_a_failed_request_tells_nobody(people):
    person = BeneficiaryFactory()
    with pytest.raises(Exception):  # noqa: B017
        transfer_request(actor=people.caseworker, beneficiary=person, to_centre=person.centre, reason="x")
    assert not Notification.objects.exists()
