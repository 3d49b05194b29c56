"""Reference data of life projects, maintained by administrators: each save validated and audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from beneficiaries.models import Partner
from casework.audit import diff, snapshot
from casework.models import AuditAction, User

from ._common import audit


@transaction.atomic
def reference_save(*, actor: User, row, before: dict | None = None):
    """Create or change a domain, checklist item or partner organisation."""
    if not (actor.is_active and actor.is_administrator):
        raise PermissionDenied(_("Only an administrator may change reference data."))
    if getattr(row, "consent_partner", "") and row.consent_partner not in Partner.values:
        raise ValidationError({"consent_partner": _("Choose a partner listed on the consent form, or leave it empty.")})
    row.full_clean()
    row.save()
    audit(
        actor=actor,
        action=AuditAction.UPDATE if before else AuditAction.CREATE,
        target=row,
        beneficiary_id=None,
        changes=diff(before or {}, snapshot(row)),
    )
    return row
