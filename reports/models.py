"""Report jobs: who asked for which report (kind + parameters), when, and what came of it.

The file itself lives under ``settings.REPORTS_DIR`` (inside VAR_DIR, outside the web root) under an
opaque name derived from the job's random UUID; it is served only through the permission-checked,
audited download view and deleted when ``expires_at`` passes.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    CASE_FILE = "case_file", _("Case file of a person")
    COHORT_REVIEW = "cohort_review", _("Cohort review")
    DISTRIBUTION = "distribution", _("Distribution event report")
    HANDOVER_RECEIPTS = "handover_receipts", _("Handover receipts of an event")
    SIGNATURE_SHEET = "signature_sheet", _("Signature sheet of an event")
    CENTRE_ACTIVITY = "centre_activity", _("Centre activity report")
    INDICATORS = "indicators", _("Programme indicators")
    EXPORT_XLSX = "export_xlsx", _("Spreadsheet export (XLSX)")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Deleted after the retention period")


OPEN_STATUSES = (JobStatus.QUEUED, JobStatus.RUNNING)


class ReportJob(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("report"), max_length=32, choices=ReportKind.choices)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="report_jobs", verbose_name=_("requested by")
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    # Each run claims the job with a fresh token; only that run may report progress or finish it.
    run_token = models.UUIDField(null=True, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    file_name = models.CharField(_("file"), max_length=200, blank=True)
    download_name = models.CharField(_("download name"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True)
    expires_at = models.DateTimeField(_("deleted after"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        constraints = [
            models.CheckConstraint(condition=Q(progress__gte=0) & Q(progress__lte=100), name="report_progress_0_100"),
            models.CheckConstraint(
                condition=~Q(status="done") | (~Q(file_name="") & Q(size__isnull=False) & ~Q(checksum="")),
                name="report_done_has_file",
            ),
            models.UniqueConstraint(fields=["file_name"], condition=~Q(file_name=""), name="report_file_name_unique"),
        ]
        indexes = [
            models.Index(fields=["requested_by", "-requested_at"], name="report_job_owner"),
            models.Index(fields=["status", "heartbeat_at"], name="report_job_status"),
            models.Index(fields=["expires_at"], name="report_job_expiry", condition=Q(status="done")),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.requested_at:%Y-%m-%d %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES
