"""Writes of the reports app: asking for a report, the life of a job in the worker, download, sweeping.

The request side (``report_request``) validates, stores the job and enqueues it once the transaction has
committed; it returns at once. The worker side claims the job under a row lock with a fresh run token,
reports progress through conditional updates that only the current run can make, writes to a temporary
file and renames it atomically onto the job's one deterministic file name. A retried or duplicated run
therefore ends with one file, and a run that lost the job (the sweeper or a redelivery gave it to another
worker) stops at its next progress step.
"""

from __future__ import annotations

import datetime
import logging
import uuid
from dataclasses import dataclass

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from casework.audit import audit_record
from casework.models import AuditAction, User

from . import storage
from .kinds import BuildResult, may_request, spec_for
from .models import OPEN_STATUSES, JobStatus, ReportJob

logger = logging.getLogger(__name__)


class JobSuperseded(Exception):
    """This run no longer owns the job (another run claimed it, or it was re-queued)."""


# Request side ---------------------------------------------------------------------------------------


def enqueue(job_id) -> None:
    from .tasks import run_report_job

    run_report_job.apply_async(args=[str(job_id)], queue=settings.REPORTS_QUEUE)


@transaction.atomic
def report_request(*, actor: User, kind: str, data: dict, language: str) -> ReportJob:
    """Validate a request against the actor's scope, store the job, enqueue it after commit."""
    spec = spec_for(kind)
    if spec is None or not may_request(actor, kind):
        raise PermissionDenied
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose Arabic, French or English.")})
    form = spec.form(data, user=actor)
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    job = ReportJob(kind=kind, parameters=form.parameters(), language=language, requested_by=actor)
    job.full_clean()
    job.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target=job,
        beneficiary_id=job.parameters.get("beneficiary"),
        changes={"kind": kind, "parameters": job.parameters, "language": language},
    )
    transaction.on_commit(lambda: enqueue(job.pk))
    return job


@transaction.atomic
def report_record_download(*, actor: User, job: ReportJob) -> None:
    """Each download of a report file leaves one export entry (the person's, for a case file)."""
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        target=job,
        beneficiary_id=job.parameters.get("beneficiary"),
        changes={"kind": job.kind, "download": job.download_name, "sha256": job.checksum},
    )


@transaction.atomic
def export_record(*, actor: User, parameters: dict, rows: int, format: str) -> None:
    """A list export streamed to the browser: one export entry with its filters and row count."""
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        object_type="reports.export",
        object_id=str(parameters.get("list", ""))[:64],
        object_repr=f"{parameters.get('list', '')} ({format})",
        changes={"format": format, "parameters": parameters, "rows": rows},
    )


# Worker side ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    job: ReportJob
    run_token: uuid.UUID


def _stale_before() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=settings.REPORTS_STUCK_AFTER_SECONDS)


@transaction.atomic
def job_claim(*, job_id, redelivered: bool = False) -> Claim | None:
    """Take the job for this run, or None when there is nothing to do (finished, or alive elsewhere)."""
    job = ReportJob.objects.select_for_update().filter(pk=job_id).first()
    if job is None or job.status not in OPEN_STATUSES:
        return None
    if job.status == JobStatus.RUNNING and not redelivered and job.heartbeat_at and job.heartbeat_at > _stale_before():
        return None  # a duplicate message while another run is alive: that run finishes the job
    if job.attempts >= settings.REPORTS_MAX_ATTEMPTS:
        _fail_locked(job, _("The report could not be produced after %(n)d attempts.") % {"n": job.attempts})
        return None
    now = timezone.now()
    job.status, job.run_token, job.attempts = JobStatus.RUNNING, uuid.uuid4(), job.attempts + 1
    job.started_at = job.heartbeat_at = now
    job.progress, job.error = 0, ""
    job.save(update_fields=["status", "run_token", "attempts", "started_at", "heartbeat_at", "progress", "error"])
    return Claim(job=job, run_token=job.run_token)


