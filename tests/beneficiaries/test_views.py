import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from beneficiaries.models import Beneficiary, Consent, Document, FamilyMember
from beneficiaries.services import consent_record, document_add, transfer_request
from casework.encryption import fingerprint
from casework.models import AuditAction, AuditEntry
from tests.factories import centre

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def person(people, register):
    return register(people.caseworker, cin="AB123456")


def file_pages(person):
    consent = consent_record(actor=person._actor, beneficiary=person, purpose="photo", given_on=timezone.localdate())
    document = document_add(
        actor=person._actor,
        beneficiary=person,
        kind="photo",
        upload=SimpleUploadedFile("p.png", PNG, "image/png"),
    )
    return [
        ("get", reverse("beneficiaries:detail", args=[person.pk])),
        ("get", reverse("beneficiaries:edit", args=[person.pk])),
        ("get", reverse("beneficiaries:export", args=[person.pk])),
        ("get", reverse("beneficiaries:status", args=[person.pk])),
        ("get", reverse("beneficiaries:family_add", args=[person.pk])),
        ("get", reverse("beneficiaries:consent_add", args=[person.pk])),
        ("post", reverse("beneficiaries:consent_withdraw", args=[person.pk, consent.pk])),
        ("get", reverse("beneficiaries:document_add", args=[person.pk])),
        ("get", reverse("beneficiaries:document", args=[person.pk, document.pk])),
        ("get", reverse("beneficiaries:share", args=[person.pk])),
        ("get", reverse("beneficiaries:transfer", args=[person.pk])),
    ]


@pytest.fixture
def pages(people, person):
    person._actor = people.caseworker
    return file_pages(person)


def test_owner_opens_every_page_of_the_file(people, pages, login):
    client = login(people.caseworker)
    for method, url in pages:
        if method == "get":
            assert client.get(url).status_code == 200, url


def test_outsider_gets_404_on_every_page_of_the_file(people, pages, login):
    for user in (people.outsider, people.outsider_supervisor, people.partner):
        client = login(user)
        for method, url in pages:
            assert getattr(client, method)(url).status_code == 404, (user.username, url)


def test_same_region_supervisor_sees_other_region_supervisor_does_not(people, person, login):
    url = reverse("beneficiaries:detail", args=[person.pk])
    assert login(people.supervisor).get(url).status_code == 200
    assert login(people.outsider_supervisor).get(url).status_code == 404


def test_read_only_grant_may_read_but_not_change(people, person, login):
    from casework.sharing import file_share_with_user

    file_share_with_user(actor=people.caseworker, beneficiary=person, user=people.outsider, reason="Case conference")
    client = login(people.outsider)
    assert client.get(reverse("beneficiaries:detail", args=[person.pk])).status_code == 200
    for name in ("edit", "status", "family_add", "consent_add", "document_add", "share", "transfer"):
        assert client.get(reverse(f"beneficiaries:{name}", args=[person.pk])).status_code == 403, name


@pytest.mark.parametrize("name", ["list", "releases", "transfers", "cohorts", "register"])
def test_partner_viewer_is_refused_lists(people, login, name):
    assert login(people.partner).get(reverse(f"beneficiaries:{name}")).status_code == 403


def test_lists_show_only_the_scope(people, register, login):
    mine = register(people.caseworker, first_name_latin="Mine")
    theirs = register(people.outsider, centre_code="CAS", first_name_latin="Theirs", family_name_latin="Casa")
    body = login(people.caseworker).get(reverse("beneficiaries:list")).content.decode()
    assert mine.file_number in body and theirs.file_number not in body


def test_reading_the_file_writes_one_view_entry(people, person, login):
    login(people.caseworker).get(reverse("beneficiaries:detail", args=[person.pk]))
    assert AuditEntry.objects.filter(action=AuditAction.VIEW, beneficiary_id=person.pk).count() == 1


def test_export_writes_one_export_entry(people, person, login):
    response = login(people.caseworker).get(reverse("beneficiaries:export", args=[person.pk]))
    assert response["Content-Type"].startswith("text/csv")
    assert "AB123456" in response.content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, beneficiary_id=person.pk).count() == 1


