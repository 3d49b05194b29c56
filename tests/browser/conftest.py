"""Real-browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

`playwright install` cannot work here (no downloads): the browser is /usr/bin/chromium
(see ../../shared/STACK.md, "Browser tests"). Every test in this folder is marked `browser`, so
`pytest -m "not browser"` leaves them out.

The live server is transactional: the database is flushed after each test, so every test creates
its own staff (tests/factories.py re-creates the reference places when needed). Static files are
served by pytest-django's live server through Django's StaticFilesHandler (the apps' static folders,
no collectstatic); test_foundation_flows.py checks that the CSS and the fonts really load.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests import factories

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"

VIEWPORTS = {"1280": {"width": 1280, "height": 800}, "390": {"width": 390, "height": 844}}
LANGUAGES = ["ar", "fr"]

# The pages that exist now, as each role opens them: name -> (path, who is signed in, HTTP status).
PAGES = {
    "login": ("/accounts/login/", None, 200),
    "home-caseworker": ("/", "caseworker", 200),
    "home-administrator": ("/", "administrator", 200),
    "audit": ("/audit/", "administrator", 200),
    "password-change": ("/accounts/password/", "caseworker", 200),
    "not-found": ("/no-such-page/", "caseworker", 404),
}

STAFF = {
    "caseworker": lambda: factories.caseworker("FES", username="cw_fes", first_name="Samira", last_name="Bennani"),
    "administrator": lambda: factories.administrator(
        username="admin_national", first_name="Fatima", last_name="Zahraoui"
    ),
}


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
    return STAFF["caseworker"]()


@pytest.fixture
def administrator(live_server):
    return STAFF["administrator"]()


def _host(live_server) -> str:
    return live_server.url.split("//", 1)[1].rsplit(":", 1)[0]


@pytest.fixture
def sign_in(context, live_server):
    """Give the browser a session for `user` without going through the login form (that form has
    its own tests in test_foundation_flows.py)."""

    def _sign_in(user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": cookie.value,
                    "domain": _host(live_server),
                    "path": "/",
                }
            ]
        )
        return user

    return _sign_in


@pytest.fixture
def set_language(context, live_server):
    """Choose the interface language as the language switcher does: through the language cookie."""

    def _set(code: str):
        context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": code, "domain": _host(live_server), "path": "/"}]
        )

    return _set


@pytest.fixture
def open_page(page, live_server, sign_in, set_language):
    """Open one of PAGES in a language, as the user it is meant for; returns the HTTP response."""
    signed_in = {}

    def _open(name: str, language: str):
        path, who, status = PAGES[name]
        if who and who not in signed_in:
            # The browser context lives for the whole test: one sign-in per role is enough.
            signed_in[who] = sign_in(STAFF[who]())
        set_language(language)
        response = page.goto(live_server.url + path)
        assert response.status == status, f"{name}-{language}: HTTP {response.status}"
        # The served fonts are in use before anything is measured or pictured.
        page.evaluate("document.fonts.ready.then(() => true)")
        return response

    return _open
