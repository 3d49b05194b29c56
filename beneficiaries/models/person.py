"""The person: identity, contact, custody and release, status and its history."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from casework.encryption import BlindIndexField, EncryptedCharField
from casework.models import Centre, PrisonEstablishment, Region

from ..normalise import CIN_PATTERN


class Sex(models.TextChoices):
    MALE = "M", _("Man")
    FEMALE = "F", _("Woman")


class Status(models.TextChoices):
    IN_PROGRAMME = "in_programme", _("In the programme")
    RELEASED = "released", _("Released – being accompanied")
    PROJECT_RUNNING = "project_running", _("Project running")
    CLOSED = "closed", _("Closed")
    DECEASED = "deceased", _("Deceased")
    REINCARCERATED = "reincarcerated", _("Re-incarcerated")


class ReleaseType(models.TextChoices):
    ROYAL_PARDON = "royal_pardon", _("Royal pardon")
    END_OF_SENTENCE = "end_of_sentence", _("End of sentence")
    CONDITIONAL = "conditional", _("Conditional release")
    OTHER = "other", _("Other")


class MaritalStatus(models.TextChoices):
    SINGLE = "single", _("Single")
    MARRIED = "married", _("Married")
    DIVORCED = "divorced", _("Divorced")
    WIDOWED = "widowed", _("Widowed")


class EducationLevel(models.TextChoices):
    NONE = "none", _("No schooling")
    PRIMARY = "primary", _("Primary")
    LOWER_SECONDARY = "lower_secondary", _("Lower secondary")
    SECONDARY = "secondary", _("Secondary (baccalaureate)")
    HIGHER = "higher", _("Higher education")
    VOCATIONAL = "vocational", _("Vocational training")


def validate_cin(value: str) -> None:
    if value and not CIN_PATTERN.match(value):
        raise ValidationError(
            _("A CIN is one or two capital letters followed by digits, e.g. AB123456 or D12345."),
            code="invalid_cin",
        )


class Beneficiary(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    centre = models.ForeignKey(
        Centre, on_delete=models.PROTECT, related_name="beneficiaries", verbose_name=_("regional centre")
    )
    file_number = models.CharField(
        _("file number"),
        max_length=20,
        unique=True,
        help_text=_("Readable number per centre, e.g. FES-2021-0007."),
    )
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    first_name_ar = models.CharField(_("first name (Arabic)"), max_length=100)
    family_name_ar = models.CharField(_("family name (Arabic)"), max_length=100)
    first_name_latin = models.CharField(_("first name (Latin)"), max_length=100)
    family_name_latin = models.CharField(_("family name (Latin)"), max_length=100)
    father_name_ar = models.CharField(_("father's name (Arabic)"), max_length=100, blank=True)
    father_name_latin = models.CharField(_("father's name (Latin)"), max_length=100, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_place = models.CharField(_("place of birth"), max_length=120, blank=True)
    # Encrypted at rest (see beneficiaries.protected_data); found through the blind index `cin_hash`.
    cin = EncryptedCharField(
        _("CIN"),
        max_length=10,
        blank=True,
        validators=[validate_cin],
        help_text=_("National identity card number, e.g. AB123456."),
    )
    cin_hash = BlindIndexField(source="cin", normaliser="beneficiaries.normalise.normalise_cin", purpose="cin")
    phone = EncryptedCharField(_("phone"), max_length=30, blank=True)
    address = EncryptedCharField(_("address"), max_length=300, blank=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("region")
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    marital_status = models.CharField(_("marital status"), max_length=20, choices=MaritalStatus.choices, blank=True)
    education_level = models.CharField(_("education level"), max_length=20, choices=EducationLevel.choices, blank=True)
    trade = models.CharField(_("trade and skills"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IN_PROGRAMME)
    status_changed_on = models.DateField(_("status since"), null=True, blank=True)
    # Custody and release
    establishment = models.ForeignKey(
        PrisonEstablishment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="beneficiaries",
        verbose_name=_("prison establishment"),
    )
    conviction = models.CharField(_("conviction"), max_length=300, blank=True)
    sentence_months = models.PositiveIntegerField(_("sentence (months)"), null=True, blank=True)
    release_date = models.DateField(_("release date"), null=True, blank=True)
    release_type = models.CharField(_("release type"), max_length=20, choices=ReleaseType.choices, blank=True)
    # Set when a supervisor merged this file into another; the file stays (closed) with its history.
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_files",
        verbose_name=_("merged into"),
    )
    # Set when the retention job anonymised the closed file (beneficiaries.services.retention).
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
    # Search keys, recomputed by the services on every write (see beneficiaries.normalise).
    search_name_ar = models.CharField(max_length=400, blank=True, editable=False)
    search_name_latin = models.CharField(max_length=400, blank=True, editable=False)
    search_first_ar = models.CharField(max_length=100, blank=True, editable=False)
    search_first_latin = models.CharField(max_length=100, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["family_name_latin", "first_name_latin"]
        verbose_name = _("beneficiary")
        verbose_name_plural = _("beneficiaries")
        constraints = [
            models.UniqueConstraint(
                fields=["cin_hash"],
                condition=Q(cin_hash__isnull=False),
                name="beneficiary_cin_unique",
                violation_error_message=_("A file with this CIN already exists. Ask a supervisor."),
            ),
            models.CheckConstraint(
                condition=Q(sentence_months__isnull=True) | Q(sentence_months__lte=1200),
                name="beneficiary_sentence_plausible",
            ),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | ~Q(merged_into=F("id")),
                name="beneficiary_not_merged_into_itself",
            ),
        ]
        indexes = [
            models.Index(fields=["centre", "status"], name="benef_centre_status"),
            models.Index(fields=["status"], name="benef_status"),
            models.Index(fields=["release_date"], name="benef_release_date"),
            models.Index(fields=["sex"], name="benef_sex"),
            models.Index(fields=["birth_date"], name="benef_birth_date"),
            models.Index(fields=["search_name_ar"], name="benef_search_ar"),
            models.Index(fields=["search_name_latin"], name="benef_search_latin"),
            # The lists' name orders (selectors.SORTS), tie-break included: a page is read off the index.
            models.Index(fields=["family_name_latin", "first_name_latin", "id"], name="benef_latin_sort"),
            models.Index(fields=["family_name_ar", "first_name_ar", "id"], name="benef_arabic_sort"),
            # A centre's list in name order (the people list and API filtered by centre): the page is read off
            # the index instead of sorting the centre's every file.
            models.Index(
                fields=["centre", "family_name_latin", "first_name_latin", "id"],
                condition=Q(merged_into__isnull=True),
                name="benef_centre_latin_sort",
            ),
            models.Index(fields=["-created_at"], name="benef_created"),
            # The access policy's scope is a set of ids by centre: read from the index alone.
            models.Index(fields=["centre", "id"], name="benef_centre_ids"),
            # The home pages' figures over the files of a centre or region, read from the index alone.
            models.Index(
                fields=["centre", "status", "release_date", "id"],
                condition=Q(merged_into__isnull=True),
                name="benef_live_centre",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name_ar} {self.family_name_ar} — {self.first_name_latin} {self.family_name_latin}"

    @property
    def full_name_ar(self) -> str:
        return f"{self.first_name_ar} {self.family_name_ar}"

    @property
    def full_name_latin(self) -> str:
        return f"{self.first_name_latin} {self.family_name_latin}"


class StatusChange(models.Model):
    """Every change of a person's status, with its reason and date."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    beneficiary = models.ForeignKey(
        Beneficiary, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("person")
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    reason = models.CharField(_("reason"), max_length=300)
    changed_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-changed_on", "-recorded_at"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        indexes = [models.Index(fields=["beneficiary", "-changed_on"], name="benef_status_hist")]

    def __str__(self) -> str:
        return f"{self.changed_on}: {self.get_from_status_display()} → {self.get_to_status_display()}"
