"""Reference data of grants (no person in it): every member of staff may read it."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from casework.models import User

from ..models import EquipmentItem, ScoringCriterion, Sector


def _readable(user: User) -> bool:
    return bool(user and user.is_authenticated and user.is_active) and not user.is_partner_viewer


def reference_rows(*, user: User, model: type) -> QuerySet:
    """Every row, retired ones too (they are shown as such)."""
    if not _readable(user):
        return model.objects.none()
    if model is EquipmentItem:
        return EquipmentItem.objects.select_related("sector").order_by("sector__position", "sector__code", "name")
    if model in (Sector, ScoringCriterion):
        return model.objects.order_by("position", "code")
    raise ValueError(model)


def reference_get(*, user: User, model: type, pk):
    try:
        return reference_rows(user=user, model=model).get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
