"""Forms the way people use them: with the keyboard alone, with a screen reader's cues, after a
mistake; a question before anything destructive (withdrawing a consent, merging two files); a busy
state while a long operation runs; a message after saving. In Arabic (the default) unless said
otherwise."""

import re

from playwright.sync_api import expect

from beneficiaries.models import Beneficiary, Consent, FamilyMember
from beneficiaries.services import family_member_add
from casework.models import Centre
from tests import factories
from tests.browser.scene import person

ACTIVE = "document.activeElement"


def active(page) -> dict:
    return page.evaluate(
        f"({{id: {ACTIVE}.id, tag: {ACTIVE}.tagName.toLowerCase(), text: ({ACTIVE}.innerText || '').trim(),"
        f" role: {ACTIVE}.getAttribute('role'), href: {ACTIVE}.getAttribute('href')}})"
    )


def tab(page, times: int = 1) -> dict:
    for _ in range(times):
        page.keyboard.press("Tab")
    return active(page)


def test_family_form_with_the_keyboard_alone_errors_announced_and_saving_confirmed(page, live_url, scene, sign_in):
    someone = scene.person
    sign_in(scene.cast.caseworker)
    page.goto(f"{live_url}/people/{someone.pk}/family/add/")

    # The first Tab reaches "Skip to content"; following it lands on the form, not on the menu.
    skip = tab(page)
    assert skip["href"] == "#main"
    expect(page.locator("a[href='#main']")).to_be_visible()  # shown when focused
    page.keyboard.press("Enter")
    assert tab(page)["id"] == "id_relation"
    page.keyboard.press("ArrowDown")  # a closed <select> changes with the arrow keys
    assert page.locator("#id_relation").input_value() != ""
    order = [tab(page)["id"] for _ in range(6)]
    assert order == [
        "id_name",
        "id_age",
        "id_occupation",
        "id_contact",
        "id_needs",
        "id_protective_measures",
    ]
    submit = tab(page)
    assert submit["tag"] == "button"
    assert tab(page)["tag"] == "a"  # Cancel

    # Every field is labelled; the required ones say so to assistive technology.
    unlabelled = page.evaluate(
        "[...document.querySelectorAll('main form input:not([type=hidden]), main form select, main form textarea')]"
        ".filter(el => !el.labels.length && !el.getAttribute('aria-label')).map(el => el.name)"
    )
    assert unlabelled == []
    expect(page.locator("#id_name")).to_have_attribute("required", "")
    expect(page.locator("#id_age")).not_to_have_attribute("required", "")

    # Submitting with the name missing (Enter on the button): nothing saved, the page opens on the
    # error summary, which a screen reader reads out (role=alert, focused).
    page.locator("main form button[type=submit]").focus()
    page.keyboard.press("Enter")
    summary = page.locator(".cw-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary.locator("li")).to_have_count(1)
    assert FamilyMember.objects.filter(beneficiary=someone).count() == 2  # the scene's two

    # Its link takes the keyboard to the field, which is marked invalid and described by its message.
    tab(page)
    page.keyboard.press("Enter")
    name = page.locator("#id_name")
    expect(name).to_be_focused()
    expect(name).to_have_attribute("aria-invalid", "true")
    message_id = name.get_attribute("aria-describedby").split()[-1]
    expect(page.locator(f"#{message_id}")).not_to_be_empty()

    # Correct it and press Enter in the field: saved, back to the file, and told so.
    page.keyboard.type("سعاد")
    page.keyboard.press("Enter")
    # (The fragment of "Skip to content" travels with the form and its redirect.)
    expect(page).to_have_url(re.compile(re.escape(f"{live_url}/people/{someone.pk}/") + "(#main)?$"))
    status = page.locator("main [aria-live=polite] .alert-success")
    expect(status).to_have_attribute("role", "status")
    expect(status).not_to_be_empty()
    assert FamilyMember.objects.filter(beneficiary=someone, name="سعاد").exists()


def test_withdrawing_a_consent_asks_first_and_escape_changes_nothing(page, live_url, scene, sign_in, set_language):
    someone = scene.person
    consent = Consent.objects.get(beneficiary=someone)
    sign_in(scene.cast.caseworker)
    set_language("fr")
    page.goto(f"{live_url}/people/{someone.pk}/")
    button = page.get_by_test_id("consent").locator("button[data-confirm]")
    question = button.get_attribute("data-confirm")
    dialog = page.locator("dialog#cw-confirm")
    expect(dialog).to_be_hidden()

    # Keyboard: Enter on the button asks the question; "Cancel" has the focus; Escape closes it.
    button.focus()
    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    expect(dialog.locator("#cw-confirm-question")).to_have_text(question)
    expect(dialog.locator("button[value=cancel]")).to_be_focused()
    # The yes-button repeats the action's own words, not a bare "OK".
    expect(dialog.locator("button[value=confirm]")).to_have_text(button.inner_text().strip())
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(button).to_be_focused()
    consent.refresh_from_db()
    assert consent.withdrawn_on is None

    # "Cancel" with the keyboard changes nothing either.
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(button).to_be_focused()
    consent.refresh_from_db()
    assert consent.withdrawn_on is None

    # Ask again, Tab to the action, Enter: done, and the page says so.
    page.keyboard.press("Enter")
    expect(dialog.locator("button[value=cancel]")).to_be_focused()
    page.keyboard.press("Tab")
    expect(dialog.locator("button[value=confirm]")).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("main [aria-live] .alert-success")).to_be_visible()
    consent.refresh_from_db()
    assert consent.withdrawn_on is not None
    expect(page.get_by_test_id("consent").locator("button[data-confirm]")).to_have_count(0)


