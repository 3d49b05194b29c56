"""In-app notifications and each person's notification preferences."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .kinds import NotificationKind, kind_label, render_text

# Kinds that may reach one recipient at most once per target (a beat task may run many times).
ONCE_PER_TARGET_KINDS = (NotificationKind.FOLLOWUP_OVERDUE.value,)


class Notification(models.Model):
    """One message to one person. The sentence is rendered when shown (see kinds.py), never stored."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    # Not a choices field: other apps register kinds (kinds.register_kind) without a migration here.
    kind = models.CharField(_("kind"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from"),
    )
    target_type = models.CharField(_("record type"), max_length=100, blank=True)
    target_id = models.CharField(_("record id"), max_length=64, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    beneficiary_id = models.UUIDField(_("person"), null=True, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notif_recipient_created"),
            # The navbar's unread count: a small partial index, one cheap query per page.
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notif_unread"),
            models.Index(fields=["kind", "target_type", "target_id"], name="notif_target"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "target_type", "target_id"],
                condition=Q(kind__in=ONCE_PER_TARGET_KINDS),
                name="notif_once_per_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def text(self) -> str:
        """The sentence in the active language (the reader's)."""
        actor = self.actor
        actor_name = (actor.get_full_name() or actor.get_username()) if actor else ""
        return render_text(kind=self.kind, params=self.params, actor_name=actor_name)


class NotificationPreference(models.Model):
    """How a person wants to be told: the language of their e-mails and whether to get e-mails at all."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="notification_preference",
        verbose_name=_("staff member"),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="ar")
    email_enabled = models.BooleanField(_("send me e-mails"), default=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.language}"
