"""Paging of the pages' lists (the API's is casework/api/pagination.py)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.functional import cached_property

# A list of more rows than this is paged up to here and says "more than" (filters narrow it); counting a
# centre's 200,000 follow-ups exactly would cost more than the page.
COUNT_LIMIT = 10_000


class CountedPaginator(Paginator):
    """Django's Paginator, optionally told how many rows the list holds, counted beforehand by the selector
    part by part of the access scope and no further than COUNT_LIMIT + 1
    (`BeneficiaryPolicy.count_visible_up_to`). Past the limit it pages the first COUNT_LIMIT rows and
    `capped` is true (templates/includes/pagination.html says so). Without `count` it counts as Django's;
    with `exact=True` the given count is exact (the API's)."""

    def __init__(self, object_list, per_page, *, count: int | None = None, exact: bool = False, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._given_count = count
        self._count_limit = None if exact else COUNT_LIMIT  # read now, so that a test may lower it

    @cached_property
    def capped(self) -> bool:
        return None not in (self._given_count, self._count_limit) and self._given_count > self._count_limit

    @cached_property
    def count(self) -> int:
        if self._given_count is None:
            return super().count
        return self._count_limit if self.capped else self._given_count
