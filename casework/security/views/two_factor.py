"""Second-factor pages: overview, enrolment (QR code), verification at sign-in, recovery codes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..forms import EnrolmentForm, VerificationForm
from ..two_factor import (
    has_second_factor,
    recovery_codes_left,
    recovery_codes_regenerate,
    role_requires_two_factor,
    second_factor_verify,
    totp_device,
    totp_enrolment_confirm,
    totp_enrolment_start,
    totp_qr_svg,
    totp_secret_base32,
    two_factor_remove,
)


def _next_url(request, default: str = "casework:home") -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(default)


@login_required
def two_factor_overview(request):
    user = request.user
    return render(
        request,
        "security/two_factor.html",
        {
            "device": totp_device(user),
            "codes_left": recovery_codes_left(user),
            "required": role_requires_two_factor(user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """Enrol (or replace) the authenticator app. Reached without a verified session only by a user who
    has no second factor yet (the middleware sends everyone else to verification)."""
    device = totp_enrolment_start(user=request.user)
    form = EnrolmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = totp_enrolment_confirm(request=request, device=device, token=form.cleaned_data["token"])
        if codes is not None:
            return render(
                request,
                "security/recovery_codes.html",
                {"codes": codes, "next": _next_url(request), "just_enrolled": True},
            )
        form.add_error("token", _("This code is not valid. Check the time on your phone and try the next code."))
    return render(
        request,
        "security/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": totp_qr_svg(device),
            "secret": totp_secret_base32(device),
            "next": _next_url(request),
            "replacing": has_second_factor(request.user),
            "required": role_requires_two_factor(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    """Second step of sign-in for a user who has a second factor."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not has_second_factor(request.user):
        return redirect("security:two_factor_setup")
    form = VerificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        kind = second_factor_verify(request=request, token=form.cleaned_data["token"])
        if kind is not None:
            if kind == "recovery":
                left = recovery_codes_left(request.user)
                messages.warning(
                    request,
                    _("You used a recovery code; %(left)s left. Make new ones from the two-factor page.")
                    % {"left": left},
                )
            return redirect(_next_url(request))
        form.add_error("token", _("This code is not valid, or was already used. Wait for a new code and retry."))
    return render(
        request,
        "security/two_factor_verify.html",
        {"form": form, "next": _next_url(request)},
    )


@login_required
@require_POST
def recovery_codes_new(request):
    if not has_second_factor(request.user):
        raise Http404
    codes = recovery_codes_regenerate(actor=request.user)
    return render(request, "security/recovery_codes.html", {"codes": codes, "next": _next_url(request)})


@login_required
@require_POST
def two_factor_disable(request):
    """Only for a user whose role does not require a second factor (supervisors and administrators cannot)."""
    if role_requires_two_factor(request.user) or not has_second_factor(request.user):
        raise Http404
    two_factor_remove(actor=request.user, user=request.user)
    messages.success(request, _("Two-factor authentication is off for your account."))
    return redirect("security:two_factor")