# Cancel, then the same button again before the dialog's "close" event (queued a task later) arrives.
ASK_CANCEL_ASK_AT_ONCE = """() => {
  const button = document.querySelector('[data-testid=consent] button[data-confirm]');
  const dialog = document.getElementById('cw-confirm');
  button.click();
  dialog.querySelector('button[value=cancel]').click();
  button.click();
}"""


def test_a_question_asked_again_at_once_after_cancel_still_acts_on_yes(page, live_url, scene, sign_in):
    someone = scene.person
    consent = Consent.objects.get(beneficiary=someone)
    sign_in(scene.cast.caseworker)
    page.goto(f"{live_url}/people/{someone.pk}/")
    dialog = page.locator("dialog#cw-confirm")
    page.evaluate(ASK_CANCEL_ASK_AT_ONCE)
    expect(dialog).to_be_visible()
    consent.refresh_from_db()
    assert consent.withdrawn_on is None
    with page.expect_navigation():
        dialog.locator("button[value=confirm]").click()
    expect(page.locator("main [aria-live] .alert-success")).to_be_visible()
    consent.refresh_from_db()
    assert consent.withdrawn_on is not None


RECORD_BUSY_STATE = """() => {
  const form = document.querySelector('main form[data-busy]');
  new MutationObserver(() => {
    if (form.getAttribute('aria-busy') !== 'true') return;
    const status = form.querySelector('.cw-busy-status');
    const bar = status.querySelector('progress');
    sessionStorage.setItem('cw-busy-seen', JSON.stringify({
      busy: form.getAttribute('aria-busy'), role: status.getAttribute('role'),
      live: status.getAttribute('aria-live'), text: status.innerText.trim(),
      shown: status.checkVisibility(), indeterminate: !!bar && !bar.hasAttribute('value'),
      disabled: form.querySelector('button[type=submit]').disabled,
    }));
  }).observe(form, {attributes: true, childList: true, subtree: true});
}"""

ROSTER = (
    "first_name_ar,family_name_ar,first_name_latin,family_name_latin,sex,birth_date,release_date\n"
    "مريم,الفاسي,Meryem,El Fassi,F,1991-06-12,2021-05-04\n"
    "عمر,بناني,Omar,Bennani,M,13/02/1983,2021-05-04\n"
)


