"""/api/v1/reports/: ask for a report, follow it, list one's own jobs — scoped like the pages."""

import pytest

from reports.models import ReportJob
from tests import factories
from tests.reports.conftest import run_job

pytestmark = pytest.mark.django_db

URL = "/api/v1/reports/"


@pytest.fixture(autouse=True)
def no_enqueue(monkeypatch):
    monkeypatch.setattr("reports.services.enqueue", lambda job_id: None)


def test_create_status_and_list(login, people):
    client = login(people.caseworker)
    response = client.post(
        URL,
        {"kind": "export_xlsx", "parameters": {"list": "people"}, "language": "fr"},
        content_type="application/json",
    )
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["status"] == "queued" and body["language"] == "fr" and body["download_url"] is None
    job = ReportJob.objects.get(pk=body["id"])
    run_job(job)
    status = client.get(body["status_url"]).json()
    assert status["status"] == "done" and status["progress"] == 100
    assert status["download_url"] == f"/reports/jobs/{job.pk}/download/"
    assert client.get(status["download_url"]).status_code == 200
    listing = client.get(URL).json()
    assert [row["id"] for row in listing["results"]] == [str(job.pk)]


def test_other_peoples_jobs_are_invisible(login, people):
    job = ReportJob.objects.create(
        kind="export_xlsx", parameters={"list": "people"}, language="en", requested_by=people.caseworker
    )
    for user in (people.neighbour, people.supervisor, people.administrator, people.partner):
        client = login(user)
        assert client.get(f"{URL}{job.pk}/").status_code == 404
        assert client.get(URL).json()["results"] == []


def test_roles_and_scope_on_create(login, people):
    partner = login(people.partner)
    assert (
        partner.post(URL, {"kind": "indicators", "parameters": {}}, content_type="application/json").status_code == 202
    )
    assert (
        partner.post(
            URL, {"kind": "export_xlsx", "parameters": {"list": "people"}}, content_type="application/json"
        ).status_code
        == 403
    )
    outsider_file = factories.BeneficiaryFactory(centre=factories.centre("CAS"))
    response = login(people.caseworker).post(
        URL,
        {"kind": "case_file", "parameters": {"beneficiary": str(outsider_file.pk)}},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert login(people.caseworker).post(URL, {"kind": "nope"}, content_type="application/json").status_code == 400


def test_anonymous_is_refused(client):
    assert client.get(URL).status_code in (401, 403)
