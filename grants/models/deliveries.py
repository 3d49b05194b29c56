"""Deliveries with their signed receipt, and the post-delivery monitoring visits."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.centre_copies import CopiesPersonCentre

from .grants import Grant
from .reference import money_field


def receipt_upload_to(instance: Delivery, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"grants/receipts/{instance.grant_id}/{uuid.uuid4().hex}.{extension}"


class Delivery(CopiesPersonCentre):
    """The handover of a grant's equipment, with the signed receipt scan (private file). It carries its
    person's centre, taken from its grant (casework/centre_copies.py)."""

    centre_source = "grant"
    person_path = "grant__beneficiary"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    grant = models.OneToOneField(Grant, on_delete=models.PROTECT, related_name="delivery", verbose_name=_("grant"))
    delivered_on = models.DateField(_("delivery date"))
    receipt = models.FileField(_("signed receipt (scan)"), upload_to=receipt_upload_to, max_length=300, blank=True)
    receipt_content_type = models.CharField(max_length=100, blank=True, editable=False)
    receipt_size = models.PositiveIntegerField(null=True, blank=True, editable=False)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-delivered_on"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        # The list's order with its tie-break (api/monitoring.py): a page is read off the index.
        indexes = [
            models.Index(fields=["-delivered_on", "id"], name="grants_delivery_list"),
            models.Index(fields=["centre", "-delivered_on", "id"], name="grants_delivery_centre_list"),
        ]

    def __str__(self) -> str:
        return f"{self.grant} — {self.delivered_on:%Y-%m-%d}"


class SurvivalStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    STRUGGLING = "struggling", _("Running with difficulties")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed")


MONITORING_MONTHS = (3, 6, 12)
# Like follow-ups: a visit is "due" within a week of its date, "overdue" after it.
DUE_SOON_DAYS = 7


class MonitoringVisit(CopiesPersonCentre):
    """A post-delivery visit, scheduled at 3, 6 and 12 months when the delivery is recorded. It carries its
    person's centre, taken from its grant (casework/centre_copies.py)."""

    centre_source = "grant"
    person_path = "grant__beneficiary"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="visits", verbose_name=_("grant"))
    months_after = models.PositiveSmallIntegerField(_("months after delivery"))
    due_on = models.DateField(_("due"))
    visited_on = models.DateField(_("visit date"), null=True, blank=True)
    activity_running = models.BooleanField(_("activity running"), null=True, blank=True)
    equipment_held = models.BooleanField(_("equipment still held"), null=True, blank=True)
    equipment_used = models.BooleanField(_("equipment in use"), null=True, blank=True)
    monthly_income = money_field(_("monthly income (MAD)"), null=True, blank=True)
    jobs_created = models.PositiveSmallIntegerField(_("jobs created"), null=True, blank=True)
    difficulties = models.TextField(_("difficulties"), blank=True)
    survival_status = models.CharField(_("survival status"), max_length=20, choices=SurvivalStatus.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), null=True, blank=True)

    class Meta:
        ordering = ["due_on"]
        verbose_name = _("monitoring visit")
        verbose_name_plural = _("monitoring visits")
        constraints = [
            models.UniqueConstraint(fields=["grant", "months_after"], name="grants_visit_once_per_milestone"),
            models.CheckConstraint(condition=Q(months_after__in=MONITORING_MONTHS), name="grants_visit_milestone"),
            models.CheckConstraint(
                condition=Q(visited_on__isnull=True) | ~Q(survival_status=""),
                name="grants_visit_done_has_status",
            ),
        ]
        indexes = [
            models.Index(fields=["visited_on", "due_on"], name="grants_visit_due"),
            models.Index(fields=["due_on", "id"], name="grants_visit_list"),  # the list's order
            models.Index(fields=["centre", "due_on", "id"], name="grants_visit_centre_list"),
        ]

    def __str__(self) -> str:
        return f"{self.grant} — {self.months_after}"

    @property
    def is_done(self) -> bool:
        return self.visited_on is not None

    def state(self, today: datetime.date | None = None) -> str:
        """ "done", "overdue", "due" (within DUE_SOON_DAYS) or "scheduled"."""
        if self.is_done:
            return "done"
        today = today or timezone.localdate()
        if self.due_on < today:
            return "overdue"
        if self.due_on <= today + datetime.timedelta(days=DUE_SOON_DAYS):
            return "due"
        return "scheduled"
