"""Real-browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

`playwright install` cannot work here (no downloads): the browser is /usr/bin/chromium
(see ../../shared/STACK.md, "Browser tests"). Every test in this folder is marked `browser`, so
`pytest -m "not browser"` leaves them out.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests import factories

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
LANGUAGE_COOKIE = settings.LANGUAGE_COOKIE_NAME

VIEWPORTS = {"1280": {"width": 1280, "height": 800}, "390": {"width": 390, "height": 844}}


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).resolve().parent
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(here):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (never `playwright install`)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-background-networking",
            "--disable-dev-shm-usage",
            "--disable-gpu",
            "--disable-component-update",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The browser asks for English: the app must still open in Arabic (LanguageMiddleware).
    return {
        **browser_context_args,
        "locale": "en-US",
        "extra_http_headers": {"Accept-Language": "en-US,en;q=0.9"},
        "viewport": VIEWPORTS["1280"],
    }


@pytest.fixture
def live_url(live_server):
    return live_server.url


@pytest.fixture
def page(page):
    page.set_default_timeout(10_000)
    page.set_default_navigation_timeout(15_000)
    return page


@pytest.fixture(scope="session")
def artifacts_dir():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def caseworker(live_server):
    return factories.caseworker("FES", username="cw_fes", first_name="Samira", last_name="Bennani")


@pytest.fixture
def administrator(live_server):
    return factories.administrator(username="admin_national", first_name="Fatima", last_name="Zahraoui")


@pytest.fixture
def sign_in(context, live_server):
    """Give the browser a session for `user` without going through the login form (that form has
    its own tests): quicker, and the only way a test uses it is as a signed-in user."""

    host = live_server.url.split("//", 1)[1].split(":")[0]

    def _sign_in(user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "domain": host, "path": "/"}]
        )
        return user

    return _sign_in


@pytest.fixture
def set_language(context, live_server):
    """Choose the interface language as the language switcher would: through the language cookie."""

    host = live_server.url.split("//", 1)[1].split(":")[0]

    def _set(code: str):
        context.add_cookies([{"name": LANGUAGE_COOKIE, "value": code, "domain": host, "path": "/"}])

    return _set
