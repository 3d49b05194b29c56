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

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

VIEW = "view_beneficiary"
CHANGE = "change_beneficiary"


def _prefix(path: str) -> str:
    return f"{path}__" if path else ""


class BeneficiaryPolicy:
    """Answers "which rows may this user see / change" for Beneficiary and models that point to it.

    `path` is the lookup from the queryset's model to its Beneficiary: "" for Beneficiary itself,
    "beneficiary" for a family member, "plan__beneficiary" for a goal, and so on.
    """

    def _granted(self, user, *, codenames: tuple[str, ...]) -> QuerySet:
        """The ids of the beneficiaries shared with this user, directly or through a group, by a live grant."""
        from beneficiaries.models import BeneficiaryGroupObjectPermission, BeneficiaryUserObjectPermission

        now = timezone.now()
        live = Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        user_grants = (
            BeneficiaryUserObjectPermission.objects.filter(live, user=user, permission__codename__in=codenames)
            .order_by()
            .values("content_object_id")
        )
        group_grants = (
            BeneficiaryGroupObjectPermission.objects.filter(live, group__user=user, permission__codename__in=codenames)
            .order_by()
            .values("content_object_id")
        )
        return user_grants.union(group_grants, all=True)

    def _role_ids(self, user) -> QuerySet | None:
        """The ids of the beneficiaries the role alone opens; None when the role opens every file."""
        from beneficiaries.models import Beneficiary

        if user.is_administrator or (user.is_supervisor and user.region_id is None):
            return None
        if user.is_supervisor:
            return Beneficiary.objects.filter(centre__region_id=user.region_id).order_by().values("pk")
        if user.is_caseworker and user.centre_id:
            return Beneficiary.objects.filter(centre_id=user.centre_id).order_by().values("pk")
        return Beneficiary.objects.none().values("pk")

    def _filter(self, user, queryset: QuerySet, *, path: str, codenames: tuple[str, ...]) -> QuerySet:
        """One `id IN (role's ids UNION shared ids)` condition, inside the same query.

        Written as a set of ids rather than `centre = X OR EXISTS (grant …)`: the OR makes PostgreSQL test the
        EXISTS on every row (a sequential scan of the follow-ups at national scale), while the id set is
        joined through the indexes on the beneficiary foreign keys.
        """
        if not (user and user.is_authenticated and user.is_active) or user.is_partner_viewer:
            return queryset.none()
        role_ids = self._role_ids(user)
        if role_ids is None:  # national scope: every row
            return queryset
        in_scope = role_ids.union(self._granted(user, codenames=codenames))
        return queryset.filter(**{f"{_prefix(path)}pk__in": in_scope})

    def visible(self, user, queryset: QuerySet, *, path: str = "") -> QuerySet:
        return self._filter(user, queryset, path=path, codenames=(VIEW, CHANGE))

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
