"""Writes on staff and places. Every one is atomic, validated and audited."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction

from .audit import audit_record, diff, snapshot
from .models import AuditAction, Centre, Role, User
from .roles import ROLE_GROUP_NAMES, role_group

STAFF_AUDIT_FIELDS = ["username", "first_name", "last_name", "email", "role", "centre_id", "region_id", "is_active"]


def centre_ensure_staff_group(*, centre: Centre) -> Group:
    """Each centre has a staff group so a file can be shared with the whole centre."""
    if centre.staff_group_id is None:
        centre.staff_group, _ = Group.objects.get_or_create(name=f"Centre {centre.code}")
        centre.save(update_fields=["staff_group"])
    return centre.staff_group


def _apply_role(user: User) -> None:
    """Admin access and group membership follow the role and the centre; nothing else grants them."""
    user.is_staff = user.role == Role.ADMINISTRATOR
    user.is_superuser = False
    user.save(update_fields=["is_staff", "is_superuser"])
    keep = [role_group(user.role)]
    if user.centre_id:
        keep.append(centre_ensure_staff_group(centre=user.centre))
    managed = Group.objects.filter(name__in=ROLE_GROUP_NAMES.values()) | Group.objects.filter(centre__isnull=False)
    user.groups.remove(*managed.exclude(pk__in=[g.pk for g in keep]))
    user.groups.add(*keep)


@transaction.atomic
def staff_create(
    *,
    actor: User | None,
    username: str,
    password: str | None,
    role: str,
    centre: Centre | None = None,
    region=None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    user = User(
        username=username,
        role=role,
        centre=centre,
        region=region,
        first_name=first_name,
        last_name=last_name,
        email=email,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    _apply_role(user)
    audit_record(actor=actor, action=AuditAction.CREATE, target=user, changes=snapshot(user, STAFF_AUDIT_FIELDS))
    return user


@transaction.atomic
def staff_save(*, actor: User, user: User, before: dict | None = None) -> User:
    """Save a staff member edited elsewhere (the admin form), re-applying role, groups and the audit."""
    creating = user.pk is None
    user.full_clean(exclude=["password"])
    user.save()
    _apply_role(user)
    after = snapshot(user, STAFF_AUDIT_FIELDS)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        target=user,
        changes=after if creating else diff(before or {}, after),
    )
    return user


@transaction.atomic
def centre_save(*, actor: User, centre: Centre, before: dict | None = None) -> Centre:
    creating = centre.pk is None
    centre.full_clean()
    centre.save()
    centre_ensure_staff_group(centre=centre)
    after = snapshot(centre)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        target=centre,
        changes=after if creating else diff(before or {}, after),
    )
    return centre
