"""Post-delivery monitoring visits (scheduled by grant_deliver at 3, 6 and 12 months)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.audit import audit_record, diff, snapshot
from casework.models import AuditAction, User

from ..access import can_record_visit
from ..models import MonitoringVisit
from ..money import to_mad

VISIT_FIELDS = [
    "visited_on",
    "activity_running",
    "equipment_held",
    "equipment_used",
    "monthly_income",
    "jobs_created",
    "difficulties",
    "survival_status",
]


@transaction.atomic
def visit_record(
    *,
    actor: User,
    visit: MonitoringVisit,
    visited_on: datetime.date,
    activity_running: bool,
    equipment_held: bool,
    equipment_used: bool,
    monthly_income: Decimal | None,
    jobs_created: int | None,
    difficulties: str,
    survival_status: str,
) -> MonitoringVisit:
    visit = MonitoringVisit.objects.select_for_update().select_related("grant__beneficiary").get(pk=visit.pk)
    if not can_record_visit(actor, visit.grant):
        raise PermissionDenied(_("You may not record this monitoring visit."))
    if visited_on > timezone.localdate():
        raise ValidationError({"visited_on": _("A visit cannot be recorded in the future.")})
    if not survival_status:
        raise ValidationError({"survival_status": _("Say whether the project is still alive.")})
    before = snapshot(visit, VISIT_FIELDS)
    visit.visited_on = visited_on
    visit.activity_running = activity_running
    visit.equipment_held = equipment_held
    visit.equipment_used = equipment_used
    visit.monthly_income = to_mad(monthly_income) if monthly_income is not None else None
    visit.jobs_created = jobs_created
    visit.difficulties = difficulties.strip()
    visit.survival_status = survival_status
    visit.recorded_by = actor
    visit.recorded_at = timezone.now()
    visit.full_clean()
    visit.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE if before["visited_on"] else AuditAction.CREATE,
        target=visit,
        beneficiary_id=visit.grant.beneficiary_id,
        changes=diff(before, snapshot(visit, VISIT_FIELDS)),
    )
    return visit
