"""Writes on alerts: raising a concern from a person's file, the one workflow service, and the audit of
every read of the watchlist."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.audit import audit_record, diff, snapshot
from casework.models import AuditAction, Role, User
from casework.notifications.kinds import NotificationKind
from casework.notifications.services import notify

from .access import watchlist_policy
from .models import AUTOMATIC_INDICATORS, Alert, AlertOutcome, AlertSource, Indicator, Severity
from .workflow import AlertAction, transition_target

ALERT_AUDIT_FIELDS = [
    "status",
    "severity",
    "assessment",
    "outcome",
    "outcome_note",
    "acknowledged_by_id",
    "assessed_by_id",
    "closed_by_id",
]


def supervisors_in_scope(*, region_id) -> QuerySet[User]:
    """The supervisors who have a person of this region in scope: the region's and the national ones."""
    return User.objects.filter(is_active=True, role=Role.SUPERVISOR).filter(
        Q(region_id__isnull=True) | Q(region_id=region_id)
    )


def alert_notification_params(*, file_number: str, severity: str, indicator: Indicator) -> dict:
    return {"file_number": file_number, "severity": severity, "indicator": indicator.names()}


@transaction.atomic
def alert_raise_concern(
    *, actor: User, beneficiary, indicator: Indicator, severity: str, note: str, evidence: dict | None = None
) -> Alert:
    """A member of staff raises a concern (or flags the family at risk) from the person's file.

    Open to anyone who may change the file, reader of the watchlist or not; the supervisors in scope are told."""
    if not watchlist_policy.may_raise_concern(actor, beneficiary):
        raise PermissionDenied(_("You may not raise a concern on this file."))
    if indicator.code in AUTOMATIC_INDICATORS or not indicator.is_active:
        raise ValidationError({"indicator": _("Choose a concern or the family-at-risk flag.")})
    if severity not in Severity.values:
        raise ValidationError({"severity": _("Choose the severity.")})
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Describe what worries you, so the supervisor can assess it.")})
    alert = Alert(
        beneficiary=beneficiary,
        indicator=indicator,
        severity=severity,
        source=AlertSource.STAFF,
        note=note,
        evidence=evidence or {},
        raised_by=actor,
    )
    alert.full_clean()
    alert.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target=alert,
        beneficiary_id=beneficiary.pk,
        changes={"indicator": indicator.code, "severity": severity, "source": AlertSource.STAFF},
    )
    notify(
        recipients=supervisors_in_scope(region_id=beneficiary.centre.region_id),
        kind=NotificationKind.ALERT_RAISED,
        actor=actor,
        target=alert,
        url=reverse("watchlist:detail", kwargs={"pk": alert.pk}),
        beneficiary_id=beneficiary.pk,
        params=alert_notification_params(file_number=beneficiary.file_number, severity=severity, indicator=indicator),
    )
    return alert


@transaction.atomic
def alert_transition(
    *,
    actor: User,
    alert: Alert,
    action: str,
    assessment: str = "",
    severity: str = "",
    outcome: str = "",
    outcome_note: str = "",
) -> Alert:
    """Acknowledge, assess or close an alert: the one place its status changes (see workflow.py)."""
    alert = Alert.objects.select_for_update().select_related("beneficiary").get(pk=alert.pk)
    allowed = (
        watchlist_policy.may_close(actor, alert)
        if action == AlertAction.CLOSE
        else watchlist_policy.may_work_on(actor, alert)
    )
    if not allowed:
        if action == AlertAction.CLOSE:
            raise PermissionDenied(_("Only a programme supervisor may close an alert."))
        raise PermissionDenied(_("You may not work on this alert."))
    target = transition_target(alert.status, action)
    before = snapshot(alert, ALERT_AUDIT_FIELDS)
    now = timezone.now()
    if action == AlertAction.ACKNOWLEDGE:
        alert.acknowledged_by, alert.acknowledged_at = actor, now
    elif action == AlertAction.ASSESS:
        assessment = (assessment or "").strip()
        if not assessment:
            raise ValidationError({"assessment": _("Write the assessment: what was found, and what it means.")})
        if severity and severity not in Severity.values:
            raise ValidationError({"severity": _("Choose the severity.")})
        alert.assessment = assessment
        alert.severity = severity or alert.severity
        alert.assessed_by, alert.assessed_at = actor, now
    else:
        if outcome not in AlertOutcome.values:
            raise ValidationError({"outcome": _("Choose the outcome.")})
        outcome_note = (outcome_note or "").strip()
        if not outcome_note:
            raise ValidationError({"outcome_note": _("Say what was done, for whoever reads this alert later.")})
        alert.outcome, alert.outcome_note = outcome, outcome_note
        alert.closed_by, alert.closed_at = actor, now
    alert.status = target
    alert.full_clean()
    alert.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target=alert,
        beneficiary_id=alert.beneficiary_id,
        changes={"action": action, **diff(before, snapshot(alert, ALERT_AUDIT_FIELDS))},
    )
    return alert


def alert_record_view(*, actor: User, alert: Alert, via: str = "page") -> None:
    """Reading one alert is audited, on the person's trail too."""
    audit_record(
        actor=actor, action=AuditAction.VIEW, target=alert, beneficiary_id=alert.beneficiary_id, changes={"via": via}
    )


def watchlist_record_read(*, actor: User, alerts, filters: dict | None = None, via: str = "page") -> None:
    """Reading the list is audited: who, which filters, and which alerts were on the page."""
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        object_type=Alert._meta.label_lower,
        object_repr=_("Vigilance watchlist"),
        changes={
            "via": via,
            "filters": {k: str(v) for k, v in (filters or {}).items() if v not in (None, "")},
            "alerts": [str(alert.pk) for alert in alerts],
        },
    )
