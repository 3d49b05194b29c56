"""Referrals of a person to a partner organisation, with the consent check and the partner's answer."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from casework.centre_copies import CopiesPersonCentre

from .reference import Domain, PartnerOrganisation


class ReferralStatus(models.TextChoices):
    SENT = "sent", pgettext_lazy("referral status", "Sent")
    ACCEPTED = "accepted", pgettext_lazy("referral status", "Accepted")
    REFUSED = "refused", pgettext_lazy("referral status", "Refused")
    COMPLETED = "completed", pgettext_lazy("referral status", "Completed")


class ConsentBasis(models.TextChoices):
    RECORDED = "recorded", _("Sharing consent recorded on the file")
    ATTESTED = "attested", _("Written agreement attested by the caseworker")


class Referral(CopiesPersonCentre):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("person"),
        db_index=False,  # served by plans_referral_person
    )
    partner = models.ForeignKey(
        PartnerOrganisation, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("partner")
    )
    domain = models.ForeignKey(
        Domain, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals", verbose_name=_("domain")
    )
    reason = models.TextField(_("reason"))
    consent_checked = models.BooleanField(_("consent checked"), default=False)
    consent_basis = models.CharField(_("consent"), max_length=20, choices=ConsentBasis.choices)
    consent = models.ForeignKey(
        "beneficiaries.Consent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sharing consent"),
    )
    status = models.CharField(_("status"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.SENT)
    outcome = models.TextField(_("outcome"), blank=True)
    sent_on = models.DateField(_("sent on"))
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("referred by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["-sent_on", "-created_at"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.CheckConstraint(condition=Q(consent_checked=True), name="plans_referral_consent_checked"),
            models.CheckConstraint(
                condition=~Q(consent_basis=ConsentBasis.RECORDED) | Q(consent__isnull=False),
                name="plans_referral_recorded_consent",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[ReferralStatus.REFUSED, ReferralStatus.COMPLETED]) | ~Q(outcome=""),
                name="plans_referral_answer_has_outcome",
            ),
        ]
        indexes = [
            models.Index(fields=["beneficiary", "-sent_on"], name="plans_referral_person"),
            models.Index(fields=["status", "-sent_on"], name="plans_referral_status"),
            models.Index(fields=["-sent_on", "-created_at", "id"], name="plans_referral_list"),  # the lists' order
            # A centre's referrals in the lists' order, and how many it has by status (casework/centre_copies.py).
            models.Index(fields=["centre", "-sent_on", "-created_at", "id"], name="plans_referral_centre_list"),
            models.Index(fields=["centre", "status"], name="plans_referral_centre_status"),
            models.Index(fields=["partner", "status"], name="plans_referral_partner"),
        ]

    def __str__(self) -> str:
        return f"{self.partner} — {self.sent_on:%Y-%m-%d}"
