"""Report pages: every page and endpoint with its scope test (someone else's job → 404) and role test."""

import re

import pytest
from django.urls import reverse

from casework.models import AuditEntry
from reports import services
from reports.models import JobStatus, ReportJob
from tests import factories
from tests.reports.conftest import run_job

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_enqueue(monkeypatch):
    """Page tests run the job in-process when they need it; nothing goes to the broker."""
    sent = []
    monkeypatch.setattr("reports.services.enqueue", sent.append)
    return sent


def ask(user, kind="export_xlsx", data=None):
    return services.report_request(actor=user, kind=kind, data=data or {"list": "people"}, language="en")


def job_urls(job):
    return [
        reverse("reports:job", kwargs={"pk": job.pk}),
        reverse("reports:status", kwargs={"pk": job.pk}),
        reverse("reports:download", kwargs={"pk": job.pk}),
    ]


def test_list_shows_own_jobs_and_the_kinds_the_role_may_ask(login, people, no_enqueue):
    mine = ask(people.caseworker)
    ask(people.neighbour)
    page = login(people.caseworker).get(reverse("reports:list"))
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("reports:job", kwargs={"pk": mine.pk}) in html
    assert ReportJob.objects.count() == 2 and html.count('href="/reports/jobs/') == 1
    assert 'data-testid="ask-case_file"' in html and 'data-testid="ask-cohort_review"' not in html


def test_partner_sees_indicators_only(login, people):
    client = login(people.partner)
    html = client.get(reverse("reports:list")).content.decode()
    assert 'data-testid="ask-indicators"' in html and 'data-testid="ask-case_file"' not in html
    for kind in ("case_file", "cohort_review", "distribution", "export_xlsx", "centre_activity"):
        assert client.get(reverse("reports:request", args=[kind])).status_code == 403
    assert client.get(reverse("reports:exports")).status_code == 403
    assert client.get(reverse("reports:export_csv") + "?list=people").status_code == 403
    assert client.get(reverse("reports:request", args=["nonsense"])).status_code == 404


def test_caseworker_may_not_ask_for_a_cohort_review(login, people):
    assert login(people.caseworker).get(reverse("reports:request", args=["cohort_review"])).status_code == 403


def test_someone_elses_job_is_not_found(login, people, no_enqueue):
    job = run_job(ask(people.caseworker))
    for user in (people.neighbour, people.supervisor, people.administrator, people.partner, people.outsider):
        client = login(user)
        for url in job_urls(job):
            assert client.get(url).status_code == 404, (user, url)
    client.logout()
    for url in job_urls(job):
        assert client.get(url).status_code == 302  # to the login page


def test_asking_from_the_page_returns_at_once_and_the_job_page_shows_progress(login, people, no_enqueue):
    person = factories.BeneficiaryFactory(centre=people.caseworker.centre)
    client = login(people.caseworker)
    form = client.get(reverse("reports:request", args=["case_file"]) + f"?beneficiary={person.pk}")
    assert form.status_code == 200
    response = client.post(
        reverse("reports:request", args=["case_file"]), {"file_number": person.file_number, "language": "fr"}
    )
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:job", kwargs={"pk": job.pk})
    assert job.status == JobStatus.QUEUED and job.language == "fr" and job.parameters == {"beneficiary": str(person.pk)}
    page = client.get(response["Location"]).content.decode()
    assert re.search(r'<progress id="cw-job-progress"[^>]*max="100" value="0"', page)
    assert "reports/job_progress.js" in page and 'data-status-url="/reports/jobs/' in page
    assert "<script>" not in page and 'style="' not in page
    status = client.get(reverse("reports:status", kwargs={"pk": job.pk})).json()
    assert status["status"] == "queued" and status["progress"] == 0 and status["download_url"] is None
    assert client.get(reverse("reports:download", kwargs={"pk": job.pk})).status_code == 404  # not ready


def test_bad_parameters_are_shown_next_to_the_form(login, people, no_enqueue):
    outsider_file = factories.BeneficiaryFactory(centre=factories.centre("CAS"))
    client = login(people.caseworker)
    response = client.post(
        reverse("reports:request", args=["case_file"]), {"file_number": outsider_file.file_number, "language": "en"}
    )
    assert response.status_code == 200
    assert "No file with this number in your scope" in response.content.decode()
    response = client.post(
        reverse("reports:request", args=["centre_activity"]),
        {"centre": people.caseworker.centre_id, "start": "2021-05-31", "end": "2021-05-01", "language": "en"},
    )
    assert "The period ends before it starts." in response.content.decode()
    assert not ReportJob.objects.exists()


