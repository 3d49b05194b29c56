"""What the views share: turning service errors into form errors, paging, the change check."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from casework.access import beneficiary_policy

PAGE_SIZE = 50
MAX_IMPORT_BYTES = 2 * 1024 * 1024


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _require_change(user, beneficiary) -> None:
    if beneficiary.merged_into_id or not beneficiary_policy.can_change(user, beneficiary):
        raise PermissionDenied
