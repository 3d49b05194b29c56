"""Writes on what hangs off a person: family members, consents, documents."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.access import beneficiary_policy
from casework.audit import audit_record, diff, snapshot
from casework.models import AuditAction, User

from ..models import Beneficiary, Consent, Document, DocumentKind, FamilyMember

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
# Accepted types, checked against the file's first bytes rather than the browser's claim.
_SIGNATURES = {
    b"%PDF-": ("application/pdf", ".pdf"),
    b"\x89PNG\r\n\x1a\n": ("image/png", ".png"),
    b"\xff\xd8\xff": ("image/jpeg", ".jpg"),
}


def _check_can_change(actor: User, beneficiary: Beneficiary) -> None:
    if not beneficiary_policy.can_change(actor, beneficiary):
        raise PermissionDenied(_("You may not change this file."))


@transaction.atomic
def family_member_add(*, actor: User, beneficiary: Beneficiary, **fields) -> FamilyMember:
    _check_can_change(actor, beneficiary)
    member = FamilyMember(beneficiary=beneficiary, **fields)
    member.full_clean()
    member.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target=member,
        beneficiary_id=beneficiary.pk,
        changes=snapshot(member),
    )
    return member


@transaction.atomic
def family_member_update(*, actor: User, member: FamilyMember, **fields) -> FamilyMember:
    _check_can_change(actor, member.beneficiary)
    member = FamilyMember.objects.select_for_update().get(pk=member.pk)
    before = snapshot(member)
    for name, value in fields.items():
        setattr(member, name, value)
    member.full_clean()
    member.save()
    changes = diff(before, snapshot(member))
    if changes:
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=member,
            beneficiary_id=member.beneficiary_id,
            changes=changes,
        )
    return member


@transaction.atomic
def consent_record(
    *,
    actor: User,
    beneficiary: Beneficiary,
    purpose: str,
    given_on: datetime.date,
    partner: str = "",
    notes: str = "",
) -> Consent:
    _check_can_change(actor, beneficiary)
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("A consent cannot be dated in the future.")})
    if Consent.objects.filter(
        beneficiary=beneficiary, purpose=purpose, partner=partner, withdrawn_on__isnull=True
    ).exists():
        raise ValidationError(_("This consent is already recorded and has not been withdrawn."))
    consent = Consent(
        beneficiary=beneficiary,
        purpose=purpose,
        partner=partner,
        given_on=given_on,
        notes=notes,
        recorded_by=actor,
    )
    consent.full_clean()
    consent.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target=consent,
        beneficiary_id=beneficiary.pk,
        changes=snapshot(consent, ["purpose", "partner", "given_on", "notes"]),
    )
    return consent


@transaction.atomic
def consent_withdraw(*, actor: User, consent: Consent, withdrawn_on: datetime.date | None = None) -> Consent:
    _check_can_change(actor, consent.beneficiary)
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_on is not None:
        raise ValidationError(_("This consent was already withdrawn."))
    withdrawn_on = withdrawn_on or timezone.localdate()
    if withdrawn_on > timezone.localdate():
        raise ValidationError({"withdrawn_on": _("A withdrawal cannot be dated in the future.")})
    before = snapshot(consent, ["withdrawn_on"])
    consent.withdrawn_on = withdrawn_on
    consent.full_clean()
    consent.save(update_fields=["withdrawn_on"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target=consent,
        beneficiary_id=consent.beneficiary_id,
        changes=diff(before, snapshot(consent, ["withdrawn_on"])),
    )
    return consent


def _sniff(upload: UploadedFile) -> str:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, (content_type, _ext) in _SIGNATURES.items():
        if head.startswith(signature):
            return content_type
    raise ValidationError({"file": _("Only PDF, PNG and JPEG files are accepted.")})


@transaction.atomic
def document_add(*, actor: User, beneficiary: Beneficiary, kind: str, upload: UploadedFile) -> Document:
    _check_can_change(actor, beneficiary)
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError({"file": _("The file is larger than 5 MB.")})
    content_type = _sniff(upload)
    if kind == DocumentKind.PHOTO and not content_type.startswith("image/"):
        raise ValidationError({"file": _("A photo must be a PNG or JPEG image.")})
    document = Document(
        beneficiary=beneficiary,
        kind=kind,
        original_name=(upload.name or "document")[-200:],
        content_type=content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    document.file.save("upload", upload, save=False)
    document.full_clean()
    document.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target=document,
        beneficiary_id=beneficiary.pk,
        changes=snapshot(document, ["kind", "original_name", "content_type", "size"]),
    )
    return document


def document_record_download(*, actor: User, document: Document) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        target=document,
        beneficiary_id=document.beneficiary_id,
    )
