"""What hangs off a person's file: family environment, consent, documents, transfers."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from casework.encryption import EncryptedCharField
from casework.models import Centre

from .person import Beneficiary


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
    contact = EncryptedCharField(_("contact"), max_length=100, blank=True)  # encrypted at rest
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
