"""The foundation's everyday flows, in a real browser: log in, navigation by role, the language
switcher, log out, a wrong password, the audit trail and the not-found answer."""

import json
import re
import time

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.otp import enrol_totp, next_totp_token

LOGIN_PATH = "/accounts/login/"


def nav_hrefs(page) -> list[str]:
    return page.locator("#cw-nav .navbar-nav a.nav-link").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)"
    )


def assert_caseworker_navigation(page):
    hrefs = nav_hrefs(page)
    assert hrefs[0] == "/"
    assert "/audit/" not in hrefs
    assert not any(href.startswith("/admin/") for href in hrefs)


def submit_login(page, username, password=factories.TEST_PASSWORD):
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("form:has(#id_password) button[type=submit]").click()


def switch_language(page, code: str):
    page.locator(f".cw-lang-switch button[value='{code}']").click()
    expect(page.locator("html")).to_have_attribute("lang", code)


def wait_for_style_sheet(page, ending: str, timeout: float = 10.0) -> None:
    """A style sheet joins document.styleSheets once it has loaded: wait for it (fails after the timeout).
    Polled from here with page.evaluate: Playwright's wait_for_function runs its predicate through eval(),
    which the app's Content-Security-Policy (script-src 'self') refuses whenever a second try is needed."""
    deadline = time.monotonic() + timeout
    loaded = f"[...document.styleSheets].some(s => (s.href || '').endsWith({json.dumps(ending)}))"
    while not page.evaluate(loaded):
        assert time.monotonic() < deadline, f"the style sheet {ending} never loaded"
        page.wait_for_timeout(100)


def test_static_files_and_served_fonts_load(page, live_url):
    failed = []
    page.on("response", lambda r: failed.append((r.status, r.url)) if r.status >= 400 else None)
    page.goto(live_url + LOGIN_PATH)
    page.wait_for_load_state("networkidle")
    assert failed == []
    # Bootstrap (RTL build) and the app's CSS are applied: the navbar has the app's colour.
    assert page.evaluate("getComputedStyle(document.querySelector('.cw-navbar')).backgroundColor") == (
        "rgb(31, 95, 91)"
    )
    wait_for_style_sheet(page, "bootstrap.rtl.min.css")
    loaded = page.evaluate(
        "document.fonts.ready.then(() => [...document.fonts].filter(f => f.status === 'loaded')"
        ".map(f => f.family.replaceAll('\"', '')))"
    )
    assert "Noto Naskh Arabic" in loaded


def test_caseworker_logs_in_in_arabic_switches_language_and_logs_out(page, live_url, cast):
    username = cast.caseworker.username

    page.goto(live_url + "/")
    # Anonymous: sent to the login page, which opens in Arabic although the browser asks for English.
    expect(page).to_have_url(re.compile(re.escape(LOGIN_PATH)))
    assert page.evaluate("navigator.language") == "en-US"
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    expect(page.locator(".cw-lang-switch button[value='ar']")).to_have_attribute("aria-pressed", "true")

    submit_login(page, username)

    expect(page).to_have_url(live_url + "/")
    expect(html).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Samira Bennani")
    expect(page.get_by_test_id("whoami")).to_contain_text("Samira Bennani")
    # A caseworker's navigation: the home page first; no audit trail, no administration.
    assert_caseworker_navigation(page)
    expect(page.locator("#cw-nav a[aria-current=page]")).to_have_count(1)
    logout = page.locator("form[action$='/accounts/logout/'] button")
    logout_ar = logout.inner_text()
    home_ar = page.locator("#cw-nav .nav-link").first.inner_text()

    switch_language(page, "fr")
    expect(page).to_have_url(live_url + "/")
    expect(html).to_have_attribute("dir", "ltr")
    expect(page.locator(".cw-lang-switch button[value='fr']")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".cw-lang-switch button[value='ar']")).to_have_attribute("aria-pressed", "false")
    wait_for_style_sheet(page, "/bootstrap.min.css")
    logout_fr = logout.inner_text()
    assert logout_fr not in (logout_ar, "Log out")
    assert page.locator("#cw-nav .nav-link").first.inner_text() not in (home_ar, "Home")

    switch_language(page, "en")
    expect(html).to_have_attribute("dir", "ltr")
    expect(logout).to_have_text("Log out")
    expect(page.locator("#cw-nav .nav-link").first).to_have_text("Home")
    assert_caseworker_navigation(page)

    logout.click()
    expect(page).to_have_url(re.compile(re.escape(LOGIN_PATH) + "$"))
    expect(page.get_by_test_id("whoami")).to_have_count(0)
    # The language chosen before logging out is kept (the cookie outlives the session).
    expect(html).to_have_attribute("lang", "en")
    page.goto(live_url + "/")
    expect(page).to_have_url(re.compile(re.escape(LOGIN_PATH)))


