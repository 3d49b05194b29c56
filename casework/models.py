"""Cross-cutting core: places, staff and roles, and the audit trail."""

import uuid

from django.contrib.auth.models import AbstractUser, Group
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class TranslatedName(models.Model):
    """Reference data named in the three languages; `name` follows the active language."""

    name_ar = models.CharField(_("name (Arabic)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "ar")[:2]
        return getattr(self, f"name_{language}", None) or self.name_fr


class Region(TranslatedName):
    """One of Morocco's 12 regions (2015 division)."""

    code = models.CharField(_("code"), max_length=8, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class Centre(TranslatedName):
    """A regional centre for accompaniment and reintegration."""

    code = models.CharField(
        _("code"), max_length=8, unique=True, help_text=_("Short code used in file numbers, e.g. FES.")
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="centres", verbose_name=_("region"))
    city_ar = models.CharField(_("city (Arabic)"), max_length=120)
    city_fr = models.CharField(_("city (French)"), max_length=120)
    city_en = models.CharField(_("city (English)"), max_length=120)
    # Staff of the centre belong to this group, so a file can be shared with a whole centre
    # through a guardian group grant.
    staff_group = models.OneToOneField(
        Group, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="centre"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("regional centre")
        verbose_name_plural = _("regional centres")

    @property
    def city(self) -> str:
        language = (get_language() or "ar")[:2]
        return getattr(self, f"city_{language}", None) or self.city_fr


class PrisonEstablishment(TranslatedName):
    code = models.CharField(_("code"), max_length=16, unique=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="establishments", verbose_name=_("region")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("prison establishment")
        verbose_name_plural = _("prison establishments")


class Role(models.TextChoices):
    CASEWORKER = "caseworker", _("Caseworker")
    SUPERVISOR = "supervisor", _("Programme supervisor")
    ADMINISTRATOR = "administrator", _("Administrator")
    PARTNER_VIEWER = "partner_viewer", _("Partner viewer")


class User(AbstractUser):
    """A member of staff (or a partner viewer). Scope comes from role + centre/region."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.CASEWORKER)
    centre = models.ForeignKey(
        Centre, on_delete=models.PROTECT, null=True, blank=True, related_name="staff", verbose_name=_("centre")
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("region"),
        help_text=_("For supervisors: the region they oversee; empty means national."),
    )

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="caseworker") | Q(centre__isnull=False),
                name="caseworker_has_centre",
            ),
            models.CheckConstraint(
                condition=Q(role="caseworker") | Q(centre__isnull=True),
                name="only_caseworkers_have_centre",
            ),
        ]

    @property
    def is_caseworker(self) -> bool:
        return self.role == Role.CASEWORKER

    @property
    def is_supervisor(self) -> bool:
        return self.role == Role.SUPERVISOR

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMINISTRATOR

    @property
    def is_partner_viewer(self) -> bool:
        return self.role == Role.PARTNER_VIEWER

    @property
    def is_national(self) -> bool:
        return self.is_administrator or (self.is_supervisor and self.region_id is None)

    @property
    def scope_label(self) -> str:
        if self.centre_id:
            return str(self.centre)
        if self.is_supervisor and self.region_id:
            return str(self.region)
        return str(_("National"))


class AuditAction(models.TextChoices):
    LOGIN = "login", _("Login")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOGOUT = "logout", _("Logout")
    VIEW = "view", pgettext_lazy("audit action", "Read")
    CREATE = "create", pgettext_lazy("audit action", "Create")
    UPDATE = "update", pgettext_lazy("audit action", "Change")
    DELETE = "delete", pgettext_lazy("audit action", "Delete")
    GRANT = "grant", _("Permission granted")
    REVOKE = "revoke", _("Permission revoked")
    EXPORT = "export", pgettext_lazy("audit action", "Export")


class AuditEntry(models.Model):
    """Append-only: on PostgreSQL a trigger refuses UPDATE and DELETE (migration 0002)."""

    id = models.BigAutoField(primary_key=True)
    uuid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    # No database constraint: deleting or renaming a user must never touch the trail.
    actor = models.ForeignKey(
        User,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_username = models.CharField(_("username"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("record type"), max_length=100, blank=True)
    object_id = models.CharField(_("record id"), max_length=64, blank=True)
    object_repr = models.CharField(_("record"), max_length=200, blank=True)
    beneficiary_id = models.UUIDField(_("person"), null=True, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    path = models.CharField(_("path"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [
            models.Index(fields=["actor", "-at"], name="audit_actor_at"),
            models.Index(fields=["action", "-at"], name="audit_action_at"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
            models.Index(fields=["beneficiary_id", "-at"], name="audit_beneficiary_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action} {self.object_type} {self.object_id}"
