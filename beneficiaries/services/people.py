"""Writes on the person: registration, changes, status, custody. Each is atomic, validated, audited."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.access import beneficiary_policy
from casework.audit import audit_record, diff, snapshot
from casework.models import AuditAction, Centre, User

from .. import protected_data
from ..models import Beneficiary, Status, StatusChange
from ..normalise import normalise_arabic, normalise_cin, normalise_latin

# Columns the services never take from the caller.
PROTECTED_FIELDS = {
    "id",
    "centre",
    "centre_id",
    "file_number",
    "merged_into",
    "merged_into_id",
    "status",
    "status_changed_on",
    "search_name_ar",
    "search_name_latin",
    "search_first_ar",
    "search_first_latin",
    "cin_hash",
    "created_at",
    "updated_at",
}
AUDIT_EXCLUDE = {
    "search_name_ar",
    "search_name_latin",
    "search_first_ar",
    "search_first_latin",
    "cin_hash",
    "updated_at",
}


def audit_fields() -> list[str]:
    return [f.attname for f in Beneficiary._meta.concrete_fields if f.attname not in AUDIT_EXCLUDE]


def _refresh_search_columns(beneficiary: Beneficiary) -> None:
    b = beneficiary
    b.cin = normalise_cin(b.cin)
    b.cin_hash = protected_data.cin_index(b.cin)  # before full_clean(): uniqueness is checked on the index
    b.search_first_ar = normalise_arabic(b.first_name_ar)[:100]
    b.search_first_latin = normalise_latin(b.first_name_latin)[:100]
    b.search_name_ar = normalise_arabic(f"{b.first_name_ar} {b.family_name_ar} {b.father_name_ar}")[:400]
    b.search_name_latin = normalise_latin(f"{b.first_name_latin} {b.family_name_latin} {b.father_name_latin}")[:400]


def centres_for_registration(*, user: User):
    """The centres a user may register a person into."""
    if user.is_partner_viewer or not user.is_active:
        return Centre.objects.none()
    if user.is_caseworker:
        return Centre.objects.filter(pk=user.centre_id)
    if user.is_supervisor and user.region_id:
        return Centre.objects.filter(region_id=user.region_id)
    return Centre.objects.all()


def next_file_number(*, centre: Centre, year: int) -> str:
    """FES-2021-0007: the next free number for the centre and year. Caller holds the centre row lock."""
    prefix = f"{centre.code}-{year}-"
    last = (
        Beneficiary.objects.filter(file_number__startswith=prefix)
        .order_by("-file_number")
        .values_list("file_number", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"


@transaction.atomic
def beneficiary_register(
    *,
    actor: User | None,
    centre: Centre,
    sex: str,
    first_name_ar: str,
    family_name_ar: str,
    first_name_latin: str,
    family_name_latin: str,
    file_number: str = "",
    status: str = Status.IN_PROGRAMME,
    **fields,
) -> Beneficiary:
    """Create a person's file in a centre. `actor=None` is for loaders (demo data), audited as "system"."""
    if actor is not None and not centres_for_registration(user=actor).filter(pk=centre.pk).exists():
        raise PermissionDenied(_("You may not register a person in this centre."))
    unknown = set(fields) & PROTECTED_FIELDS
    if unknown:
        raise TypeError(f"beneficiary_register() does not take {sorted(unknown)}")
    Centre.objects.select_for_update().get(pk=centre.pk)  # serialise file numbers per centre
    beneficiary = Beneficiary(
        centre=centre,
        sex=sex,
        first_name_ar=first_name_ar.strip(),
        family_name_ar=family_name_ar.strip(),
        first_name_latin=first_name_latin.strip(),
        family_name_latin=family_name_latin.strip(),
        status=status,
        status_changed_on=timezone.localdate(),
        **fields,
    )
    year = (beneficiary.release_date or timezone.localdate()).year
    beneficiary.file_number = (file_number or next_file_number(centre=centre, year=year)).strip().upper()
    _refresh_search_columns(beneficiary)
    beneficiary.full_clean()
    beneficiary.save()
    StatusChange.objects.create(
        beneficiary=beneficiary,
        from_status="",
        to_status=status,
        reason=_("File opened"),
        changed_on=beneficiary.status_changed_on,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target=beneficiary,
        beneficiary_id=beneficiary.pk,
        changes=snapshot(beneficiary, audit_fields()),
        actor_username="" if actor else "system",
    )
    return beneficiary


def _lock_changeable(*, actor: User, beneficiary: Beneficiary) -> Beneficiary:
    if not beneficiary_policy.can_change(actor, beneficiary):
        raise PermissionDenied(_("You may not change this file."))
    return Beneficiary.objects.select_for_update().get(pk=beneficiary.pk)


@transaction.atomic
def beneficiary_update(*, actor: User, beneficiary: Beneficiary, **fields) -> Beneficiary:
    unknown = set(fields) & PROTECTED_FIELDS
    if unknown:
        raise TypeError(f"beneficiary_update() does not take {sorted(unknown)}")
    locked = _lock_changeable(actor=actor, beneficiary=beneficiary)
    before = snapshot(locked, audit_fields())
    for name, value in fields.items():
        setattr(locked, name, value)
    _refresh_search_columns(locked)
    locked.full_clean()
    locked.save()
    changes = diff(before, snapshot(locked, audit_fields()))
    if changes:
        audit_record(actor=actor, action=AuditAction.UPDATE, target=locked, beneficiary_id=locked.pk, changes=changes)
    return locked


@transaction.atomic
def beneficiary_change_status(
    *,
    actor: User,
    beneficiary: Beneficiary,
    status: str,
    reason: str,
    changed_on: datetime.date | None = None,
) -> StatusChange:
    locked = _lock_changeable(actor=actor, beneficiary=beneficiary)
    changed_on = changed_on or timezone.localdate()
    if status == locked.status:
        raise ValidationError({"status": _("The file already has this status.")})
    if not reason or not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the change.")})
    if changed_on > timezone.localdate():
        raise ValidationError({"changed_on": _("The date of a change cannot be in the future.")})
    before = snapshot(locked, ["status", "status_changed_on"])
    change = StatusChange(
        beneficiary=locked,
        from_status=locked.status,
        to_status=status,
        reason=reason.strip(),
        changed_on=changed_on,
        recorded_by=actor,
    )
    change.full_clean()
    change.save()
    locked.status, locked.status_changed_on = status, changed_on
    locked.full_clean()
    locked.save(update_fields=["status", "status_changed_on", "updated_at"])
    changes = diff(before, snapshot(locked, ["status", "status_changed_on"]))
    changes["reason"] = change.reason
    audit_record(actor=actor, action=AuditAction.UPDATE, target=locked, beneficiary_id=locked.pk, changes=changes)
    beneficiary.status, beneficiary.status_changed_on = locked.status, locked.status_changed_on
    return change


def beneficiary_record_view(*, actor: User, beneficiary: Beneficiary) -> None:
    """Reading a person's file leaves one entry in the trail."""
    audit_record(actor=actor, action=AuditAction.VIEW, target=beneficiary, beneficiary_id=beneficiary.pk)


def beneficiary_record_export(*, actor: User, beneficiary: Beneficiary, format: str) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        target=beneficiary,
        beneficiary_id=beneficiary.pk,
        changes={"format": format},
    )