def test_download_is_audited_and_serves_the_file(login, people, no_enqueue):
    job = run_job(ask(people.caseworker))
    client = login(people.caseworker)
    status = client.get(reverse("reports:status", kwargs={"pk": job.pk})).json()
    assert status["done"] and status["progress"] == 100 and status["sha256"] == job.checksum
    response = client.get(status["download_url"])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f'filename="{job.download_name}"' in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    assert len(body) == job.size
    downloads = AuditEntry.objects.filter(action="export", object_id=str(job.pk), changes__download=job.download_name)
    assert downloads.count() == 1


def test_a_caseworker_whose_role_changed_may_not_download_any_more(login, people, no_enqueue):
    job = run_job(ask(people.caseworker))
    type(people.caseworker).objects.filter(pk=people.caseworker.pk).update(role="partner_viewer", centre=None)
    people.caseworker.refresh_from_db()
    assert login(people.caseworker).get(reverse("reports:download", kwargs={"pk": job.pk})).status_code == 403


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
def test_dashboard_renders_in_every_language_with_charts(client, login, people, language, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    login(people.supervisor)
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'lang="{language}"' in html
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="cw-chart"') == 10
    assert "<script>" not in html and 'style="' not in html
    if language == "ar":
        assert 'direction="rtl"' in html


def test_dashboard_figures_follow_scope_and_filters(login, people):
    factories.BeneficiaryFactory(centre=people.caseworker.centre, sex="F")
    factories.BeneficiaryFactory(centre=people.caseworker.centre)
    factories.BeneficiaryFactory(centre=people.neighbour.centre)  # Meknes: same region
    factories.BeneficiaryFactory(centre=factories.centre("CAS"))  # another region

    def people_figure(user, query=""):
        html = login(user).get(reverse("reports:dashboard") + query).content.decode()
        return int(re.search(r'data-testid="fig-people">(\d+)<', html).group(1))

    assert people_figure(people.caseworker) == 2
    assert people_figure(people.supervisor) == 3
    assert people_figure(people.national) == 4
    assert people_figure(people.partner) == 4  # aggregates only, national
    assert people_figure(people.national, "?sex=F") == 1
    casa_region = factories.centre("CAS").region_id
    assert people_figure(people.national, f"?region={casa_region}") == 1
    # A regional supervisor cannot widen the scope to another region: not a valid choice, figures unchanged.
    assert people_figure(people.supervisor, f"?region={casa_region}") == 3


def test_partner_dashboard_has_no_person_in_it(login, people):
    person = factories.BeneficiaryFactory(centre=people.caseworker.centre, family_name_latin="Zerouali-Unique")
    html = login(people.partner).get(reverse("reports:dashboard")).content.decode()
    assert "Zerouali-Unique" not in html and person.file_number not in html


def test_dashboard_asks_for_the_same_indicators_as_a_pdf(login, people, no_enqueue):
    client = login(people.partner)
    html = client.get(reverse("reports:dashboard") + "?sex=M&start=2021-01-01").content.decode()
    assert 'name="sex" value="M"' in html and 'name="start" value="2021-01-01"' in html
    response = client.post(
        reverse("reports:request", args=["indicators"]), {"sex": "M", "start": "2021-01-01", "language": "ar"}
    )
    job = ReportJob.objects.get()
    assert (
        response.status_code == 302
        and job.kind == "indicators"
        and job.parameters == {"sex": "M", "start": "2021-01-01"}
    )
    job = run_job(job)
    assert job.status == JobStatus.DONE, job.error


def test_navigation_offers_reports_to_every_role(people):
    from casework.navigation import items_for

    for user in (people.caseworker, people.supervisor, people.administrator, people.partner):
        urls = [item.url for item in items_for(user)]
        assert reverse("reports:dashboard") in urls and reverse("reports:list") in urls


def test_anonymous_is_sent_to_sign_in(client):
    for name in ("reports:list", "reports:dashboard", "reports:exports", "reports:export_csv"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_dashboard_queries_do_not_grow_with_the_data(login, people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(people.national)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("reports:dashboard")).status_code == 200
        return len(queries)

    factories.BeneficiaryFactory(centre=people.caseworker.centre)
    few = count()
    for code in ("FES", "MEK", "CAS", "RBT", "OUJ"):
        for _ in range(5):
            factories.BeneficiaryFactory(centre=factories.centre(code), sex="F")
    assert count() == few
