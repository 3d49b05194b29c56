"""Session records and limits: who is signed in where, idle and absolute timeouts, ending sessions.

Every signed-in session has a `UserSession` row (written at login). The session guard middleware
accepts a session only while its row exists, was used within `CASEWORK_SESSION_IDLE_SECONDS` and was
opened within `CASEWORK_SESSION_ABSOLUTE_SECONDS`; ending a user's sessions deletes the rows and the
sessions themselves.
"""

from __future__ import annotations

import datetime
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from casework.audit import audit_record
from casework.models import AuditAction, User

from .models import UserSession
from .network import client_ip


class EndReason:
    LOGOUT = "logout"
    IDLE = "idle_timeout"
    ABSOLUTE = "absolute_timeout"
    ADMINISTRATOR = "ended_by_administrator"
    DEACTIVATED = "account_deactivated"
    TWO_FACTOR_RESET = "two_factor_reset"
    PASSWORD_RESET = "password_reset"  # noqa: S105 - a reason code, not a password


def idle_limit() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.CASEWORK_SESSION_IDLE_SECONDS)


def absolute_limit() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.CASEWORK_SESSION_ABSOLUTE_SECONDS)


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def session_record_login(*, request, user: User) -> UserSession | None:
    """Called when Django has logged `user` in on `request` (the session key has just been renewed)."""
    key = request.session.session_key
    if not key:
        request.session.save()
        key = request.session.session_key
    now = timezone.now()
    record, _ = UserSession.objects.update_or_create(
        session_key=key,
        defaults={
            "user": user,
            "created_at": now,
            "last_seen_at": now,
            "verified_at": None,
            "ip_address": client_ip(request),
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:300],
        },
    )
    return record


# A session's "last used" time is written at most this often: reading the record on every request is enough
# to enforce the limits, and a write (with its commit flush) on every page would be the request's dearest
# query. The idle limit is therefore exact to within this many seconds.
TOUCH_EVERY = datetime.timedelta(seconds=60)


def session_check(*, user_id: int, session_key: str) -> str:
    """An empty string when the session is recorded and within both limits (marking it used, at most once a
    minute); otherwise why it is refused: a timeout, or the session was ended (its record is gone). One query,
    and a second once a minute."""
    record = (
        UserSession.objects.filter(session_key=session_key, user_id=user_id)
        .only("pk", "created_at", "last_seen_at")
        .first()
    )
    if record is None:
        return EndReason.ADMINISTRATOR
    now = timezone.now()
    if record.created_at < now - absolute_limit():
        return EndReason.ABSOLUTE
    if record.last_seen_at < now - idle_limit():
        return EndReason.IDLE
    if record.last_seen_at < now - TOUCH_EVERY:
        UserSession.objects.filter(pk=record.pk).update(last_seen_at=now)
    return ""


def session_rotate(*, request, verified: bool = False) -> None:
    """Give the session a new key (after the second factor, a privilege change), keeping its record."""
    old_key = request.session.session_key
    request.session.cycle_key()
    changes = {"session_key": request.session.session_key}
    if verified:
        changes["verified_at"] = timezone.now()
    UserSession.objects.filter(session_key=old_key).update(**changes)


def session_end_current(*, request, reason: str) -> None:
    """End the session of this request only (timeouts): audited, the row and the session deleted."""
    user_id = request.session.get("_auth_user_id")
    key = request.session.session_key
    with transaction.atomic():
        user = User.objects.filter(pk=user_id).first() if user_id else None
        UserSession.objects.filter(session_key=key).delete()
        if user is not None:
            audit_record(
                actor=user,
                action=AuditAction.LOGOUT,
                target=user,
                object_type="security.session",
                changes={"reason": reason},
            )
    request.session.flush()


@transaction.atomic
def end_user_sessions(*, actor: User | None, user: User, reason: str) -> int:
    """End every session of `user`: delete the sessions and their records; audited. Returns how many."""
    keys = list(UserSession.objects.select_for_update().filter(user=user).values_list("session_key", flat=True))
    store = _session_store()
    for key in keys:
        store(session_key=key).delete()
    UserSession.objects.filter(session_key__in=keys).delete()
    if reason == EndReason.LOGOUT and len(keys) <= 1:
        return len(keys)  # a plain logout of the only session: the logout entry says it all
    changes = {"sessions_ended": len(keys), "reason": reason}
    if reason != EndReason.LOGOUT:
        # Ended by someone else or by an account event: the user's personal API tokens go too, or a
        # stolen token would outlive the response to the incident.
        changes["api_tokens_revoked"] = _revoke_api_tokens(user)
    audit_record(actor=actor, action=AuditAction.REVOKE, target=user, object_type="security.session", changes=changes)
    return len(keys)


def _revoke_api_tokens(user: User) -> int:
    if not apps.is_installed("knox"):
        return 0
    from knox.models import AuthToken

    return AuthToken.objects.filter(user=user).delete()[0]


def active_sessions(*, user: User | None = None) -> QuerySet[UserSession]:
    """Sessions that would be accepted now: recorded, within both limits, still held by the session store."""
    now = timezone.now()
    rows = UserSession.objects.filter(last_seen_at__gte=now - idle_limit(), created_at__gte=now - absolute_limit())
    if settings.SESSION_ENGINE == "django.contrib.sessions.backends.db":
        rows = rows.filter(
            Exists(Session.objects.filter(session_key=OuterRef("session_key"), expire_date__gt=now)),
        )
    if user is not None:
        rows = rows.filter(user=user)
    return rows


def purge_session_records() -> int:
    """Delete the records of sessions that can no longer be used (beat task); returns how many."""
    now = timezone.now()
    stale = UserSession.objects.filter(last_seen_at__lt=now - idle_limit()) | UserSession.objects.filter(
        created_at__lt=now - absolute_limit()
    )
    if settings.SESSION_ENGINE == "django.contrib.sessions.backends.db":
        stale = stale | UserSession.objects.exclude(
            Exists(Session.objects.filter(session_key=OuterRef("session_key"), expire_date__gt=now))
        )
    deleted, _ = UserSession.objects.filter(pk__in=stale.values("pk")).delete()
    return deleted


@transaction.atomic
def password_reset_completed(*, user: User) -> None:
    """After a new password was set through an e-mailed link: audited, and every session of the user
    ends (the link never signs anyone in; the next sign-in asks for the second factor as usual)."""
    audit_record(actor=None, action=AuditAction.UPDATE, target=user, changes={"password": "reset by e-mail link"})
    end_user_sessions(actor=None, user=user, reason=EndReason.PASSWORD_RESET)
