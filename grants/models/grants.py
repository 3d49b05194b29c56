"""A project proposal, its equipment lines, and the committee's scores."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from casework.centre_copies import CopiesPersonCentre

from .envelopes import Envelope
from .events import DistributionEvent
from .reference import ZERO, EquipmentItem, ScoringCriterion, Sector, money_field


class GrantStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    REJECTED = "rejected", _("Rejected")
    APPROVED = "approved", _("Approved")
    DELIVERED = "delivered", _("Delivered")


# Statuses whose amount counts against the envelope.
COMMITTED_STATUSES = (GrantStatus.APPROVED, GrantStatus.DELIVERED)
# Life-project domains a grant may serve.
GOAL_DOMAINS = ("vocational", "income_project")
# A person holds at most one live proposal or grant per envelope.
ACTIVE_STATUSES = (GrantStatus.SUBMITTED, GrantStatus.APPROVED, GrantStatus.DELIVERED)
EDITABLE_STATUSES = (GrantStatus.DRAFT, GrantStatus.RETURNED)


class Grant(CopiesPersonCentre):
    """A project proposal for one person; once approved, a grant committed against an envelope. It carries
    its person's centre (casework/centre_copies.py): its deliveries and visits are scoped through it."""

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
    vocational_goal = models.ForeignKey(
        "reintegration_plans.Goal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="grants",
        verbose_name=_("life-project goal"),
        help_text=_("The vocational or income-project goal of the person's life project this grant serves."),
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
            models.Index(fields=["-created_at", "id"], name="grants_grant_list"),  # the lists' order
            models.Index(fields=["envelope", "status"], name="grants_grant_envelope_status"),
            models.Index(fields=["sector", "status"], name="grants_grant_sector_status"),
            models.Index(fields=["event", "status"], name="grants_grant_event_status"),
            models.Index(fields=["beneficiary", "-created_at"], name="grants_grant_beneficiary"),
            models.Index(fields=["proposed_by", "-created_at"], name="grants_grant_proposer"),
            models.Index(fields=["centre", "-created_at", "id"], name="grants_grant_centre_list"),
            models.Index(fields=["centre", "status"], name="grants_grant_centre_status"),
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


class GrantScore(models.Model):
    """One criterion's score given to a proposal by the deciding supervisor (optional committee scoring)."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="scores", verbose_name=_("grant"))
    criterion = models.ForeignKey(
        ScoringCriterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("criterion")
    )
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("scored by")
    )
    scored_at = models.DateTimeField(_("scored"), auto_now=True)

    class Meta:
        ordering = ["criterion__position", "criterion__code"]
        verbose_name = _("committee score")
        verbose_name_plural = _("committee scores")
        constraints = [
            models.UniqueConstraint(fields=["grant", "criterion"], name="grants_score_once_per_criterion"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"
