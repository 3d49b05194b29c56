"""The navigation each role sees. Only pages that exist and that the role may open are listed."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset

    @property
    def url(self) -> str:
        return reverse(self.url_name)


ALL_ROLES = frozenset(Role)
# Roles that open people's files (partner viewers see aggregates only).
FILE_ROLES = frozenset({Role.CASEWORKER, Role.SUPERVISOR, Role.ADMINISTRATOR})

NAV_ITEMS = [
    NavItem(_("Home"), "casework:home", ALL_ROLES),
    NavItem(_("People"), "beneficiaries:list", FILE_ROLES),
    NavItem(_("Releases due"), "beneficiaries:releases", FILE_ROLES),
    NavItem(_("Transfers"), "beneficiaries:transfers", FILE_ROLES),
    NavItem(_("Cohorts"), "beneficiaries:cohorts", FILE_ROLES),
    NavItem(_("Grants"), "grants:list", frozenset({Role.CASEWORKER, Role.SUPERVISOR, Role.ADMINISTRATOR})),
    NavItem(_("Envelopes"), "grants:envelopes", frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR})),
    NavItem(_("Audit trail"), "casework:audit", frozenset({Role.ADMINISTRATOR})),
    NavItem(_("Administration"), "admin:index", frozenset({Role.ADMINISTRATOR})),
]


def items_for(user) -> list[NavItem]:
    if not (user.is_authenticated and user.is_active):
        return []
    return [item for item in NAV_ITEMS if user.role in item.roles]
