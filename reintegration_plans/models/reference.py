"""Reference data of life projects: domains, the administrative checklist, partner organisations.

Loaded by migration (0002) in Arabic, French and English; administrators extend them in the admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models import TranslatedName


class ReferenceData(TranslatedName):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        abstract = True
        ordering = ["position", "code"]


class Domain(ReferenceData):
    """A domain of a life project and of follow-ups: social, health, administrative, vocational, …"""

    class Meta(ReferenceData.Meta):
        verbose_name = _("domain")
        verbose_name_plural = _("domains")


class ChecklistItem(ReferenceData):
    """One step of the administrative checklist: CIN renewed, civil-status papers, health coverage, …"""

    class Meta(ReferenceData.Meta):
        verbose_name = _("administrative checklist item")
        verbose_name_plural = _("administrative checklist")


class PartnerKind(models.TextChoices):
    FOUNDATION = "foundation", _("Foundation")
    RELIGIOUS = "religious", _("Religious institution")
    HUMAN_RIGHTS = "human_rights", _("Human rights institution")
    PRISON_ADMINISTRATION = "prison_administration", _("Prison administration")
    EMPLOYMENT = "employment", _("Employment service")
    VOCATIONAL_TRAINING = "vocational_training", _("Vocational training")
    HEALTH = "health", _("Health service")
    SOCIAL = "social", _("Social service")
    OTHER = "other", _("Other")


class PartnerOrganisation(ReferenceData):
    """A partner a person can be referred to."""

    kind = models.CharField(_("kind"), max_length=30, choices=PartnerKind.choices)
    # The partner code of `beneficiaries.Consent` (purpose "sharing") that covers this organisation.
    # Empty when the consent form has no entry for it yet: the caseworker then attests the person's
    # written agreement on the referral itself.
    consent_partner = models.CharField(
        _("consent partner code"),
        max_length=20,
        blank=True,
        help_text=_("The partner of the person's sharing consent that covers referrals to this organisation."),
    )
    contact = models.CharField(_("contact"), max_length=300, blank=True)

    class Meta(ReferenceData.Meta):
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
