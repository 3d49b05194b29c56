"""Request guards, in this order in MIDDLEWARE:

1. `SessionGuardMiddleware` (after AuthenticationMiddleware and MessageMiddleware): a signed-in session
   is accepted only while its record exists and is within the idle and absolute limits.
2. django-otp's `OTPMiddleware`: marks the user verified when the session holds a confirmed device.
3. `TwoFactorRequiredMiddleware`: a user who needs a second factor and has not given it reaches only
   the enrolment or verification page, logout and the language switch; an API call answers 403 JSON.
4. `NoStoreMiddleware`: no response of the application (pages, API, files) may be stored by a browser
   or a proxy; static files are served before it by WhiteNoise.
5. `RejectNulBytesMiddleware` (after CSRF): a NUL character in a query string or a form field is never
   typed by a person and PostgreSQL refuses it in text: the request is refused whole, with a 400.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import SuspiciousOperation
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from .sessions import EndReason, session_check, session_end_current
from .two_factor import has_second_factor, two_factor_required

NO_STORE = "no-store, no-cache, must-revalidate, private, max-age=0"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)


def is_api_request(request) -> bool:
    return request.path_info.startswith(settings.CASEWORK_API_PATH_PREFIX)


class SessionGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            key = request.session.session_key
            reason = session_check(user_id=user.pk, session_key=key) if key else EndReason.ADMINISTRATOR
            if reason:
                session_end_current(request=request, reason=reason)
                request.user = AnonymousUser()
                if not is_api_request(request):
                    messages.info(request, _end_message(reason))
        return self.get_response(request)


def _end_message(reason: str) -> str:
    if reason == EndReason.IDLE:
        return _("You were signed out after a period of inactivity. Please sign in again.")
    if reason == EndReason.ABSOLUTE:
        return _("Your session reached its maximum length. Please sign in again.")
    return _("Your session has ended. Please sign in again.")


# URL names an unverified user who needs a second factor may still reach.
ENROLMENT_URL_NAMES = {"security:two_factor_setup"}
VERIFICATION_URL_NAMES = {"security:two_factor_verify"}
ALWAYS_ALLOWED_URL_NAMES = {"logout", "set_language"}


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not user.is_authenticated or user.is_verified() or not two_factor_required(user):
            return self.get_response(request)
        if request.path_info.startswith(settings.STATIC_URL):
            return self.get_response(request)
        enrolled = has_second_factor(user)
        allowed = ALWAYS_ALLOWED_URL_NAMES | (VERIFICATION_URL_NAMES if enrolled else ENROLMENT_URL_NAMES)
        if _url_name(request) in allowed:
            return self.get_response(request)
        if is_api_request(request):
            return JsonResponse(
                {
                    "detail": _(
                        "Two-factor authentication is required: sign in through the web pages and confirm "
                        "with your authenticator app first."
                    ),
                    "code": "two_factor_required",
                },
                status=403,
            )
        target = reverse("security:two_factor_verify" if enrolled else "security:two_factor_setup")
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)


def _url_name(request) -> str:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return ""


class NoStoreMiddleware:
    """Every application response may hold personal data: never cached (pages, API, file downloads,
    error pages), plus a Permissions-Policy that turns off the browser features the app never uses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        response["Cache-Control"] = NO_STORE
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class NulByteInRequest(SuspiciousOperation):
    """Django answers it with the translated 400 page and logs it as a security event."""


class RejectNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _holds_nul(request.GET) or (request.method == "POST" and _holds_nul(request.POST)):
            if is_api_request(request):
                return JsonResponse(
                    {"detail": _("The request contains a NUL character, which is not allowed."), "code": "nul_byte"},
                    status=400,
                )
            raise NulByteInRequest("NUL character in the request's parameters")
        return self.get_response(request)


def _holds_nul(data) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in data.lists())
