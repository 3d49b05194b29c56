"""The person followed by the programme, and the explicit per-file grants on them."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from casework.models import Centre


class Sex(models.TextChoices):
    MALE = "M", _("Man")
    FEMALE = "F", _("Woman")


class Beneficiary(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    centre = models.ForeignKey(
        Centre, on_delete=models.PROTECT, related_name="beneficiaries", verbose_name=_("regional centre")
    )
    file_number = models.CharField(
        _("file number"), max_length=20, unique=True, help_text=_("Readable number per centre, e.g. FES-2021-0007.")
    )
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    first_name_ar = models.CharField(_("first name (Arabic)"), max_length=100)
    family_name_ar = models.CharField(_("family name (Arabic)"), max_length=100)
    first_name_latin = models.CharField(_("first name (Latin)"), max_length=100)
    family_name_latin = models.CharField(_("family name (Latin)"), max_length=100)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["family_name_latin", "first_name_latin"]
        verbose_name = _("beneficiary")
        verbose_name_plural = _("beneficiaries")

    def __str__(self) -> str:
        return f"{self.first_name_ar} {self.family_name_ar} — {self.first_name_latin} {self.family_name_latin}"


class FileGrantFields(models.Model):
    """What every explicit grant on a file records besides guardian's own columns."""

    reason = models.CharField(_("reason"), max_length=300)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("granted by")
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


class BeneficiaryGroupObjectPermission(FileGrantFields, GroupObjectPermissionBase):
    """A file shared with a whole centre, through the centre's staff group."""

    content_object = models.ForeignKey(Beneficiary, on_delete=models.CASCADE, related_name="group_grants")

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("file shared with a centre")
        verbose_name_plural = _("files shared with centres")
        indexes = [models.Index(fields=["group", "expires_at"], name="benef_groupgrant_group")]
