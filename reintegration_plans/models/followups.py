"""Follow-ups (المصاحبة): the contacts with the person, planned then done or missed, and their corrections."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from casework.centre_copies import CopiesPersonCentre
from casework.encryption import EncryptedTextField

from .projects import Goal, LifeProject
from .reference import Domain

DUE_SOON_DAYS = 7
# Newest first by the day it took place (or is due); served by the index plans_followup_day.
FOLLOW_UP_ORDER = (Coalesce("occurred_on", "due_on").desc(), F("created_at").desc(), F("id").desc())


class FollowUpStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("follow-up status", "Planned")
    DONE = "done", pgettext_lazy("follow-up status", "Done")
    MISSED = "missed", pgettext_lazy("follow-up status", "Missed")
    CANCELLED = "cancelled", pgettext_lazy("follow-up status", "Cancelled")


class FollowUpKind(models.TextChoices):
    HOME_VISIT = "home_visit", _("Home visit")
    CENTRE_MEETING = "centre_meeting", _("Meeting at the centre")
    PHONE = "phone", _("Phone call")
    ACCOMPANIMENT = "accompaniment", _("Accompaniment to an office")
    GROUP_SESSION = "group_session", _("Group session")


class FollowUp(CopiesPersonCentre):
    """One contact with the person. Overdue when planned and its due date has passed."""

    # The person's centre is copied on each row (casework.centre_copies.CopiesPersonCentre): the access
    # policy scopes these rows on their own indexes, without a join through the people.

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary",
        on_delete=models.PROTECT,
        related_name="follow_ups",
        verbose_name=_("person"),
        db_index=False,  # served by the composite indexes below, which lead with it
    )
    project = models.ForeignKey(
        LifeProject,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("life project"),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_follow_ups",
        verbose_name=_("caseworker responsible"),
        db_index=False,  # served by plans_followup_assignee_due
    )
    status = models.CharField(
        _("status"), max_length=20, choices=FollowUpStatus.choices, default=FollowUpStatus.PLANNED
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    occurred_on = models.DateField(_("date"), null=True, blank=True)
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="follow_ups", verbose_name=_("domain"))
    kind = models.CharField(_("kind"), max_length=20, choices=FollowUpKind.choices)
    attendees = models.CharField(_("who attended"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    # Restricted: shown only to the caseworkers and supervisors who have the person in scope
    # (reintegration_plans.access.can_read_health_notes); encrypted at rest (casework.encryption).
    health_note = EncryptedTextField(_("health note"), blank=True)
    goals = models.ManyToManyField(Goal, blank=True, related_name="follow_ups", verbose_name=_("goals worked on"))
    next_due_on = models.DateField(_("next follow-up due"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    correction_count = models.PositiveIntegerField(_("corrections"), default=0, editable=False)

    class Meta:
        ordering = ["-occurred_on", "-due_on", "-created_at"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=FollowUpStatus.PLANNED) | Q(due_on__isnull=False),
                name="plans_followup_planned_has_due",
            ),
            models.CheckConstraint(
                condition=~Q(status=FollowUpStatus.DONE) | Q(occurred_on__isnull=False),
                name="plans_followup_done_has_date",
            ),
            models.CheckConstraint(
                condition=Q(next_due_on__isnull=True)
                | Q(occurred_on__isnull=True)
                | Q(next_due_on__gt=F("occurred_on")),
                name="plans_followup_next_after_date",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_on", "id"], name="plans_followup_status_due"),
            models.Index(fields=["assigned_to", "status", "due_on", "id"], name="plans_followup_assignee_due"),
            models.Index(fields=["beneficiary", "-occurred_on"], name="plans_followup_person_date"),
            models.Index(fields=["beneficiary", "status", "due_on"], name="plans_followup_person_due"),
            # Due and overdue counts and lists of a centre: the planned ones only (a few % of all), index-only.
            models.Index(
                fields=["centre", "due_on", "id"],
                include=["assigned_to"],
                condition=Q(status=FollowUpStatus.PLANNED),
                name="plans_followup_centre_planned",
            ),
            # How many follow-ups a centre has (the API list's exact count): the smallest index that answers
            # it, read alone (half the time of counting on the list-order index below at 200,000 rows).
            models.Index(fields=["centre"], name="plans_followup_centre"),
            # A centre's follow-ups in the lists' order (FOLLOW_UP_ORDER).
            models.Index(
                F("centre"),
                Coalesce("occurred_on", "due_on").desc(),
                F("created_at").desc(),
                F("id").desc(),
                name="plans_followup_centre_day",
            ),
            # The programme indicators over a period (reports/indicators.py): done follow-ups by date, with
            # what they are counted by, read from the index alone.
            models.Index(
                fields=["occurred_on"],
                include=["beneficiary", "domain", "centre"],
                condition=Q(status=FollowUpStatus.DONE),
                name="plans_followup_done_day",
            ),
            models.Index(fields=["domain", "-occurred_on"], name="plans_followup_domain_date"),
            models.Index(fields=["kind", "-occurred_on"], name="plans_followup_kind_date"),
            # The lists' order: the day it took place, else the day it is due (FOLLOW_UP_ORDER).
            models.Index(
                Coalesce("occurred_on", "due_on").desc(),
                F("created_at").desc(),
                F("id").desc(),
                name="plans_followup_day",
            ),
        ]

    def __str__(self) -> str:
        day = self.occurred_on or self.due_on
        return f"{self.get_kind_display()} — {day:%Y-%m-%d}" if day else str(self.get_kind_display())

    @property
    def day(self):
        """The date that places it in time: when it happened, else when it is due."""
        return self.occurred_on or self.due_on


class FollowUpCorrection(models.Model):
    """A correction of a recorded follow-up: who, when, why, and the values before and after."""

    id = models.BigAutoField(primary_key=True)
    follow_up = models.ForeignKey(
        FollowUp, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("follow-up")
    )
    reason = models.CharField(_("reason for the correction"), max_length=300)
    # {"field": [before, after]}. For the health note only a marker ("health_note": "corrected"): its
    # texts before and after are kept encrypted in the two fields below, shown only to its readers.
    changes = models.JSONField(_("changes"), default=dict)
    health_note_before = EncryptedTextField(_("health note before"), blank=True)
    health_note_after = EncryptedTextField(_("health note after"), blank=True)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("corrected by")
    )
    corrected_at = models.DateTimeField(_("corrected"), auto_now_add=True)

    class Meta:
        ordering = ["-corrected_at", "-id"]
        verbose_name = _("follow-up correction")
        verbose_name_plural = _("follow-up corrections")
        indexes = [models.Index(fields=["follow_up", "-corrected_at"], name="plans_correction_followup")]

    def __str__(self) -> str:
        return f"{self.follow_up_id} — {self.corrected_at:%Y-%m-%d}"
