"""Explicit per-file grants (guardian direct foreign-key models), read only by casework.access."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from .person import Beneficiary


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
