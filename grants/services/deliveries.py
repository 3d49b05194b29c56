"""Recording a delivery: the grant becomes delivered and its money moves from committed to spent."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from casework.audit import audit_record, diff, snapshot
from casework.models import AuditAction, User

from ..access import can_record_delivery
from ..models import MONITORING_MONTHS, Delivery, DistributionEvent, Grant, MonitoringVisit
from ..workflow import Action, transition_target
from .decisions import DECISION_AUDIT_FIELDS
from .envelopes import envelope_spend

RECEIPT_MAX_BYTES = getattr(settings, "GRANTS_RECEIPT_MAX_BYTES", 10 * 1024 * 1024)
# extension -> (content type, leading bytes)
RECEIPT_TYPES = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
}


def receipt_validate(upload: UploadedFile) -> str:
    """Size and type of a signed-receipt scan (by content, not by the browser's word); its content type."""
    if upload.size is None or upload.size == 0:
        raise ValidationError(_("The receipt file is empty."), code="empty")
    if upload.size > RECEIPT_MAX_BYTES:
        raise ValidationError(
            _("The receipt scan is too large: at most %(mb)s MB."),
            code="too_large",
            params={"mb": RECEIPT_MAX_BYTES // (1024 * 1024)},
        )
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in RECEIPT_TYPES:
        raise ValidationError(_("Upload the signed receipt as a PDF, JPEG or PNG file."), code="bad_type")
    content_type, signatures = RECEIPT_TYPES[extension]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in signatures):
        raise ValidationError(_("This file is not the PDF, JPEG or PNG its name says it is."), code="bad_content")
    return content_type


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


@transaction.atomic
def grant_deliver(
    *,
    actor: User,
    grant: Grant,
    delivered_on: datetime.date,
    event: DistributionEvent | None = None,
    delivered_line_ids: list[int] | None = None,
    receipt: UploadedFile | None = None,
    notes: str = "",
) -> Delivery:
    """Record the handover: lock the grant then the envelope, move the approved amount from committed
    to spent, mark the delivered lines, and schedule the 3-, 6- and 12-month monitoring visits."""
    grant = Grant.objects.select_for_update().get(pk=grant.pk)
    if not can_record_delivery(actor, grant):
        raise PermissionDenied(_("You may not record this delivery."))
    target = transition_target(grant.status, Action.DELIVER)
    event = event or grant.event
    if event is None:
        raise ValidationError({"event": _("Choose the distribution event where the equipment was handed over.")})
    if event.envelope_id != grant.envelope_id:
        raise ValidationError({"event": _("This event hands over another envelope's grants.")})
    lines = list(grant.lines.all())
    chosen = {line.pk for line in lines} if delivered_line_ids is None else set(delivered_line_ids)
    if not chosen or not chosen <= {line.pk for line in lines}:
        raise ValidationError({"items": _("Tick the items that were handed over.")})
    content_type = receipt_validate(receipt) if receipt is not None else ""

    before = snapshot(grant, [*DECISION_AUDIT_FIELDS, "event_id"])
    envelope_spend(actor=actor, envelope_id=grant.envelope_id, amount=grant.approved_amount)
    grant.status = target
    grant.event = event
    grant.full_clean()
    grant.save()
    grant.lines.filter(pk__in=chosen).update(delivered=True)

    delivery = Delivery(grant=grant, delivered_on=delivered_on, notes=notes.strip(), recorded_by=actor)
    if receipt is not None:
        delivery.receipt = receipt
        delivery.receipt_content_type = content_type
        delivery.receipt_size = receipt.size
    delivery.full_clean()
    delivery.save()

    visits = [
        MonitoringVisit(
            grant=grant, centre_id=grant.centre_id, months_after=months, due_on=add_months(delivered_on, months)
        )
        for months in MONITORING_MONTHS
    ]
    for visit in visits:
        visit.full_clean()
    MonitoringVisit.objects.bulk_create(visits)

    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target=grant,
        beneficiary_id=grant.beneficiary_id,
        changes={
            **diff(before, snapshot(grant, [*DECISION_AUDIT_FIELDS, "event_id"])),
            "delivery": {**snapshot(delivery, ["delivered_on", "receipt_size"]), "receipt": delivery.receipt.name},
            "items_delivered": sorted(chosen),
        },
    )
    return delivery
