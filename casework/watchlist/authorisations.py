"""Administrators grant and revoke the explicit, time-limited authorisation to read the watchlist. Audited."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from casework.access import forget_shares
from casework.audit import audit_record
from casework.models import AuditAction, User

from .access import watchlist_policy
from .models import WatchlistAuthorisation

MAX_DAYS = 366


def _check_manager(actor: User) -> None:
    if not watchlist_policy.may_manage_authorisations(actor):
        raise PermissionDenied(_("Only an administrator may manage watchlist authorisations."))


@transaction.atomic
def authorisation_grant(*, actor: User, user: User, reason: str, expires_on: datetime.date) -> WatchlistAuthorisation:
    """Authorise a member of staff to read the watchlist until the end of `expires_on` (at most a year)."""
    _check_manager(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for this authorisation.")})
    if user.pk == actor.pk:
        raise ValidationError({"user": _("Nobody may authorise themselves.")})
    if not user.is_active or user.is_partner_viewer:
        raise ValidationError({"user": _("Only active programme staff may be authorised.")})
    if user.is_supervisor:
        raise ValidationError({"user": _("Supervisors read the watchlist of their scope without an authorisation.")})
    today = timezone.localdate()
    if expires_on is None or expires_on < today or expires_on > today + datetime.timedelta(days=MAX_DAYS):
        raise ValidationError({"expires_on": _("Choose an expiry date between today and one year from now.")})
    now = timezone.now()
    expires_at = timezone.make_aware(
        datetime.datetime.combine(expires_on + datetime.timedelta(days=1), datetime.time())
    )
    current = WatchlistAuthorisation.objects.select_for_update().filter(user=user, revoked_at__isnull=True).first()
    if current is not None:
        if current.is_live(now):
            raise ValidationError(
                {
                    "user": _("%(name)s is already authorised until %(date)s. Revoke it first to change it.")
                    % {"name": user.get_username(), "date": formats.date_format(timezone.localtime(current.expires_at))}
                }
            )
        # An expired authorisation is closed, so the new one can be the single live one.
        current.revoked_at = now
        current.revoke_reason = "expired"
        current.save(update_fields=["revoked_at", "revoke_reason"])
    authorisation = WatchlistAuthorisation(
        user=user, reason=reason, granted_by=actor, granted_at=now, expires_at=expires_at
    )
    authorisation.full_clean()
    try:
        with transaction.atomic():
            authorisation.save()
    except IntegrityError as exc:
        raise ValidationError({"user": _("This person was just authorised by someone else.")}) from exc
    audit_record(
        actor=actor,
        action=AuditAction.GRANT,
        target=authorisation,
        object_repr=f"watchlist: {user.get_username()}",
        changes={"user": user.get_username(), "reason": reason, "expires_at": expires_at.isoformat()},
    )
    forget_shares()  # this request's later checks see the change
    return authorisation


@transaction.atomic
def authorisation_revoke(*, actor: User, authorisation: WatchlistAuthorisation, reason: str) -> WatchlistAuthorisation:
    _check_manager(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for revoking it.")})
    changed = WatchlistAuthorisation.objects.filter(pk=authorisation.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=actor, revoke_reason=reason[:300]
    )
    if changed != 1:
        raise ValidationError(_("This authorisation was already revoked."))
    authorisation.refresh_from_db()
    audit_record(
        actor=actor,
        action=AuditAction.REVOKE,
        target=authorisation,
        object_repr=f"watchlist: {authorisation.user.get_username()}",
        changes={"user": authorisation.user.get_username(), "reason": reason},
    )
    forget_shares()  # this request's later checks see the change
    return authorisation
