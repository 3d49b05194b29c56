"""Merging two files of the same person: a supervisor's decision. The duplicate file is closed and
points to the kept one; what hung off it moves over; both files' audit trails record the merge."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.access import beneficiary_policy
from casework.audit import audit_record, diff, snapshot
from casework.models import AuditAction, User

from ..models import (
    Beneficiary,
    Consent,
    Document,
    FamilyMember,
    Membership,
    Status,
    StatusChange,
    Transfer,
    TransferStatus,
)
from .people import _refresh_search_columns, audit_fields

# Identity fields copied from the duplicate when the kept file has them empty.
FILLABLE = [
    "father_name_ar",
    "father_name_latin",
    "birth_date",
    "birth_place",
    "phone",
    "address",
    "region",
    "city",
    "marital_status",
    "education_level",
    "trade",
    "establishment",
    "conviction",
    "sentence_months",
    "release_date",
    "release_type",
]


def may_merge(*, user: User) -> bool:
    return user.is_active and (user.is_supervisor or user.is_administrator)


@transaction.atomic
def beneficiary_merge(*, actor: User, keep: Beneficiary, duplicate: Beneficiary, reason: str) -> Beneficiary:
    if not may_merge(user=actor):
        raise PermissionDenied(_("Only a supervisor may merge files."))
    if not (beneficiary_policy.can_change(actor, keep) and beneficiary_policy.can_change(actor, duplicate)):
        raise PermissionDenied(_("You may not change both files."))
    if keep.pk == duplicate.pk:
        raise ValidationError(_("A file cannot be merged into itself."))
    if not reason or not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the merge.")})
    # Lock both rows in a fixed order so two merges cannot deadlock or cross.
    locked = {b.pk: b for b in Beneficiary.objects.select_for_update().filter(pk__in=[keep.pk, duplicate.pk])}
    keep, duplicate = locked[keep.pk], locked[duplicate.pk]
    if keep.merged_into_id or duplicate.merged_into_id:
        raise ValidationError(_("One of these files has already been merged."))
    if Transfer.objects.filter(beneficiary__in=[keep, duplicate], status=TransferStatus.REQUESTED).exists():
        raise ValidationError(_("Answer the open transfer first."))

    before_keep = snapshot(keep, audit_fields())
    before_duplicate = snapshot(duplicate, audit_fields())
    for name in FILLABLE:
        if getattr(keep, name) in (None, "") and getattr(duplicate, name) not in (None, ""):
            setattr(keep, name, getattr(duplicate, name))
    if not keep.cin and duplicate.cin:
        keep.cin, duplicate.cin = duplicate.cin, ""
        duplicate.save(update_fields=["cin", "cin_hash"])  # free the unique CIN before the kept file takes it

    moved = {}
    for model in (FamilyMember, Consent, Document, StatusChange, Transfer):
        moved[model._meta.model_name] = model.objects.filter(beneficiary=duplicate).update(beneficiary=keep)
    kept_cohorts = Membership.objects.filter(beneficiary=keep).values("cohort_id")
    moved["membership"] = (
        Membership.objects.filter(beneficiary=duplicate).exclude(cohort_id__in=kept_cohorts).update(beneficiary=keep)
    )

    _refresh_search_columns(keep)
    keep.full_clean()
    keep.save()
    today = timezone.localdate()
    StatusChange.objects.create(
        beneficiary=duplicate,
        from_status=duplicate.status,
        to_status=Status.CLOSED,
        reason=_("Merged into %(number)s: %(reason)s") % {"number": keep.file_number, "reason": reason.strip()},
        changed_on=today,
        recorded_by=actor,
    )
    duplicate.status, duplicate.status_changed_on, duplicate.merged_into = Status.CLOSED, today, keep
    duplicate.full_clean()
    duplicate.save()

    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target=keep,
        beneficiary_id=keep.pk,
        changes={
            "merged_from": duplicate.file_number,
            "reason": reason.strip(),
            "moved": moved,
            **diff(before_keep, snapshot(keep, audit_fields())),
        },
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target=duplicate,
        beneficiary_id=duplicate.pk,
        changes={
            "merged_into": keep.file_number,
            "reason": reason.strip(),
            **diff(before_duplicate, snapshot(duplicate, audit_fields())),
        },
    )
    return keep
