import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from beneficiaries.models import Beneficiary, Membership
from beneficiaries.protected_data import cin_index
from beneficiaries.services import cohort_create
from casework.models import AuditAction, AuditEntry
from tests.factories import centre, establishment

pytestmark = pytest.mark.django_db

HEADER = (
    "first_name_ar,family_name_ar,first_name_latin,family_name_latin,sex,birth_date,release_date,cin,establishment\n"
)
GOOD = (
    HEADER + "يوسف,التازي,Youssef,Tazi,M,1984-02-03,2021-03-01,C123456,RASELMA\n"
    "فاطمة,بنونة,Fatima,Bennouna,F,12/11/1990,2021-04-15,CD98765,\n"
)
BAD = (
    HEADER + "يوسف,التازي,Youssef,Tazi,M,1984-02-03,2021-03-01,12AB,RASELMA\n"
    "فاطمة,بنونة,Fatima,Bennouna,F,,2021-04-15,CD98765,\n"
)


@pytest.fixture
def cohort(people):
    establishment("RASELMA")
    return cohort_create(actor=people.administrator, edition=8, year=2022)


def upload(client, content, cohort, centre_code="FES"):
    return client.post(
        reverse("beneficiaries:import"),
        {
            "cohort": cohort.pk,
            "centre": centre(centre_code).pk,
            "file": SimpleUploadedFile("roster.csv", content.encode(), "text/csv"),
        },
    )


def test_bad_cin_and_missing_date_are_reported_per_row_and_nothing_is_written(people, login, cohort):
    client = login(people.caseworker)
    before = AuditEntry.objects.count()
    response = upload(client, BAD, cohort)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-testid="import-errors"' in body
    preview = response.context["preview"]
    assert not preview.is_valid
    assert [row.line for row in preview.rows if row.errors] == [2, 3]
    assert any("12AB" in error for error in preview.rows[0].errors)
    assert any("birth_date" in error for error in preview.rows[1].errors)
    assert "payload" not in response.context
    assert not Beneficiary.objects.exists()
    assert AuditEntry.objects.count() == before


def test_valid_roster_previews_then_imports_everything_and_audits(people, login, cohort):
    client = login(people.caseworker)
    response = upload(client, GOOD, cohort)
    assert response.context["preview"].is_valid
    assert not Beneficiary.objects.exists()  # the preview writes nothing
    response = client.post(reverse("beneficiaries:import"), {"payload": response.context["payload"]})
    assert response.status_code == 302
    people_created = Beneficiary.objects.order_by("file_number")
    assert people_created.count() == 2
    assert all(p.file_number.startswith("FES-2021-") for p in people_created)
    assert people_created.get(cin_hash=cin_index("CD98765")).birth_date == datetime.date(1990, 11, 12)
    assert Membership.objects.filter(cohort=cohort).count() == 2
    summary = AuditEntry.objects.get(action=AuditAction.CREATE, object_type="beneficiaries.cohort", changes__rows=2)
    assert summary.actor == people.caseworker


def test_tampered_payload_is_refused(people, login, cohort):
    client = login(people.caseworker)
    response = client.post(reverse("beneficiaries:import"), {"payload": "x:y:z"})
    assert response.status_code == 302
    assert not Beneficiary.objects.exists()


def test_duplicate_cin_in_the_country_blocks_the_row(people, login, cohort, register):
    register(people.outsider, centre_code="CAS", cin="C123456")
    response = upload(login(people.caseworker), GOOD, cohort)
    preview = response.context["preview"]
    assert not preview.is_valid
    assert len(preview.rows[0].errors) == 1 and not preview.rows[1].errors
    assert str(centre("CAS")) in preview.rows[0].errors[0]
    assert "CAS-" not in response.content.decode()


def test_caseworker_cannot_import_into_another_centre_and_partner_is_refused(people, login, cohort):
    response = upload(login(people.caseworker), GOOD, cohort, centre_code="CAS")
    assert "preview" not in response.context
    assert login(people.partner).get(reverse("beneficiaries:import")).status_code == 403
    assert not Beneficiary.objects.exists()


def xlsx(rows):
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_roster_is_read_like_csv(people, login, cohort):
    header = HEADER.strip().split(",")
    content = xlsx(
        [
            header,
            ["يوسف", "التازي", "Youssef", "Tazi", "M", datetime.date(1984, 2, 3), datetime.date(2021, 3, 1), "C123456"],
            ["فاطمة", "بنونة", "Fatima", "Bennouna", "F", None, "2021-04-15", "bad cin"],
        ]
    )
    client = login(people.caseworker)
    response = client.post(
        reverse("beneficiaries:import"),
        {"cohort": cohort.pk, "centre": centre("FES").pk, "file": SimpleUploadedFile("roster.xlsx", content)},
    )
    preview = response.context["preview"]
    assert [bool(row.errors) for row in preview.rows] == [False, True]
    assert preview.rows[0].values["birth_date"] == datetime.date(1984, 2, 3)
    assert not Beneficiary.objects.exists()


def test_unreadable_file_is_refused_as_a_whole(people, login, cohort):
    response = login(people.caseworker).post(
        reverse("beneficiaries:import"),
        {"cohort": cohort.pk, "centre": centre("FES").pk, "file": SimpleUploadedFile("r.xlsx", b"PK\x03\x04garbage")},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Beneficiary.objects.exists()
