"""The vigilance watchlist (نظام يقظة): indicators, the alerts they raise, and who may read them.

A compartment of its own: supervisors (in their scope) and explicitly authorised staff read it; for
everyone else it does not exist (404). See access.py.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from casework.models import TranslatedName


class Severity(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class IndicatorCode(models.TextChoices):
    LOST_CONTACT = "lost_contact", _("Lost contact")
    MISSED_FOLLOWUPS = "missed_followups", _("Repeated missed follow-ups")
    PROJECT_ABANDONED = "project_abandoned", _("Project abandoned")
    FAMILY_AT_RISK = "family_at_risk", _("Family at risk")
    CASEWORKER_CONCERN = "caseworker_concern", _("Caseworker's concern")


# Raised by the rules (rules.py); the others are raised by a member of staff from the person's file.
AUTOMATIC_INDICATORS = (IndicatorCode.LOST_CONTACT, IndicatorCode.MISSED_FOLLOWUPS, IndicatorCode.PROJECT_ABANDONED)


class Indicator(TranslatedName):
    """Reference data: what is watched, and its thresholds. Administrators tune them in the admin."""

    code = models.CharField(_("code"), max_length=40, unique=True, choices=IndicatorCode.choices)
    severity = models.CharField(_("default severity"), max_length=10, choices=Severity.choices)
    days = models.PositiveIntegerField(
        _("days"),
        null=True,
        blank=True,
        help_text=_("Lost contact: days without a done follow-up. Missed follow-ups: the window looked at."),
    )
    count = models.PositiveIntegerField(
        _("count"), null=True, blank=True, help_text=_("Missed follow-ups: how many within the window raise an alert.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(condition=Q(days__isnull=True) | Q(days__gte=1), name="watchlist_indicator_days"),
            models.CheckConstraint(condition=Q(count__isnull=True) | Q(count__gte=1), name="watchlist_indicator_count"),
        ]

    @property
    def is_automatic(self) -> bool:
        return self.code in AUTOMATIC_INDICATORS

    def names(self) -> dict:
        return {"ar": self.name_ar, "fr": self.name_fr, "en": self.name_en}


class AlertStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("alert status", "Open")
    ACKNOWLEDGED = "acknowledged", pgettext_lazy("alert status", "Acknowledged")
    ASSESSED = "assessed", pgettext_lazy("alert status", "Assessed")
    CLOSED = "closed", pgettext_lazy("alert status", "Closed")


class AlertSource(models.TextChoices):
    RULE = "rule", _("Raised by the rules")
    STAFF = "staff", _("Raised by a member of staff")


class AlertOutcome(models.TextChoices):
    NO_CONCERN = "no_concern", _("No concern after assessment")
    RESOLVED = "resolved", _("Resolved with the person")
    REFERRED = "referred", _("Referred to a partner")
    ESCALATED = "escalated", _("Escalated beyond the programme")


class Alert(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary", on_delete=models.PROTECT, related_name="alerts", verbose_name=_("person")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="alerts", verbose_name=_("indicator")
    )
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    status = models.CharField(_("status"), max_length=20, choices=AlertStatus.choices, default=AlertStatus.OPEN)
    source = models.CharField(_("source"), max_length=10, choices=AlertSource.choices)
    # The facts that raised it (dates, counts), as the rules or the member of staff recorded them.
    evidence = models.JSONField(_("evidence"), default=dict, blank=True)
    note = models.TextField(_("concern"), blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("raised by"),
    )
    raised_at = models.DateTimeField(_("raised"), default=timezone.now)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assessed_at = models.DateTimeField(_("assessed"), null=True, blank=True)
    assessment = models.TextField(_("assessment"), blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=AlertOutcome.choices, blank=True)
    outcome_note = models.TextField(_("outcome details"), blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["-raised_at", "-id"]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        constraints = [
            # The rules raise one alert per person and indicator while it is not closed, however often
            # (and however concurrently) they run.
            models.UniqueConstraint(
                fields=["beneficiary", "indicator"],
                condition=~Q(status="closed") & Q(source="rule"),
                name="watchlist_one_open_rule_alert",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | (~Q(outcome="") & Q(closed_at__isnull=False)),
                name="watchlist_closed_has_outcome",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["open", "acknowledged", "assessed", "closed"]), name="watchlist_alert_status"
            ),
            models.CheckConstraint(
                condition=Q(severity__in=["low", "medium", "high"]), name="watchlist_alert_severity"
            ),
            models.CheckConstraint(
                condition=Q(source="rule") | Q(raised_by__isnull=False), name="watchlist_staff_alert_has_author"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "severity"], name="watchlist_alert_status_sev"),
            models.Index(fields=["beneficiary", "-raised_at"], name="watchlist_alert_person"),
            models.Index(fields=["indicator", "status"], name="watchlist_alert_indicator"),
            models.Index(fields=["-raised_at"], name="watchlist_alert_raised"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} — {self.beneficiary_id}"

    @property
    def is_closed(self) -> bool:
        return self.status == AlertStatus.CLOSED


class WatchlistAuthorisation(models.Model):
    """An administrator's explicit, time-limited permission for one member of staff to read the watchlist."""

    id = models.BigAutoField(primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="watchlist_authorisations",
        verbose_name=_("staff member"),
    )
    reason = models.CharField(_("reason"), max_length=300)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("granted by")
    )
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revoke_reason = models.CharField(_("reason for revoking"), max_length=300, blank=True)

    class Meta:
        ordering = ["-granted_at", "-id"]
        verbose_name = _("watchlist authorisation")
        verbose_name_plural = _("watchlist authorisations")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(revoked_at__isnull=True), name="watchlist_one_live_authorisation"
            ),
            models.CheckConstraint(condition=Q(expires_at__gt=F("granted_at")), name="watchlist_auth_expires_later"),
            models.CheckConstraint(condition=~Q(granted_by=F("user")), name="watchlist_auth_not_self_granted"),
        ]
        indexes = [models.Index(fields=["user", "expires_at"], name="watchlist_auth_user")]

    def __str__(self) -> str:
        return f"{self.user_id} until {self.expires_at:%Y-%m-%d}"

    def is_live(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now
