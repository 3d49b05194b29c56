"""Right-to-left and overflow, in a real browser: every page in Arabic and French, on a desktop
(1280×800) and a phone (390×844). Full-page screenshots go to tests/artifacts/ (not committed).

One test per page covers both languages and both sizes (one database flush instead of four: the suite
must stay fast); the failure message names the language and the width."""

import pytest

from tests.browser.conftest import LANGUAGES, PAGES, VIEWPORTS

EXPECTED_DIR = {"ar": "rtl", "fr": "ltr"}

# Every visible element whose content is wider than its box (and that does not scroll), or that sticks
# out of the window on either side: to the left (right-to-left pages) nothing scrolls, so
# documentElement.scrollWidth alone would not see it.
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
    if (style.display.startsWith('inline') && !style.display.includes('block')) continue;
    if (['auto', 'scroll'].includes(style.overflowX)) continue;
    if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
      found.push(`${describe(el)} overflows its box (${el.scrollWidth} > ${el.clientWidth})`);
    }
  }
  if (document.documentElement.scrollWidth > window.innerWidth) {
    found.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${window.innerWidth})`);
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


@pytest.mark.parametrize("name", list(PAGES))
def test_direction_no_overflow_and_served_fonts(page, open_page, artifacts_dir, name):
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    problems = []
    for language in LANGUAGES:
        open_page(name, language)
        # One load per language, then each size in turn: the layout is CSS only, it follows the window.
        for width, viewport in VIEWPORTS.items():
            label = f"{name}-{language}-{width}"
            page.set_viewport_size(viewport)
            page.screenshot(path=artifacts_dir / f"{label}.png", full_page=True)

            direction = page.locator("html").get_attribute("dir")
            if direction != EXPECTED_DIR[language]:
                problems.append(f"{label}: html dir={direction!r}, expected {EXPECTED_DIR[language]!r}")
            problems += [f"{label}: {problem}" for problem in page.evaluate(FIND_OVERFLOW)]

            # Text is drawn with the fonts the app serves (Noto Naskh Arabic for Arabic, Noto Sans for
            # Latin), never with whatever the machine happens to have.
            for selector in ("h1", "footer"):
                used = fonts_used(cdp, selector)
                if language == "ar" and "Noto Naskh Arabic" not in used:
                    problems.append(f"{label}: Arabic {selector} not drawn in Noto Naskh Arabic: {used}")
                if language == "fr" and "Noto Sans" not in used:
                    problems.append(f"{label}: French {selector} not drawn in Noto Sans: {used}")
                strangers = [font for font, served in used.items() if not served]
                if strangers:
                    problems.append(f"{label}: {selector} falls back to system fonts {strangers}")

    assert problems == [], "\n".join(problems)
