"""The navigation each role sees. Only pages that exist and that the role may open are listed."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset
    # Further condition beyond the role (e.g. an explicit authorisation); None when the role is enough.
    visible: Callable | None = None

    @property
    def url(self) -> str:
        return reverse(self.url_name)


ALL_ROLES = frozenset(Role)
# Roles that open people's files (partner viewers see aggregates only).
FILE_ROLES = frozenset({Role.CASEWORKER, Role.SUPERVISOR, Role.ADMINISTRATOR})


def _reads_watchlist(user) -> bool:
    from .watchlist.access import watchlist_policy

    return watchlist_policy.may_read(user)


NAV_ITEMS = [
    NavItem(_("Home"), "casework:home", ALL_ROLES),
    NavItem(_("People"), "beneficiaries:list", FILE_ROLES),
    NavItem(_("Releases due"), "beneficiaries:releases", FILE_ROLES),
    NavItem(_("Transfers"), "beneficiaries:transfers", FILE_ROLES),
    NavItem(_("Cohorts"), "beneficiaries:cohorts", FILE_ROLES),
    NavItem(_("Life projects"), "plans:list", FILE_ROLES),
    NavItem(_("Follow-ups"), "plans:follow_up_overview", FILE_ROLES),
    NavItem(_("Grants"), "grants:list", frozenset({Role.CASEWORKER, Role.SUPERVISOR, Role.ADMINISTRATOR})),
    NavItem(_("Envelopes"), "grants:envelopes", frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR})),
    NavItem(_("Grant figures"), "grants:figures", frozenset({Role.PARTNER_VIEWER})),
    NavItem(_("Vigilance watchlist"), "watchlist:list", FILE_ROLES, visible=_reads_watchlist),
    NavItem(_("Dashboard"), "reports:dashboard", ALL_ROLES),
    NavItem(_("Reports"), "reports:list", ALL_ROLES),
    NavItem(_("Audit trail"), "casework:audit", frozenset({Role.ADMINISTRATOR})),
    NavItem(_("Staff sign-in"), "security:staff_list", frozenset({Role.ADMINISTRATOR})),
    NavItem(_("Administration"), "admin:index", frozenset({Role.ADMINISTRATOR})),
]


def items_for(user) -> list[NavItem]:
    if not (user.is_authenticated and user.is_active):
        return []
    if _second_factor_pending(user):
        return []  # every page but enrolment/verification is out of reach until then (casework.security)
    return [item for item in NAV_ITEMS if user.role in item.roles and (item.visible is None or item.visible(user))]


def _second_factor_pending(user) -> bool:
    is_verified = getattr(user, "is_verified", None)
    if is_verified is None or is_verified():
        return False
    from .security.two_factor import two_factor_required

    return two_factor_required(user)
