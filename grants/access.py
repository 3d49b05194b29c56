"""Who may see and do what in grants.

Person-level rows (proposals, grants, lines, deliveries, visits) are scoped by the one access policy,
`casework.access.beneficiary_policy`, through their path to the person. Two kinds of rows are not about
one person and get a small programme-level policy here:

- budget envelopes: supervisors and administrators (aggregates only: no person in them);
- distribution events: the organising centre's caseworkers, supervisors of its region, national staff.
  The people listed on an event page still go through the beneficiary policy.

Partner viewers see neither; they read aggregate figures only (`figures_policy`).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from casework.access import beneficiary_policy
from casework.models import User

from .models import GrantStatus


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active) and not user.is_partner_viewer


class EnvelopePolicy:
    def visible(self, user, queryset: QuerySet) -> QuerySet:
        if _active(user) and (user.is_supervisor or user.is_administrator):
            return queryset
        return queryset.none()

    def can_manage(self, user) -> bool:
        return _active(user) and user.is_administrator


class EventPolicy:
    def visible(self, user, queryset: QuerySet) -> QuerySet:
        if not _active(user):
            return queryset.none()
        if user.is_national:
            return queryset
        if user.is_supervisor:
            return queryset.filter(centre__region_id=user.region_id)
        if user.is_caseworker and user.centre_id:
            return queryset.filter(Q(centre_id=user.centre_id))
        return queryset.none()

    def can_manage(self, user) -> bool:
        """Assign grants to an event: administrators and supervisors."""
        return _active(user) and (user.is_administrator or user.is_supervisor)


class ReferencePolicy:
    """Sectors, the equipment catalogue and the scoring criteria: everyone staff reads, administrators manage."""

    def can_manage(self, user) -> bool:
        return _active(user) and user.is_administrator


class FiguresPolicy:
    """Aggregate grant figures (no person in them): partner viewers, supervisors and administrators."""

    def can_view(self, user) -> bool:
        return bool(user and user.is_authenticated and user.is_active) and (
            user.is_partner_viewer or user.is_supervisor or user.is_administrator
        )


envelope_policy = EnvelopePolicy()
event_policy = EventPolicy()
reference_policy = ReferencePolicy()
figures_policy = FiguresPolicy()


def can_edit_proposal(user: User, grant) -> bool:
    return _active(user) and grant.is_editable and beneficiary_policy.can_change(user, grant.beneficiary)


def can_submit(user: User, grant) -> bool:
    return can_edit_proposal(user, grant)


def can_decide(user: User, grant) -> bool:
    """A supervisor with the file in scope, who did not propose it."""
    return (
        _active(user)
        and user.is_supervisor
        and grant.proposed_by_id != user.pk
        and beneficiary_policy.can_change(user, grant.beneficiary)
    )


def can_score(user: User, grant) -> bool:
    """Committee scoring: whoever may decide on the proposal, while it is submitted."""
    return grant.status == GrantStatus.SUBMITTED and can_decide(user, grant)


def can_record_delivery(user: User, grant) -> bool:
    return _active(user) and beneficiary_policy.can_change(user, grant.beneficiary)


def can_record_visit(user: User, grant) -> bool:
    return (
        _active(user)
        and grant.status == GrantStatus.DELIVERED
        and beneficiary_policy.can_change(user, grant.beneficiary)
    )
