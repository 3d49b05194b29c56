import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from beneficiaries.models import Beneficiary, Consent, FamilyMember, Status
from beneficiaries.services import beneficiary_merge, consent_record, family_member_add, possible_duplicates
from casework.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(people, register):
    keep = register(people.caseworker, first_name_latin="Mohammed")
    duplicate = register(people.neighbour, centre_code="MEK", first_name_latin="Mohamed", cin="D554433", phone="0600")
    family_member_add(actor=people.neighbour, beneficiary=duplicate, relation="mother", name="زهرة")
    consent_record(actor=people.neighbour, beneficiary=duplicate, purpose="photo", given_on=timezone.localdate())
    return keep, duplicate


def test_supervisor_merges_keeping_the_history(people, pair, login):
    keep, duplicate = pair
    client = login(people.supervisor)
    response = client.post(
        reverse("beneficiaries:merge", args=[keep.pk]),
        {"duplicate": duplicate.file_number.lower(), "reason": "Same person, registered twice"},
    )
    assert response.status_code == 302
    keep.refresh_from_db()
    duplicate.refresh_from_db()
    assert duplicate.merged_into == keep and duplicate.status == Status.CLOSED
    assert keep.cin == "D554433" and keep.phone == "0600" and duplicate.cin == ""
    assert FamilyMember.objects.get().beneficiary == keep
    assert Consent.objects.get().beneficiary == keep
    assert AuditEntry.objects.filter(action=AuditAction.UPDATE, beneficiary_id=keep.pk).get().changes["merged_from"]
    assert (
        AuditEntry.objects.filter(action=AuditAction.UPDATE, beneficiary_id=duplicate.pk).get().changes["merged_into"]
        == keep.file_number
    )
    # the merged file leaves the lists and the duplicate checks, but its page still answers
    body = client.get(reverse("beneficiaries:list")).content.decode()
    assert keep.file_number in body and duplicate.file_number not in body
    assert [d.reason for d in possible_duplicates(cin="D554433")] == ["cin"]
    assert client.get(reverse("beneficiaries:detail", args=[duplicate.pk])).status_code == 200
    assert client.get(reverse("beneficiaries:edit", args=[duplicate.pk])).status_code == 403


def test_caseworker_may_not_merge_and_outsider_gets_404(people, pair, login):
    keep, duplicate = pair
    with pytest.raises(PermissionDenied):
        beneficiary_merge(actor=people.caseworker, keep=keep, duplicate=duplicate, reason="x")
    assert login(people.caseworker).get(reverse("beneficiaries:merge", args=[keep.pk])).status_code == 403
    assert login(people.outsider_supervisor).get(reverse("beneficiaries:merge", args=[keep.pk])).status_code == 404
    assert login(people.partner).get(reverse("beneficiaries:merge", args=[keep.pk])).status_code == 404
    assert Beneficiary.objects.filter(merged_into__isnull=False).count() == 0


def test_duplicate_out_of_scope_is_not_found(people, pair, register, login):
    keep, _duplicate = pair
    casa = register(people.outsider, centre_code="CAS", first_name_latin="Other")
    response = login(people.supervisor).post(
        reverse("beneficiaries:merge", args=[keep.pk]), {"duplicate": casa.file_number, "reason": "x"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["duplicate"]
    casa.refresh_from_db()
    assert casa.merged_into is None
