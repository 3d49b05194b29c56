"""The rules that raise alerts, run by a Celery beat task. Computed in the database, idempotent.

Each rule is one query over the people still followed after release (released, project running) that
returns those matching the indicator and not already covered: no alert of that indicator still open for
them (a conditional unique constraint also guarantees it, even for two runs at once), and none raised
since the facts that trigger it (so closing an alert does not make it come back the next night for the
same facts). The new alerts are inserted in bulk, audited and sent to the supervisors in scope.

- lost contact: released at least N days ago and no done follow-up within the last N days;
- repeated missed follow-ups: at least K follow-ups missed among those due in the last M days;
- project abandoned: a monitoring visit found the income-generating project closed, or a goal of the
  life project was abandoned, after the last alert of this kind.
"""

from __future__ import annotations

import datetime
import uuid

from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from beneficiaries.models import Beneficiary, Status
from casework.models import AuditAction, AuditEntry, Role, User
from casework.notifications.kinds import NotificationKind
from casework.notifications.models import Notification
from casework.notifications.services import notify_rows
from grants.models import MonitoringVisit, SurvivalStatus
from reintegration_plans.models import FollowUp, FollowUpStatus, Goal, GoalStatus

from .models import Alert, AlertSource, Indicator, IndicatorCode
from .selectors import OPEN_STATUSES

FOLLOWED_STATUSES = (Status.RELEASED, Status.PROJECT_RUNNING)
SYSTEM_NAME = "watchlist-rules"
BATCH = 1000
DEFAULT_LOST_CONTACT_DAYS = 60
DEFAULT_MISSED_WINDOW_DAYS = 90
DEFAULT_MISSED_COUNT = 3


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def _followed() -> QuerySet[Beneficiary]:
    return Beneficiary.objects.filter(merged_into__isnull=True, status__in=FOLLOWED_STATUSES)


def _open_alert(indicator: Indicator):
    return Alert.objects.filter(beneficiary=OuterRef("pk"), indicator=indicator, status__in=OPEN_STATUSES)


def _raised_since(indicator: Indicator, since: datetime.datetime):
    return Alert.objects.filter(beneficiary=OuterRef("pk"), indicator=indicator, raised_at__gte=since)


def lost_contact(indicator: Indicator, today: datetime.date) -> QuerySet:
    days = indicator.days or DEFAULT_LOST_CONTACT_DAYS
    since = today - datetime.timedelta(days=days)
    last_done = (
        FollowUp.objects.filter(beneficiary=OuterRef("pk"), status=FollowUpStatus.DONE)
        .order_by("-occurred_on")
        .values("occurred_on")[:1]
    )
    return (
        _followed()
        .filter(release_date__lte=since)
        .annotate(last_contact=Subquery(last_done))
        .filter(Q(last_contact__isnull=True) | Q(last_contact__lt=since))
        .exclude(Exists(_open_alert(indicator)))
        .exclude(Exists(_raised_since(indicator, _start_of(since))))
        .values("pk", "file_number", "centre__region_id", "last_contact", "release_date")
    )


