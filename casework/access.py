"""The one access policy: which beneficiaries — and everything hanging off them — a user may see or change.

Scope comes from the role (caseworker: own centre; supervisor: own region, or all when national;
administrator: all; partner viewer: none, aggregates only), widened only by explicit, unexpired
per-file grants stored in guardian's direct foreign-key permission models. Global model permissions
never widen the scope (the `accept_global_perms=False` rule): a user sees a file because of where they
work or because that file was shared with them, nothing else.

Every selector that returns records about a person starts from `BeneficiaryPolicy.visible()`; views
never filter by hand. Records outside the scope are indistinguishable from missing ones (404).
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

VIEW = "view_beneficiary"
CHANGE = "change_beneficiary"


# Within one request each user's live shares (and watchlist authorisation) are read once, however many lists
# and links the page shows.
_shares_read: ContextVar[dict | None] = ContextVar("shares_read", default=None)


@contextmanager
def shares_read_once():
    """Remember each user's shared file ids until the block ends (one request: ScopeCacheMiddleware)."""
    token = _shares_read.set({})
    try:
        yield
    finally:
        _shares_read.reset(token)


def read_once_per_request(key, read):
    """`read()` once per `key` until the block of `shares_read_once` ends; every time outside one."""
    cache = _shares_read.get()
    if cache is None:
        return read()
    if key not in cache:
        cache[key] = read()
    return cache[key]


def forget_shares() -> None:
    """A share or a watchlist authorisation was granted, revoked or removed: read them again from now on."""
    cache = _shares_read.get()
    if cache is not None:
        cache.clear()


