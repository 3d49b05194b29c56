import datetime
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casework.models import AuditEntry
from grants.models import Envelope, Grant, GrantStatus
from grants.services import Decision, LineData
from tests import factories
from tests.grants import factories as gf
from tests.grants.conftest import PDF

pytestmark = pytest.mark.django_db


def person_pages(scene):
    """Every page about one person's grant, as (url name, kwargs)."""
    g, d = scene.submitted.pk, scene.delivered.pk
    return [
        ("grants:detail", {"grant_id": g}),
        ("grants:edit", {"grant_id": g}),
        ("grants:decide", {"grant_id": g}),
        ("grants:detail", {"grant_id": d}),
        ("grants:receipt", {"grant_id": d}),
        ("grants:signed_receipt", {"grant_id": d}),
        ("grants:visit", {"visit_id": scene.visit.pk}),
    ]


def test_outsider_gets_404_on_every_person_and_event_page(people, scene, login):
    client = login(people.outsider)
    pages = [
        *person_pages(scene),
        ("grants:event", {"event_id": scene.event.pk}),
        ("grants:attendance", {"event_id": scene.event.pk}),
        ("grants:envelope", {"envelope_id": scene.envelope.pk}),
    ]
    for name, kwargs in pages:
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 404, name
    assert client.post(reverse("grants:submit", kwargs={"grant_id": scene.submitted.pk})).status_code == 404
    listing = client.get(reverse("grants:list"))
    assert listing.status_code == 200 and scene.submitted.title not in listing.content.decode()
    assert list(client.get(reverse("grants:visits")).context["page"].object_list) == []


def test_regional_supervisor_of_another_region_gets_404(people, scene, login):
    client = login(people.outsider_supervisor)
    assert client.get(reverse("grants:decide", kwargs={"grant_id": scene.submitted.pk})).status_code == 404
    assert client.get(reverse("grants:event", kwargs={"event_id": scene.event.pk})).status_code == 404


def test_in_scope_pages_render(people, scene, login):
    client = login(people.caseworker)
    for name, kwargs in person_pages(scene):
        if name in ("grants:decide", "grants:edit"):  # submitted: not editable, not theirs to decide
            continue
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 200, name
    for name in ["grants:list", "grants:create", "grants:visits", "grants:events"]:
        assert client.get(reverse(name)).status_code == 200, name
    for name in ["grants:event", "grants:attendance"]:
        page = client.get(reverse(name, kwargs={"event_id": scene.event.pk}))
        assert page.status_code == 200 and scene.delivered.beneficiary.file_number in page.content.decode()


def test_caseworker_cannot_decide_403_and_partner_sees_no_row(people, scene, login):
    client = login(people.caseworker)
    assert client.get(reverse("grants:decide", kwargs={"grant_id": scene.submitted.pk})).status_code == 403
    assert client.get(reverse("grants:envelopes")).status_code == 403
    assert client.get(reverse("grants:envelope", kwargs={"envelope_id": scene.envelope.pk})).status_code == 404
    partner = login(people.partner)
    for name in ["grants:list", "grants:visits", "grants:events"]:
        assert partner.get(reverse(name)).status_code == 403
    assert partner.get(reverse("grants:detail", kwargs={"grant_id": scene.submitted.pk})).status_code == 404


def test_submitted_proposal_is_not_editable_403(people, scene, login):
    client = login(people.caseworker)
    assert client.get(reverse("grants:edit", kwargs={"grant_id": scene.submitted.pk})).status_code == 403


def line_data(lines):
    data = {"lines-TOTAL_FORMS": str(len(lines)), "lines-INITIAL_FORMS": "0", "lines-MIN_NUM_FORMS": "0",
            "lines-MAX_NUM_FORMS": "1000"}  # fmt: skip
    for i, line in enumerate(lines):
        data.update({
            f"lines-{i}-item": line.item, f"lines-{i}-specification": line.specification,
            f"lines-{i}-quantity": str(line.quantity), f"lines-{i}-unit_cost": str(line.unit_cost),
            f"lines-{i}-supplier": line.supplier,
        })  # fmt: skip
    return data


