"""Report jobs: validation against scope, the claim/progress/complete protocol, idempotency, sweeper,
retention — run in this process (the worker tests run the same code in a real worker)."""

import datetime
import os
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from casework.models import AuditEntry
from reports import services, storage
from reports.kinds import BuildResult
from reports.models import JobStatus, ReportJob
from tests import factories
from tests.reports.conftest import job_path, run_job

pytestmark = pytest.mark.django_db


def ask(user, kind="export_xlsx", data=None, language="en"):
    return services.report_request(actor=user, kind=kind, data=data or {"list": "people"}, language=language)


def test_request_stores_a_queued_job_and_enqueues_it_after_commit(
    people, django_capture_on_commit_callbacks, monkeypatch
):
    enqueued = []
    monkeypatch.setattr("reports.services.enqueue", enqueued.append)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = ask(people.caseworker)
    assert enqueued == []  # nothing is sent before the transaction commits
    for callback in callbacks:
        callback()
    assert enqueued == [job.pk]
    assert job.status == JobStatus.QUEUED and job.progress == 0 and job.requested_by == people.caseworker
    assert job.parameters == {"list": "people"}
    entry = AuditEntry.objects.get(object_type="reports.reportjob", object_id=str(job.pk))
    assert entry.action == "create" and entry.changes["kind"] == "export_xlsx"


def test_request_refuses_a_role_or_parameters_outside_scope(people):
    with pytest.raises(PermissionDenied):
        ask(people.partner)  # partner viewers never export lists
    outsider_person = factories.BeneficiaryFactory(centre=factories.centre("CAS"))
    with pytest.raises(ValidationError):
        ask(people.caseworker, "case_file", {"beneficiary": str(outsider_person.pk)})
    with pytest.raises(ValidationError):
        ask(
            people.caseworker,
            "centre_activity",
            {"centre": str(factories.centre("CAS").pk), "start": "2021-01-01", "end": "2021-02-01"},
        )
    with pytest.raises(ValidationError):
        ask(people.caseworker, language="de")
    with pytest.raises(PermissionDenied):
        ask(people.caseworker, "no-such-kind")
    assert not ReportJob.objects.exists()


def test_a_job_runs_to_one_file_with_size_and_checksum(people):
    job = run_job(ask(people.caseworker))
    assert job.status == JobStatus.DONE and job.progress == 100
    path = job_path(job)
    assert path.is_file() and path.stat().st_size == job.size
    assert storage.sha256_of(path) == job.checksum
    assert job.expires_at > timezone.now() + datetime.timedelta(hours=1)
    assert storage.job_files(job.pk) == [path]
    assert not path.name.startswith(str(job.requested_by_id))  # opaque name: the job's random id only


def test_running_a_finished_job_again_does_nothing(people):
    job = run_job(ask(people.caseworker))
    checksum = job.checksum
    assert services.job_run(job_id=job.pk, redelivered=True) == "skipped"
    job.refresh_from_db()
    assert job.checksum == checksum and job.attempts == 1
    assert len(storage.job_files(job.pk)) == 1


def test_a_run_that_lost_the_job_leaves_no_file(people):
    """Two runs of one job (a redelivery while the first was still alive): only the last claim finishes."""
    job = ask(people.caseworker)
    first = services.job_claim(job_id=job.pk)
    second = services.job_claim(job_id=job.pk, redelivered=True)
    assert first.run_token != second.run_token
    with pytest.raises(services.JobSuperseded):
        services.job_progress(job_id=job.pk, run_token=first.run_token, percent=50)
    stale = storage.temp_path(job.pk, first.run_token, "xlsx")
    stale.write_bytes(b"half a file")
    assert (
        services.job_complete(job_id=job.pk, run_token=first.run_token, temp=stale, result=BuildResult("x.xlsx"))
        is False
    )
    assert not stale.exists()
    fresh = storage.temp_path(job.pk, second.run_token, "xlsx")
    fresh.write_bytes(b"the file")
    assert services.job_complete(job_id=job.pk, run_token=second.run_token, temp=fresh, result=BuildResult("x.xlsx"))
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 2
    assert [p.name for p in storage.job_files(job.pk)] == [storage.final_name(job.pk, "xlsx")]


