"""Writes of the notifications app: `notify` (called by other services inside their transaction), marking
read, and a person's preferences."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from casework.audit import audit_record, diff, snapshot
from casework.models import AuditAction, User

from .emails import send_notification_emails
from .kinds import KINDS
from .models import Notification, NotificationPreference


def _safe_url(url: str) -> str:
    """Only links inside the app: a path, never another host."""
    url = (url or "").strip()
    if not url:
        return ""
    if not url.startswith("/") or not url_has_allowed_host_and_scheme(url, allowed_hosts=set()):
        raise ValueError(f"Notification links must be paths inside the app, not {url!r}")
    return url[:500]


def _recipients(recipients: Iterable[User], *, actor: User | None, about_a_person: bool) -> list[User]:
    """Each active person once; never the actor (nobody is told about what they just did); no partner
    viewer about a person's file."""
    seen: set = set()
    chosen = []
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active:
            continue
        if actor is not None and user.pk == actor.pk:
            continue
        if about_a_person and user.is_partner_viewer:
            continue
        seen.add(user.pk)
        chosen.append(user)
    return chosen


def _target(target: models.Model | None) -> tuple[str, str]:
    if target is None:
        return "", ""
    return target._meta.label_lower, str(target.pk)


def queue_emails(notification_ids: list) -> None:
    """Send the e-mails once the surrounding transaction has committed (none if it rolls back)."""
    if notification_ids:
        ids = list(notification_ids)
        transaction.on_commit(lambda: send_notification_emails(ids))


@transaction.atomic
def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    actor: User | None = None,
    target: models.Model | None = None,
    url: str = "",
    beneficiary_id=None,
    params: dict | None = None,
) -> list[Notification]:
    """Tell each recipient about something, in the app and by e-mail (sent on commit).

    Call it from a service, inside that service's transaction: if the action rolls back, nobody is told.
    `params` hold what the sentence needs (file number, dates, codes, `{"ar","fr","en"}` names): keep them
    short and free of anything the recipient should not read. Recipients are not scope-checked here: the
    caller chooses who may be told (and the link still answers 404 to anyone out of scope)."""
    if kind not in KINDS:
        raise ValueError(f"Unknown notification kind {kind!r}")
    people = _recipients(recipients, actor=actor, about_a_person=beneficiary_id is not None)
    if not people:
        return []
    target_type, target_id = _target(target)
    now = timezone.now()
    rows = [
        Notification(
            id=uuid.uuid4(),
            recipient=user,
            kind=kind,
            actor=actor if actor is not None and actor.is_authenticated else None,
            target_type=target_type,
            target_id=target_id,
            url=_safe_url(url),
            beneficiary_id=beneficiary_id,
            params=dict(params or {}),
            created_at=now,
        )
        for user in people
    ]
    Notification.objects.bulk_create(rows)
    queue_emails([row.pk for row in rows])
    return rows


@transaction.atomic
def notify_rows(*, rows: list[Notification]) -> list[Notification]:
    """Insert many prepared notifications at once (for beat tasks), skipping any that the database refuses as
    a duplicate (the once-per-target kinds' conditional unique constraint decides, so two runs at the same
    time still tell each person once). Returns the rows actually created; their e-mails go on commit."""
    if not rows:
        return []
    for row in rows:
        if row.kind not in KINDS:
            raise ValueError(f"Unknown notification kind {row.kind!r}")
        row.id = row.id or uuid.uuid4()
        row.url = _safe_url(row.url)
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    created = set(Notification.objects.filter(pk__in=[row.pk for row in rows]).values_list("pk", flat=True))
    queue_emails([row.pk for row in rows if row.pk in created])
    return [row for row in rows if row.pk in created]


@transaction.atomic
def notification_mark_read(*, user: User, notification: Notification) -> bool:
    """Mark one of the user's own notifications read. True if it was unread."""
    changed = Notification.objects.filter(pk=notification.pk, recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if changed:
        audit_record(actor=user, action=AuditAction.UPDATE, target=notification, changes={"read": [False, True]})
    return bool(changed)


@transaction.atomic
def notification_mark_all_read(*, user: User) -> int:
    changed = Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
    if changed:
        audit_record(
            actor=user,
            action=AuditAction.UPDATE,
            object_type=Notification._meta.label_lower,
            object_repr=_("All notifications marked read"),
            changes={"marked_read": changed},
        )
    return changed


def preference_for(*, user: User) -> NotificationPreference:
    """The user's preferences, or the defaults (Arabic, e-mails on) when they never chose."""
    try:
        return user.notification_preference
    except NotificationPreference.DoesNotExist:
        return NotificationPreference(user=user)


@transaction.atomic
def preference_update(*, user: User, language: str, email_enabled: bool) -> NotificationPreference:
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the offered languages.")})
    preference, created = NotificationPreference.objects.select_for_update().get_or_create(user=user)
    before = snapshot(preference, ["language", "email_enabled"])
    preference.language = language
    preference.email_enabled = bool(email_enabled)
    preference.full_clean()
    preference.save()
    audit_record(
        actor=user,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        target=preference,
        changes=diff({} if created else before, snapshot(preference, ["language", "email_enabled"])),
    )
    return preference