class BeneficiaryPolicy:
    """Answers "which rows may this user see / change" for Beneficiary and models that point to it.

    `path` is the lookup from the queryset's model to its Beneficiary: "" for Beneficiary itself,
    "beneficiary" for a family member, "plan__beneficiary" for a goal, and so on.
    """

    def _live_grants(self, user, codenames: tuple[str, ...] = (VIEW, CHANGE)) -> tuple[QuerySet, QuerySet]:
        """The user's live grants (directly, and through a group) of these permissions."""
        from beneficiaries.models import BeneficiaryGroupObjectPermission, BeneficiaryUserObjectPermission

        live = Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now())
        return (
            BeneficiaryUserObjectPermission.objects.filter(live, user=user, permission__codename__in=codenames),
            BeneficiaryGroupObjectPermission.objects.filter(live, group__user=user, permission__codename__in=codenames),
        )

    def _shares(self, user) -> list[tuple]:
        """(file id, codename) of every live grant to this user, directly or through a group: once per request."""
        cache = _shares_read.get()
        if cache is not None and user.pk in cache:
            return cache[user.pk]
        fields = ("content_object_id", "permission__codename")
        user_grants, group_grants = (grants.values_list(*fields).order_by() for grants in self._live_grants(user))
        shares = list(user_grants.union(group_grants, all=True))
        if cache is not None:
            cache[user.pk] = shares
        return shares

    def _shared_files(self, user, field: str) -> Q:
        """`field` is a file shared with the user, as subqueries of the grants (for counts: whether or not
        there are any, the same queries run)."""
        user_grants, group_grants = (
            grants.order_by().values("content_object_id") for grants in self._live_grants(user)
        )
        # One IN over the union (PostgreSQL joins it to the row's index); an OR of two INs scans the table.
        return Q(**{f"{field}__in": user_grants.union(group_grants, all=True)})

    def _shared_ids(self, user, *, codenames: tuple[str, ...]) -> list:
        return sorted({pk for pk, codename in self._shares(user) if codename in codenames})

    @staticmethod
    def _sees_no_file(user) -> bool:
        return not (user and user.is_authenticated and user.is_active) or user.is_partner_viewer

    def _role_condition(self, user, prefix: str = "") -> Q | None:
        """The files the role alone opens, as a condition on Beneficiary (on `centre_id` only, so that it
        holds as well on a row that copies its person's centre, reached by `prefix`); None when it opens
        every file."""
        from .models import Centre

        centre = f"{prefix}centre_id"
        if user.is_administrator or (user.is_supervisor and user.region_id is None):
            return None
        if user.is_supervisor:
            # By the region's centre ids, not a join: the centre index then serves it (a join scanned every file).
            return Q(**{f"{centre}__in": Centre.objects.filter(region_id=user.region_id).values("pk")})
        if user.is_caseworker and user.centre_id:
            return Q(**{centre: user.centre_id})
        return Q(**{f"{centre}__in": []})

    @staticmethod
    def _centre_copy(model, path: str) -> tuple[str, str] | None:
        """(lookup prefix, person id lookup) of the row on `path` that carries the person's centre — the
        person itself (path ""), the listed row, or a row on the way (an equipment line's grant) when it
        copies the centre (casework/centre_copies.py) — or None: the policy then goes through the person."""
        if not path:
            return "", "pk"
        carrier, prefix, rest = model, "", path
        while "__" in rest or rest == "beneficiary":
            if getattr(carrier, "copies_person_centre", False) and carrier.person_path == rest:
                return prefix, f"{prefix}{rest}_id"
            hop, _, rest = rest.partition("__")
            if not rest:
                return None
            carrier = carrier._meta.get_field(hop).related_model
            prefix += f"{hop}__"
        return None

    @staticmethod
    def _among_files(model, copy: tuple[str, str], ids: list) -> Q:
        """The rows whose person is one of `ids`, seen from the row that copies the person's centre (`copy`, from
        `_centre_copy`). When that row reaches the person through another (a delivery through its grant), the
        condition is on its own foreign key (`grant_id IN (SELECT id FROM grant WHERE beneficiary_id IN ids)`,
        hashed once), not on the joined row: the OR with the centre then stays on the listed row, which a list
        walks in its ordering index (API deliveries, 100,000 people: a page's SQL 7 -> 1 ms) instead of
        joining the grant of every row it passes."""
        prefix, person_id = copy
        hop, _, rest = person_id[len(prefix) :].partition("__")
        if not rest:
            return Q(**{f"{person_id}__in": ids})
        carrier = model
        for step in filter(None, prefix.split("__")):
            carrier = carrier._meta.get_field(step).related_model
        related = carrier._meta.get_field(hop).related_model
        return Q(**{f"{prefix}{hop}__in": related.objects.filter(**{f"{rest}__in": ids}).order_by().values("pk")})

    def _filter(self, user, queryset: QuerySet, *, path: str, codenames: tuple[str, ...]) -> QuerySet:
        """`centre = X OR person IN (shared ids)` on the row that carries the person's centre (the person,
        or a row copying it: `_centre_copy`); otherwise `person IN (SELECT id FROM beneficiary WHERE
        centre = X OR id IN (shared ids))`. One query either way.

        The shared ids are read first (a short list, once per request) so that both halves are indexable:
        PostgreSQL can then either probe the person's primary key row by row while walking a list's
        ordering index (and stop at the page), or start from the centre's people and join through the
        foreign-key indexes (for counts). A subquery of shares inside the OR scans every person; a UNION
        of id sets can only be materialised and scanned once per listed row (4.5 million comparisons for
        one page of follow-ups at national scale); `centre = X OR EXISTS (grant …)` on the listed rows
        tests the EXISTS on every row (a sequential scan of the follow-ups).
        """
        from beneficiaries.models import Beneficiary

        if self._sees_no_file(user):
            return queryset.none()
        copy = self._centre_copy(queryset.model, path)
        in_scope = self._role_condition(user, prefix=copy[0] if copy else "")
        if in_scope is None:  # national scope: every row
            return queryset
        shared = self._shared_ids(user, codenames=codenames)
        if copy is not None:
            # The person, or a row on the way to it, carries the person's centre: the role's condition
            # applies there, on that row's own indexes — no join through the people.
            return queryset.filter(in_scope | self._among_files(queryset.model, copy, shared) if shared else in_scope)
        if shared:
            in_scope |= Q(pk__in=shared)
        people = Beneficiary.objects.filter(in_scope).order_by().values("pk")
        return queryset.filter(**{f"{path}__in": people})

    def visible(self, user, queryset: QuerySet, *, path: str = "") -> QuerySet:
        return self._filter(user, queryset, path=path, codenames=(VIEW, CHANGE))

    def visible_parts(self, user, queryset: QuerySet, *, path: str = "") -> list[QuerySet]:
        """The rows `visible()` returns, as disjoint querysets that add up to it: the role's files, then the
        files shared with the user outside the role's scope.

        For counts. `visible()` puts both in one condition (`centre = X OR id IN (shared)`), which is right
        for a page of rows but makes PostgreSQL scan every person to count or hash the scope; each part
        alone runs on its own index (the centre's range, the shared files' primary keys). The shared part
        reads the grants in a subquery, so the number of queries is the same with or without shares."""
        from beneficiaries.models import Beneficiary

        if self._sees_no_file(user):
            return [queryset.none()]
        copy = self._centre_copy(queryset.model, path)
        in_scope = self._role_condition(user, prefix=copy[0] if copy else "")
        if in_scope is None:
            return [queryset]
        if copy is not None:
            role_part = queryset.filter(in_scope)
            shared_part = queryset.filter(self._shared_files(user, copy[1])).exclude(in_scope)
        else:
            role_part = queryset.filter(**{f"{path}__in": Beneficiary.objects.filter(in_scope).order_by().values("pk")})
            outside = Beneficiary.objects.filter(self._shared_files(user, "pk")).exclude(in_scope)
            shared_part = queryset.filter(**{f"{path}__in": outside.order_by().values("pk")})
        return [role_part, shared_part]

    def count_visible_up_to(self, user, queryset: QuerySet, *, path: str = "", limit: int) -> int:
        """How many rows `visible()` holds, counting no further than `limit` + 1: enough to page a list and
        to tell that it holds more than `limit`, at a cost that does not grow with the caseload."""
        total = 0
        for part in self.visible_parts(user, queryset, path=path):
            # Every part is counted, even past the limit: the number of queries must not depend on the data.
            total += part.order_by()[: max(limit + 1 - total, 1)].count()
        return min(total, limit + 1)

    def count_visible(self, user, queryset: QuerySet, *, path: str = "", **counts) -> dict:
        """`visible(...).aggregate(**counts)` for counts (any additive aggregate), part by part and added up:
        one query per part (see `visible_parts`)."""
        totals = dict.fromkeys(counts, 0)
        for part in self.visible_parts(user, queryset, path=path):
            for key, value in part.aggregate(**counts).items():
                totals[key] += value or 0
        return totals

    def changeable(self, user, queryset: QuerySet, *, path: str = "") -> QuerySet:
        # Every role that sees a file by scope may also change it; grants may be read-only.
        return self._filter(user, queryset, path=path, codenames=(CHANGE,))

    def can_view(self, user, beneficiary) -> bool:
        from beneficiaries.models import Beneficiary

        return self.visible(user, Beneficiary.objects.filter(pk=beneficiary.pk)).exists()

    def can_change(self, user, beneficiary) -> bool:
        from beneficiaries.models import Beneficiary

        return self.changeable(user, Beneficiary.objects.filter(pk=beneficiary.pk)).exists()

    def get_visible_or_404(self, user, queryset: QuerySet, *, path: str = "", **lookup):
        """Fetch one row the user may see; missing and out-of-scope both answer 404."""
        try:
            return self.visible(user, queryset, path=path).get(**lookup)
        except (queryset.model.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
            raise Http404 from exc


beneficiary_policy = BeneficiaryPolicy()
