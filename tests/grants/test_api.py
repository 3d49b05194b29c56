from decimal import Decimal

import pytest

from grants.models import Envelope, GrantStatus
from tests.grants import factories as gf

pytestmark = pytest.mark.django_db

BASE = "/api/v1/grants"


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_lists_are_scoped_and_paginated(people, scene, login):
    client = login(people.caseworker)
    assert ids(client.get(f"{BASE}/proposals/")) == {str(scene.submitted.pk), str(scene.delivered.pk)}
    assert ids(client.get(f"{BASE}/deliveries/")) == {str(scene.delivered.delivery.pk)}
    assert len(ids(client.get(f"{BASE}/monitoring/"))) == 3
    assert ids(client.get(f"{BASE}/events/")) == {str(scene.event.pk)}
    assert ids(client.get(f"{BASE}/envelopes/")) == set()  # programme level: supervisors and administrators

    outsider = login(people.outsider)
    for endpoint in ["proposals", "deliveries", "monitoring", "events", "envelopes"]:
        assert ids(outsider.get(f"{BASE}/{endpoint}/")) == set(), endpoint
    partner = login(people.partner)
    for endpoint in ["proposals", "deliveries", "monitoring", "events", "envelopes"]:
        assert ids(partner.get(f"{BASE}/{endpoint}/")) == set(), endpoint


def test_details_out_of_scope_are_404(people, scene, login):
    outsider = login(people.outsider)
    for path in [
        f"proposals/{scene.submitted.pk}/",
        f"deliveries/{scene.delivered.delivery.pk}/",
        f"monitoring/{scene.visit.pk}/",
        f"events/{scene.event.pk}/",
        f"envelopes/{scene.envelope.pk}/",
    ]:
        assert outsider.get(f"{BASE}/{path}").status_code == 404, path
    assert login(people.supervisor).get(f"{BASE}/envelopes/{scene.envelope.pk}/").json()["remaining_amount"] == (
        "73399.00"
    )


def test_filters(people, scene, login):
    client = login(people.supervisor)
    assert ids(client.get(f"{BASE}/proposals/", {"status": "submitted"})) == {str(scene.submitted.pk)}
    assert ids(client.get(f"{BASE}/proposals/", {"file_number": scene.delivered.beneficiary.file_number})) == {
        str(scene.delivered.pk)
    }
    assert len(ids(client.get(f"{BASE}/monitoring/", {"months_after": 6}))) == 1
    assert ids(client.get(f"{BASE}/monitoring/", {"done": "true"})) == set()


def test_decide_via_api(people, scene, login):
    url = f"{BASE}/proposals/{scene.submitted.pk}/decide/"
    assert login(people.caseworker).post(url, {"decision": "approve"}).status_code == 403
    assert login(people.outsider_supervisor).post(url, {"decision": "approve"}).status_code == 404
    client = login(people.supervisor)
    refused = client.post(
        url, {"decision": "approve", "envelope": str(scene.envelope.pk), "approved_amount": "10.00"}, format="json"
    )
    assert refused.status_code == 400 and "amount_reason" in refused.json()["error"]["fields"]
    ok = client.post(
        url,
        {
            "decision": "approve",
            "envelope": str(scene.envelope.pk),
            "approved_amount": "20000.00",
            "amount_reason": "x",
        },
    )
    assert ok.status_code == 200 and ok.json()["status"] == GrantStatus.APPROVED
    assert Envelope.objects.get(pk=scene.envelope.pk).remaining_amount == Decimal("53399.00")
    over = gf.submitted(proposer=people.caseworker, lines=[gf.FIVE_LINES[0]] * 5)  # 78,000.00
    refused = client.post(
        f"{BASE}/proposals/{over.pk}/decide/", {"decision": "approve", "envelope": str(scene.envelope.pk)}
    )
    assert refused.status_code == 400 and "would exceed the envelope" in refused.content.decode()
