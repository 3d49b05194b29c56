import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F

from casework.models import AuditEntry
from grants.models import Envelope, Grant, GrantStatus, MonitoringVisit, SurvivalStatus
from grants.services import (
    Decision,
    LineData,
    envelope_allocation_set,
    envelope_create,
    event_assign_grants,
    grant_decide,
    grant_deliver,
    grant_proposal_update,
    grant_submit,
    visit_record,
)
from grants.services.deliveries import add_months
from grants.workflow import transition_target
from tests import factories
from tests.grants import factories as gf

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_receipt(name="receipt.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_caseworker_proposes_five_lines_supervisor_approves_reduced_amount(people):
    envelope = gf.envelope(Decimal("100000.00"))
    grant = gf.proposal(proposer=people.caseworker)
    assert grant.status == GrantStatus.DRAFT
    assert grant.lines.count() == 5
    assert grant.requested_amount == gf.FIVE_LINES_TOTAL
    assert [line.line_total for line in grant.lines.all()][3] == Decimal("1300.50")
    assert AuditEntry.objects.filter(object_id=str(grant.pk), beneficiary_id=grant.beneficiary_id).exists()

    grant = grant_submit(actor=people.caseworker, grant=grant)
    grant = grant_decide(
        actor=people.supervisor,
        grant=grant,
        decision=Decision.APPROVE,
        envelope=envelope,
        approved_amount=Decimal("20000.00"),
        amount_reason="Second sewing machine not justified.",
    )
    envelope.refresh_from_db()
    assert grant.status == GrantStatus.APPROVED
    assert grant.approved_amount == Decimal("20000.00")
    assert envelope.committed_amount == Decimal("20000.00")
    assert envelope.remaining_amount == Decimal("80000.00")
    assert AuditEntry.objects.filter(object_id=str(envelope.pk), changes__committed_amount__1="20000.00").exists()


def test_second_approval_over_the_envelope_is_refused_and_changes_nothing(people):
    envelope = gf.envelope(Decimal("30000.00"))
    gf.approved(proposer=people.caseworker, supervisor=people.supervisor, envelope_=envelope)
    second = gf.submitted(proposer=people.caseworker)
    audit_before = AuditEntry.objects.count()

    with pytest.raises(ValidationError) as refused:
        grant_decide(actor=people.supervisor, grant=second, decision=Decision.APPROVE, envelope=envelope)

    assert "would exceed the envelope" in str(refused.value.messages[0])
    assert "3,399.00" in refused.value.messages[0]
    envelope.refresh_from_db()
    second.refresh_from_db()
    assert envelope.committed_amount == gf.FIVE_LINES_TOTAL
    assert envelope.remaining_amount == Decimal("3399.00")
    assert second.status == GrantStatus.SUBMITTED and second.approved_amount is None
    assert AuditEntry.objects.count() == audit_before


def test_reduced_amount_needs_a_reason(people):
    envelope = gf.envelope()
    grant = gf.submitted(proposer=people.caseworker)
    with pytest.raises(ValidationError) as refused:
        grant_decide(
            actor=people.supervisor,
            grant=grant,
            decision=Decision.APPROVE,
            envelope=envelope,
            approved_amount=Decimal("1000.00"),
        )
    assert "amount_reason" in refused.value.message_dict
    envelope.refresh_from_db()
    assert envelope.committed_amount == 0


def test_caseworker_cannot_decide_and_nobody_approves_their_own(people):
    envelope = gf.envelope()
    grant = gf.submitted(proposer=people.caseworker)
    with pytest.raises(PermissionDenied):
        grant_decide(actor=people.caseworker, grant=grant, decision=Decision.APPROVE, envelope=envelope)
    with pytest.raises(PermissionDenied):
        grant_decide(actor=people.neighbour, grant=grant, decision=Decision.APPROVE, envelope=envelope)
    with pytest.raises(PermissionDenied):  # supervisor of another region
        grant_decide(actor=people.outsider_supervisor, grant=grant, decision=Decision.APPROVE, envelope=envelope)
    own = gf.submitted(
        proposer=people.supervisor, beneficiary=factories.BeneficiaryFactory(centre=factories.centre("FES"))
    )
    with pytest.raises(PermissionDenied, match="own proposal"):
        grant_decide(actor=people.supervisor, grant=own, decision=Decision.APPROVE, envelope=envelope)
    # The national supervisor may decide on it.
    grant_decide(actor=people.national, grant=own, decision=Decision.APPROVE, envelope=envelope)


def test_database_refuses_self_approval_and_over_commitment(people):
    envelope = gf.envelope(Decimal("100.00"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Envelope.objects.filter(pk=envelope.pk).update(committed_amount=F("total_amount") + 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Envelope.objects.filter(pk=envelope.pk).update(spent_amount=-1)
    grant = gf.proposal(proposer=people.caseworker)
    with pytest.raises(IntegrityError), transaction.atomic():
        Grant.objects.filter(pk=grant.pk).update(decided_by=people.caseworker)


def test_illegal_transitions_are_clear_validation_errors(people):
    envelope = gf.envelope()
    draft = gf.proposal(proposer=people.caseworker)
    with pytest.raises(ValidationError) as refused:
        grant_decide(actor=people.supervisor, grant=draft, decision=Decision.APPROVE, envelope=envelope)
    assert refused.value.code == "illegal_transition"
    assert "Draft" in refused.value.messages[0]
    with pytest.raises(ValidationError):
        transition_target(GrantStatus.DELIVERED, "submit")
    approved = gf.approved(proposer=people.caseworker, supervisor=people.supervisor, envelope_=envelope)
    with pytest.raises(ValidationError):  # no double approval
        grant_decide(actor=people.supervisor, grant=approved, decision=Decision.APPROVE, envelope=envelope)
    envelope.refresh_from_db()
    assert envelope.committed_amount == gf.FIVE_LINES_TOTAL


def test_return_with_reason_then_edit_and_resubmit(people):
    grant = gf.submitted(proposer=people.caseworker)
    with pytest.raises(ValidationError):
        grant_decide(actor=people.supervisor, grant=grant, decision=Decision.RETURN)
    grant = grant_decide(actor=people.supervisor, grant=grant, decision=Decision.RETURN, reason="Add a quote.")
    assert grant.status == GrantStatus.RETURNED
    grant = grant_proposal_update(
        actor=people.caseworker,
        grant=grant,
        lines=[LineData(item="Sewing machine", quantity=1, unit_cost=Decimal("7800.00"))],
        title="Smaller workshop",
    )
    assert grant.requested_amount == Decimal("7800.00") and grant.lines.count() == 1
    grant = grant_submit(actor=people.caseworker, grant=grant)
    assert grant.status == GrantStatus.SUBMITTED
    grant = grant_decide(actor=people.supervisor, grant=grant, decision=Decision.REJECT, reason="Not viable.")
    assert grant.status == GrantStatus.REJECTED
    with pytest.raises(ValidationError):
        grant_proposal_update(actor=people.caseworker, grant=grant, lines=gf.FIVE_LINES)


def test_outsider_cannot_propose_or_edit(people):
    person = factories.BeneficiaryFactory(centre=factories.centre("FES"))
    with pytest.raises(PermissionDenied):
        gf.proposal(proposer=people.outsider, beneficiary=person)
    grant = gf.proposal(proposer=people.caseworker, beneficiary=person)
    with pytest.raises(PermissionDenied):
        grant_proposal_update(actor=people.outsider, grant=grant, lines=gf.FIVE_LINES)


def test_one_active_grant_per_person_and_envelope(people):
    envelope = gf.envelope()
    person = factories.BeneficiaryFactory(centre=factories.centre("FES"))
    gf.submitted(proposer=people.caseworker, beneficiary=person, envelope_=envelope)
    with pytest.raises(ValidationError):
        gf.submitted(proposer=people.caseworker, beneficiary=person, envelope_=envelope)


def test_allocation_per_city_is_enforced(people):
    envelope = envelope_create(
        actor=people.administrator,
        name="Allocated",
        funder="Foundation",
        period_start=datetime.date(2021, 5, 1),
        period_end=datetime.date(2021, 5, 31),
        total_amount=Decimal("100000.00"),
    )
    envelope_allocation_set(
        actor=people.administrator,
        envelope=envelope,
        centre=factories.centre("FES"),
        amount=Decimal("26601.00"),
    )
    with pytest.raises(ValidationError):
        envelope_allocation_set(
            actor=people.administrator,
            envelope=envelope,
            region=factories.region("06"),
            amount=Decimal("80000"),
        )
    gf.approved(proposer=people.caseworker, supervisor=people.supervisor, envelope_=envelope)
    second = gf.submitted(proposer=people.caseworker)
    with pytest.raises(ValidationError, match="allocation"):
        grant_decide(actor=people.supervisor, grant=second, decision=Decision.APPROVE, envelope=envelope)
    # Meknes has no allocation of its own: the envelope's remainder applies.
    meknes = gf.submitted(proposer=people.neighbour)
    grant_decide(actor=people.supervisor, grant=meknes, decision=Decision.APPROVE, envelope=envelope)
    with pytest.raises(PermissionDenied):
        envelope_create(
            actor=people.supervisor,
            name="x",
            funder="y",
            period_start=datetime.date(2021, 1, 1),
            period_end=datetime.date(2021, 1, 2),
            total_amount=Decimal("1"),
        )


def test_delivery_with_signed_receipt_moves_money_and_schedules_visits(people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    envelope = gf.envelope(Decimal("100000.00"))
    grant = gf.approved(
        proposer=people.caseworker,
        supervisor=people.supervisor,
        envelope_=envelope,
        amount=Decimal("20000.00"),
        reason="Reduced",
    )
    event = gf.event(administrator=people.administrator, envelope_=envelope)
    event_assign_grants(actor=people.administrator, event=event, grants=[grant])

    delivery = grant_deliver(
        actor=people.caseworker, grant=grant, delivered_on=datetime.date(2021, 5, 25), receipt=pdf_receipt()
    )
    envelope.refresh_from_db()
    grant.refresh_from_db()
    assert grant.status == GrantStatus.DELIVERED
    assert envelope.committed_amount == 0
    assert envelope.spent_amount == Decimal("20000.00")
    assert envelope.remaining_amount == Decimal("80000.00")
    assert delivery.receipt.path.startswith(str(tmp_path))
    assert delivery.receipt_content_type == "application/pdf"
    assert grant.lines.filter(delivered=True).count() == 5
    visits = list(MonitoringVisit.objects.filter(grant=grant).order_by("months_after"))
    assert [(v.months_after, v.due_on) for v in visits] == [
        (3, datetime.date(2021, 8, 25)),
        (6, datetime.date(2021, 11, 25)),
        (12, datetime.date(2022, 5, 25)),
    ]
    # Like follow-ups: due within 7 days of the date, overdue after it.
    assert visits[0].state(today=datetime.date(2021, 8, 18)) == "due"
    assert visits[0].state(today=datetime.date(2021, 8, 25)) == "due"
    assert visits[0].state(today=datetime.date(2021, 8, 17)) == "scheduled"
    assert visits[0].state(today=datetime.date(2021, 8, 26)) == "overdue"

    with pytest.raises(ValidationError):  # no double delivery
        grant_deliver(actor=people.caseworker, grant=grant, delivered_on=datetime.date(2021, 5, 25))

    visit = visit_record(
        actor=people.caseworker,
        visit=visits[0],
        visited_on=datetime.date(2021, 8, 26),
        activity_running=True,
        equipment_held=True,
        equipment_used=True,
        monthly_income=Decimal("3200.00"),
        jobs_created=1,
        difficulties="Rent went up.",
        survival_status=SurvivalStatus.RUNNING,
    )
    assert visit.state() == "done"
    with pytest.raises(PermissionDenied):
        visit_record(
            actor=people.outsider,
            visit=visits[1],
            visited_on=datetime.date(2021, 11, 26),
            activity_running=True,
            equipment_held=True,
            equipment_used=True,
            monthly_income=None,
            jobs_created=0,
            difficulties="",
            survival_status=SurvivalStatus.RUNNING,
        )


@pytest.mark.parametrize(
    ("name", "content"),
    [("receipt.exe", PDF), ("receipt.pdf", b"MZ\x90\x00 not a pdf"), ("receipt.pdf", b"")],
)
def test_bad_receipt_is_refused_and_nothing_moves(people, settings, tmp_path, name, content):
    settings.MEDIA_ROOT = tmp_path
    envelope = gf.envelope()
    grant = gf.approved(proposer=people.caseworker, supervisor=people.supervisor, envelope_=envelope)
    event = gf.event(administrator=people.administrator, envelope_=envelope)
    with pytest.raises(ValidationError):
        grant_deliver(
            actor=people.caseworker,
            grant=grant,
            delivered_on=datetime.date(2021, 5, 25),
            event=event,
            receipt=pdf_receipt(name, content),
        )
    envelope.refresh_from_db()
    grant.refresh_from_db()
    assert grant.status == GrantStatus.APPROVED
    assert envelope.spent_amount == 0 and envelope.committed_amount == gf.FIVE_LINES_TOTAL


def test_receipt_too_large_is_refused(people, settings, tmp_path, monkeypatch):
    from grants.services import deliveries

    monkeypatch.setattr(deliveries, "RECEIPT_MAX_BYTES", 10)
    with pytest.raises(ValidationError, match="too large"):
        deliveries.receipt_validate(pdf_receipt())


def test_add_months_clamps_to_month_end():
    assert add_months(datetime.date(2021, 11, 30), 3) == datetime.date(2022, 2, 28)
    assert add_months(datetime.date(2021, 5, 31), 6) == datetime.date(2021, 11, 30)
