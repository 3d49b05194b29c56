"""Text of mixed direction, as Chromium lays it out in Arabic and in French.

After an Arabic letter, the Unicode bidirectional algorithm takes the digits of an ISO date for Arabic
numbers and lays "2026-12-11" out as "11-12-2026"; and "A → B" between Arabic words reads B first with
the arrow pointing back. So a stored text (an audit entry's record, a corrected value) is isolated in
<bdi> with its dates in a left-to-right span, each side of an arrow is isolated, and the arrow points the
way the page is read (← in Arabic). These tests check the markup and then where Chromium really drew
the characters."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation
from playwright.sync_api import expect

from casework.models import Centre
from tests.browser.scene import person

# Where the first and the last character of an element's text were drawn (its first text node).
FIRST_AND_LAST_CHARACTER = """(el) => {
  const text = document.createTreeWalker(el, NodeFilter.SHOW_TEXT).nextNode();
  const range = document.createRange();
  const left = (i) => {
    range.setStart(text, i);
    range.setEnd(text, i + 1);
    return range.getBoundingClientRect().left;
  };
  return {text: text.data, first: left(0), last: left(text.data.length - 1)};
}"""


def reads_left_to_right(locator) -> bool:
    """The date "2026-12-11" drawn as written: its first digit left of its last one."""
    drawn = locator.evaluate(FIRST_AND_LAST_CHARACTER)
    assert len(drawn["text"]) >= 10, drawn
    return drawn["first"] < drawn["last"]


def box(locator) -> dict:
    return locator.evaluate("(el) => { const r = el.getBoundingClientRect(); return {left: r.left, right: r.right}; }")


def assert_reads_from_before_to(line, before, after, language: str):
    """`before` then `after` in reading order: right to left in Arabic, left to right in French; the arrow
    between them points from the first to the second."""
    first, second = box(before), box(after)
    text = line.inner_text()
    if language == "ar":
        assert first["left"] >= second["right"] - 1, (text, first, second)
        assert "←" in text and "→" not in text, text
    else:
        assert first["right"] <= second["left"] + 1, (text, first, second)
        assert "→" in text and "←" not in text, text


# ---- the markup, rendered (no browser) ---------------------------------------------------------------


def render(template: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load casework_tags %}" + template).render(Context(context))


def test_bidi_isolate_puts_dates_left_to_right_isolates_arrow_sides_and_escapes():
    html = render("{{ value|bidi_isolate }}", "ar", value="زيارة منزلية — 2026-12-11 <b>")
    assert html == '<bdi>زيارة منزلية — <span dir="ltr">2026-12-11</span> &lt;b&gt;</bdi>'
    assert render("{{ value|bidi_isolate }}", "ar", value="2026-12-11 09:30") == (
        '<bdi><span dir="ltr">2026-12-11 09:30</span></bdi>'
    )
    assert render("{{ value|bidi_isolate }}", "ar", value="FES-2021-0001: FES → MEK") == (
        "<bdi><bdi>FES-2021-0001: FES</bdi> ← <bdi>MEK</bdi></bdi>"
    )
    assert render("{{ value|bidi_isolate }}", "fr", value="FES → MEK") == "<bdi><bdi>FES</bdi> → <bdi>MEK</bdi></bdi>"
    assert render("{% arrow %}", "ar") == "←"
    assert render("{% arrow %}", "fr") == "→"
    assert render("{{ value|bidi_isolate }}", "fr", value=None) == "<bdi></bdi>"


# ---- in Chromium -------------------------------------------------------------------------------------


def test_recent_activity_on_the_home_page_shows_dates_as_written_in_arabic(page, live_url, cast, sign_in):
    from reintegration_plans.models import Domain
    from reintegration_plans.services import follow_up_record

    caseworker = cast.caseworker
    someone = person(caseworker, first_name_latin="Rachid", family_name_latin="Naciri")
    day = timezone.localdate() - datetime.timedelta(days=14)
    with translation.override("ar"):  # the record's text is written in the language of whoever acts
        follow_up_record(
            actor=caseworker,
            beneficiary=someone,
            occurred_on=day,
            domain=Domain.objects.get(code="social"),
            kind="home_visit",
            summary="زيارة الأسرة",
        )
    sign_in(caseworker)
    page.goto(live_url + "/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")

    record = page.locator("section[aria-labelledby=h-activity] [data-testid=activity-record]").filter(
        has_text=day.isoformat()
    )
    expect(record.first).to_be_visible()
    # The record is isolated, its date left to right inside…
    date = record.first.locator(f"bdi span[dir=ltr]:text-is('{day.isoformat()}')")
    expect(date).to_have_count(1)
    # …and Chromium draws it as written, though an Arabic word comes before it on the line.
    assert arabic_before_the_date(record.first)
    assert reads_left_to_right(date)


def arabic_before_the_date(record) -> bool:
    """The line has Arabic before the date (the action, the kind of follow-up): the case that goes wrong."""
    line = record.evaluate("(el) => el.closest('li').innerText")
    before_date = line.split(record.evaluate("(el) => el.querySelector('span[dir=ltr]').innerText"))[0]
    return any("\u0600" <= ch <= "\u06ff" for ch in before_date)


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_status_and_transfer_arrows_read_from_the_old_to_the_new(page, live_url, cast, sign_in, set_language, language):
    from beneficiaries.services import beneficiary_change_status, transfer_request

    caseworker = cast.caseworker
    someone = person(caseworker, first_name_latin="Anas", family_name_latin="Berrada")
    reason = "خرج بعفو ملكي" if language == "ar" else "Sorti de prison"
    beneficiary_change_status(actor=caseworker, beneficiary=someone, status="released", reason=reason)
    transfer_request(
        actor=caseworker, beneficiary=someone, to_centre=Centre.objects.get(code="MEK"), reason="Déménagement"
    )
    sign_in(caseworker)
    set_language(language)
    page.goto(f"{live_url}/people/{someone.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", language)

    change = page.get_by_test_id("status-change").filter(has_text=reason)
    expect(change).to_have_count(1)
    sides = change.locator(":scope > bdi")
    expect(sides).to_have_count(3)  # from, to, the reason
    with translation.override(language):
        from beneficiaries.models import Status

        expect(sides.nth(0)).to_have_text(str(Status.IN_PROGRAMME.label))
        expect(sides.nth(1)).to_have_text(str(Status.RELEASED.label))
    assert_reads_from_before_to(change, sides.nth(0), sides.nth(1), language)

    transfer = page.get_by_test_id("transfer")
    expect(transfer).to_have_count(1)
    codes = transfer.locator(":scope > bdi")
    expect(codes.nth(0)).to_have_text("FES")
    expect(codes.nth(1)).to_have_text("MEK")
    assert_reads_from_before_to(transfer, codes.nth(0), codes.nth(1), language)


def test_a_corrected_date_reads_as_written_and_the_correction_from_old_to_new(
    page, site, live_url, sign_in, set_language
):
    correction = site.scene.correction  # the page tests' scene: the home visit's date, corrected by a day
    old, new = (datetime.date.fromisoformat(d) for d in correction.changes["occurred_on"])
    sign_in(site.cast.caseworker)
    for language in ("ar", "fr"):
        set_language(language)
        page.goto(f"{live_url}/plans/follow-ups/{correction.follow_up_id}/")
        line = page.get_by_test_id("correction-line").filter(has_text=old.isoformat())
        expect(line).to_have_count(1)
        before, after = line.locator(":scope > bdi").nth(0), line.locator(":scope > bdi").nth(1)
        expect(before).to_have_text(old.isoformat())
        expect(after).to_have_text(new.isoformat())
        assert reads_left_to_right(before) and reads_left_to_right(after), language
        assert_reads_from_before_to(line, before, after, language)
