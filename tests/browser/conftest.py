"""Real-browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

`playwright install` cannot work here (no downloads): the browser is /usr/bin/chromium
(see ../../shared/STACK.md, "Browser tests"). Every test in this folder is marked `browser`, so
`pytest -m "not browser"` leaves them out.

Speed (the whole folder must stay well under five minutes): one Chromium for the session, one live
server for the session (`site`), and no flush between tests. The browser tests are not database tests
in pytest-django's sense, so they run after every other database test; the `site` fixture then puts
the database back as the migrations made it (reference data included, from the copy
tests/snapshot.py takes when the database is made), builds the Scene the page tests read
(scene.py), and flushes everything when the browser tests are over. Tests that write (the flows)
create their own staff and records with names of their own, so they never disturb each other.

Static files are served by pytest-django's live server through Django's StaticFilesHandler (the
apps' static folders, no collectstatic); test_foundation_flows.py checks that the CSS and the fonts
really load.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from playwright.sync_api import expect

from tests import snapshot
from tests.browser.pages import PAGES
from tests.browser.scene import Cast, Scene

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"

VIEWPORTS = {"1280": {"width": 1280, "height": 800}, "390": {"width": 390, "height": 844}}
LANGUAGES = ["ar", "fr"]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """After pytest-django has put the database tests in their order: every test of this folder goes
    last (the `site` fixture keeps its records until the end of the session, so no flushing test may run
    after it), the page tests first, on the scene alone; then the flows, which add records of their own."""
    here = Path(__file__).resolve().parent
    ours = [item for item in items if Path(str(item.fspath)).resolve().is_relative_to(here)]
    for item in ours:
        item.add_marker(pytest.mark.browser)
    others = [item for item in items if item not in set(ours)]
    ours.sort(key=lambda item: not Path(item.fspath).name.startswith("test_pages"))
    items[:] = others + ours


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


# Two cores shared with the rest of the suite: give the page and the assertions some room.
expect.set_options(timeout=10_000)


@pytest.fixture
def page(page):
    page.set_default_timeout(10_000)
    page.set_default_navigation_timeout(15_000)
    return page


@pytest.fixture(scope="session")
def artifacts_dir():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def site(request, django_db_setup, django_db_blocker):
    """One live server and one set of records for the whole browser run (see the module docstring)."""
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        own_database = _test_database_if_none(request)
        contents = snapshot.contents()
        restore(contents)
        server = LiveServer("localhost:0")
        server._live_server_modified_settings.enable()
        cast = Cast()
        scene = Scene(cast)
        scene.build()
    yield Site(url=server.url, host=_host(server.url), cast=cast, scene=scene)
    server.stop()
    server._live_server_modified_settings.disable()
    with django_db_blocker.unblock():
        # Leave the database as the migrations made it (so a kept database, --reuse-db, is pristine).
        restore(contents)
        if own_database:
            own_database()


@pytest.fixture(autouse=True)
def _database_open(django_db_blocker):
    """The live server's thread and the test share the committed test database: no transaction to
    roll back, no flush between tests (they add to what is there and never count on emptiness)."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def live_url(site):
    return site.url


@pytest.fixture
def test_number(site):
    return next(_test_numbers)


@pytest.fixture
def cast(test_number):
    """Staff of one test's own (flows write; their usernames never meet another test's)."""
    return Cast(suffix=f"_{test_number}")


@pytest.fixture
def scene(cast, test_number):
    """Records of one test's own, built when the test first asks for them."""
    return Scene(cast, edition=100 + test_number)


@pytest.fixture
def caseworker(cast):
    return cast.caseworker


@pytest.fixture
def administrator(cast):
    return cast.administrator


@pytest.fixture
def sign_in(context, site):
    """Give the browser a session for `user` without going through the login form (that form has
    its own tests in test_foundation_flows.py). Staff who need a second factor get a verified
    session, as tests/otp.py does for the test client. `into`: another browser context than the
    test's own (a second person at another computer)."""

    def _sign_in(user, *, into=None, verified=True):
        client = Client()
        client.force_login(user)  # (tests marked real_two_factor: the password step only)
        if verified:
            _verify_second_factor(client, user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        (into or context).add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "domain": site.host, "path": "/"}]
        )
        return user

    return _sign_in


@pytest.fixture
def set_language(context, site):
    """Choose the interface language as the language switcher does: through the language cookie."""

    def _set(code: str):
        context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": code, "domain": site.host, "path": "/"}])

    return _set


@pytest.fixture
def open_page(page, site, sign_in, set_language):
    """Open one of PAGES in a language, as the user it is meant for; returns the HTTP response."""
    signed_in = set()

    def _open(name: str, language: str):
        spec = PAGES[name]
        if spec.who and spec.who not in signed_in:
            # The browser context lives for the whole test: one sign-in per role is enough.
            sign_in(site.cast[spec.who], verified=spec.verified)
            signed_in.add(spec.who)
        set_language(language)
        response = page.goto(site.url + spec.url_path(site.scene))
        assert response.status == spec.status, f"{name}-{language}: HTTP {response.status}"
        # The served fonts are in use before anything is measured or pictured.
        page.evaluate("document.fonts.ready.then(() => true)")
        return response

    return _open


# ---- helpers ----------------------------------------------------------------------------------------

_test_numbers = itertools.count(1)


@dataclass(frozen=True)
class Site:
    url: str
    host: str
    cast: Cast
    scene: Scene


def _host(url: str) -> str:
    return url.split("//", 1)[1].rsplit(":", 1)[0]


def _verify_second_factor(client: Client, user) -> None:
    try:
        from casework.security.two_factor import two_factor_required
    except ImportError:  # no second factor in this version of the app
        return
    if two_factor_required(user):
        from tests.otp import verify_client

        verify_client(client, user)


def _test_database_if_none(request):
    """pytest-django makes the test database only when a selected test is a database test; when only
    browser tests are selected (`-k`), make it here, as pytest-django would, and take its copy
    (tests/snapshot.py). Returns the teardown to call at the end, or None when pytest-django made it."""
    if connection.settings_dict["NAME"] == connection.creation._get_test_db_name():
        return None
    from django.test.utils import setup_databases, teardown_databases

    from casework.models import User

    keepdb = bool(request.config.getvalue("reuse_db")) and not request.config.getvalue("create_db")
    config = setup_databases(verbosity=0, interactive=False, keepdb=keepdb, aliases={"default"}, serialized_aliases=())
    if keepdb and User.objects.exists():
        # A kept database that an interrupted run left full: make it again (a copy must be pristine).
        teardown_databases(config, verbosity=0, keepdb=False)
        keepdb = False
        config = setup_databases(
            verbosity=0, interactive=False, keepdb=False, aliases={"default"}, serialized_aliases=()
        )
    snapshot.take()
    return lambda: teardown_databases(config, verbosity=0, keepdb=keepdb)


def restore(contents: str) -> None:
    """Empty every table and load `contents`, as Django's serialized rollback does; then move each id
    sequence past the ids just loaded."""
    from django.apps import apps
    from django.core.management.color import no_style

    call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True, reset_sequences=False)
    connection.creation.deserialize_db_from_string(contents)
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
