"""Celery adapters: they take ids, call one service, and let the services decide what is left to do.

``acks_late`` + ``reject_on_worker_lost``: a worker that dies mid-job does not acknowledge the message,
so the broker hands it to another worker; the job's row lock and run token make that retry safe.
"""

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from . import services


@shared_task(
    name="reports.run_job",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=5,
    max_retries=3,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
)
def run_report_job(self, job_id: str) -> str:
    redelivered = bool((self.request.delivery_info or {}).get("redelivered")) or self.request.retries > 0
    return services.job_run(job_id=job_id, redelivered=redelivered)


@shared_task(name="reports.requeue_stuck_jobs", acks_late=True, max_retries=0)
def requeue_stuck_jobs() -> int:
    return services.jobs_requeue_stuck()


@shared_task(name="reports.delete_expired_files", acks_late=True, max_retries=0)
def delete_expired_files() -> int:
    return services.files_delete_expired()