def test_full_flow_through_the_pages(people, scene, login, settings, tmp_path):
    """Caseworker proposes with five lines; supervisor approves a reduced amount; remaining drops by it;
    a second approval over the envelope is refused with a message and changes nothing."""
    person = factories.BeneficiaryFactory(centre=factories.centre("FES"))
    client = login(people.caseworker)
    response = client.post(
        reverse("grants:create"),
        {
            "file_number": person.file_number,
            "sector": gf.sector().pk,
            "title": "Atelier de couture",
            "description": "Couture et retouches.",
            "location": "Fès",
            "business_plan": "Clientèle du quartier.",
            "training_and_skills": "Diplôme de couture.",
            "expected_monthly_income": "3500.00",
            **line_data(gf.FIVE_LINES),
        },
    )
    grant = Grant.objects.get(beneficiary=person)
    assert response.status_code == 302 and response.url == reverse("grants:detail", kwargs={"grant_id": grant.pk})
    assert grant.lines.count() == 5 and grant.requested_amount == gf.FIVE_LINES_TOTAL
    client.post(reverse("grants:submit", kwargs={"grant_id": grant.pk}))

    envelope = scene.envelope
    envelope.refresh_from_db()
    remaining_before = envelope.remaining_amount
    supervisor = login(people.supervisor)
    response = supervisor.post(
        reverse("grants:decide", kwargs={"grant_id": grant.pk}),
        {"decision": "approve", "envelope": envelope.pk, "approved_amount": "20000.00", "amount_reason": "Reduced"},
    )
    assert response.status_code == 302
    envelope.refresh_from_db()
    assert envelope.remaining_amount == remaining_before - Decimal("20000.00")

    # The envelope now has 100000 - 26601 (delivered) - 20000 = 53399 left; the scene's submitted
    # proposal (26601) fits, a third one would not once a big reduction is refused.
    big = gf.submitted(
        proposer=people.caseworker, lines=[LineData(item="Truck", quantity=1, unit_cost=Decimal("60000"))]
    )
    before = Envelope.objects.get(pk=envelope.pk)
    response = supervisor.post(
        reverse("grants:decide", kwargs={"grant_id": big.pk}), {"decision": "approve", "envelope": envelope.pk}
    )
    assert response.status_code == 200
    assert "would exceed the envelope" in response.content.decode()
    after = Envelope.objects.get(pk=envelope.pk)
    assert (after.committed_amount, after.spent_amount) == (before.committed_amount, before.spent_amount)
    big.refresh_from_db()
    assert big.status == GrantStatus.SUBMITTED

    # Envelope dashboard shows the figures.
    page = supervisor.get(reverse("grants:envelope", kwargs={"envelope_id": envelope.pk}))
    assert page.status_code == 200
    assert "53,399.00" in page.content.decode()


def test_delivery_page_with_signed_receipt(people, scene, login):
    grant = gf.approved(proposer=people.caseworker, supervisor=people.supervisor, envelope_=scene.envelope)
    client = login(people.caseworker)
    url = reverse("grants:deliver", kwargs={"grant_id": grant.pk})
    assert client.get(url).status_code == 200
    envelope_before = Envelope.objects.get(pk=scene.envelope.pk)
    bad = client.post(url, {
        "delivered_on": "2021-05-25", "event": scene.event.pk, "items": [line.pk for line in grant.lines.all()],
        "receipt": SimpleUploadedFile("scan.pdf", b"GIF89a not a pdf", content_type="application/pdf"),
    })  # fmt: skip
    assert bad.status_code == 200 and "not the PDF" in bad.content.decode()
    response = client.post(url, {
        "delivered_on": "2021-05-25", "event": scene.event.pk, "items": [line.pk for line in grant.lines.all()],
        "receipt": SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf"),
    })  # fmt: skip
    assert response.status_code == 302
    envelope = Envelope.objects.get(pk=scene.envelope.pk)
    assert envelope.committed_amount == envelope_before.committed_amount - grant.approved_amount
    assert envelope.spent_amount == envelope_before.spent_amount + grant.approved_amount
    grant.refresh_from_db()
    assert grant.status == GrantStatus.DELIVERED
    detail = client.get(reverse("grants:detail", kwargs={"grant_id": grant.pk})).content.decode()
    assert "2021-08-25" in detail and "2022-05-25" in detail  # 3 and 12 months


def test_signed_receipt_is_served_only_through_the_checked_view(people, scene, login):
    client = login(people.supervisor)
    response = client.get(reverse("grants:signed_receipt", kwargs={"grant_id": scene.delivered.pk}))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert AuditEntry.objects.filter(action="view", beneficiary_id=scene.delivered.beneficiary_id).exists()


def test_visits_due_and_monitoring_form(people, scene, login):
    client = login(people.caseworker)
    page = client.get(reverse("grants:visits"))
    assert len(page.context["page"].object_list) == 3  # delivered in 2021: all overdue
    assert "Overdue" in page.content.decode() or page.context["page"].object_list[0].state() == "overdue"
    response = client.post(
        reverse("grants:visit", kwargs={"visit_id": scene.visit.pk}),
        {
            "visited_on": "2021-08-26", "activity_running": "yes", "equipment_held": "yes", "equipment_used": "no",
            "monthly_income": "2500.00", "jobs_created": "1", "difficulties": "", "survival_status": "struggling",
        },
    )  # fmt: skip
    assert response.status_code == 302
    scene.visit.refresh_from_db()
    assert scene.visit.visited_on == datetime.date(2021, 8, 26) and scene.visit.equipment_used is False
    assert len(client.get(reverse("grants:visits")).context["page"].object_list) == 2


