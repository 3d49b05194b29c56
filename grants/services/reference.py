"""Reference data of grants (administrators): sectors, the equipment catalogue, the scoring criteria.

Rows are never deleted (proposals point to them); they are retired (`is_active=False`) and can be brought
back. Each save validates, locks the row it changes and writes an audit entry."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from casework.audit import audit_record, diff, snapshot
from casework.models import AuditAction, User

from ..access import reference_policy
from ..models import EquipmentItem, GrantScore, ScoringCriterion, Sector
from ..money import to_mad

SECTOR_FIELDS = ("code", "name_ar", "name_fr", "name_en", "position", "is_active")
ITEM_FIELDS = ("sector", "name", "specification", "reference_unit_cost", "is_active")
CRITERION_FIELDS = ("code", "name_ar", "name_fr", "name_en", "description", "max_score", "position", "is_active")


def _save(actor: User, model: type[models.Model], instance, allowed: tuple[str, ...], fields: dict):
    if not reference_policy.can_manage(actor):
        raise PermissionDenied(_("Only an administrator may change the grants' reference data."))
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    if instance is not None and instance.pk:
        instance = model.objects.select_for_update().get(pk=instance.pk)
        before = snapshot(instance)
    else:
        instance, before = model(), {}
    for name, value in fields.items():
        setattr(instance, name, value.strip() if isinstance(value, str) else value)
    instance.full_clean()
    instance.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE if before else AuditAction.CREATE,
        target=instance,
        changes=diff(before, snapshot(instance)),
    )
    return instance


@transaction.atomic
def sector_save(*, actor: User, sector: Sector | None = None, **fields) -> Sector:
    return _save(actor, Sector, sector, SECTOR_FIELDS, fields)


@transaction.atomic
def catalogue_item_save(*, actor: User, item: EquipmentItem | None = None, **fields) -> EquipmentItem:
    if fields.get("reference_unit_cost") is not None:
        fields["reference_unit_cost"] = to_mad(fields["reference_unit_cost"])
    return _save(actor, EquipmentItem, item, ITEM_FIELDS, fields)


@transaction.atomic
def criterion_save(*, actor: User, criterion: ScoringCriterion | None = None, **fields) -> ScoringCriterion:
    if criterion is not None and criterion.pk and "max_score" in fields:
        highest = GrantScore.objects.filter(criterion=criterion).aggregate(m=models.Max("score"))["m"]
        if highest is not None and fields["max_score"] is not None and fields["max_score"] < highest:
            raise ValidationError(
                {
                    "max_score": _(
                        "A proposal already has %(score)s points on this criterion: the maximum cannot be lower."
                    )
                    % {"score": highest}
                }
            )
    return _save(actor, ScoringCriterion, criterion, CRITERION_FIELDS, fields)
