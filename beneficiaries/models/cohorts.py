"""Programme editions: cohorts, their sessions, each member's place, attendance and completion."""

import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from casework.models import PrisonEstablishment, TranslatedName

from .person import Beneficiary


class Module(TranslatedName):
    """Reference data: the programme's modules (reconciliation with oneself, the religious texts, society)."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")


class Cohort(models.Model):
    """One edition of the programme."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    edition = models.PositiveSmallIntegerField(_("edition"), unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    establishments = models.ManyToManyField(
        PrisonEstablishment, related_name="cohorts", blank=True, verbose_name=_("prison establishments")
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        ordering = ["-edition"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="cohort_ends_after_start",
            ),
            models.CheckConstraint(condition=Q(year__gte=2017) & Q(year__lte=2100), name="cohort_year_range"),
        ]

    def __str__(self) -> str:
        return gettext("Edition %(edition)s (%(year)s)") % {"edition": self.edition, "year": self.year}


class CohortSession(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("cohort"))
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("module"))
    number = models.PositiveSmallIntegerField(_("session number"))
    held_on = models.DateField(_("date"), null=True, blank=True)

    class Meta:
        ordering = ["cohort", "number"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [models.UniqueConstraint(fields=["cohort", "number"], name="cohort_session_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.module}"


class Membership(models.Model):
    """A person's place in a cohort: where they followed it, completion, evaluation, hand-off."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("cohort"))
    beneficiary = models.ForeignKey(
        Beneficiary, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    establishment = models.ForeignKey(
        PrisonEstablishment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prison establishment"),
    )
    completed = models.BooleanField(_("completed"), default=False)
    evaluation = models.TextField(_("evaluation"), blank=True)
    handed_off_on = models.DateField(_("handed to the regional centre on"), null=True, blank=True)

    class Meta:
        ordering = ["cohort", "beneficiary__family_name_latin"]
        verbose_name = _("cohort membership")
        verbose_name_plural = _("cohort memberships")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "beneficiary"], name="membership_unique"),
        ]
        indexes = [models.Index(fields=["beneficiary"], name="membership_beneficiary")]

    def __str__(self) -> str:
        return f"{self.cohort} — {self.beneficiary.file_number}"


class Attendance(models.Model):
    session = models.ForeignKey(
        CohortSession, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("session")
    )
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("member")
    )
    present = models.BooleanField(_("present"), default=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [models.UniqueConstraint(fields=["session", "membership"], name="attendance_unique")]

    def __str__(self) -> str:
        return f"{self.session_id}/{self.membership_id}: {self.present}"
