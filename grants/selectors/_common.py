"""Helpers shared by the grants selectors."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

ZERO = Decimal("0.00")


def get_or_404(queryset: QuerySet, **lookup):
    """One row of an already scoped queryset; missing, out of scope and malformed ids all answer 404."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404 from exc
