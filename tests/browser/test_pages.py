"""Every main page (pages.py), in a real browser, in Arabic and in French:

- axe-core finds no serious or critical violation, on the page as it opens and, for forms, in the
  state a failed submission leaves it in (error summary, messages next to the fields);
- the direction is right (`dir="rtl"` in Arabic), no text overflows its box or sticks out of the
  window at 1280×800 and at 390×844 (phone), and the text is drawn in the served fonts (Noto Naskh
  Arabic, Noto Sans), never in whatever the machine has;
- full-page screenshots go to tests/artifacts/ (not committed): <page>-<language>-<width>.png.

One test per page covers both languages and both sizes with one load per language (the layout is CSS
only, it follows the window); the failure message names the page, the language and the width."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import LANGUAGES, VIEWPORTS
from tests.browser.pages import PAGES

BLOCKING = {"serious", "critical"}
ARABIC = re.compile(r"[\u0600-\u06ff]")
LATIN = re.compile(r"[A-Za-zÀ-ÿ]")
EXPECTED_DIR = {"ar": "rtl", "fr": "ltr"}

FIND_OVERFLOW = """
() => {
  const found = [];
  const describe = (el) => {
    let name = el.tagName.toLowerCase();
    if (el.id) name += '#' + el.id;
    if (typeof el.className === 'string' && el.className.trim()) {
      name += '.' + el.className.trim().split(/\\s+/).join('.');
    }
    return name + ' "' + (el.innerText || el.value || '').trim().slice(0, 40).replace(/\\s+/g, ' ') + '"';
  };
  const scrolls = (el) => {
    for (let node = el.parentElement; node; node = node.parentElement) {
      const overflowX = getComputedStyle(node).overflowX;
      if (overflowX === 'auto' || overflowX === 'scroll') return true;
    }
    return false;
  };
  const width = document.documentElement.clientWidth;
  for (const el of document.body.querySelectorAll('*')) {
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    const style = getComputedStyle(el);
    if (el.closest('.visually-hidden, .visually-hidden-focusable:not(:focus-within)')) continue;
    if (['SCRIPT', 'STYLE', 'OPTION', 'INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)) continue;
    const rect = el.getBoundingClientRect();
    if (!scrolls(el) && rect.width > 0 && (rect.left < -1 || rect.right > width + 1)) {
      const span = `${Math.round(rect.left)}..${Math.round(rect.right)} of ${width}`;
      found.push(`${describe(el)} sticks out of the window (${span})`);
    }
    const svg = el.ownerSVGElement;
    if (svg) {
      // Inside a chart, a text or shape must stay inside its <svg>, which clips the rest.
      const outer = svg.getBoundingClientRect();
      if (rect.width > 0 && (rect.left < outer.left - 1 || rect.right > outer.right + 1)) {
        found.push(`${describe(el)} is cut off by its chart (${Math.round(rect.left)}..${Math.round(rect.right)}`
                   + ` outside ${Math.round(outer.left)}..${Math.round(outer.right)})`);
      }
      continue;
    }
    if (style.display.startsWith('inline') && !style.display.includes('block')) continue;
    if (['auto', 'scroll'].includes(style.overflowX)) continue;
    // Bootstrap's .row hangs its gutters (up to 1.5rem) outside its parent by design: not an overflow.
    const gutterOnly = el.scrollWidth - el.clientWidth <= 24 && el.querySelector(':scope > .row');
    if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1 && !gutterOnly) {
      found.push(`${describe(el)} overflows its box (${el.scrollWidth} > ${el.clientWidth})`);
    }
  }
  if (document.documentElement.scrollWidth > window.innerWidth) {
    // Name the culprits, hidden ones included (an absolutely positioned label escapes its scroller).
    const culprits = [...document.body.querySelectorAll('*')]
      .map((el) => [el, el.getBoundingClientRect()])
      .filter(([el, rect]) => rect.width > 0 && (rect.right > width + 1 || rect.left < -1))
      .slice(-3).map(([el]) => describe(el));
    const scrolled = document.documentElement.scrollWidth;
    found.push(`the page scrolls sideways (${scrolled} > ${window.innerWidth}): ${culprits}`);
  }
  return found;
}
"""


def fonts_used(cdp, selector: str) -> dict[str, bool]:
    """The fonts Chromium really drew the text directly inside `selector` with: name -> served by us."""
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, f"no {selector} on the page"
    return {
        f["familyName"]: f["isCustomFont"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    }


@pytest.fixture(scope="module")
def axe():
    return Axe()


# One browser context and one tab for all the pages of this module (the static files stay in its cache:
# the suite must stay fast); each test starts with no cookie, so it signs in as the page's user.
@pytest.fixture(scope="module")
def context(browser, browser_context_args):
    shared = browser.new_context(**browser_context_args)
    yield shared
    shared.close()


@pytest.fixture(scope="module")
def _tab(context):
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    tab.set_default_navigation_timeout(15_000)
    return tab


@pytest.fixture
def page(_tab, context):
    context.clear_cookies()
    _tab.set_viewport_size(VIEWPORTS["1280"])
    return _tab


def blocking_violations(axe, page, label: str) -> list[str]:
    # Details only for the violations (the passes are counted, not described): faster on big pages.
    results = axe.run(page, options={"resultTypes": ["violations"]})
    # axe really ran over this page's content (not over an empty or error document).
    assert results.response["url"].startswith("http://"), label
    assert len(results.response["passes"]) > 10, f"{label}: axe checked almost nothing"
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] in BLOCKING:
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]][:5]
            found.append(f"{label}: {violation['id']} ({violation['impact']}) {violation['help']} — {targets}")
    return found


UNLABELLED = """[...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
  .filter(el => el.checkVisibility() && !el.labels.length && !el.getAttribute('aria-label')
                && !el.getAttribute('aria-labelledby'))
  .map(el => el.name || el.id || el.outerHTML.slice(0, 60))"""


def unlabelled_fields(page, label: str) -> list[str]:
    """Every visible form field has a label (axe checks it too; this names the field)."""
    return [f"{label}: form field without a label: {name}" for name in page.evaluate(UNLABELLED)]


def layout_problems(page, cdp, label: str, language: str) -> list[str]:
    problems = []
    direction = page.locator("html").get_attribute("dir")
    if direction != EXPECTED_DIR[language]:
        problems.append(f"{label}: html dir={direction!r}, expected {EXPECTED_DIR[language]!r}")
    problems += [f"{label}: {problem}" for problem in page.evaluate(FIND_OVERFLOW)]
    for selector in ("h1", "footer"):
        used = fonts_used(cdp, selector)
        text = page.locator(selector).first.inner_text()
        # Arabic letters in Noto Naskh Arabic, Latin ones in Noto Sans (a heading may be a name or a
        # place written in either script, whatever the interface language).
        if ARABIC.search(text) and "Noto Naskh Arabic" not in used:
            problems.append(f"{label}: Arabic text of {selector} not drawn in Noto Naskh Arabic: {used}")
        if LATIN.search(text) and "Noto Sans" not in used:
            problems.append(f"{label}: Latin text of {selector} not drawn in Noto Sans: {used}")
        if language == "ar" and selector == "footer" and not ARABIC.search(text):
            problems.append(f"{label}: the footer is not in Arabic: {text!r}")
        strangers = [font for font, served in used.items() if not served]
        if strangers:
            problems.append(f"{label}: {selector} falls back to system fonts {strangers}")
    return problems


# ---- the states a failed submission leaves a page in -------------------------------------------------


def submit_wrong_login(page):
    page.locator("#id_username").fill("nobody")
    page.locator("#id_password").fill("wrong")
    page.locator("form:has(#id_password) button[type=submit]").click()
    page.locator(".alert-danger").wait_for()


def submit_empty_password_change(page):
    page.locator("form.cw-form button[type=submit]").click()
    page.locator(".invalid-feedback").first.wait_for()


def submit_empty_form(page):
    page.locator("main form[method=post] button[type=submit]").first.click()
    dialog = page.locator("dialog#cw-confirm")
    if dialog.is_visible():  # an action that asks first (confirm.js): say yes
        dialog.locator("button[value=confirm]").click()
    page.locator(".cw-error-summary").wait_for()


WITH_ERRORS = {
    "login": submit_wrong_login,
    "password-change": submit_empty_password_change,
    "person-register": submit_empty_form,
    "person-family-add": submit_empty_form,
    "grant-decide": submit_empty_form,
    "plan-decide": submit_empty_form,
}


@pytest.mark.parametrize(
    "name",
    # A page seen between the password and the second factor: the session must stay unverified.
    [name if spec.verified else pytest.param(name, marks=pytest.mark.real_two_factor) for name, spec in PAGES.items()],
)
def test_page_in_arabic_and_french(axe, page, open_page, artifacts_dir, name):
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        problems = check_page(axe, page, cdp, open_page, artifacts_dir, name)
    finally:
        cdp.detach()
    assert problems == [], "\n".join(problems)


def check_page(axe, page, cdp, open_page, artifacts_dir, name) -> list[str]:
    problems = []
    for language in LANGUAGES:
        page.set_viewport_size(VIEWPORTS["1280"])
        open_page(name, language)
        assert page.locator("html").get_attribute("lang") == language
        problems += blocking_violations(axe, page, f"{name}-{language}")
        problems += unlabelled_fields(page, f"{name}-{language}")
        for width, viewport in VIEWPORTS.items():
            label = f"{name}-{language}-{width}"
            page.set_viewport_size(viewport)
            page.screenshot(path=artifacts_dir / f"{label}.png", full_page=True)
            problems += layout_problems(page, cdp, label, language)
        if name in WITH_ERRORS:
            # On the phone, where messages and long labels have the least room.
            WITH_ERRORS[name](page)
            label = f"{name}-with-errors-{language}-390"
            assert page.locator("html").get_attribute("lang") == language
            page.screenshot(path=artifacts_dir / f"{label}.png", full_page=True)
            problems += layout_problems(page, cdp, label, language)
            page.set_viewport_size(VIEWPORTS["1280"])
            problems += blocking_violations(axe, page, f"{name}-with-errors-{language}")
    return problems
