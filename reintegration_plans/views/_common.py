"""What the views share: the person fetch (404 out of scope), the write check (403 read-only),
turning service errors into form errors, paging."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from beneficiaries import selectors as people
from casework.pagination import CountedPaginator

from ..access import can_prepare
from ..selectors import require_file_reader

PAGE_SIZE = 50


def person_or_404(request, pk):
    require_file_reader(request.user)
    return people.beneficiary_get(user=request.user, pk=pk)


def require_prepare(user, beneficiary) -> None:
    if not can_prepare(user, beneficiary):
        raise PermissionDenied


def add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def paginate(request, queryset, size: int = PAGE_SIZE, *, count: int | None = None):
    """A page of `queryset`; `count`, when given, is its number of rows counted beforehand."""
    page = CountedPaginator(queryset, size, count=count).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()
