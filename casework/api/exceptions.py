"""One error body for the whole API: ``{"error": {"code": …, "message": …, "fields": {…}}}``.

`code` is stable and machine-readable, `message` is a sentence in the caller's language, `fields`
holds the per-field messages of a validation error (empty otherwise). Django's own ValidationError
and PermissionDenied raised by a service are translated at this edge, never turned into a 500.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

CODES = {
    status.HTTP_400_BAD_REQUEST: "invalid",
    status.HTTP_401_UNAUTHORIZED: "not_authenticated",
    status.HTTP_403_FORBIDDEN: "permission_denied",
    status.HTTP_404_NOT_FOUND: "not_found",
    status.HTTP_405_METHOD_NOT_ALLOWED: "method_not_allowed",
    status.HTTP_406_NOT_ACCEPTABLE: "not_acceptable",
    status.HTTP_415_UNSUPPORTED_MEDIA_TYPE: "unsupported_media_type",
    status.HTTP_429_TOO_MANY_REQUESTS: "throttled",
}


def _messages(detail) -> list[str]:
    if isinstance(detail, dict):
        return [m for value in detail.values() for m in _messages(value)]
    if isinstance(detail, list):
        return [m for value in detail for m in _messages(value)]
    return [str(detail)]


def _fields(detail) -> dict:
    """Per-field messages; non-field errors stay in `message`."""
    if not isinstance(detail, dict):
        return {}
    return {
        name: _messages(value) if not isinstance(value, dict) else _fields(value)
        for name, value in detail.items()
        if name != "non_field_errors"
    }


def _from_django(exc):
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        if isinstance(detail, dict) and "__all__" in detail:
            detail = {**detail, "non_field_errors": detail.pop("__all__")}
        return exceptions.ValidationError(detail)
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    return exc


def api_exception_handler(exc, context):
    exc = _from_django(exc)
    response = drf_exception_handler(exc, context)
    if response is None:  # an unexpected error: Django's 500 handling (logged), never a detail leak
        return None
    detail = exc.detail if isinstance(exc, exceptions.APIException) else response.data
    code = CODES.get(response.status_code, "error")
    if isinstance(exc, exceptions.ValidationError):
        fields = _fields(detail)
        non_field = _messages(detail.get("non_field_errors", [])) if isinstance(detail, dict) else _messages(detail)
        message = " ".join(non_field) or _("Some values are not valid; see the fields.")
    else:
        fields = {}
        message = " ".join(_messages(detail))
    body = {"error": {"code": code, "message": message, "fields": fields}}
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        body["error"]["retry_after"] = int(exc.wait)
    response.data = body
    return response