def test_roster_import_shows_that_it_is_working_then_what_it_did(page, live_url, scene, sign_in):
    cohort = scene.cohort
    sign_in(scene.cast.caseworker)
    page.goto(f"{live_url}/people/import/")
    form = page.locator("main form[data-busy]")
    page.locator("#id_cohort").select_option(str(cohort.pk))
    page.locator("#id_centre").select_option(str(Centre.objects.get(code="FES").pk))
    page.locator("#id_file").set_input_files(
        files=[{"name": "roster.csv", "mimeType": "text/csv", "buffer": ROSTER.encode()}]
    )

    # What the page shows between the click and the server's answer is recorded by the page itself
    # (the answer may come too fast to look at): a MutationObserver writes it to sessionStorage.
    message = form.get_attribute("data-busy")
    page.evaluate(RECORD_BUSY_STATE)
    form.locator("button[type=submit]").click()

    # The preview: both rows checked, nothing written yet; and while waiting for it, the busy state.
    expect(page.locator("main .alert-success[role=status]")).to_be_visible()
    seen = page.evaluate("JSON.parse(sessionStorage.getItem('cw-busy-seen'))")
    assert seen == {
        "busy": "true",
        "role": "status",
        "live": "polite",
        "text": message,
        "shown": True,
        "indeterminate": True,
        "disabled": True,
    }
    expect(page.locator("main tbody tr")).to_have_count(2)
    assert not Beneficiary.objects.filter(family_name_latin="El Fassi").exists()

    # Confirm: busy again, then the cohort review says how many were registered.
    page.locator("main form[data-busy] button[type=submit]").click()
    expect(page).to_have_url(f"{live_url}/people/cohorts/{cohort.pk}/")
    expect(page.locator("main [aria-live] .alert-success")).to_contain_text("2")
    assert Beneficiary.objects.filter(centre__code="FES", family_name_latin__in=["El Fassi", "Bennani"]).count() == 2


def test_an_empty_list_says_what_to_do_next(page, live_url, test_number, sign_in):
    # A caseworker of Dakhla, where nobody is followed yet.
    newcomer = factories.caseworker("DAK", username=f"cw_dakhla_{test_number}")
    sign_in(newcomer)
    page.goto(f"{live_url}/people/")
    empty = page.get_by_test_id("people-empty")
    expect(empty).to_be_visible()
    action = empty.locator("a.btn[href='/people/new/']")
    expect(action).to_be_visible()
    action.click()
    expect(page).to_have_url(f"{live_url}/people/new/")


def test_merging_a_duplicate_file_asks_first_cancel_changes_nothing_yes_merges(page, live_url, cast, sign_in):
    keep = person(cast.caseworker, first_name_latin="Mehdi", family_name_latin="Lahlou", phone="")
    duplicate = person(cast.caseworker, first_name_latin="Mehdi", family_name_latin="Lahlou", cin="")
    family_member_add(actor=cast.caseworker, beneficiary=duplicate, relation="mother", name="رقية", age=61)
    sign_in(cast.supervisor)
    page.goto(f"{live_url}/people/{keep.pk}/merge/")
    page.locator("#id_duplicate").fill(duplicate.file_number)
    page.locator("#id_reason").fill("Même personne, enregistrée deux fois au greffe")
    button = page.locator("main form[method=post] button[type=submit]")
    dialog = page.locator("dialog#cw-confirm")
    question = button.get_attribute("data-confirm")
    # A clear question, translated, that names the file kept (isolated as <bdi> would, in plain text).
    assert question and f"\u2068{keep.file_number}\u2069" in question
    assert re.search("[\u0600-\u06ff]", question), question

    # "Cancel": nothing merged, still on the form with what was typed.
    button.click()
    expect(dialog).to_be_visible()
    expect(dialog.locator("#cw-confirm-question")).to_have_text(question)
    expect(dialog.locator("button[value=cancel]")).to_be_focused()
    expect(dialog.locator("button[value=confirm]")).to_have_text(button.inner_text().strip())
    dialog.locator("button[value=cancel]").click()
    expect(dialog).to_be_hidden()
    expect(page).to_have_url(f"{live_url}/people/{keep.pk}/merge/")
    expect(page.locator("#id_duplicate")).to_have_value(duplicate.file_number)
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id is None
    assert FamilyMember.objects.filter(beneficiary=duplicate).count() == 1

    # Ask again and say yes: merged, back on the kept file, and told so.
    button.click()
    expect(dialog).to_be_visible()
    with page.expect_navigation():
        dialog.locator("button[value=confirm]").click()
    expect(page).to_have_url(f"{live_url}/people/{keep.pk}/")
    expect(page.locator("main [aria-live] .alert-success")).to_be_visible()
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id == keep.pk
    assert FamilyMember.objects.filter(beneficiary=keep, name="رقية").exists()