def job_progress(*, job_id, run_token, percent: int) -> None:
    """Record progress; raises JobSuperseded when this run no longer owns the job."""
    percent = max(0, min(99, int(percent)))
    updated = ReportJob.objects.filter(pk=job_id, run_token=run_token, status=JobStatus.RUNNING).update(
        progress=percent, heartbeat_at=timezone.now()
    )
    if not updated:
        raise JobSuperseded


@transaction.atomic
def job_complete(*, job_id, run_token, temp, result: BuildResult) -> bool:
    """Move this run's file into place and mark the job done; False (file dropped) if the run lost the job."""
    job = ReportJob.objects.select_for_update().select_related("requested_by").filter(pk=job_id).first()
    if job is None or job.status != JobStatus.RUNNING or job.run_token != run_token:
        storage.remove_quietly(temp)
        return False
    spec = spec_for(job.kind)
    file_name = storage.final_name(job.pk, spec.extension)
    target = storage.move_into_place(temp, file_name)
    now = timezone.now()
    job.file_name, job.content_type = file_name, spec.content_type
    job.download_name = result.download_name[:200]
    job.size, job.checksum = target.stat().st_size, storage.sha256_of(target)
    job.status, job.progress, job.finished_at = JobStatus.DONE, 100, now
    job.heartbeat_at = now
    job.expires_at = now + datetime.timedelta(hours=settings.REPORTS_RETENTION_HOURS)
    job.full_clean()
    job.save()
    _audit_generation(job, result)
    _notify_ready(job)
    return True


def _audit_generation(job: ReportJob, result: BuildResult) -> None:
    """A generated file carries people's data out of the system: one export entry per person in it."""
    changes = {"kind": job.kind, "parameters": job.parameters, "sha256": job.checksum}
    if result.rows is not None:
        changes["rows"] = result.rows
    if not result.people:
        audit_record(actor=job.requested_by, action=AuditAction.EXPORT, target=job, changes=changes)
    for beneficiary_id in dict.fromkeys(result.people):
        audit_record(
            actor=job.requested_by,
            action=AuditAction.EXPORT,
            target=job,
            beneficiary_id=beneficiary_id,
            changes=changes,
        )


def _notify_ready(job: ReportJob) -> None:
    from casework.notifications.kinds import NotificationKind
    from casework.notifications.services import notify

    title = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            title[code] = str(job.get_kind_display())
    notify(
        recipients=[job.requested_by],
        kind=NotificationKind.REPORT_READY,
        target=job,
        url=reverse("reports:job", kwargs={"pk": job.pk}),
        params={"title": title},
    )


def _fail_locked(job: ReportJob, message: str) -> None:
    job.status, job.error, job.finished_at, job.run_token = JobStatus.FAILED, message[:2000], timezone.now(), None
    job.save(update_fields=["status", "error", "finished_at", "run_token"])


@transaction.atomic
def job_fail(*, job_id, run_token, message: str) -> bool:
    job = ReportJob.objects.select_for_update().filter(pk=job_id).first()
    if job is None or job.status != JobStatus.RUNNING or job.run_token != run_token:
        return False
    _fail_locked(job, message)
    return True


def _error_message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    if isinstance(error, PermissionDenied):
        return _("You may no longer produce this report.")
    if isinstance(error, SoftTimeLimitExceeded):
        return _("The report took too long to produce. Narrow its parameters and ask again.")
    return _("The report could not be produced. Ask again, or tell an administrator if it keeps failing.")