def test_edit_writes_one_update_entry(people, person, login):
    client = login(people.caseworker)
    form = {
        "sex": "M",
        "first_name_ar": person.first_name_ar,
        "family_name_ar": person.family_name_ar,
        "first_name_latin": person.first_name_latin,
        "family_name_latin": person.family_name_latin,
        "birth_date": "1985-03-14",
        "cin": "AB123456",
        "phone": "0661000000",
    }
    response = client.post(reverse("beneficiaries:edit", args=[person.pk]), form)
    assert response.status_code == 302
    entries = AuditEntry.objects.filter(action=AuditAction.UPDATE, beneficiary_id=person.pk)
    assert entries.count() == 1
    assert entries.get().changes == {"phone": ["", fingerprint("0661000000")]}  # encrypted: never in clear


def registration_form(**extra):
    data = {
        "centre": centre("FES").pk,
        "sex": "M",
        "first_name_ar": "أحمد",
        "family_name_ar": "بنعلي",
        "first_name_latin": "Ahmed",
        "family_name_latin": "Benali",
        "birth_date": "1985-03-14",
    }
    data.update(extra)
    return data


def test_done_when_register_in_arabic_duplicate_warning_family_consent_and_scope(people, login, register):
    """Issue 3's acceptance scenario, end to end through the pages."""
    register(people.neighbour, centre_code="MEK", first_name_ar="أحمد", family_name_ar="بنعلي فاطمة")
    client = login(people.caseworker)
    url = reverse("beneficiaries:register")
    assert client.get(url).status_code == 200

    # Near-identical name, typed with plain alef and ha instead of hamza and ta marbuta.
    response = client.post(url, registration_form(first_name_ar="احمد", family_name_ar="بنعلي فاطمه"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-testid="duplicate-warning"' in body
    assert str(centre("MEK")) in body
    assert "MEK-" not in body  # the other file is never revealed
    assert Beneficiary.objects.count() == 1

    response = client.post(
        url, registration_form(first_name_ar="احمد", family_name_ar="بنعلي فاطمه", confirm_not_duplicate="on")
    )
    assert response.status_code == 302
    person = Beneficiary.objects.get(centre__code="FES")
    assert person.first_name_ar == "احمد"

    response = client.post(
        reverse("beneficiaries:family_add", args=[person.pk]),
        {"relation": "mother", "name": "زهرة", "age": 62, "protective_measures": "Visites régulières"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("beneficiaries:consent_add", args=[person.pk]),
        {"purpose": "data_processing", "given_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    assert FamilyMember.objects.filter(beneficiary=person).count() == 1
    assert Consent.objects.filter(beneficiary=person).count() == 1
    page = client.get(reverse("beneficiaries:detail", args=[person.pk])).content.decode()
    assert "زهرة" in page and 'data-testid="consent"' in page

    detail = reverse("beneficiaries:detail", args=[person.pk])
    assert login(people.outsider_supervisor).get(detail).status_code == 404
    assert login(people.supervisor).get(detail).status_code == 200


def test_registration_without_duplicate_opens_the_file_at_once(people, login):
    response = login(people.caseworker).post(reverse("beneficiaries:register"), registration_form())
    assert response.status_code == 302
    assert Beneficiary.objects.get().file_number.startswith("FES-")


def test_caseworker_cannot_register_into_another_centre(people, login):
    response = login(people.caseworker).post(
        reverse("beneficiaries:register"), registration_form(centre=centre("CAS").pk)
    )
    assert response.status_code == 200  # invalid choice
    assert not Beneficiary.objects.exists()


def test_document_upload_checks_type_and_serves_only_through_the_view(people, person, login, settings):
    client = login(people.caseworker)
    url = reverse("beneficiaries:document_add", args=[person.pk])
    bad = SimpleUploadedFile("x.png", b"<html>not an image</html>", "image/png")
    response = client.post(url, {"kind": "photo", "file": bad})
    assert response.status_code == 200 and not Document.objects.exists()
    good = SimpleUploadedFile("photo.png", PNG, "image/png")
    assert client.post(url, {"kind": "photo", "file": good}).status_code == 302
    document = Document.objects.get()
    assert str(settings.MEDIA_ROOT) in document.file.path
    assert "photo" not in document.file.name
    response = client.get(reverse("beneficiaries:document", args=[person.pk, document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG


def test_share_page_grants_for_a_limited_time(people, person, login):
    until = timezone.localdate() + datetime.timedelta(days=7)
    response = login(people.caseworker).post(
        reverse("beneficiaries:share", args=[person.pk]),
        {"user": people.outsider.pk, "reason": "Case conference", "expires_on": until.isoformat()},
    )
    assert response.status_code == 302
    assert login(people.outsider).get(reverse("beneficiaries:detail", args=[person.pk])).status_code == 200
    assert AuditEntry.objects.filter(action=AuditAction.GRANT, beneficiary_id=person.pk).count() == 1


def test_transfer_through_the_pages(people, person, login):
    client = login(people.caseworker)
    response = client.post(
        reverse("beneficiaries:transfer", args=[person.pk]),
        {"to_centre": centre("CAS").pk, "reason": "Moved"},
    )
    assert response.status_code == 302
    transfer = person.transfers.get()
    # The sender cannot answer its own request; the receiving centre can.
    assert client.post(reverse("beneficiaries:transfer_decide", args=[transfer.pk])).status_code == 404
    casa = login(people.outsider)
    assert transfer.beneficiary.file_number in casa.get(reverse("beneficiaries:transfers")).content.decode()
    response = casa.post(reverse("beneficiaries:transfer_decide", args=[transfer.pk]), {"decision": "accept"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.centre.code == "CAS"
    assert login(people.caseworker).get(reverse("beneficiaries:detail", args=[person.pk])).status_code == 404


def test_transfer_request_is_one_audit_entry(people, person):
    before = AuditEntry.objects.count()
    transfer_request(actor=people.caseworker, beneficiary=person, to_centre=centre("MEK"), reason="x")
    assert AuditEntry.objects.count() == before + 1


def test_releases_due_lists_people_released_within_30_days(people, register, login):
    today = timezone.localdate()
    soon = register(people.caseworker, first_name_latin="Soon", release_date=today + datetime.timedelta(days=10))
    later = register(people.caseworker, first_name_latin="Later", release_date=today + datetime.timedelta(days=45))
    body = login(people.caseworker).get(reverse("beneficiaries:releases")).content.decode()
    assert soon.file_number in body and later.file_number not in body
    assert soon.file_number not in login(people.outsider).get(reverse("beneficiaries:releases")).content.decode()


def test_same_cin_cannot_be_forced_past_the_warning(people, login, register):
    register(people.outsider, centre_code="CAS", cin="BK445566")
    client = login(people.caseworker)
    response = client.post(
        reverse("beneficiaries:register"), registration_form(cin="bk445566", confirm_not_duplicate="on")
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert "CAS-" not in response.content.decode()
    assert Beneficiary.objects.count() == 1


def test_file_number_search_ignores_case(people, person, login):
    response = login(people.caseworker).get(reverse("beneficiaries:list"), {"q": person.file_number.lower()})
    assert list(response.context["page"].object_list) == [Beneficiary.objects.get(pk=person.pk)]


def test_export_neutralises_formulas(people, register, login):
    person = register(people.caseworker, trade='=HYPERLINK("http://x")')
    body = login(people.caseworker).get(reverse("beneficiaries:export", args=[person.pk])).content.decode()
    assert "'=HYPERLINK" in body


def test_file_page_lists_shares_and_revokes_them(people, person, login):
    from casework.sharing import file_share_with_user

    grant = file_share_with_user(actor=people.caseworker, beneficiary=person, user=people.outsider, reason="Conference")
    client = login(people.caseworker)
    body = client.get(reverse("beneficiaries:detail", args=[person.pk])).content.decode()
    assert 'data-testid="share"' in body and people.outsider.username in body
    url = reverse("beneficiaries:share_revoke", args=[person.pk, grant.pk])
    assert login(people.outsider).post(url).status_code == 403  # read-only grantee cannot revoke
    assert login(people.outsider_supervisor).post(url).status_code == 404
    assert login(people.caseworker).post(url).status_code == 302
    assert login(people.outsider).get(reverse("beneficiaries:detail", args=[person.pk])).status_code == 404
    assert AuditEntry.objects.filter(action=AuditAction.REVOKE, beneficiary_id=person.pk).count() == 1
