"""Reads for the staff security page (administrators only; anyone else gets a 404)."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django_otp.plugins.otp_totp.models import TOTPDevice

from casework.models import User

from .models import UserSession
from .sessions import active_sessions


def _require_administrator(user) -> None:
    if not (user.is_authenticated and user.is_active and user.is_administrator):
        raise Http404


def staff_security_list(*, user: User, query: str = "") -> QuerySet[User]:
    """Every staff account with its number of live sessions and whether it has a second factor."""
    _require_administrator(user)
    live = active_sessions().values("pk")
    rows = User.objects.select_related("centre", "region").annotate(
        live_sessions=Count("security_sessions", filter=Q(security_sessions__pk__in=live), distinct=True),
        has_second_factor=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
    )
    query = query.strip()
    if query:
        rows = rows.filter(
            Q(username__icontains=query) | Q(first_name__icontains=query) | Q(last_name__icontains=query)
        )
    return rows.order_by("username")


def staff_security_get(*, user: User, pk: int) -> User:
    _require_administrator(user)
    found = User.objects.select_related("centre", "region").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def staff_live_sessions(*, user: User, staff: User) -> QuerySet[UserSession]:
    _require_administrator(user)
    return active_sessions(user=staff).order_by("-last_seen_at")