def test_event_assign_by_supervisor_and_refused_to_caseworker(people, scene, login):
    grant = gf.approved(proposer=people.caseworker, supervisor=people.supervisor, envelope_=scene.envelope)
    url = reverse("grants:event", kwargs={"event_id": scene.event.pk})
    assert login(people.caseworker).post(url, {"grants": [grant.pk]}).status_code == 403
    response = login(people.supervisor).post(url, {"grants": [grant.pk]})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.event_id == scene.event.pk


def test_return_with_reason_through_the_page(people, scene, login):
    client = login(people.supervisor)
    url = reverse("grants:decide", kwargs={"grant_id": scene.submitted.pk})
    assert "reason" in client.post(url, {"decision": Decision.RETURN}).context["form"].errors
    assert client.post(url, {"decision": Decision.RETURN, "reason": "Add quotes"}).status_code == 302
    scene.submitted.refresh_from_db()
    assert scene.submitted.status == GrantStatus.RETURNED
    assert (
        login(people.caseworker).get(reverse("grants:edit", kwargs={"grant_id": scene.submitted.pk})).status_code == 200
    )


def test_proposal_list_filters(people, scene, login):
    client = login(people.supervisor)
    rows = client.get(reverse("grants:list"), {"status": "delivered"}).context["page"].object_list
    assert [g.pk for g in rows] == [scene.delivered.pk]


def test_reading_printing_and_api_reading_a_grant_each_leave_one_view_entry(people, scene, login):
    from casework.models import AuditAction

    grant = scene.delivered
    client = login(people.caseworker)
    entries = AuditEntry.objects.filter(
        action=AuditAction.VIEW, object_id=str(grant.pk), beneficiary_id=grant.beneficiary_id
    )
    assert client.get(reverse("grants:detail", args=[grant.pk])).status_code == 200
    assert entries.count() == 1
    assert client.get(reverse("grants:receipt", args=[grant.pk])).status_code == 200
    assert entries.count() == 2
    assert entries.first().changes == {"printed": "handover receipt"}
    assert client.get(f"/api/v1/grants/proposals/{grant.pk}/").status_code == 200
    assert entries.count() == 3
    # out of scope: nothing read, nothing written
    assert login(people.outsider).get(reverse("grants:detail", args=[grant.pk])).status_code == 404
    assert entries.count() == 3


def test_printing_the_attendance_sheet_is_an_audited_export_per_person(people, scene, login):
    from casework.models import AuditAction

    response = login(people.administrator).get(reverse("grants:attendance", args=[scene.event.pk]))
    assert response.status_code == 200
    exports = AuditEntry.objects.filter(action=AuditAction.EXPORT, changes__event=str(scene.event.pk))
    assert list(exports.values_list("beneficiary_id", flat=True)) == [scene.delivered.beneficiary_id]


def test_event_page_offers_its_pdfs_which_open_the_request_with_the_event_chosen(people, scene, login):
    from reports.models import ReportJob, ReportKind

    client = login(people.caseworker)
    page = client.get(reverse("grants:event", kwargs={"event_id": scene.event.pk})).content.decode()
    # Each equipment line is isolated: Latin item names in an Arabic row would otherwise run into each other.
    assert re.search(r"<bdi>\d+ × [^<]+</bdi>", page)
    for kind in ("distribution", "handover_receipts", "signature_sheet"):
        address = f"{reverse('reports:request', args=[kind])}?event={scene.event.pk}"
        assert f'href="{address}"' in page
        form = client.get(address).content.decode()
        assert f'<option value="{scene.event.pk}" selected>' in form
    response = client.post(
        reverse("reports:request", args=["signature_sheet"]), {"event": scene.event.pk, "language": "fr"}
    )
    assert response.status_code == 302
    job = ReportJob.objects.get()
    assert job.kind == ReportKind.SIGNATURE_SHEET and job.requested_by == people.caseworker
    # A partner viewer sees no event page at all.
    assert login(people.partner).get(reverse("grants:event", kwargs={"event_id": scene.event.pk})).status_code in (
        403,
        404,
    )


def test_the_grants_list_counts_what_it_lists_with_shares_and_filters(people, scene, login):
    """grants.selectors.grant_total: counted part by part of the scope, the same filters as the rows."""
    from casework.access import forget_shares
    from casework.sharing import file_share_with_user
    from tests.factories import BeneficiaryFactory

    outside = BeneficiaryFactory(centre=factories.centre("CAS"))
    shared_grant = gf.submitted(proposer=people.outsider, beneficiary=outside)
    file_share_with_user(actor=people.outsider, beneficiary=outside, user=people.caseworker, reason="Case conference")
    forget_shares()
    client = login(people.caseworker)
    for query in ({}, {"status": "submitted"}, {"status": "delivered"}):
        page = client.get(reverse("grants:list"), query).context["page"]
        assert page.paginator.count == len(page.object_list), query
    everything = client.get(reverse("grants:list")).context["page"].object_list
    assert shared_grant.pk in {g.pk for g in everything}
    submitted = client.get(reverse("grants:list"), {"status": "submitted"}).context["page"]
    assert {g.status for g in submitted.object_list} == {"submitted"} and submitted.paginator.count >= 2
