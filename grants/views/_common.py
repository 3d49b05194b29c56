"""Helpers of the grants views: thin views authenticate, fetch through a selector (404 out of scope), check
the role (403), validate a form, call one service, render or redirect."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from .. import selectors


def query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def apply_errors(form, exc: ValidationError) -> None:
    """A service's ValidationError, shown next to its field when the form has one, else at the top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def deny_partner(user) -> None:
    if user.is_partner_viewer:
        raise PermissionDenied


def require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def open_envelopes(user):
    return selectors.envelope_list(user=user).filter(is_open=True)
