"""Reads of the core: the audit trail (administrators only) and the home page's figures."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from .models import AuditEntry, User


def audit_entry_list(*, user: User) -> QuerySet[AuditEntry]:
    """The whole trail, for administrators; anyone else is answered as if the page did not exist."""
    if not (user.is_authenticated and user.is_active and user.is_administrator):
        raise Http404
    return AuditEntry.objects.all()


def home_figures(*, user: User) -> dict:
    """The figures and short lists of the user's home page (see casework.home): a fixed number of queries."""
    from . import home

    if user.is_partner_viewer:
        # Partners see aggregates only: national counts, never a row.
        return {"role": "partner", **home.partner_home()}
    if user.is_supervisor:
        return {"role": "supervisor", **home.supervisor_home(user)}
    if user.is_administrator:
        return {"role": "administrator", **home.administrator_home(user)}
    return {"role": "caseworker", **home.caseworker_home(user)}
