"""axe-core on every page that exists, in Arabic and in French: no serious or critical violation.

One test per page checks both languages (one database flush instead of two: the suite must stay fast);
the failure message names the language and lists the rule ids."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import LANGUAGES, PAGES

BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe():
    return Axe()


def blocking_violations(axe, page, label: str) -> list[str]:
    results = axe.run(page)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] in BLOCKING:
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]][:5]
            found.append(f"{label}: {violation['id']} ({violation['impact']}) {violation['help']} — {targets}")
    return found


@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_or_critical_axe_violation(axe, page, open_page, name):
    found = []
    for language in LANGUAGES:
        open_page(name, language)
        assert page.locator("html").get_attribute("lang") == language
        found += blocking_violations(axe, page, f"{name}-{language}")

    print("\n".join(found))
    assert found == [], "\n".join(found)


def test_login_page_with_an_error_has_no_serious_or_critical_axe_violation(axe, page, open_page):
    found = []
    for language in LANGUAGES:
        open_page("login", language)
        page.locator("#id_username").fill("nobody")
        page.locator("#id_password").fill("wrong")
        page.locator("form:has(#id_password) button[type=submit]").click()
        page.locator(".alert-danger").wait_for()
        found += blocking_violations(axe, page, f"login-error-{language}")

    assert found == [], "\n".join(found)


def test_password_change_with_errors_has_no_serious_or_critical_axe_violation(axe, page, open_page):
    found = []
    for language in LANGUAGES:
        open_page("password-change", language)
        page.locator("form.cw-form button[type=submit]").click()
        page.locator(".invalid-feedback").first.wait_for()
        found += blocking_violations(axe, page, f"password-change-errors-{language}")

    assert found == [], "\n".join(found)
