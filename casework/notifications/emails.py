"""The e-mail that goes with each notification: sent after the transaction commits, in the reader's language.

Sent through Django's e-mail backend (console in the embedded run, SMTP in production, locmem in tests).
The message carries the sentence and a link, never more of the file than the sentence holds (a file
number, a date): the full record stays behind the login. Confidential kinds (vigilance alerts) carry only
their kind: nothing of the watchlist leaves the server.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .kinds import is_confidential
from .models import Notification, NotificationPreference

logger = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "ar"


def _absolute(url: str) -> str:
    base = getattr(settings, "CASEWORK_BASE_URL", "").rstrip("/")
    return f"{base}{url}" if url else base + "/"


def build_message(notification: Notification, *, language: str) -> EmailMessage:
    with translation.override(language):
        context = {
            "notification": notification,
            "text": (
                _("You have a new notification: %(kind)s. Sign in to read it.") % {"kind": notification.kind_label}
                if is_confidential(notification.kind)
                else notification.text
            ),
            "link": _absolute(notification.url),
            "preferences_link": _absolute(reverse("notifications:preferences")),
        }
        subject = render_to_string("notifications/email_subject.txt", context).strip().replace("\n", " ")
        body = render_to_string("notifications/email_body.txt", context)
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.recipient.email],
    )
    message.extra_headers["Content-Language"] = language
    return message


def send_notification_emails(notification_ids: list) -> int:
    """Send one e-mail per notification whose recipient has an address and has not turned e-mails off.

    Called on commit: a failure here is logged and never undoes (or breaks) the action that notified."""
    if not notification_ids:
        return 0
    notifications = list(
        Notification.objects.filter(pk__in=notification_ids, recipient__is_active=True)
        .exclude(recipient__email="")
        .select_related("recipient", "actor")
    )
    preferences = {
        p.user_id: p for p in NotificationPreference.objects.filter(user_id__in={n.recipient_id for n in notifications})
    }
    messages = []
    for notification in notifications:
        preference = preferences.get(notification.recipient_id)
        if preference is not None and not preference.email_enabled:
            continue
        language = preference.language if preference else DEFAULT_LANGUAGE
        messages.append(build_message(notification, language=language))
    if not messages:
        return 0
    try:
        return get_connection().send_messages(messages) or 0
    except Exception:  # the notification stays in the app; the mail server's trouble must not break the action
        logger.exception("Sending %d notification e-mail(s) failed", len(messages))
        return 0
