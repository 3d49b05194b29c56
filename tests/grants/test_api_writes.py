"""API writes: proposals (draft with lines, change, submit, score, decide), envelopes and allocations, events,
deliveries (multipart with the signed receipt), monitoring visits. Scope (404), roles (403), the one error
body, and audit entries."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from casework.models import AuditAction, AuditEntry
from grants.models import DistributionEvent, Envelope, EnvelopeAllocation, EquipmentItem, Grant, GrantStatus
from tests import factories
from tests.grants import factories as gf
from tests.grants.conftest import PDF
from tests.reintegration_plans import factories as pf

pytestmark = pytest.mark.django_db

BASE = "/api/v1/grants"
JSON = "application/json"


def error(response, status):
    assert response.status_code == status, response.content
    return response.json()["error"]


def proposal_body(person, **overrides):
    return {
        "beneficiary": str(person.pk),
        "sector": "handicrafts",
        "title": "Atelier de couture",
        "description": "Couture et retouches.",
        "location": "Fès",
        "business_plan": "Clientèle du quartier.",
        "training_and_skills": "Diplôme de couture.",
        "expected_monthly_income": "3500.00",
        "lines": [
            {"item": line.item, "specification": line.specification, "quantity": line.quantity,
             "unit_cost": str(line.unit_cost), "supplier": line.supplier}
            for line in gf.FIVE_LINES
        ],
        **overrides,
    }  # fmt: skip


def test_proposal_draft_change_submit_score_decide_through_the_api(people, login):
    gf.sector()
    person = factories.BeneficiaryFactory(centre=factories.centre("FES"))
    project = pf.draft(preparer=people.caseworker, beneficiary=person, domains=["vocational"])
    goal = project.goals.get()
    envelope = gf.envelope(Decimal("100000.00"))
    client = login(people.caseworker)

    bad = error(client.post(f"{BASE}/proposals/", proposal_body(person, lines=[]), content_type=JSON), 400)
    assert "lines" in bad["fields"]
    unknown = error(client.post(f"{BASE}/proposals/", proposal_body(person, sector="nope"), content_type=JSON), 400)
    assert "sector" in unknown["fields"]
    created = client.post(
        f"{BASE}/proposals/", proposal_body(person, vocational_goal=str(goal.pk)), content_type="application/json"
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "draft" and body["requested_amount"] == str(gf.FIVE_LINES_TOTAL)
    assert len(body["lines"]) == 5 and body["vocational_goal"] == str(goal.pk)
    grant = Grant.objects.get(pk=body["id"])
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_id=str(grant.pk)).exists()

    url = f"{BASE}/proposals/{grant.pk}/"
    item = EquipmentItem.objects.create(name="Sewing machine", reference_unit_cost=Decimal("7800.00"))
    patched = client.patch(url, {"title": "Atelier", "lines": [{"catalogue_item": item.pk, "quantity": 2}]},
                           content_type="application/json")  # fmt: skip
    assert patched.status_code == 200, patched.content
    assert patched.json()["requested_amount"] == "15600.00" and patched.json()["title"] == "Atelier"
    kept = client.patch(url, {"location": "Fès médina"}, content_type="application/json")
    assert kept.status_code == 200 and len(kept.json()["lines"]) == 1  # PATCH without lines keeps them

    assert client.post(f"{url}submit/").json()["status"] == "submitted"
    assert error(client.patch(url, {"title": "x"}, content_type="application/json"), 400)["code"] == "invalid"

    scores = {"scores": [{"criterion": "viability", "score": 4}, {"criterion": "skills", "score": 5}]}
    assert error(client.post(f"{url}scores/", scores, content_type="application/json"), 403)
    supervisor = login(people.supervisor)
    assert error(supervisor.post(f"{url}scores/", {"scores": [{"criterion": "viability", "score": 9}]},
                                 content_type="application/json"), 400)  # fmt: skip
    scored = supervisor.post(f"{url}scores/", scores, content_type="application/json")
    assert scored.status_code == 200 and {s["criterion"] for s in scored.json()["scores"]} == {"viability", "skills"}

    decided = supervisor.post(
        f"{url}decide/",
        {"decision": "approve", "envelope": str(envelope.pk), "approved_amount": "15000.00", "amount_reason": "Quote"},
        content_type="application/json",
    )
    assert decided.status_code == 200 and decided.json()["approved_amount"] == "15000.00"
    assert Envelope.objects.get(pk=envelope.pk).remaining_amount == Decimal("85000.00")


def test_proposal_api_scope_and_roles(people, login, scene):
    person = factories.BeneficiaryFactory(centre=factories.centre("FES"))
    gf.sector()
    outsider = login(people.outsider)
    assert (
        "beneficiary"
        in error(outsider.post(f"{BASE}/proposals/", proposal_body(person), content_type=JSON), 400)["fields"]
    )
    assert (
        outsider.patch(f"{BASE}/proposals/{scene.submitted.pk}/", {"title": "x"}, content_type=JSON).status_code == 404
    )
    assert outsider.post(f"{BASE}/proposals/{scene.submitted.pk}/submit/").status_code == 404
    assert outsider.post(f"{BASE}/proposals/{scene.submitted.pk}/scores/", {}, content_type=JSON).status_code == 404
    partner = login(people.partner)
    assert error(partner.post(f"{BASE}/proposals/", proposal_body(person), content_type=JSON), 403)
    assert not Grant.objects.filter(beneficiary=person).exists()


def test_envelopes_and_allocations_through_the_api(people, login):
    body = {"name": "Operation 2022", "funder": "Foundation", "period_start": "2022-05-01",
            "period_end": "2022-05-31", "total_amount": "100000.00"}  # fmt: skip
    assert error(login(people.supervisor).post(f"{BASE}/envelopes/", body, content_type=JSON), 403)
    assert error(login(people.caseworker).post(f"{BASE}/envelopes/", body, content_type=JSON), 403)
    client = login(people.administrator)
    bad = error(client.post(f"{BASE}/envelopes/", {**body, "period_end": "2022-01-01"}, content_type=JSON), 400)
    assert "period_end" in bad["fields"]
    created = client.post(f"{BASE}/envelopes/", body, content_type=JSON)
    assert created.status_code == 201
    envelope = Envelope.objects.get(pk=created.json()["id"])
    url = f"{BASE}/envelopes/{envelope.pk}/"
    closed = client.patch(url, {"is_open": False}, content_type=JSON)
    assert closed.status_code == 200 and closed.json()["is_open"] is False
    assert Envelope.objects.get(pk=envelope.pk).total_amount == Decimal("100000.00")

    allocations = f"{url}allocations/"
    assert error(client.post(allocations, {"centre": "FES", "region": "03", "amount": "10"}, content_type=JSON), 400)
    factories.centre("FES")
    ok = client.post(allocations, {"centre": "FES", "amount": "40000.00"}, content_type=JSON)
    assert ok.status_code == 201 and ok.json()["used"] == "0.00"
    over = error(client.post(allocations, {"region": "06", "amount": "60000.01"}, content_type=JSON), 400)
    assert "would exceed" in over["fields"]["amount"][0]
    listed = login(people.supervisor).get(allocations)
    assert listed.status_code == 200 and [a["centre"] for a in listed.json()] == ["FES"]
    allocation = EnvelopeAllocation.objects.get()
    assert login(people.supervisor).delete(f"{allocations}{allocation.pk}/").status_code == 403
    assert login(people.caseworker).delete(f"{allocations}{allocation.pk}/").status_code == 404
    assert login(people.administrator).delete(f"{allocations}{allocation.pk}/").status_code == 204
    assert not EnvelopeAllocation.objects.exists()


def test_events_through_the_api(people, login, scene):
    factories.centre("MEK")
    body = {
        "envelope": str(scene.envelope.pk),
        "centre": "MEK",
        "city": "Meknès",
        "date": "2021-05-24",
        "place": "Préfecture",
        "officials": [{"title": "Governor of the prefecture"}, {"title": "Coordinator", "name": "A. B."}],
    }
    assert error(login(people.supervisor).post(f"{BASE}/events/", body, content_type=JSON), 403)
    client = login(people.administrator)
    assert (
        "officials"
        in error(client.post(f"{BASE}/events/", {**body, "officials": [{"name": "no title"}]}, content_type=JSON), 400)[
            "fields"
        ]
    )
    created = client.post(f"{BASE}/events/", body, content_type=JSON)
    assert created.status_code == 201, created.content
    assert [o["title"] for o in created.json()["officials"]] == ["Governor of the prefecture", "Coordinator"]
    event = DistributionEvent.objects.get(pk=created.json()["id"])
    changed = client.patch(f"{BASE}/events/{event.pk}/", {"place": "Wilaya"}, content_type=JSON)
    assert changed.status_code == 200 and changed.json()["place"] == "Wilaya"
    assert len(changed.json()["officials"]) == 2

    approved = gf.approved(proposer=people.caseworker, supervisor=people.supervisor, envelope_=scene.envelope)
    assign = f"{BASE}/events/{scene.event.pk}/grants/"
    assert error(login(people.caseworker).post(assign, {"grants": [str(approved.pk)]}, content_type=JSON), 403)
    assert (
        login(people.outsider_supervisor).post(assign, {"grants": [str(approved.pk)]}, content_type=JSON).status_code
        == 404
    )
    supervisor = login(people.supervisor)
    assert supervisor.post(assign, {"grants": [str(approved.pk)]}, content_type=JSON).json()["beneficiaries"] == 2
    remove = f"{assign}{approved.pk}/"
    assert supervisor.delete(remove).status_code == 204
    approved.refresh_from_db()
    assert approved.event_id is None
    assert error(login(people.administrator).delete(f"{BASE}/events/{scene.event.pk}/"), 400)  # not empty
    assert login(people.administrator).delete(f"{BASE}/events/{event.pk}/").status_code == 204


def test_delivery_with_signed_receipt_through_the_api(people, login, scene, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    grant = gf.approved(proposer=people.caseworker, supervisor=people.supervisor, envelope_=scene.envelope)
    before = Envelope.objects.get(pk=scene.envelope.pk)
    data = {"grant": str(grant.pk), "delivered_on": "2021-05-25", "event": str(scene.event.pk), "notes": "All there"}
    outsider = login(people.outsider)
    assert (
        outsider.post(f"{BASE}/deliveries/", {**data, "receipt": SimpleUploadedFile("r.pdf", PDF)}).status_code == 404
    )
    client = login(people.caseworker)
    missing = client.post(f"{BASE}/deliveries/", data)
    assert "receipt" in error(missing, 400)["fields"]
    fake = client.post(f"{BASE}/deliveries/", {**data, "receipt": SimpleUploadedFile("r.pdf", b"GIF89a")})
    assert "not the PDF" in error(fake, 400)["message"] + str(error(fake, 400)["fields"])
    assert Envelope.objects.get(pk=scene.envelope.pk).committed_amount == before.committed_amount
    response = client.post(f"{BASE}/deliveries/", {**data, "receipt": SimpleUploadedFile("r.pdf", PDF)})
    assert response.status_code == 201, response.content
    assert response.json()["has_signed_receipt"] is True
    after = Envelope.objects.get(pk=scene.envelope.pk)
    assert after.committed_amount == before.committed_amount - grant.approved_amount
    assert after.spent_amount == before.spent_amount + grant.approved_amount
    grant.refresh_from_db()
    assert grant.status == GrantStatus.DELIVERED and grant.visits.count() == 3
    twice = client.post(f"{BASE}/deliveries/", {**data, "receipt": SimpleUploadedFile("r.pdf", PDF)})
    assert error(twice, 400)


def test_monitoring_visit_recorded_through_the_api(people, login, scene):
    url = f"{BASE}/monitoring/{scene.visit.pk}/record/"
    body = {"visited_on": "2021-08-26", "activity_running": True, "equipment_held": True, "equipment_used": True,
            "monthly_income": "2800.00", "jobs_created": 1, "survival_status": "running"}  # fmt: skip
    assert login(people.outsider).post(url, body, content_type=JSON).status_code == 404
    assert error(login(people.partner).post(url, body, content_type=JSON), 404)
    client = login(people.caseworker)
    assert (
        "survival_status"
        in error(client.post(url, {**body, "survival_status": "alive"}, content_type=JSON), 400)["fields"]
    )
    assert (
        "visited_on" in error(client.post(url, {**body, "visited_on": "2999-01-01"}, content_type=JSON), 400)["fields"]
    )
    response = client.post(url, body, content_type=JSON)
    assert response.status_code == 200 and response.json()["state"] == "done"
    assert response.json()["monthly_income"] == "2800.00"
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_id=str(scene.visit.pk)).exists()
    # Detail reads of a person's delivery and visit are audited.
    assert client.get(f"{BASE}/monitoring/{scene.visit.pk}/").status_code == 200
    assert client.get(f"{BASE}/deliveries/{scene.delivered.delivery.pk}/").status_code == 200
    assert AuditEntry.objects.filter(action=AuditAction.VIEW, object_id=str(scene.delivered.pk)).count() == 2


def test_reference_and_indicator_endpoints(people, login, scene):
    client = login(people.caseworker)
    assert {row["code"] for row in client.get(f"{BASE}/criteria/").json()["results"]} >= {"viability", "skills"}
    assert client.get(f"{BASE}/sectors/").status_code == 200 and client.get(f"{BASE}/catalogue/").status_code == 200
    survival = client.get(f"{BASE}/indicators/survival/")
    assert survival.status_code == 200 and survival.json()["total"]["m6_pending"] == 1
    partner = login(people.partner)
    assert partner.get(f"{BASE}/criteria/").json()["results"] == []
    assert partner.get(f"{BASE}/indicators/survival/").json()["total"]["m6_pending"] == 1  # national counts
    assert login(people.outsider).get(f"{BASE}/indicators/survival/").json()["total"]["m6_pending"] == 0
