"""Moving a file between centres: the sending side asks, the receiving centre accepts. Both audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.access import beneficiary_policy
from casework.audit import audit_record, diff, snapshot
from casework.centre_copies import follow_person_centre
from casework.models import AuditAction, Centre, Role, User
from casework.notifications.kinds import NotificationKind
from casework.notifications.services import notify

from ..models import Beneficiary, Transfer, TransferStatus


def may_decide_transfer(*, user: User, transfer: Transfer) -> bool:
    """A caseworker of the receiving centre, a supervisor of its region, or a national role."""
    if not user.is_active or user.is_partner_viewer:
        return False
    if user.is_national:
        return True
    if user.is_caseworker:
        return user.centre_id == transfer.to_centre_id
    return user.is_supervisor and user.region_id == transfer.to_centre.region_id


def _centre_name(centre: Centre) -> dict:
    return {"ar": centre.name_ar, "fr": centre.name_fr, "en": centre.name_en}


def _notify_transfer(*, kind: str, actor: User, transfer: Transfer, recipients, url: str, variant: str = "") -> None:
    notify(
        recipients=recipients,
        kind=kind,
        actor=actor,
        target=transfer,
        url=url,
        beneficiary_id=transfer.beneficiary_id,
        params={
            "file_number": transfer.beneficiary.file_number,
            "from_centre": _centre_name(transfer.from_centre),
            "to_centre": _centre_name(transfer.to_centre),
            "variant": variant,
        },
    )


@transaction.atomic
def transfer_request(*, actor: User, beneficiary: Beneficiary, to_centre: Centre, reason: str) -> Transfer:
    if not beneficiary_policy.can_change(actor, beneficiary):
        raise PermissionDenied(_("You may not transfer this file."))
    locked = Beneficiary.objects.select_for_update().get(pk=beneficiary.pk)
    if to_centre.pk == locked.centre_id:
        raise ValidationError({"to_centre": _("The file is already in this centre.")})
    if not reason or not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the transfer.")})
    if Transfer.objects.filter(beneficiary=locked, status=TransferStatus.REQUESTED).exists():
        raise ValidationError(_("A transfer of this file is already waiting for an answer."))
    transfer = Transfer(
        beneficiary=locked,
        from_centre_id=locked.centre_id,
        to_centre=to_centre,
        reason=reason.strip(),
        requested_by=actor,
    )
    transfer.full_clean()
    try:
        with transaction.atomic():
            transfer.save()
    except IntegrityError as exc:
        raise ValidationError(_("A transfer of this file is already waiting for an answer.")) from exc
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target=transfer,
        beneficiary_id=locked.pk,
        changes={
            "from_centre": transfer.from_centre.code,
            "to_centre": to_centre.code,
            "reason": transfer.reason,
        },
    )
    # The receiving side: the centre's caseworkers and the supervisors of its region.
    receiving = User.objects.filter(is_active=True).filter(
        Q(role=Role.CASEWORKER, centre_id=to_centre.pk) | Q(role=Role.SUPERVISOR, region_id=to_centre.region_id)
    )
    _notify_transfer(
        kind=NotificationKind.TRANSFER_REQUESTED,
        actor=actor,
        transfer=transfer,
        recipients=receiving,
        url=reverse("beneficiaries:transfers"),
    )
    return transfer


@transaction.atomic
def transfer_decide(*, actor: User, transfer: Transfer, accept: bool) -> Transfer:
    if not may_decide_transfer(user=actor, transfer=transfer):
        raise PermissionDenied(_("Only the receiving centre may answer this transfer."))
    updated = Transfer.objects.filter(pk=transfer.pk, status=TransferStatus.REQUESTED).update(
        status=TransferStatus.ACCEPTED if accept else TransferStatus.REFUSED,
        decided_by=actor,
        decided_at=timezone.now(),
    )
    if updated != 1:
        raise ValidationError(_("This transfer has already been answered."))
    transfer.refresh_from_db()
    beneficiary = Beneficiary.objects.select_for_update().get(pk=transfer.beneficiary_id)
    changes = {"transfer": str(transfer.pk), "decision": transfer.status}
    if accept:
        before = snapshot(beneficiary, ["centre_id"])
        beneficiary.centre_id = transfer.to_centre_id
        beneficiary.full_clean()
        beneficiary.save(update_fields=["centre", "updated_at"])
        follow_person_centre(beneficiary)
        changes.update(diff(before, snapshot(beneficiary, ["centre_id"])))
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target=beneficiary,
        beneficiary_id=beneficiary.pk,
        changes=changes,
    )
    # The requester; the link opens the file only while it is still theirs (a refused transfer).
    _notify_transfer(
        kind=NotificationKind.TRANSFER_DECIDED,
        actor=actor,
        transfer=transfer,
        recipients=[transfer.requested_by] if transfer.requested_by_id else [],
        url="" if accept else reverse("beneficiaries:detail", kwargs={"pk": transfer.beneficiary_id}),
        variant="accepted" if accept else "refused",
    )
    return transfer
