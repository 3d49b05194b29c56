"""Report jobs through real Celery worker processes on the real Redis broker.

Each test starts its own workers on a queue of its own (so the shared session worker never takes these
jobs), with the test database and this test's report folder. A test-only step delay
(CASEWORK_REPORTS_TEST_STEP_DELAY) makes a job slow enough to watch its progress and to kill its worker
in the middle."""

import os
import re
import signal
import time

import pytest
from django.urls import reverse

from beneficiaries.models import Beneficiary, Cohort, Membership
from grants.models import Envelope
from reports import storage
from reports.models import JobStatus, ReportJob
from tests.reports.conftest import pdf_text, seed_demo_people, wait_for

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def test_a_worker_killed_mid_job_ends_with_one_done_job_and_one_file(people, workers, reports_dir):
    from reports import services

    slow = workers(CASEWORK_REPORTS_TEST_STEP_DELAY=2)
    job = services.report_request(actor=people.national, kind="indicators", data={}, language="ar")
    # The PDF is written to its temporary file before the last progress step (95): kill the worker there.
    wait_for(lambda: ReportJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING, progress__gte=95).exists())
    os.kill(slow.pid, signal.SIGKILL)
    slow.wait(timeout=10)
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING and job.attempts == 1
    assert [p.name.endswith(storage.TEMP_SUFFIX) for p in storage.job_files(job.pk)] == [True]  # half-done run

    # A second worker gets the unacknowledged message back from Redis (acks_late) and runs the job again.
    workers(CELERY_REDIS_VISIBILITY_TIMEOUT=2, CELERY_REDIS_RESTORE_INTERVAL=1)
    wait_for(lambda: ReportJob.objects.filter(pk=job.pk, status=JobStatus.DONE).exists())
    job.refresh_from_db()
    assert job.attempts == 2 and job.progress == 100 and not job.error
    files = sorted(reports_dir.iterdir())
    assert [p.name for p in files] == [storage.final_name(job.pk, "pdf")]
    assert storage.sha256_of(files[0]) == job.checksum and files[0].stat().st_size == job.size
    assert files[0].read_bytes().startswith(b"%PDF")


def test_from_the_page_a_supervisor_gets_the_cohort_review_and_the_event_report(client, workers, reports_dir):
    from casework.models import User
    from grants import demo as grants_demo

    seed_demo_people()
    assert "50 grants" in grants_demo.load()
    cohort = Cohort.objects.create(edition=7, year=2021)
    for person in Beneficiary.objects.filter(file_number__startswith="FES-2021-"):
        Membership.objects.create(cohort=cohort, beneficiary=person, completed=True)
    supervisor = User.objects.get(username="sup.national")
    client.force_login(supervisor)
    workers(CASEWORK_REPORTS_TEST_STEP_DELAY=0.5)

    asked = {}
    for kind, data in (
        ("cohort_review", {"cohort": str(cohort.pk)}),
        ("distribution", {"envelope": str(Envelope.objects.get(name=grants_demo.ENVELOPE_NAME).pk)}),
    ):
        page = client.get(reverse("reports:request", args=[kind]))
        assert page.status_code == 200
        started = time.monotonic()
        response = client.post(reverse("reports:request", args=[kind]), {**data, "language": "en"})
        assert response.status_code == 302 and time.monotonic() - started < 5  # returns at once
        job_page = client.get(response["Location"]).content.decode()
        assert 'id="cw-job-progress"' in job_page and "reports/job_progress.js" in job_page
        asked[kind] = ReportJob.objects.get(kind=kind)

    for kind, job in asked.items():
        seen = []
        status_url = reverse("reports:status", kwargs={"pk": job.pk})

        def finished(status_url=status_url, seen=seen):
            state = client.get(status_url).json()
            seen.append((state["status"], state["progress"]))
            return state if state["finished"] else None

        state = wait_for(finished, timeout=120, interval=0.2)
        assert state["status"] == "done", state
        assert any(status == "running" and 0 < progress < 100 for status, progress in seen), seen
        assert [p for _s, p in seen] == sorted(p for _s, p in seen)  # the bar only moves forward
        download = client.get(state["download_url"])
        assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
        path = reports_dir / f"{kind}.pdf"
        path.write_bytes(b"".join(download.streaming_content))
        text = pdf_text(path)
        if kind == "distribution":
            for expected in ("Meknès", "Fès", "Casablanca", "2,576,296.77"):
                assert expected in text
            for count in ("15", "16", "19", "50"):
                assert re.search(rf"(?<![\d,.]){count}(?![\d,.])", text), count
        else:
            assert "Cohort review" in text and "FES-2021-0016" in text
