"""Who may read the vigilance watchlist, and which alerts.

Readers: programme supervisors (alerts on the people in their scope) and members of staff holding a live
(unrevoked, unexpired) authorisation granted by an administrator (alerts on the people in their file scope).
Nobody else: every watchlist page and endpoint answers 404 to them, and no link to it is shown. Partner
viewers are never readers. The rows a reader sees always go through the one access policy.

Raising a concern from a person's file is open to anyone who may change the file: a caseworker tells the
supervisors without reading the watchlist.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from casework.access import beneficiary_policy, read_once_per_request
from casework.models import User

from .models import Alert, WatchlistAuthorisation


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active) and not user.is_partner_viewer


def live_authorisations(now=None) -> QuerySet[WatchlistAuthorisation]:
    return WatchlistAuthorisation.objects.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())


class WatchlistPolicy:
    def may_read(self, user: User) -> bool:
        if not _active(user):
            return False
        if user.is_supervisor:
            return True
        # The home page and a person's pages ask twice (the page and its navigation): one query.
        return read_once_per_request(("watchlist", user.pk), lambda: live_authorisations().filter(user=user).exists())

    def require_reader(self, user: User) -> None:
        """Anyone who may not read the watchlist is answered as if it did not exist."""
        if not self.may_read(user):
            raise Http404

    def visible(self, user: User, queryset: QuerySet[Alert]) -> QuerySet[Alert]:
        if not self.may_read(user):
            return queryset.none()
        return beneficiary_policy.visible(user, queryset, path="beneficiary")

    def get_visible_or_404(self, user: User, queryset: QuerySet[Alert], **lookup) -> Alert:
        self.require_reader(user)
        try:
            return self.visible(user, queryset).get(**lookup)
        except (Alert.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
            raise Http404 from exc

    def may_work_on(self, user: User, alert: Alert) -> bool:
        """Acknowledge and assess: a reader who may change the person's file."""
        return self.may_read(user) and beneficiary_policy.can_change(user, alert.beneficiary)

    def may_close(self, user: User, alert: Alert) -> bool:
        """Closing with an outcome is a supervisor's decision."""
        return user.is_supervisor and self.may_work_on(user, alert)

    def may_raise_concern(self, user: User, beneficiary) -> bool:
        return _active(user) and not beneficiary.merged_into_id and beneficiary_policy.can_change(user, beneficiary)

    def may_manage_authorisations(self, user: User) -> bool:
        return _active(user) and user.is_administrator


watchlist_policy = WatchlistPolicy()
