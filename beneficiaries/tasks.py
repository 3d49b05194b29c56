"""Celery tasks of the beneficiaries app: thin adapters over the services."""

from celery import shared_task

from .services.retention import anonymise_due_files


@shared_task(name="beneficiaries.anonymise_closed_files", acks_late=True, time_limit=3600, soft_time_limit=3500)
def anonymise_closed_files() -> int:
    """Beat: anonymise the closed files past the retention period (idempotent; each file atomic)."""
    return anonymise_due_files()
