"""Reads of the watchlist. Each one first checks that the user may read it at all (404 otherwise), then
scopes the rows through the access policy."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from casework.models import AuditEntry, Centre, User

from .access import watchlist_policy
from .models import Alert, AlertStatus, Indicator, Severity, WatchlistAuthorisation

OPEN_STATUSES = (AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED, AlertStatus.ASSESSED)


def alert_list(
    *,
    user: User,
    severity: str = "",
    status: str = "",
    indicator: Indicator | None = None,
    centre: Centre | None = None,
    open_only: bool = False,
) -> QuerySet[Alert]:
    watchlist_policy.require_reader(user)
    qs = watchlist_policy.visible(user, Alert.objects.all())
    if severity:
        qs = qs.filter(severity=severity)
    if status:
        qs = qs.filter(status=status)
    elif open_only:
        qs = qs.filter(status__in=OPEN_STATUSES)
    if indicator is not None:
        qs = qs.filter(indicator=indicator)
    if centre is not None:
        qs = qs.filter(beneficiary__centre=centre)
    return qs.select_related("beneficiary", "beneficiary__centre", "indicator", "raised_by").order_by(
        "-raised_at", "-id"
    )


def alert_get(*, user: User, pk) -> Alert:
    return watchlist_policy.get_visible_or_404(
        user,
        Alert.objects.select_related(
            "beneficiary",
            "beneficiary__centre",
            "indicator",
            "raised_by",
            "acknowledged_by",
            "assessed_by",
            "closed_by",
        ),
        pk=pk,
    )


def alert_history(*, alert: Alert) -> QuerySet[AuditEntry]:
    """The steps of this alert (raised, acknowledged, assessed, closed), from the audit trail."""
    return AuditEntry.objects.filter(
        object_type=Alert._meta.label_lower, object_id=str(alert.pk), action__in=["create", "update"]
    ).order_by("at", "id")


def watchlist_summary(*, user: User) -> dict | None:
    """Not-closed alerts in scope by severity, in one query; None for someone who may not read the watchlist."""
    if not watchlist_policy.may_read(user):
        return None
    counts = watchlist_policy.visible(user, Alert.objects.filter(status__in=OPEN_STATUSES)).aggregate(
        total=Count("pk"),
        **{value: Count("pk", filter=Q(severity=value)) for value in Severity.values},
        unacknowledged=Count("pk", filter=Q(status=AlertStatus.OPEN)),
    )
    return counts


def authorisation_list(*, user: User) -> QuerySet[WatchlistAuthorisation]:
    if not watchlist_policy.may_manage_authorisations(user):
        raise Http404
    return WatchlistAuthorisation.objects.select_related("user", "user__centre", "granted_by", "revoked_by").order_by(
        "revoked_at", "-granted_at", "-id"
    )


def authorisation_get(*, user: User, pk) -> WatchlistAuthorisation:
    try:
        return authorisation_list(user=user).get(pk=pk)
    except (WatchlistAuthorisation.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404 from exc


def active_indicators() -> QuerySet[Indicator]:
    return Indicator.objects.filter(is_active=True).order_by("position", "code")
