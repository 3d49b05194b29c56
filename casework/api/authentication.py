"""Who is calling the API: the browser session (DRF's SessionAuthentication, CSRF-checked) or a
personal API token (django-rest-knox: stored as a SHA-512 digest, expiring, one per client).

A token is created only from a session verified with a second factor (casework.api.tokens), and it
stays bound to that factor: when its owner no longer has one (reset by an administrator), their tokens
stop working until they enrol again and create a new one.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from rest_framework import exceptions
from rest_framework.authentication import get_authorization_header

from .throttling import FailedTokenThrottle


def has_second_factor(user) -> bool:
    from casework.security.two_factor import has_second_factor as _has

    return _has(user)


class TokenAuthentication(KnoxTokenAuthentication):
    def authenticate(self, request):
        if not get_authorization_header(request):
            return None
        throttle = FailedTokenThrottle()
        if throttle.blocked(request):
            raise exceptions.Throttled(wait=throttle.wait())
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            throttle.record_failure(request)
            raise

    def validate_user(self, auth_token):
        user, token = super().validate_user(auth_token)
        if not has_second_factor(user):
            raise exceptions.AuthenticationFailed(_("This token's owner must enrol a second factor again."))
        return user, token


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "casework.api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": str(_('A personal API token, sent as "Authorization: Token <token>".')),
        }
