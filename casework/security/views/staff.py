"""Administrators: each staff account's live sessions and second factor; end sessions, reset the
second factor, lift a login lockout. Every action is a confirmed POST, audited by its service."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ..lockout import active_lockouts, login_lockout_lift
from ..selectors import staff_live_sessions, staff_security_get, staff_security_list
from ..sessions import EndReason, end_user_sessions
from ..two_factor import has_second_factor, recovery_codes_left, role_requires_two_factor, two_factor_remove


@login_required
@require_GET
def staff_list(request):
    query = request.GET.get("q", "")[:100]
    page = Paginator(staff_security_list(user=request.user, query=query), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "security/staff_list.html",
        {"page": page, "q": query, "query": urlencode({"q": query}) if query else ""},
    )


@login_required
@require_GET
def staff_detail(request, pk: int):
    staff = staff_security_get(user=request.user, pk=pk)
    return render(
        request,
        "security/staff_detail.html",
        {
            "staff": staff,
            "sessions": staff_live_sessions(user=request.user, staff=staff),
            "has_second_factor": has_second_factor(staff),
            "codes_left": recovery_codes_left(staff),
            "required": role_requires_two_factor(staff),
            "lockouts": active_lockouts(username=staff.get_username()),
        },
    )


@login_required
@require_POST
def staff_end_sessions(request, pk: int):
    staff = staff_security_get(user=request.user, pk=pk)
    ended = end_user_sessions(actor=request.user, user=staff, reason=EndReason.ADMINISTRATOR)
    messages.success(request, _("%(count)s session(s) ended.") % {"count": ended})
    if staff.pk == request.user.pk:
        return redirect("login")
    return redirect("security:staff_detail", pk=staff.pk)


@login_required
@require_POST
def staff_reset_two_factor(request, pk: int):
    staff = staff_security_get(user=request.user, pk=pk)
    if staff.pk == request.user.pk:
        # An administrator cannot strip their own second factor here: another administrator must.
        messages.error(request, _("Ask another administrator to reset your own second factor."))
        return redirect("security:staff_detail", pk=staff.pk)
    two_factor_remove(actor=request.user, user=staff)
    messages.success(request, _("Second factor removed and sessions ended; they will enrol again at sign-in."))
    return redirect("security:staff_detail", pk=staff.pk)


@login_required
@require_POST
def staff_unlock(request, pk: int):
    staff = staff_security_get(user=request.user, pk=pk)
    login_lockout_lift(actor=request.user, user=staff)
    messages.success(request, _("Sign-in lockout lifted for this account."))
    return redirect("security:staff_detail", pk=staff.pk)
