"""Budget envelopes and their optional allocations per region or city."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from casework.models import Centre, Region

from .reference import ZERO, money_field


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

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})

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