def missed_followups(indicator: Indicator, today: datetime.date) -> QuerySet:
    window = indicator.days or DEFAULT_MISSED_WINDOW_DAYS
    threshold = indicator.count or DEFAULT_MISSED_COUNT
    since = today - datetime.timedelta(days=window)
    missed = FollowUp.objects.filter(status=FollowUpStatus.MISSED, due_on__gte=since, due_on__lte=today)
    candidates = missed.values("beneficiary_id").annotate(n=Count("pk")).filter(n__gte=threshold)
    per_person = (
        missed.filter(beneficiary=OuterRef("pk"))
        .order_by()
        .values("beneficiary_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        _followed()
        .filter(pk__in=candidates.values("beneficiary_id"))
        .annotate(missed=Subquery(per_person))
        .exclude(Exists(_open_alert(indicator)))
        .exclude(Exists(_raised_since(indicator, _start_of(since))))
        .values("pk", "file_number", "centre__region_id", "missed")
    )


def project_abandoned(indicator: Indicator, today: datetime.date) -> QuerySet:
    covered_visit = Alert.objects.filter(
        beneficiary=OuterRef(OuterRef("pk")), indicator=indicator, raised_at__date__gte=OuterRef("visited_on")
    )
    closed_visits = MonitoringVisit.objects.filter(
        grant__beneficiary=OuterRef("pk"), survival_status=SurvivalStatus.CLOSED, visited_on__isnull=False
    )
    covered_goal = Alert.objects.filter(
        beneficiary=OuterRef(OuterRef("pk")), indicator=indicator, raised_at__gte=OuterRef("updated_at")
    )
    abandoned_goals = Goal.objects.filter(project__beneficiary=OuterRef("pk"), status=GoalStatus.ABANDONED)
    last_closed_visit = (
        closed_visits.order_by().values("grant__beneficiary").annotate(last=Max("visited_on")).values("last")
    )
    goal_count = abandoned_goals.order_by().values("project__beneficiary").annotate(n=Count("pk")).values("n")
    return (
        _followed()
        .filter(
            Exists(closed_visits.exclude(Exists(covered_visit))) | Exists(abandoned_goals.exclude(Exists(covered_goal)))
        )
        .exclude(Exists(_open_alert(indicator)))
        .annotate(closed_visit_on=Subquery(last_closed_visit), abandoned_goals=Subquery(goal_count))
        .values("pk", "file_number", "centre__region_id", "closed_visit_on", "abandoned_goals")
    )


RULES = {
    IndicatorCode.LOST_CONTACT: lost_contact,
    IndicatorCode.MISSED_FOLLOWUPS: missed_followups,
    IndicatorCode.PROJECT_ABANDONED: project_abandoned,
}


def _evidence(row: dict, indicator: Indicator) -> dict:
    evidence = {}
    for key, value in row.items():
        if key in ("pk", "file_number", "centre__region_id"):
            continue
        evidence[key] = value.isoformat() if isinstance(value, datetime.date) else value
    if indicator.days:
        evidence["days"] = indicator.days
    if indicator.count:
        evidence["threshold"] = indicator.count
    return evidence


class _Supervisors:
    """The supervisors to tell, per region: loaded once per run."""

    def __init__(self):
        self.national: list[int] = []
        self.by_region: dict[int, list[int]] = {}
        for pk, region_id in User.objects.filter(is_active=True, role=Role.SUPERVISOR).values_list("pk", "region_id"):
            if region_id is None:
                self.national.append(pk)
            else:
                self.by_region.setdefault(region_id, []).append(pk)

    def for_region(self, region_id) -> list[int]:
        return self.national + self.by_region.get(region_id, [])


@transaction.atomic
def _raise_batch(indicator: Indicator, rows: list[dict], supervisors: _Supervisors) -> int:
    now = timezone.now()
    alerts = [
        Alert(
            id=uuid.uuid4(),
            beneficiary_id=row["pk"],
            indicator=indicator,
            severity=indicator.severity,
            source=AlertSource.RULE,
            evidence=_evidence(row, indicator),
            raised_at=now,
        )
        for row in rows
    ]
    Alert.objects.bulk_create(alerts, ignore_conflicts=True)
    created = set(Alert.objects.filter(pk__in=[a.pk for a in alerts]).values_list("pk", flat=True))
    if not created:
        return 0
    by_pk = {a.pk: (a, row) for a, row in zip(alerts, rows, strict=True) if a.pk in created}
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor_username=SYSTEM_NAME,
            action=AuditAction.CREATE,
            object_type=Alert._meta.label_lower,
            object_id=str(pk),
            object_repr=f"{indicator.code} — {row['file_number']}",
            beneficiary_id=row["pk"],
            changes={"indicator": indicator.code, "severity": indicator.severity, "source": AlertSource.RULE},
        )
        for pk, (_alert, row) in by_pk.items()
    )
    notify_rows(
        rows=[
            Notification(
                recipient_id=supervisor_id,
                kind=NotificationKind.ALERT_RAISED,
                target_type=Alert._meta.label_lower,
                target_id=str(pk),
                url=reverse("watchlist:detail", kwargs={"pk": pk}),
                beneficiary_id=row["pk"],
                params={
                    "file_number": row["file_number"],
                    "severity": indicator.severity,
                    "indicator": indicator.names(),
                },
            )
            for pk, (_alert, row) in by_pk.items()
            for supervisor_id in supervisors.for_region(row["centre__region_id"])
        ]
    )
    return len(created)


def raise_rule_alerts(*, indicator: Indicator, rows: list[dict]) -> int:
    """Raise alerts of an automatic indicator for given rows (`pk`, `file_number`, `centre__region_id` and the
    evidence), exactly as a run of the rules would: used by the demo data."""
    return _raise_batch(indicator, rows, _Supervisors())


def run_rules(*, today: datetime.date | None = None) -> dict[str, int]:
    """Raise the alerts the rules call for; returns how many were raised per indicator."""
    today = today or timezone.localdate()
    supervisors = _Supervisors()
    raised: dict[str, int] = {}
    for indicator in Indicator.objects.filter(code__in=list(RULES), is_active=True):
        rule = RULES[IndicatorCode(indicator.code)]
        total = 0
        while True:
            rows = list(rule(indicator, today)[:BATCH])
            if not rows:
                break
            created = _raise_batch(indicator, rows, supervisors)
            total += created
            if created == 0:  # everything left was raised concurrently by another run
                break
        raised[indicator.code] = total
    return raised
