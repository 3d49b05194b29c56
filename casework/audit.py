"""The audit trail: who did what, when, from where. Services call `audit_record` inside their transaction."""

from __future__ import annotations

import contextvars
import datetime
import decimal
import uuid
from dataclasses import dataclass

from django.db import models

from .encryption import encrypted_fields, fingerprint
from .models import AuditAction, AuditEntry


@dataclass(frozen=True)
class RequestContext:
    ip_address: str | None = None
    user_agent: str = ""
    path: str = ""


_NO_REQUEST = RequestContext()
_request_context: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "audit_request_context", default=None
)


def set_request_context(context: RequestContext) -> contextvars.Token:
    return _request_context.set(context)


def reset_request_context(token: contextvars.Token) -> None:
    _request_context.reset(token)


def context_from_request(request) -> RequestContext:
    return RequestContext(
        ip_address=request.META.get("REMOTE_ADDR") or None,
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
        path=request.path[:300],
    )


def _json_value(value):
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    return value


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict:
    """The concrete field values of a row, JSON-ready, to diff before and after a change."""
    names = fields or [f.attname for f in instance._meta.concrete_fields]
    # Encrypted columns (casework.encryption) never reach the trail in clear: a keyed fingerprint shows a change.
    protected = {f.attname for f in encrypted_fields(instance)}
    return {
        name: fingerprint(getattr(instance, name)) if name in protected else _json_value(getattr(instance, name))
        for name in names
    }


def diff(before: dict, after: dict) -> dict:
    """{"field": [old, new]} for each field that changed."""
    return {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}


def audit_record(
    *,
    actor,
    action: AuditAction | str,
    target: models.Model | None = None,
    beneficiary_id: uuid.UUID | str | None = None,
    changes: dict | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    actor_username: str = "",
) -> AuditEntry:
    context = _request_context.get() or _NO_REQUEST
    if target is not None:
        object_type = object_type or target._meta.label_lower
        object_id = object_id or str(target.pk)
        object_repr = object_repr or str(target)
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if authenticated else None,
        actor_username=(actor.get_username() if authenticated else actor_username)[:150],
        action=action,
        object_type=object_type[:100],
        object_id=object_id[:64],
        object_repr=object_repr[:200],
        beneficiary_id=beneficiary_id,
        changes=changes or {},
        ip_address=context.ip_address,
        user_agent=context.user_agent,
        path=context.path,
    )