def test_a_duplicate_message_does_not_take_over_a_live_run(people):
    job = ask(people.caseworker)
    claim = services.job_claim(job_id=job.pk)
    assert services.job_claim(job_id=job.pk, redelivered=False) is None
    services.job_progress(job_id=job.pk, run_token=claim.run_token, percent=40)
    job.refresh_from_db()
    assert job.progress == 40 and job.status == JobStatus.RUNNING


def test_the_sweeper_requeues_stuck_jobs_and_gives_up_after_the_attempts(
    people, settings, monkeypatch, django_capture_on_commit_callbacks
):
    enqueued = []
    monkeypatch.setattr("reports.services.enqueue", enqueued.append)
    settings.REPORTS_MAX_ATTEMPTS = 2
    stuck = ask(people.caseworker)
    claim = services.job_claim(job_id=stuck.pk)
    fresh = ask(people.caseworker)
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.REPORTS_STUCK_AFTER_SECONDS + 60)
    ReportJob.objects.filter(pk=stuck.pk).update(heartbeat_at=long_ago)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.jobs_requeue_stuck() == 1
    assert enqueued == [stuck.pk]
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.status == JobStatus.QUEUED and stuck.run_token is None and fresh.status == JobStatus.QUEUED
    with pytest.raises(services.JobSuperseded):  # the old run, if it still lives, stops at its next step
        services.job_progress(job_id=stuck.pk, run_token=claim.run_token, percent=60)
    services.job_claim(job_id=stuck.pk)  # second attempt, then it hangs again
    ReportJob.objects.filter(pk=stuck.pk).update(heartbeat_at=long_ago)
    assert services.jobs_requeue_stuck() == 0
    stuck.refresh_from_db()
    assert stuck.status == JobStatus.FAILED and "2 attempts" in stuck.error


def test_files_are_deleted_after_the_retention_period(people):
    job = run_job(ask(people.caseworker))
    path = job_path(job)
    ReportJob.objects.filter(pk=job.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    keep = run_job(ask(people.caseworker))
    assert services.files_delete_expired() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.EXPIRED and not path.exists()
    assert job_path(keep).exists()


def test_stale_temporary_files_are_cleaned(people, settings):
    orphan = storage.temp_path(uuid.uuid4(), uuid.uuid4(), "pdf")
    orphan.write_bytes(b"left by a killed worker")
    old = timezone.now().timestamp() - settings.REPORTS_STUCK_AFTER_SECONDS - 10
    os.utime(orphan, (old, old))
    services.jobs_requeue_stuck()
    assert not orphan.exists()


def test_scope_is_checked_again_when_the_job_runs(people):
    """A file transferred away between the request and the run: the job fails, no file is written."""
    person = factories.BeneficiaryFactory(centre=people.caseworker.centre)
    job = ask(people.caseworker, "case_file", {"beneficiary": str(person.pk)})
    type(person).objects.filter(pk=person.pk).update(centre=factories.centre("CAS"))
    job = run_job(job)
    assert job.status == JobStatus.FAILED and job.error
    assert storage.job_files(job.pk) == []


def test_a_deactivated_requester_gets_no_file(people):
    job = ask(people.caseworker)
    type(people.caseworker).objects.filter(pk=people.caseworker.pk).update(is_active=False)
    job = run_job(job)
    assert job.status == JobStatus.FAILED and storage.job_files(job.pk) == []


def test_a_finished_job_notifies_its_requester(people):
    from casework.notifications.models import Notification

    job = run_job(ask(people.caseworker))
    notification = Notification.objects.get(recipient=people.caseworker, kind="report_ready")
    assert notification.url == f"/reports/jobs/{job.pk}/"
