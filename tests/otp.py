"""The second factor in tests.

Supervisors and administrators must give a second factor before any page (casework.security). So that
tests about something else need not walk through it, `client.force_login(user)` gives a *verified*
session: the autouse fixture `second_factor_for_force_login` (imported by tests/conftest.py) wraps
`django.test.Client.force_login` (hence DRF's APIClient and the browser tests' `sign_in` too) so that,
for a user who needs a second factor, it also enrols a confirmed TOTP device and stores django-otp's
device id in the session, exactly what the verification page does.

Tests of the second factor itself mark themselves `@pytest.mark.real_two_factor`: the wrapper is then
off and they go through the real pages with `totp_token(device)` / `next_totp_token(device)` codes.
Browser tests that want the real sign-in use `browser_sign_in(page, base_url, user, device=...)`.
"""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import TEST_PASSWORD


def _otp_installed() -> bool:
    return "django_otp" in settings.INSTALLED_APPS


def enrol_totp(user, *, confirmed: bool = True):
    """The user's TOTP device (created, confirmed, if they have none)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=confirmed).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=confirmed)
    return device


def recovery_codes(user, count: int = 3) -> list[str]:
    """Give the user `count` fresh recovery codes (django-otp static tokens) and return them."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    device, _ = StaticDevice.objects.get_or_create(user=user, defaults={"name": "recovery codes"})
    codes = [StaticToken.random_token() for _ in range(count)]
    for code in codes:
        device.token_set.create(token=code)
    return codes


def _current_step(device, at: float | None = None) -> int:
    now = time.time() if at is None else at
    return int((now - device.t0) // device.step) + device.drift


def totp_token(device, *, at: float | None = None, step: int | None = None) -> str:
    """The code an authenticator app shows for `device` now (or at Unix time `at`, or for time `step`)."""
    from django_otp.oath import hotp

    counter = _current_step(device, at) if step is None else step
    return f"{hotp(device.bin_key, counter, digits=device.digits):0{device.digits}d}"


def next_totp_token(device) -> str:
    """A code the device accepts now: codes are single-use, so after the device's last used time step
    (within the one-step tolerance django-otp allows)."""
    device.refresh_from_db()
    step = max(_current_step(device), device.last_t + 1)
    if step > _current_step(device) + device.tolerance:
        raise RuntimeError("Every code of this time window was used; wait for the next one.")
    return totp_token(device, step=step)


def verify_client(client: Client, user, device=None) -> None:
    """Mark the client's (signed-in) session verified with the user's device, as the verification page does."""
    from django_otp import DEVICE_ID_SESSION_KEY

    device = device or enrol_totp(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def sign_in_through_pages(client: Client, user, *, password: str = TEST_PASSWORD, device=None, next_url: str = ""):
    """The real flow: the login form, then the second-factor page when the user has a device.
    Returns the last response (followed redirects)."""
    from django.urls import reverse

    data = {"username": user.get_username(), "password": password}
    if next_url:
        data["next"] = next_url
    response = client.post(reverse("login"), data, follow=True)
    if device is not None:
        response = client.post(
            reverse("security:two_factor_verify"),
            {"token": next_totp_token(device), "next": next_url},
            follow=True,
        )
    return response


def browser_sign_in(page, base_url: str, user, *, password: str = TEST_PASSWORD, device=None) -> None:
    """Playwright: sign in through the login page and, for a user with a device (`enrol_totp(user)`),
    the second-factor page with a real TOTP code."""
    page.goto(base_url + "/accounts/login/")
    page.fill("#id_username", user.get_username())
    page.fill("#id_password", password)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_load_state()
    if device is not None:
        page.wait_for_url("**/accounts/two-factor/verify/**")
        page.fill("#id_token", next_totp_token(device))
        page.locator("form.cw-form button[type=submit]").click()
        page.wait_for_load_state()


@pytest.fixture(autouse=True)
def second_factor_for_force_login(request, monkeypatch):
    """`client.force_login(user)` gives a verified session (see the module docstring); off for tests
    marked `real_two_factor`."""
    if not _otp_installed() or request.node.get_closest_marker("real_two_factor"):
        yield
        return
    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        from casework.security.two_factor import has_second_factor, role_requires_two_factor

        if role_requires_two_factor(user) or has_second_factor(user):
            verify_client(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)
    yield
