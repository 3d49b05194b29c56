import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from beneficiaries.models import Beneficiary, Status, StatusChange, Transfer, TransferStatus
from beneficiaries.services import (
    beneficiary_change_status,
    beneficiary_update,
    consent_record,
    consent_withdraw,
    family_member_add,
    possible_duplicates,
    transfer_decide,
    transfer_request,
)
from casework.access import beneficiary_policy
from casework.encryption import fingerprint
from casework.models import AuditAction, AuditEntry
from tests.factories import centre

pytestmark = pytest.mark.django_db


def test_register_numbers_the_file_per_centre_and_year_and_audits(people, register):
    first = register(people.caseworker, release_date=datetime.date(2021, 5, 1))
    second = register(people.caseworker, first_name_latin="Karim", release_date=datetime.date(2021, 6, 1))
    assert first.file_number == "FES-2021-0001"
    assert second.file_number == "FES-2021-0002"
    entry = AuditEntry.objects.get(action=AuditAction.CREATE, beneficiary_id=first.pk)
    assert entry.actor == people.caseworker
    assert entry.changes["first_name_ar"] == "أحمد"
    assert StatusChange.objects.filter(beneficiary=first, to_status=Status.IN_PROGRAMME).count() == 1


def test_register_stores_normalised_search_columns(people, register):
    person = register(people.caseworker, first_name_ar="أحمد", first_name_latin="Mohammed", cin="ab123456")
    assert person.search_name_ar.startswith("احمد")
    assert person.search_name_latin.startswith("mohamed")
    assert person.cin == "AB123456"


def test_caseworker_cannot_register_in_another_centre(people, register):
    with pytest.raises(PermissionDenied):
        register(people.caseworker, centre_code="CAS")
    with pytest.raises(PermissionDenied):
        register(people.partner)
    assert not Beneficiary.objects.exists()


@pytest.mark.parametrize("bad", ["123456", "ABC123", "A-12345", "AB12"])
def test_cin_format_is_validated(people, register, bad):
    with pytest.raises(ValidationError) as error:
        register(people.caseworker, cin=bad)
    assert "cin" in error.value.message_dict


def test_cin_is_unique(people, register):
    register(people.caseworker, cin="AB123456")
    with pytest.raises(ValidationError):
        register(people.neighbour, centre_code="MEK", cin="AB123456", first_name_latin="Other")


def test_duplicates_found_by_cin_and_by_similar_name_across_the_country(people, register):
    register(people.outsider, centre_code="CAS", cin="BE998877", first_name_ar="أحمد", family_name_ar="بنعلي فاطمة")
    found = possible_duplicates(cin="be998877")
    assert [(d.centre.code, d.reason) for d in found] == [("CAS", "cin")]
    # Same birth date, the Arabic name typed with other hamza / ta marbuta forms.
    found = possible_duplicates(
        birth_date=datetime.date(1985, 3, 14), first_name_ar="احمد", family_name_ar="بنعلي فاطمه"
    )
    assert [(d.centre.code, d.reason) for d in found] == [("CAS", "name_and_birth_date")]
    # Latin spelling variant
    found = possible_duplicates(
        birth_date=datetime.date(1985, 3, 14), first_name_latin="AHMED", family_name_latin="alaoui"
    )
    assert len(found) == 1
    # Another birth date: no warning for the same name
    assert possible_duplicates(birth_date=datetime.date(1990, 1, 1), first_name_ar="احمد", family_name_ar="بنعلي") == []


def test_a_duplicate_whose_file_holds_a_fathers_name_is_still_found(people, register):
    """The registration form asks first and family name; the file on record may also hold the father's name."""
    register(
        people.outsider, centre_code="CAS", cin="BE112233", first_name_ar="محمد", family_name_ar="العلوي",
        father_name_ar="عبد الرحمن", first_name_latin="Mohamed", family_name_latin="Alaoui",
        father_name_latin="Abderrahmane",
    )  # fmt: skip
    found = possible_duplicates(birth_date=datetime.date(1985, 3, 14), first_name_ar="محمد", family_name_ar="العلوي")
    assert [(d.centre.code, d.reason) for d in found] == [("CAS", "name_and_birth_date")]
    found = possible_duplicates(
        birth_date=datetime.date(1985, 3, 14), first_name_latin="Mohammed", family_name_latin="Alaoui"
    )
    assert [(d.centre.code, d.reason) for d in found] == [("CAS", "name_and_birth_date")]


def test_update_audits_a_diff(people, register):
    person = register(people.caseworker)
    beneficiary_update(actor=people.caseworker, beneficiary=person, phone="0612345678", trade="Menuisier")
    entry = AuditEntry.objects.get(action=AuditAction.UPDATE, beneficiary_id=person.pk)
    # The phone is encrypted at rest: the trail shows that it changed, never the number.
    assert entry.changes == {"phone": ["", fingerprint("0612345678")], "trade": ["", "Menuisier"]}
    assert "0612345678" not in str(entry.changes)
    person.refresh_from_db()
    assert person.phone == "0612345678"


