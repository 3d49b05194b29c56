"""The friendly error pages in Arabic, French and English: what happened, what to do next, nothing of
the inside of the application; and the 500 page under axe and the layout checks like any page."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORTS
from tests.browser.test_pages import blocking_violations, layout_problems

EXPECTED_DIR = {"ar": "rtl", "fr": "ltr", "en": "ltr"}


@pytest.mark.urls("tests.browser.urls")
def test_the_500_page_in_three_languages_says_what_to_do_and_hides_the_error(
    page, live_url, cast, sign_in, set_language, artifacts_dir
):
    sign_in(cast.caseworker)
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    problems, headings = [], set()
    for language in ("ar", "fr", "en"):
        set_language(language)
        response = page.goto(live_url + "/__fail__/")
        assert response.status == 500
        page.evaluate("document.fonts.ready.then(() => true)")
        html = page.locator("html")
        expect(html).to_have_attribute("lang", language)
        expect(html).to_have_attribute("dir", EXPECTED_DIR[language])
        expect(page.get_by_test_id("server-error")).to_be_visible()
        expect(page.locator("a[href='/']")).to_be_visible()
        body = page.locator("body").inner_text()
        assert "RuntimeError" not in body and "Traceback" not in body and "deliberate" not in body
        headings.add(page.locator("h1").inner_text())
        if language != "en":
            problems += blocking_violations(Axe(), page, f"server-error-{language}")
            for width, viewport in VIEWPORTS.items():
                page.set_viewport_size(viewport)
                page.screenshot(path=artifacts_dir / f"server-error-{language}-{width}.png", full_page=True)
                problems += layout_problems(page, cdp, f"server-error-{language}-{width}", language)
            page.set_viewport_size(VIEWPORTS["1280"])
    assert problems == [], "\n".join(problems)
    assert "Something went wrong on our side." in headings  # English; the others are translations of it


@pytest.mark.parametrize(
    ("who", "path", "status", "testid"),
    [
        ("caseworker", "/people/00000000-0000-0000-0000-000000000000/", 404, "not-found"),
        ("partner", "/people/new/", 403, "forbidden"),
    ],
)
def test_not_found_and_forbidden_pages_in_three_languages(
    page, live_url, cast, sign_in, set_language, who, path, status, testid
):
    sign_in(cast[who])
    for language in ("ar", "fr", "en"):
        set_language(language)
        response = page.goto(live_url + path)
        assert response.status == status
        expect(page.locator("html")).to_have_attribute("dir", EXPECTED_DIR[language])
        card = page.get_by_test_id(testid)
        expect(card).to_be_visible()
        # A way on: back home, in the reader's language, inside the app's own layout (still signed in).
        expect(card.locator("a[href='/']")).to_be_visible()
        expect(page.get_by_test_id("whoami")).to_be_visible()
        expect(page.locator("h1")).not_to_be_empty()
