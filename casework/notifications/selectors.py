"""Reads of the notifications app: a person only ever reads their own."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from casework.models import User

from .models import Notification


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def notification_list(*, user: User, unread_only: bool = False) -> QuerySet[Notification]:
    if not _active(user):
        return Notification.objects.none()
    qs = Notification.objects.filter(recipient=user).select_related("actor")
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-id")


def notification_get(*, user: User, pk) -> Notification:
    """One of the user's own notifications; anyone else's (or a missing one) answers 404."""
    try:
        return notification_list(user=user).get(pk=pk)
    except (Notification.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404 from exc


def unread_count(*, user: User) -> int:
    """One query on a partial index (notif_unread)."""
    if not _active(user):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
