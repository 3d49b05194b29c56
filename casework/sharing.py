"""Explicit per-file grants: sharing a person's file with one user or a whole centre, for a reason,
optionally until a date. Stored in guardian's direct foreign-key permission models and read only by
the access policy (casework.access)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm

from beneficiaries.models import (
    Beneficiary,
    BeneficiaryGroupObjectPermission,
    BeneficiaryUserObjectPermission,
)

from .access import CHANGE, VIEW, beneficiary_policy, forget_shares
from .audit import audit_record
from .models import AuditAction, Centre, User
from .services import centre_ensure_staff_group


def _validate(*, actor: User, beneficiary: Beneficiary, reason: str, expires_at: datetime.datetime | None):
    if not beneficiary_policy.can_change(actor, beneficiary):
        raise PermissionDenied(_("You may not share this file."))
    if not reason or not reason.strip():
        raise ValidationError({"reason": _("Give the reason for sharing this file.")})
    if expires_at is not None:
        if timezone.is_naive(expires_at):
            raise ValidationError({"expires_at": _("The expiry must include a time zone.")})
        if expires_at <= timezone.now():
            raise ValidationError({"expires_at": _("The expiry must be in the future.")})


def _grant_changes(grant, *, grantee: str) -> dict:
    return {
        "grantee": grantee,
        "permission": grant.permission.codename,
        "reason": grant.reason,
        "expires_at": grant.expires_at.isoformat() if grant.expires_at else None,
    }


@transaction.atomic
def file_share_with_user(
    *,
    actor: User,
    beneficiary: Beneficiary,
    user: User,
    reason: str,
    expires_at: datetime.datetime | None = None,
    allow_change: bool = False,
) -> BeneficiaryUserObjectPermission:
    _validate(actor=actor, beneficiary=beneficiary, reason=reason, expires_at=expires_at)
    if not user.is_active or user.is_partner_viewer:
        raise ValidationError({"user": _("A file can only be shared with an active member of staff.")})
    grant = assign_perm(CHANGE if allow_change else VIEW, user, beneficiary)
    grant.reason, grant.expires_at, grant.granted_by = reason.strip(), expires_at, actor
    grant.full_clean()
    grant.save()
    forget_shares()
    audit_record(
        actor=actor,
        action=AuditAction.GRANT,
        target=beneficiary,
        beneficiary_id=beneficiary.pk,
        changes=_grant_changes(grant, grantee=f"user:{user.get_username()}"),
    )
    return grant


@transaction.atomic
def file_share_with_centre(
    *,
    actor: User,
    beneficiary: Beneficiary,
    centre: Centre,
    reason: str,
    expires_at: datetime.datetime | None = None,
    allow_change: bool = False,
) -> BeneficiaryGroupObjectPermission:
    _validate(actor=actor, beneficiary=beneficiary, reason=reason, expires_at=expires_at)
    group = centre_ensure_staff_group(centre=centre)
    grant = assign_perm(CHANGE if allow_change else VIEW, group, beneficiary)
    grant.reason, grant.expires_at, grant.granted_by = reason.strip(), expires_at, actor
    grant.full_clean()
    grant.save()
    forget_shares()
    audit_record(
        actor=actor,
        action=AuditAction.GRANT,
        target=beneficiary,
        beneficiary_id=beneficiary.pk,
        changes=_grant_changes(grant, grantee=f"centre:{centre.code}"),
    )
    return grant


@transaction.atomic
def file_share_revoke(
    *, actor: User | None, grant: BeneficiaryUserObjectPermission | BeneficiaryGroupObjectPermission
) -> None:
    beneficiary = grant.content_object
    if actor is not None and not beneficiary_policy.can_change(actor, beneficiary):
        raise PermissionDenied(_("You may not change the sharing of this file."))
    grantee = f"user:{grant.user.get_username()}" if hasattr(grant, "user") else f"group:{grant.group.name}"
    changes = _grant_changes(grant, grantee=grantee)
    grant.delete()
    forget_shares()
    audit_record(
        actor=actor,
        action=AuditAction.REVOKE,
        target=beneficiary,
        beneficiary_id=beneficiary.pk,
        changes=changes,
        actor_username="" if actor else "system",
    )


def file_shares_expire(*, now: datetime.datetime | None = None) -> int:
    """Delete grants past their expiry. The policy already ignores them; this keeps the tables clean."""
    now = now or timezone.now()
    removed = 0
    for model in (BeneficiaryUserObjectPermission, BeneficiaryGroupObjectPermission):
        for grant in model.objects.filter(expires_at__lte=now).select_related("content_object", "permission"):
            file_share_revoke(actor=None, grant=grant)
            removed += 1
    return removed