def test_wrong_password_shows_an_error_and_stays_on_the_login_page(page, live_url, cast):
    username = cast.caseworker.username

    page.goto(live_url + LOGIN_PATH)
    submit_login(page, username, "not-the-password")

    expect(page).to_have_url(re.compile(re.escape(LOGIN_PATH)))
    alert = page.locator(".alert-danger[role=alert]")
    expect(alert).to_be_visible()
    expect(alert).not_to_be_empty()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    # The username stays filled in, the password does not.
    expect(page.locator("#id_username")).to_have_value(username)
    expect(page.locator("#id_password")).to_have_value("")
    expect(page.get_by_test_id("whoami")).to_have_count(0)
    page.goto(live_url + "/")
    expect(page).to_have_url(re.compile(re.escape(LOGIN_PATH)))


@pytest.mark.real_two_factor
def test_administrator_signs_in_with_the_second_factor_sees_audit_switches_language_and_logs_out(page, live_url, cast):
    administrator = cast.administrator
    username = administrator.username
    device = enrol_totp(administrator)

    page.goto(live_url + LOGIN_PATH)
    switch_language(page, "en")
    submit_login(page, username)

    # The password is not enough for an administrator: the second step asks for the app's code.
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/verify/"))
    expect(page.locator("#cw-nav .nav-link")).to_have_count(0)  # no page of the app until then
    assert page.goto(live_url + "/audit/").url.startswith(live_url + "/accounts/")
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/verify/"))
    good = next_totp_token(device)
    page.locator("#id_token").fill(str((int(good) + 1) % 1_000_000).zfill(6))
    page.locator("main form.cw-form button[type=submit]").click()
    expect(page.locator("#id_token")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("main [role=alert]").first).to_be_focused()
    page.wait_for_timeout(1_500)  # django-otp makes the next try wait a second after a wrong code
    page.locator("#id_token").fill(good)
    page.locator("main form.cw-form button[type=submit]").click()

    expect(page).to_have_url(re.compile(re.escape(live_url) + r"/(audit/)?$"))
    page.goto(live_url + "/")
    links = page.locator("#cw-nav .nav-link")
    expect(links.first).to_have_text("Home")
    expect(links.filter(has_text="Audit trail")).to_have_attribute("href", "/audit/")
    expect(links.filter(has_text="Administration")).to_have_attribute("href", "/admin/")

    page.locator("#cw-nav").get_by_role("link", name="Audit trail").click()
    expect(page).to_have_url(live_url + "/audit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Audit trail")
    expect(page.locator("#cw-nav a[aria-current=page]")).to_have_text("Audit trail")

    def rows(action: str):
        return (
            page.locator("tbody tr")
            .filter(has=page.locator("td", has_text=re.compile(rf"^{re.escape(username)}$")))
            .filter(has=page.locator("td", has_text=re.compile(rf"^{action}$")))
        )

    # Two steps, two entries (the password, then the second factor), and the wrong code before them.
    expect(rows("Login")).to_have_count(2)
    expect(rows("Failed login")).to_have_count(1)
    expect(rows("Login").first.locator("td").nth(4)).to_have_text("127.0.0.1")

    # Back to Arabic, then log out: the next visit asks for the password and the code again.
    switch_language(page, "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.locator("form[action$='/accounts/logout/'] button").first.click()
    expect(page).to_have_url(re.compile(re.escape(LOGIN_PATH) + "$"))
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    page.goto(live_url + "/audit/")
    expect(page).to_have_url(re.compile(re.escape(LOGIN_PATH)))
    submit_login(page, username)
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/verify/"))


def test_caseworker_typing_the_audit_address_gets_the_not_found_page(page, live_url, sign_in, caseworker):
    sign_in(caseworker)

    response = page.goto(live_url + "/audit/")

    assert response.status == 404
    expect(page.get_by_test_id("not-found")).to_be_visible()
    expect(page.locator("table")).to_have_count(0)
    # Still the app's own page, signed in, in Arabic.
    expect(page.get_by_test_id("whoami")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def test_on_a_phone_the_menu_opens_from_the_toggler(page, live_url, sign_in, caseworker):
    sign_in(caseworker)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_url + "/")

    toggler = page.locator(".navbar-toggler")
    home_link = page.locator("#cw-nav .nav-link").first
    expect(home_link).to_be_hidden()
    expect(toggler).to_have_attribute("aria-expanded", "false")
    # The language switch stays reachable without opening the menu.
    expect(page.locator(".cw-lang-switch button[value='fr']")).to_be_visible()

    toggler.click()

    expect(toggler).to_have_attribute("aria-expanded", "true")
    expect(home_link).to_be_visible()
    expect(page.locator("form[action$='/accounts/logout/'] button")).to_be_visible()