def test_update_refused_out_of_scope_and_to_read_only_grant(people, register):
    person = register(people.caseworker)
    with pytest.raises(PermissionDenied):
        beneficiary_update(actor=people.outsider, beneficiary=person, phone="1")
    with pytest.raises(TypeError):
        beneficiary_update(actor=people.caseworker, beneficiary=person, centre=centre("CAS"))


def test_status_change_keeps_history_with_reason_and_date(people, register):
    person = register(people.caseworker)
    day = timezone.localdate() - datetime.timedelta(days=2)
    beneficiary_change_status(
        actor=people.caseworker,
        beneficiary=person,
        status=Status.RELEASED,
        reason="Royal pardon",
        changed_on=day,
    )
    person.refresh_from_db()
    assert person.status == Status.RELEASED and person.status_changed_on == day
    latest = StatusChange.objects.get(beneficiary=person, to_status=Status.RELEASED)
    assert (latest.from_status, latest.to_status, latest.reason) == (
        Status.IN_PROGRAMME,
        Status.RELEASED,
        "Royal pardon",
    )
    with pytest.raises(ValidationError):
        beneficiary_change_status(actor=people.caseworker, beneficiary=person, status=Status.CLOSED, reason=" ")


def test_family_and_consent_recorded_and_audited(people, register):
    person = register(people.caseworker)
    family_member_add(
        actor=people.caseworker,
        beneficiary=person,
        relation="spouse",
        name="خديجة",
        age=34,
        needs="Soutien scolaire des enfants",
        protective_measures="Suivi par l'assistante sociale",
    )
    consent = consent_record(
        actor=people.caseworker,
        beneficiary=person,
        purpose="sharing",
        partner="foundation",
        given_on=timezone.localdate(),
    )
    with pytest.raises(ValidationError):
        consent_record(
            actor=people.caseworker,
            beneficiary=person,
            purpose="sharing",
            partner="foundation",
            given_on=timezone.localdate(),
        )
    consent_withdraw(actor=people.caseworker, consent=consent)
    consent.refresh_from_db()
    assert consent.withdrawn_on == timezone.localdate()
    assert AuditEntry.objects.filter(beneficiary_id=person.pk, object_type="beneficiaries.familymember").count() == 1
    assert AuditEntry.objects.filter(beneficiary_id=person.pk, object_type="beneficiaries.consent").count() == 2
    with pytest.raises(PermissionDenied):
        family_member_add(actor=people.outsider, beneficiary=person, relation="child", name="x")


def test_consent_partner_only_for_sharing(people, register):
    person = register(people.caseworker)
    with pytest.raises(ValidationError):
        consent_record(
            actor=people.caseworker,
            beneficiary=person,
            purpose="sharing",
            partner="",
            given_on=timezone.localdate(),
        )


def test_transfer_requested_then_accepted_by_receiving_centre(people, register):
    person = register(people.caseworker)
    transfer = transfer_request(
        actor=people.caseworker, beneficiary=person, to_centre=centre("CAS"), reason="Moved to Casablanca"
    )
    assert not beneficiary_policy.can_view(people.outsider, person)
    with pytest.raises(PermissionDenied):
        transfer_decide(actor=people.supervisor, transfer=transfer, accept=True)  # sending region
    transfer_decide(actor=people.outsider, transfer=transfer, accept=True)
    person.refresh_from_db()
    assert person.centre.code == "CAS"
    assert beneficiary_policy.can_view(people.outsider, person)
    assert not beneficiary_policy.can_view(people.caseworker, person)
    assert Transfer.objects.get(pk=transfer.pk).status == TransferStatus.ACCEPTED
    entries = AuditEntry.objects.filter(beneficiary_id=person.pk, action__in=[AuditAction.CREATE, AuditAction.UPDATE])
    assert entries.filter(object_type="beneficiaries.transfer").count() == 1
    decision = entries.get(object_type="beneficiaries.beneficiary", action=AuditAction.UPDATE)
    assert decision.changes["decision"] == "accepted"
    with pytest.raises(ValidationError):
        transfer_decide(actor=people.outsider, transfer=transfer, accept=True)


def test_only_one_open_transfer_per_file(people, register):
    person = register(people.caseworker)
    transfer_request(actor=people.caseworker, beneficiary=person, to_centre=centre("CAS"), reason="a")
    with pytest.raises(ValidationError):
        transfer_request(actor=people.caseworker, beneficiary=person, to_centre=centre("MEK"), reason="b")
