"""Income-generating project grants: budget envelopes, proposals with equipment lines, distribution
events, deliveries with a signed receipt, and post-delivery monitoring.

Money is Decimal MAD (max_digits=14, decimal_places=2). An envelope's committed and spent amounts are
counters kept by the services under a row lock; a CheckConstraint makes over-commitment impossible
even for a write that bypassed them.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.models import Centre, Region, TranslatedName

ZERO = Decimal("0.00")


def money_field(verbose_name, **kwargs) -> models.DecimalField:
    return models.DecimalField(
        verbose_name, max_digits=14, decimal_places=2, validators=[MinValueValidator(ZERO)], **kwargs
    )


class Sector(TranslatedName):
    """Reference data (loaded by migration 0002): the domain of an income-generating project."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class EquipmentItem(models.Model):
    """Optional catalogue of equipment, to pre-fill a proposal's lines."""

    sector = models.ForeignKey(
        Sector,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="catalogue",
        verbose_name=_("sector"),
    )
    name = models.CharField(_("item"), max_length=200)
    specification = models.CharField(_("specification"), max_length=300, blank=True)
    reference_unit_cost = money_field(_("reference unit cost (MAD)"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("catalogue item")
        verbose_name_plural = _("equipment catalogue")
        indexes = [models.Index(fields=["sector", "is_active"], name="grants_item_sector")]

    def __str__(self) -> str:
        return self.name


class Envelope(models.Model):
    """A budget envelope for one operation. remaining = total - committed - spent, never below zero."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("operation"), max_length=250, unique=True)
    funder = models.CharField(_("funder / partner"), max_length=250)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    total_amount = money_field(_("total amount (MAD)"))
    committed_amount = money_field(_("committed (MAD)"), default=ZERO, editable=False)
    spent_amount = money_field(_("delivered (MAD)"), default=ZERO, editable=False)
    is_open = models.BooleanField(_("open for approvals"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-period_start", "name"]
        verbose_name = _("budget envelope")
        verbose_name_plural = _("budget envelopes")
        constraints = [
            models.CheckConstraint(condition=Q(total_amount__gte=0), name="grants_envelope_total_gte_0"),
            models.CheckConstraint(condition=Q(committed_amount__gte=0), name="grants_envelope_committed_gte_0"),
            models.CheckConstraint(condition=Q(spent_amount__gte=0), name="grants_envelope_spent_gte_0"),
            models.CheckConstraint(
                condition=Q(total_amount__gte=F("committed_amount") + F("spent_amount")),
                name="grants_envelope_never_overcommitted",
            ),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="grants_envelope_period"),
        ]
        indexes = [models.Index(fields=["is_open", "-period_start"], name="grants_envelope_open")]

    def __str__(self) -> str:
        return self.name

    @property
    def remaining_amount(self) -> Decimal:
        return self.total_amount - self.committed_amount - self.spent_amount


class EnvelopeAllocation(models.Model):
    """Optional share of an envelope reserved for one region or one city (centre)."""

    envelope = models.ForeignKey(
        Envelope, on_delete=models.CASCADE, related_name="allocations", verbose_name=_("envelope")
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("region")
    )
    centre = models.ForeignKey(
        Centre,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("city (centre)"),
    )
    amount = money_field(_("allocated amount (MAD)"))

    class Meta:
        verbose_name = _("envelope allocation")
        verbose_name_plural = _("envelope allocations")
        constraints = [
            models.CheckConstraint(
                condition=(Q(region__isnull=False) & Q(centre__isnull=True))
                | (Q(region__isnull=True) & Q(centre__isnull=False)),
                name="grants_allocation_region_xor_centre",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="grants_allocation_amount_gt_0"),
            models.UniqueConstraint(
                fields=["envelope", "region"],
                condition=Q(region__isnull=False),
                name="grants_allocation_region_once",
            ),
            models.UniqueConstraint(
                fields=["envelope", "centre"],
                condition=Q(centre__isnull=False),
                name="grants_allocation_centre_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.envelope} — {self.centre or self.region}"


class DistributionEvent(models.Model):
    """A ceremony where approved grants' equipment is handed over (city, date, place, officials)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    envelope = models.ForeignKey(Envelope, on_delete=models.PROTECT, related_name="events", verbose_name=_("envelope"))
    centre = models.ForeignKey(
        Centre,
        on_delete=models.PROTECT,
        related_name="distribution_events",
        verbose_name=_("organising centre"),
        help_text=_("Staff of this centre (and supervisors of its region) see the event."),
    )
    city = models.CharField(_("city"), max_length=200)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=300)
    officials = models.TextField(_("officials present"), blank=True, help_text=_("One per line."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "city"]
        verbose_name = _("distribution event")
        verbose_name_plural = _("distribution events")
        indexes = [
            models.Index(fields=["centre", "-date"], name="grants_event_centre_date"),
            models.Index(fields=["envelope", "-date"], name="grants_event_envelope_date"),
        ]

    def __str__(self) -> str:
        return f"{self.city} — {self.date:%Y-%m-%d}"

    @property
    def official_list(self) -> list[str]:
        return [line.strip() for line in self.officials.splitlines() if line.strip()]


class GrantStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    REJECTED = "rejected", _("Rejected")
    APPROVED = "approved", _("Approved")
    DELIVERED = "delivered", _("Delivered")


# Statuses whose amount counts against the envelope.
COMMITTED_STATUSES = (GrantStatus.APPROVED, GrantStatus.DELIVERED)
# A person holds at most one live proposal or grant per envelope.
ACTIVE_STATUSES = (GrantStatus.SUBMITTED, GrantStatus.APPROVED, GrantStatus.DELIVERED)
EDITABLE_STATUSES = (GrantStatus.DRAFT, GrantStatus.RETURNED)


class Grant(models.Model):
    """A project proposal for one person; once approved, a grant committed against an envelope."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary",
        on_delete=models.PROTECT,
        related_name="grants",
        verbose_name=_("beneficiary"),
    )
    envelope = models.ForeignKey(
        Envelope,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants",
        verbose_name=_("envelope"),
    )
    event = models.ForeignKey(
        DistributionEvent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants",
        verbose_name=_("distribution event"),
    )
    status = models.CharField(_("status"), max_length=20, choices=GrantStatus.choices, default=GrantStatus.DRAFT)
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="grants", verbose_name=_("sector"))
    title = models.CharField(_("project"), max_length=200)
    description = models.TextField(_("description"))
    location = models.CharField(_("location"), max_length=300)
    business_plan = models.TextField(_("business-plan summary"))
    training_and_skills = models.TextField(_("relevant training and skills"))
    expected_monthly_income = money_field(_("expected monthly income (MAD)"))
    requested_amount = money_field(_("requested amount (MAD)"), default=ZERO, editable=False)
    approved_amount = money_field(_("approved amount (MAD)"), null=True, blank=True, editable=False)
    amount_reason = models.TextField(_("reason for the approved amount"), blank=True, editable=False)
    decision_reason = models.TextField(_("reason for the decision"), blank=True, editable=False)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("proposed by")
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
        editable=False,
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("project grant")
        verbose_name_plural = _("project grants")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=COMMITTED_STATUSES)
                | (Q(approved_amount__gt=0) & Q(envelope__isnull=False) & Q(decided_by__isnull=False)),
                name="grants_grant_committed_has_amount",
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("proposed_by")),
                name="grants_grant_no_self_approval",
            ),
            models.CheckConstraint(
                condition=~Q(status=GrantStatus.DELIVERED) | Q(event__isnull=False),
                name="grants_grant_delivered_at_event",
            ),
            models.UniqueConstraint(
                fields=["beneficiary", "envelope"],
                condition=Q(status__in=ACTIVE_STATUSES),
                name="grants_one_active_grant_per_person_envelope",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="grants_grant_status"),
            models.Index(fields=["envelope", "status"], name="grants_grant_envelope_status"),
            models.Index(fields=["sector", "status"], name="grants_grant_sector_status"),
            models.Index(fields=["event", "status"], name="grants_grant_event_status"),
            models.Index(fields=["beneficiary", "-created_at"], name="grants_grant_beneficiary"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


class EquipmentLine(models.Model):
    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="lines", verbose_name=_("grant"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    catalogue_item = models.ForeignKey(
        EquipmentItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("catalogue item"),
    )
    item = models.CharField(_("item"), max_length=200)
    specification = models.CharField(_("specification"), max_length=300, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    unit_cost = money_field(_("unit cost (MAD)"))
    supplier = models.CharField(_("supplier"), max_length=200, blank=True)
    line_total = money_field(_("line total (MAD)"), editable=False)
    delivered = models.BooleanField(_("delivered"), default=False, editable=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("equipment line")
        verbose_name_plural = _("equipment lines")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="grants_line_quantity_gte_1"),
            models.CheckConstraint(condition=Q(unit_cost__gte=0), name="grants_line_unit_cost_gte_0"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.item}"


def receipt_upload_to(instance: Delivery, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"grants/receipts/{instance.grant_id}/{uuid.uuid4().hex}.{extension}"


class Delivery(models.Model):
    """The handover of a grant's equipment, with the signed receipt scan (private file)."""

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
        indexes = [models.Index(fields=["-delivered_on"], name="grants_delivery_date")]

    def __str__(self) -> str:
        return f"{self.grant} — {self.delivered_on:%Y-%m-%d}"


class SurvivalStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    STRUGGLING = "struggling", _("Running with difficulties")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed")


MONITORING_MONTHS = (3, 6, 12)
DUE_SOON_DAYS = 30


class MonitoringVisit(models.Model):
    """A post-delivery visit, scheduled at 3, 6 and 12 months when the delivery is recorded."""

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
        indexes = [models.Index(fields=["visited_on", "due_on"], name="grants_visit_due")]

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