def job_run(*, job_id, redelivered: bool = False) -> str:
    """Everything a worker does for one job. Returns what happened (for logs and tests)."""
    from django.http import Http404

    claim = job_claim(job_id=job_id, redelivered=redelivered)
    if claim is None:
        return "skipped"
    job, token = claim.job, claim.run_token
    spec = spec_for(job.kind)
    storage.remove_temp_files_of(job.pk)  # left by a run that died (a killed worker cannot clean up)
    temp = storage.temp_path(job.pk, token, spec.extension)
    try:
        user = User.objects.select_related("centre", "region").get(pk=job.requested_by_id)
        with translation.override(job.language):
            if not may_request(user, job.kind):
                raise PermissionDenied
            form = spec.form(job.parameters, user=user)
            if not form.is_valid():
                raise ValidationError([m for errors in form.errors.values() for m in errors])
            context = _context(job, user, form, temp, token)
            context.progress(5)
            result = spec.build(context)
        done = job_complete(job_id=job.pk, run_token=token, temp=temp, result=result)
        return "done" if done else "superseded"
    except JobSuperseded:
        storage.remove_quietly(temp)
        return "superseded"
    except (ValidationError, PermissionDenied, Http404) as error:
        storage.remove_quietly(temp)
        with translation.override(job.language):
            job_fail(job_id=job.pk, run_token=token, message=_error_message(error))
        return "failed"
    except Exception as error:
        storage.remove_quietly(temp)
        if _is_transient(error):
            raise  # the task retries; the job stays running until the retry claims it again
        logger.exception("Report job %s failed", job.pk)
        with translation.override(job.language):
            job_fail(job_id=job.pk, run_token=token, message=_error_message(error))
        return "failed"


def _is_transient(error: Exception) -> bool:
    from django.db import InterfaceError, OperationalError

    return isinstance(error, OperationalError | InterfaceError)


def _context(job, user, form, temp, token):
    import time

    from .kinds import BuildContext

    delay = float(getattr(settings, "REPORTS_TEST_STEP_DELAY", 0) or 0)

    def progress(percent: int) -> None:
        job_progress(job_id=job.pk, run_token=token, percent=percent)
        if delay:
            time.sleep(delay)

    return BuildContext(job=job, user=user, form=form, output=temp, progress=progress)


# Housekeeping (beat) --------------------------------------------------------------------------------


def jobs_requeue_stuck() -> int:
    """Put back in the queue the open jobs that showed no sign of life for REPORTS_STUCK_AFTER_SECONDS."""
    requeued = 0
    stale = _stale_before()
    candidates = (
        ReportJob.objects.filter(status__in=OPEN_STATUSES)
        .annotate(last_seen=Coalesce("heartbeat_at", "requested_at"))
        .filter(last_seen__lt=stale)
        .values_list("pk", flat=True)
    )
    for job_id in list(candidates[:500]):
        with transaction.atomic():
            job = ReportJob.objects.select_for_update(skip_locked=True).filter(pk=job_id).first()
            if job is None or job.status not in OPEN_STATUSES or (job.heartbeat_at or job.requested_at) >= stale:
                continue
            if job.attempts >= settings.REPORTS_MAX_ATTEMPTS:
                with translation.override(job.language):
                    _fail_locked(job, _("The report could not be produced after %(n)d attempts.") % {"n": job.attempts})
                continue
            job.status, job.run_token, job.heartbeat_at = JobStatus.QUEUED, None, timezone.now()
            job.save(update_fields=["status", "run_token", "heartbeat_at"])
            transaction.on_commit(lambda pk=job.pk: enqueue(pk))
            requeued += 1
    storage.remove_stale_temp_files(settings.REPORTS_STUCK_AFTER_SECONDS)
    return requeued


def files_delete_expired() -> int:
    """Delete the files whose retention period is over; give up on jobs that never ran in that time."""
    now = timezone.now()
    deleted = 0
    for job_id in list(
        ReportJob.objects.filter(status=JobStatus.DONE, expires_at__lte=now).values_list("pk", flat=True)[:1000]
    ):
        with transaction.atomic():
            job = ReportJob.objects.select_for_update(skip_locked=True).filter(pk=job_id, status=JobStatus.DONE).first()
            if job is None:
                continue
            storage.remove_quietly(storage.path_of(job.file_name))
            job.status = JobStatus.EXPIRED
            job.save(update_fields=["status"])
            deleted += 1
    too_old = now - datetime.timedelta(hours=settings.REPORTS_RETENTION_HOURS)
    for job in ReportJob.objects.filter(Q(status__in=OPEN_STATUSES), requested_at__lt=too_old)[:1000]:
        with translation.override(job.language), transaction.atomic():
            locked = ReportJob.objects.select_for_update(skip_locked=True).filter(pk=job.pk).first()
            if locked is not None and locked.status in OPEN_STATUSES:
                _fail_locked(locked, _("The report could not be produced in time."))
    return deleted
