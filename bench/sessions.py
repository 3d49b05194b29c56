"""Logged-in sessions for the measured users, created up front in the session store.

Each session is made by Django's own `login()` (through the test client's `force_login`, so every login
signal runs as for a real sign-in), then, when django-otp is installed, marked as verified by a second
factor the way django-otp does it: a confirmed device of the user whose `persistent_id` is stored under
`django_otp.DEVICE_ID_SESSION_KEY` in the session (django_otp.login). OTPMiddleware then finds the device
on every request and `request.user.is_verified()` is true — the state a supervisor or administrator is in
after typing their code. The same session key is used by the HTTP clients (as the session cookie) and by
the in-process test client (query counts, ratios).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Permission
from django.test import Client

from casework.models import User

from .admin import CHANGELISTS

ROLES = ("caseworker", "supervisor", "national_supervisor", "administrator")


def _backend() -> str:
    """The backend that loads signed-in users (the last one: axes's, first, only refuses locked-out logins)."""
    return settings.AUTHENTICATION_BACKENDS[-1]


def _verify_second_factor(user: User, session_key: str) -> bool:
    if "django_otp" not in settings.INSTALLED_APPS:
        return False
    from importlib import import_module

    from django_otp import DEVICE_ID_SESSION_KEY

    device = None
    if "django_otp.plugins.otp_totp" in settings.INSTALLED_APPS:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    elif "django_otp.plugins.otp_static" in settings.INSTALLED_APPS:
        from django_otp.plugins.otp_static.models import StaticDevice

        device, _ = StaticDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    if device is None:
        return False
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key)
    store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store.save()
    return True


def _admin_view_permissions(user: User) -> None:
    """The bench administrator may view the changelists bench.admin registers (bench database only)."""
    for dotted in CHANGELISTS:
        app_label, model = dotted.lower().split(".")
        user.user_permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename=f"view_{model}")
        )


def create_sessions(fixtures: dict, copies: int = 1) -> dict[str, dict]:
    """{role: {"username", "session_key", "session_keys", "second_factor"}} for every measured role.

    `copies` sessions per user (one per concurrent HTTP client, as when the same person works from
    several tabs or, in effect, as several colleagues would: no two clients share a session row)."""
    sessions = {}
    for role in ROLES:
        user = User.objects.get(username=fixtures[role])
        if role == "administrator":
            _admin_view_permissions(user)
        keys, verified = [], False
        for _ in range(copies):
            client = Client()
            client.force_login(user, backend=_backend())
            keys.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
            verified = _verify_second_factor(user, keys[-1])
        sessions[role] = {"username": user.username, "session_key": keys[0], "session_keys": keys,
                          "second_factor": verified}  # fmt: skip
    return sessions


def client_for(session: dict) -> Client:
    client = Client(raise_request_exception=False)  # a failing page is a measured 500, not a crash
    client.cookies[settings.SESSION_COOKIE_NAME] = session["session_key"]
    return client


def logged_in_targets(keys: list[str]):
    """(target, its user's client, its URL) for the targets named (all when none is), on the current
    dataset: what `explain` and `profile` walk through."""
    from .dataset import read_meta
    from .targets import TARGETS, resolve

    fixtures = read_meta()["fixtures"]
    sessions = create_sessions(fixtures)
    for target in [t for t in TARGETS if t.key in keys] or TARGETS:
        yield target, client_for(sessions[target.user]), resolve(target.url, fixtures)
