"""Personal API tokens: created by a user for themselves from a verified session, shown once (only a
digest is stored), listed, revoked; each creation and revocation is audited."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from knox.models import AuthToken

from casework.audit import audit_record
from casework.models import AuditAction, User

MAX_TOKENS_PER_USER = 5


def session_is_verified(request) -> bool:
    """Signed in *and* verified with a second factor in this session (django-otp's middleware)."""
    user = request.user
    is_verified = getattr(user, "is_verified", None)
    return bool(user.is_authenticated and user.is_active and is_verified is not None and is_verified())


def token_list(*, user: User) -> QuerySet[AuthToken]:
    return AuthToken.objects.filter(user=user, expiry__gt=timezone.now()).order_by("-created")


def token_ttl() -> datetime.timedelta:
    return datetime.timedelta(days=settings.CASEWORK_API_TOKEN_TTL_DAYS)


@transaction.atomic
def token_create(*, request) -> tuple[AuthToken, str]:
    """A new token for the signed-in user; the clear token is returned once and never stored."""
    user = request.user
    if not session_is_verified(request):
        raise PermissionDenied(_("Confirm your second factor before creating an API token."))
    User.objects.select_for_update().get(pk=user.pk)  # one creation at a time per user
    if token_list(user=user).count() >= MAX_TOKENS_PER_USER:
        raise PermissionDenied(
            _("You already have %(count)s tokens; revoke one first.") % {"count": MAX_TOKENS_PER_USER}
        )
    instance, token = AuthToken.objects.create(user=user, expiry=token_ttl(), prefix=settings.CASEWORK_API_TOKEN_PREFIX)
    audit_record(
        actor=user,
        action=AuditAction.GRANT,
        object_type="knox.authtoken",
        object_id=instance.token_key,
        object_repr=_("API token %(key)s…") % {"key": instance.token_key},
        changes={"expiry": instance.expiry.isoformat()},
    )
    return instance, token


@transaction.atomic
def token_revoke(*, actor: User, token_key: str) -> int:
    """Revoke the actor's own token(s) with this key; 0 when none (another user's key is never touched)."""
    tokens = AuthToken.objects.select_for_update().filter(user=actor, token_key=(token_key or "")[:25])
    keys = list(tokens.values_list("token_key", flat=True))
    deleted, _rows = tokens.delete()
    for key in keys:
        audit_record(
            actor=actor,
            action=AuditAction.REVOKE,
            object_type="knox.authtoken",
            object_id=key,
            object_repr=_("API token %(key)s…") % {"key": key},
        )
    return len(keys)
