"""The person followed by the programme, and the explicit per-file grants on them."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from casework.models import Centre, PrisonEstablishment, Region, TranslatedName

from .normalise import CIN_PATTERN


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
    cin = models.CharField(
        _("CIN"),
        max_length=10,
        blank=True,
        validators=[validate_cin],
        help_text=_("National identity card number, e.g. AB123456."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
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
                fields=["cin"],
                condition=~Q(cin=""),
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
            models.Index(fields=["family_name_latin", "first_name_latin"], name="benef_latin_order"),
            models.Index(fields=["-created_at"], name="benef_created"),
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


class Relation(models.TextChoices):
    SPOUSE = "spouse", _("Spouse")
    CHILD = "child", _("Child")
    FATHER = "father", _("Father")
    MOTHER = "mother", _("Mother")
    SIBLING = "sibling", _("Brother or sister")
    OTHER = "other", _("Other relative")


class FamilyMember(models.Model):
    """The family environment: one relative, with their needs and the protective measures taken."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    beneficiary = models.ForeignKey(
        Beneficiary, on_delete=models.CASCADE, related_name="family_members", verbose_name=_("person")
    )
    relation = models.CharField(_("relation"), max_length=20, choices=Relation.choices)
    name = models.CharField(_("name"), max_length=200)
    age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    occupation = models.CharField(_("schooling or occupation"), max_length=200, blank=True)
    contact = models.CharField(_("contact"), max_length=100, blank=True)
    needs = models.TextField(_("needs"), blank=True)
    protective_measures = models.TextField(_("protective measures"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["beneficiary", "relation", "name"]
        verbose_name = _("family member")
        verbose_name_plural = _("family members")
        indexes = [models.Index(fields=["beneficiary"], name="family_beneficiary")]
        constraints = [
            models.CheckConstraint(condition=Q(age__isnull=True) | Q(age__lte=120), name="family_age_plausible"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relation_display()})"


class ConsentPurpose(models.TextChoices):
    DATA_PROCESSING = "data_processing", _("Processing of personal data")
    PHOTO = "photo", _("Taking and keeping a photo")
    SHARING = "sharing", _("Sharing with a partner")


class Partner(models.TextChoices):
    DGAPR = "dgapr", _("General Delegation of Prison Administration and Reintegration (DGAPR)")
    RABITA = "rabita", _("Mohammadia League of Scholars")
    CNDH = "cndh", _("National Human Rights Council (CNDH)")
    FOUNDATION = "foundation", _("Mohammed VI Foundation for the Reintegration of Prisoners")
    FINANCE = "finance", _("Ministry of Economy and Finance")


class Consent(models.Model):
    """What the person agreed to, when, and its withdrawal."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    beneficiary = models.ForeignKey(
        Beneficiary, on_delete=models.CASCADE, related_name="consents", verbose_name=_("person")
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    partner = models.CharField(_("partner"), max_length=20, choices=Partner.choices, blank=True)
    given_on = models.DateField(_("given on"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["purpose", "partner", "-given_on"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [models.Index(fields=["beneficiary", "purpose"], name="consent_beneficiary")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(purpose="sharing") & ~Q(partner="")) | (~Q(purpose="sharing") & Q(partner="")),
                name="consent_partner_only_for_sharing",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=F("given_on")),
                name="consent_withdrawn_after_given",
            ),
        ]

    def __str__(self) -> str:
        label = self.get_purpose_display()
        return f"{label} — {self.get_partner_display()}" if self.partner else str(label)

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None


class DocumentKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    ID_CARD = "id_card", _("Identity card")
    JUDGMENT = "judgment", _("Judgment or release paper")
    OTHER = "other", _("Other document")


def _document_path(instance, filename: str) -> str:
    # Private storage under MEDIA_ROOT; the name on disk never reveals the person or the original name.
    return f"beneficiaries/{instance.beneficiary_id}/{uuid.uuid4().hex}"


class Document(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    beneficiary = models.ForeignKey(
        Beneficiary, on_delete=models.CASCADE, related_name="documents", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    file = models.FileField(_("file"), upload_to=_document_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["beneficiary", "kind"], name="document_beneficiary")]

    def __str__(self) -> str:
        return self.original_name


class TransferStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Refused")


class Transfer(models.Model):
    """A file moving from one centre to another: requested by the sender, accepted by the receiver."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    beneficiary = models.ForeignKey(
        Beneficiary, on_delete=models.CASCADE, related_name="transfers", verbose_name=_("person")
    )
    from_centre = models.ForeignKey(
        Centre, on_delete=models.PROTECT, related_name="transfers_out", verbose_name=_("from centre")
    )
    to_centre = models.ForeignKey(
        Centre, on_delete=models.PROTECT, related_name="transfers_in", verbose_name=_("to centre")
    )
    reason = models.CharField(_("reason"), max_length=300)
    status = models.CharField(
        _("status"), max_length=20, choices=TransferStatus.choices, default=TransferStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        constraints = [
            models.UniqueConstraint(
                fields=["beneficiary"], condition=Q(status="requested"), name="transfer_one_open_per_person"
            ),
            models.CheckConstraint(condition=~Q(from_centre=F("to_centre")), name="transfer_changes_centre"),
        ]
        indexes = [models.Index(fields=["to_centre", "status"], name="transfer_incoming")]

    def __str__(self) -> str:
        return f"{self.beneficiary.file_number}: {self.from_centre.code} → {self.to_centre.code}"


class FileGrantFields(models.Model):
    """What every explicit grant on a file records besides guardian's own columns."""

    reason = models.CharField(_("reason"), max_length=300)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)

    class Meta:
        abstract = True


class BeneficiaryUserObjectPermission(FileGrantFields, UserObjectPermissionBase):
    """A file shared with one person (guardian direct foreign-key model)."""

    content_object = models.ForeignKey(Beneficiary, on_delete=models.CASCADE, related_name="user_grants")

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("file shared with a user")
        verbose_name_plural = _("files shared with users")
        indexes = [models.Index(fields=["user", "expires_at"], name="benef_usergrant_user")]

    def __str__(self) -> str:
        return f"{self.permission_id} → user {self.user_id} on {self.content_object_id}"


class BeneficiaryGroupObjectPermission(FileGrantFields, GroupObjectPermissionBase):
    """A file shared with a whole centre, through the centre's staff group."""

    content_object = models.ForeignKey(Beneficiary, on_delete=models.CASCADE, related_name="group_grants")

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("file shared with a centre")
        verbose_name_plural = _("files shared with centres")
        indexes = [models.Index(fields=["group", "expires_at"], name="benef_groupgrant_group")]

    def __str__(self) -> str:
        return f"{self.permission_id} → group {self.group_id} on {self.content_object_id}"
