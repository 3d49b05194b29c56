from django.db.models import Count
from rest_framework.pagination import PageNumberPagination

from casework.access import beneficiary_policy
from casework.pagination import CountedPaginator


class Pagination(PageNumberPagination):
    """Every list answers {"count", "next", "previous", "results"}; ?page_size= up to 200.

    A view with `count_in_scope()` (CountedInScopeMixin) gives the exact count itself; others are
    counted as DRF does."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def paginate_queryset(self, queryset, request, view=None):
        counter = getattr(view, "count_in_scope", None)
        self._given_count = counter() if counter is not None else None
        return super().paginate_queryset(queryset, request, view)

    def django_paginator_class(self, object_list, per_page):
        return CountedPaginator(object_list, per_page, count=self._given_count, exact=True)


class CountedInScopeMixin:
    """For a list of rows that hang off a person (`scope_model`, reached by `scope_path`): the page's count
    is the same filters over the whole table, counted part by part of the access scope
    (`BeneficiaryPolicy.count_visible`) — one COUNT over the scoped list itself (`centre = X OR person IN
    (shared files)`) reads every matching row from the heap; each part alone counts on its index.
    tests/casework/test_api_counts.py holds every such view's count to the number of rows it lists."""

    scope_model = None
    scope_path = "beneficiary"

    def count_in_scope(self) -> int:
        rows = self.filter_queryset(self.scope_model.objects.all())
        # COUNT(*), not COUNT(pk): PostgreSQL may then count on the narrowest index of the condition.
        return beneficiary_policy.count_visible(self.request.user, rows, path=self.scope_path, n=Count("*"))["n"]
