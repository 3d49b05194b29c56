"""Notifications made directly (bulk, for lists) and through the service."""

from casework.notifications.kinds import NotificationKind
from casework.notifications.models import Notification
from casework.notifications.services import notify


def sent(recipient, *, actor=None, kind=NotificationKind.REPORT_READY, url="/", **params):
    return notify(recipients=[recipient], kind=kind, actor=actor, url=url, params=params or {"title": "Report"})[0]


def many(recipient, count: int, *, kind=NotificationKind.REPORT_READY):
    return Notification.objects.bulk_create(
        [Notification(recipient=recipient, kind=kind, params={"title": f"Report {i}"}) for i in range(count)]
    )
