"""Reads of the core: the audit trail (administrators only) and the home page's figures."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from beneficiaries.models import Beneficiary

from .access import beneficiary_policy
from .models import AuditEntry, User


def audit_entry_list(*, user: User) -> QuerySet[AuditEntry]:
    """The whole trail, for administrators; anyone else is answered as if the page did not exist."""
    if not (user.is_authenticated and user.is_active and user.is_administrator):
        raise Http404
    return AuditEntry.objects.all()


def home_figures(*, user: User) -> dict:
    if user.is_partner_viewer:
        # Partners see aggregates only: a national count, never a row.
        return {"national_total": Beneficiary.objects.count()}
    return {"files_in_scope": beneficiary_policy.visible(user, Beneficiary.objects.all()).count()}
