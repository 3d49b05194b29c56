"""The "alerts" source of a person's timeline (reintegration_plans.timeline), for watchlist readers only."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .access import watchlist_policy
from .models import Alert, AlertStatus
from .services import watchlist_record_read


def alert_entries(*, user, beneficiary, domain=None) -> list:
    from reintegration_plans.timeline import TimelineEntry

    if domain is not None or not watchlist_policy.may_read(user):
        return []
    alerts = list(
        watchlist_policy.visible(user, Alert.objects.filter(beneficiary=beneficiary)).select_related("indicator")
    )
    if alerts:  # reading alerts on the timeline is a read of the watchlist: audited like the list
        watchlist_record_read(actor=user, alerts=alerts, filters={"beneficiary": beneficiary.pk}, via="timeline")
    entries = []
    for alert in alerts:
        url = reverse("watchlist:detail", kwargs={"pk": alert.pk})
        entries.append(
            TimelineEntry(
                timezone.localtime(alert.raised_at).date(),
                "alert",
                _("Vigilance alert: %(indicator)s") % {"indicator": alert.indicator.name},
                alert.get_severity_display(),
                url=url,
                badge=alert.get_status_display(),
                at=alert.raised_at,
            )
        )
        if alert.status == AlertStatus.CLOSED and alert.closed_at:
            entries.append(
                TimelineEntry(
                    timezone.localtime(alert.closed_at).date(),
                    "alert",
                    _("Vigilance alert closed: %(outcome)s") % {"outcome": alert.get_outcome_display()},
                    alert.indicator.name,
                    url=url,
                    at=alert.closed_at,
                )
            )
    return entries


def register() -> None:
    try:
        from reintegration_plans.timeline import register_source
    except ImportError:  # the timeline is not there yet
        return
    register_source("alerts", alert_entries)
