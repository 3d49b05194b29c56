"""Overdue follow-ups: tell the caseworker responsible, once per follow-up (a beat task runs this hourly).

Computed in the database: the planned follow-ups whose due date has passed, assigned to an active member of
staff who has the file in scope by role, and without a notification of this kind for that person yet.
The conditional unique constraint on notifications (kind followup_overdue) keeps it to one even when two
runs overlap."""

from __future__ import annotations

import datetime

from django.db import connection, transaction
from django.db.models import CharField, Exists, F, OuterRef, Q, Value
from django.db.models.functions import Cast, Replace
from django.urls import reverse
from django.utils import timezone

from casework.audit import audit_record
from casework.models import AuditAction, Role

from .kinds import NotificationKind
from .models import Notification
from .services import notify_rows

BATCH = 1000
TARGET_TYPE = "reintegration_plans.followup"


def _assignee_in_scope() -> Q:
    """The assignee sees the file by role: the file's centre, its region, or a national role."""
    return (
        Q(assigned_to__role=Role.CASEWORKER, assigned_to__centre_id=F("beneficiary__centre_id"))
        | Q(assigned_to__role=Role.SUPERVISOR, assigned_to__region__isnull=True)
        | Q(assigned_to__role=Role.SUPERVISOR, assigned_to__region_id=F("beneficiary__centre__region_id"))
        | Q(assigned_to__role=Role.ADMINISTRATOR)
    )


def overdue_without_notice(today: datetime.date):
    from reintegration_plans.models import FollowUp, FollowUpStatus

    told = Notification.objects.filter(
        kind=NotificationKind.FOLLOWUP_OVERDUE, target_type=TARGET_TYPE, recipient_id=OuterRef("assigned_to_id")
    )
    pk_text = Cast(OuterRef("pk"), output_field=CharField())
    if connection.vendor == "postgresql":  # uuid::text has the hyphens of str(uuid): the index serves it
        told = told.filter(target_id=pk_text)
    else:  # SQLite (the embedded run) stores a UUID as 32 hex digits
        told = told.annotate(target_hex=Replace(F("target_id"), Value("-"), Value(""))).filter(target_hex=pk_text)
    return (
        FollowUp.objects.filter(
            status=FollowUpStatus.PLANNED, due_on__lt=today, assigned_to__isnull=False, assigned_to__is_active=True
        )
        .filter(_assignee_in_scope())
        .exclude(Exists(told))
        .order_by("due_on", "pk")
        .values("pk", "assigned_to_id", "due_on", "beneficiary_id", "beneficiary__file_number")
    )


@transaction.atomic
def _notify_batch(rows: list[dict]) -> int:
    created = notify_rows(
        rows=[
            Notification(
                recipient_id=row["assigned_to_id"],
                kind=NotificationKind.FOLLOWUP_OVERDUE,
                target_type=TARGET_TYPE,
                target_id=str(row["pk"]),
                url=reverse("plans:follow_up", kwargs={"pk": row["pk"]}),
                beneficiary_id=row["beneficiary_id"],
                params={"file_number": row["beneficiary__file_number"], "due_on": row["due_on"].isoformat()},
            )
            for row in rows
        ]
    )
    return len(created)


def followups_overdue_notify(*, today: datetime.date | None = None) -> int:
    """Notify each overdue follow-up's caseworker once. Returns how many were told now."""
    today = today or timezone.localdate()
    total = 0
    while True:
        rows = list(overdue_without_notice(today)[:BATCH])
        if not rows:
            break
        created = _notify_batch(rows)
        total += created
        if created == 0:  # the rest was notified by a concurrent run
            break
    if total:
        audit_record(
            actor=None,
            actor_username="overdue-follow-ups",
            action=AuditAction.CREATE,
            object_type=Notification._meta.label_lower,
            object_repr="followup_overdue",
            changes={"notified": total, "today": today.isoformat()},
        )
    return total
