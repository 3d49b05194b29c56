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
    # axe really ran over this page's content (not over an empty or error document).
    assert results.response["url"].startswith("http://"), label
    assert len(results.response["passes"]) > 10, f"{label}: axe checked almost nothing"
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] in BLOCKING:
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]][:5]
            found.append(f"{label}: {violation['id']} ({violation['impact']}) {violation['help']} — {targets}")
    return found


def submit_wrong_login(page):
    page.locator("#id_username").fill("nobody")
    page.locator("#id_password").fill("wrong")
    page.locator("form:has(#id_password) button[type=submit]").click()
    page.locator(".alert-danger").wait_for()


def submit_empty_password_change(page):
    page.locator("form.cw-form button[type=submit]").click()
    page.locator(".invalid-feedback").first.wait_for()


# Pages also checked in the state a failed submission leaves them in (error messages, aria-invalid).
WITH_ERRORS = {"login": submit_wrong_login, "password-change": submit_empty_password_change}


@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_or_critical_axe_violation(axe, page, open_page, name):
    found = []
    for language in LANGUAGES:
        open_page(name, language)
        assert page.locator("html").get_attribute("lang") == language
        found += blocking_violations(axe, page, f"{name}-{language}")
        if name in WITH_ERRORS:
            WITH_ERRORS[name](page)
            assert page.locator("html").get_attribute("lang") == language
            found += blocking_violations(axe, page, f"{name}-with-errors-{language}")

    assert found == [], "\n".join(found)
