"""The page django-axes shows after too many failed logins (AXES_LOCKOUT_CALLABLE): translated, 429,
never saying whether the username exists. API clients asking for JSON get a JSON body."""

from __future__ import annotations

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.db import transaction
from django.db.models import Max, Sum
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.audit import audit_record
from casework.models import AuditAction

LOCKOUT_STATUS = 429


def attempt_username(request, credentials=None) -> str | None:
    """The username a sign-in attempt is counted under (AXES_USERNAME_CALLABLE): the one submitted, as
    django-axes reads it, cut to the length of its column. No account has a longer username, so a very
    long one is an ordinary failed sign-in, not a database error."""
    field = settings.AXES_USERNAME_FORM_FIELD
    username = credentials.get(field) if credentials else getattr(request, "data", request.POST).get(field)
    return str(username)[: AccessAttempt._meta.get_field("username").max_length] if username is not None else None


def lockout_minutes() -> int:
    return max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))


def lockout_response(request, original_response=None, credentials=None):
    message = _(
        "Too many failed sign-in attempts for this account from this address. Sign-in is blocked for "
        "%(minutes)s minutes. If you forgot your password, reset it or ask an administrator."
    ) % {"minutes": lockout_minutes()}
    accepts_json = "application/json" in request.headers.get("Accept", "")
    if accepts_json or request.path_info.startswith(settings.CASEWORK_API_PATH_PREFIX):
        response = JsonResponse({"detail": message, "code": "login_locked_out"}, status=LOCKOUT_STATUS)
    else:
        response = render(request, "security/lockout.html", {"message": message}, status=LOCKOUT_STATUS)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response


def active_lockouts(*, username: str) -> list[dict]:
    """Addresses from which `username` is locked out now (failures within the cool-off at the limit)."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    rows = (
        AccessAttempt.objects.filter(username=username, attempt_time__gte=since)
        .values("ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last")
    )
    return list(rows)


@transaction.atomic
def login_lockout_lift(*, actor, user) -> int:
    """An administrator lifts the login lockout of `user` (every address); audited."""
    cleared = axes_reset(username=user.get_username())
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target=user,
        object_type="auth.lockout",
        changes={"lockout_lifted": True, "attempt_records_cleared": cleared},
    )
    return cleared
