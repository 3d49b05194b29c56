"""The job page in a real Chromium: the progress bar moves and the download button appears without a reload
(job_progress.js polling the JSON status), while a real worker runs the job."""

from pathlib import Path

import pytest
from django.test import Client

from tests.reports.conftest import wait_for

CHROMIUM = "/usr/bin/chromium"
pytestmark = [pytest.mark.browser, pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (never `playwright install`)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-background-networking", "--disable-dev-shm-usage", "--disable-gpu"],
    }


def test_progress_bar_moves_and_download_appears_without_reload(live_server, page, people, workers):
    from reports.models import ReportJob

    workers(CASEWORK_REPORTS_TEST_STEP_DELAY=1.5)
    client = Client()
    client.force_login(people.supervisor)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url},
         {"name": "django_language", "value": "ar", "url": live_server.url}]
    )  # fmt: skip
    page.goto(f"{live_server.url}/reports/new/indicators/")
    page.get_by_test_id("submit-report").click()
    page.wait_for_url("**/reports/jobs/**")
    job = ReportJob.objects.get()
    page.evaluate("window.cwNotReloaded = true")
    assert page.locator("#cw-job-download").is_hidden()
    page.wait_for_function(
        "() => { const v = document.getElementById('cw-job-progress').value; return v > 0 && v < 100; }",
        timeout=60_000,
    )
    download = page.locator("#cw-job-download")
    download.wait_for(state="visible", timeout=60_000)
    assert page.evaluate("window.cwNotReloaded") is True  # the same page, updated in place
    assert page.evaluate("document.getElementById('cw-job-progress').value") == 100
    assert download.get_attribute("href") == f"/reports/jobs/{job.pk}/download/"
    assert page.locator("#cw-job").get_attribute("data-status") == "done"
    with page.expect_download() as info:
        download.click()
    assert info.value.suggested_filename.endswith(".pdf")
    wait_for(lambda: ReportJob.objects.filter(pk=job.pk, status="done").exists(), timeout=5)
