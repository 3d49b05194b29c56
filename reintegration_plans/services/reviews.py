"""Periodic review reminders, run by Celery beat: each active plan whose review date has come gets one
`plan_review_due` notification per review date, however often the task runs."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from casework.models import AuditAction, Role, User

from ..models import LifeProject, ProjectStatus
from ._common import audit, notify

BATCH = 500


def _due(today: datetime.date):
    return LifeProject.objects.filter(status=ProjectStatus.ACTIVE, next_review_on__lte=today).filter(
        Q(review_reminded_on__isnull=True) | ~Q(review_reminded_on=F("next_review_on"))
    )


def plan_reviews_remind(*, today: datetime.date | None = None) -> int:
    """Remind the caseworker of each plan due for review. Returns how many reminders went out."""
    today = today or timezone.localdate()
    sent = 0
    for pk in list(_due(today).values_list("pk", flat=True)[:BATCH]):
        if _remind_one(pk=pk, today=today):
            sent += 1
    return sent


def _responsible(project: LifeProject) -> list[User]:
    """The plan's preparer; if they have left, the caseworkers of the person's centre."""
    if project.prepared_by.is_active:
        return [project.prepared_by]
    return list(User.objects.filter(is_active=True, role=Role.CASEWORKER, centre_id=project.beneficiary.centre_id))


@transaction.atomic
def _remind_one(*, pk, today: datetime.date) -> bool:
    project = (
        _due(today)
        .select_for_update(of=("self",), skip_locked=True)
        .select_related("beneficiary", "beneficiary__centre", "prepared_by")
        .filter(pk=pk)
        .first()
    )
    if project is None:  # reminded meanwhile by another run, or moved on
        return False
    claimed = LifeProject.objects.filter(pk=pk, next_review_on=project.next_review_on).exclude(
        review_reminded_on=project.next_review_on
    )
    if claimed.update(review_reminded_on=project.next_review_on) != 1:
        return False
    notify(
        recipients=_responsible(project),
        kind="plan_review_due",
        actor=None,
        project=project,
        params={"due_on": project.next_review_on.isoformat()},
    )
    audit(
        actor=None,
        action=AuditAction.UPDATE,
        target=project,
        beneficiary_id=project.beneficiary_id,
        changes={"review_reminded_on": [None, project.next_review_on.isoformat()]},
    )
    return True
