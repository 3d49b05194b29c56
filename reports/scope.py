"""Aggregate scope: which part of the programme a user's figures cover.

People-level rows always go through ``casework.access.beneficiary_policy``. Dashboards and the programme
indicators are counts and sums only; this module says which centres those counts may cover:
national staff and partner viewers (aggregates only) see the whole country, a regional supervisor their
region, a caseworker their centre.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from casework.models import Centre, Region, Role, User

FILE_ROLES = frozenset({Role.CASEWORKER, Role.SUPERVISOR, Role.ADMINISTRATOR})
ALL_ROLES = frozenset(Role)


def is_active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def reads_files(user) -> bool:
    return is_active(user) and user.role in FILE_ROLES


@dataclass(frozen=True)
class AggregateScope:
    """Counts may cover every centre (both None), one region, or one centre."""

    region_id: int | None = None
    centre_id: int | None = None

    @property
    def is_national(self) -> bool:
        return self.region_id is None and self.centre_id is None

    def condition(self, centre_path: str) -> Q:
        """A filter for rows whose centre is reached through ``centre_path`` (e.g. "beneficiary__centre")."""
        if self.centre_id is not None:
            return Q(**{f"{centre_path}_id": self.centre_id})
        if self.region_id is not None:
            return Q(**{f"{centre_path}__region_id": self.region_id})
        return Q()


def aggregate_scope(user: User) -> AggregateScope | None:
    """None when the user may see no figure at all."""
    if not is_active(user):
        return None
    if user.is_partner_viewer or user.is_national:
        return AggregateScope()
    if user.is_supervisor:
        return AggregateScope(region_id=user.region_id)
    if user.is_caseworker and user.centre_id:
        return AggregateScope(centre_id=user.centre_id)
    return None


def narrowed(scope: AggregateScope, *, region: Region | None = None, centre: Centre | None = None) -> AggregateScope:
    """The user's scope, narrowed by a filter they chose (never widened)."""
    if centre is not None:
        return AggregateScope(region_id=centre.region_id, centre_id=centre.pk)
    if region is not None and scope.centre_id is None:
        return AggregateScope(region_id=region.pk)
    return scope


def regions_in_scope(user: User) -> QuerySet[Region]:
    scope = aggregate_scope(user)
    if scope is None:
        return Region.objects.none()
    if scope.is_national:
        return Region.objects.all()
    if scope.centre_id is not None:
        return Region.objects.filter(centres__pk=scope.centre_id)
    return Region.objects.filter(pk=scope.region_id)


def centres_in_scope(user: User) -> QuerySet[Centre]:
    """Centres whose activity a member of staff may report on (partner viewers: none)."""
    scope = aggregate_scope(user) if reads_files(user) else None
    if scope is None:
        return Centre.objects.none()
    centres = Centre.objects.select_related("region").order_by("code")
    if scope.centre_id is not None:
        return centres.filter(pk=scope.centre_id)
    if scope.region_id is not None:
        return centres.filter(region_id=scope.region_id)
    return centres
