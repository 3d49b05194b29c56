"""A caseworker's day with a person's file, in a real browser and in Arabic (the default):

register a person, meet the duplicate warning, open the file anyway once a supervisor has confirmed,
add a family member and a consent; then a caseworker of another centre pastes the file's address and
gets the not-found page (the file's existence is not even confirmed)."""

import datetime
import re

from playwright.sync_api import expect

from beneficiaries.models import Beneficiary, Consent, FamilyMember
from casework.models import Centre
from tests.browser.scene import person

UUID_PATH = re.compile(r"/people/([0-9a-f-]{36})/$")


def test_caseworker_registers_in_arabic_sees_duplicate_warning_adds_family_and_consent_outsider_gets_404(
    page, live_url, cast, sign_in, new_context
):
    # A file already exists in Meknès for the same man, written with other Arabic letter forms.
    # (Without a father's name: with one, the name-and-birth-date check misses it — reported in
    # /work/coordination/findings.md.)
    meknes = Centre.objects.get(code="MEK")
    existing = person(
        cast.neighbour,
        centre_code="MEK",
        first_name_ar="أحمد",
        family_name_ar="الإدريسي",
        first_name_latin="Ahmed",
        family_name_latin="El Idrissi",
        father_name_ar="",
        father_name_latin="",
        birth_date=datetime.date(1984, 2, 29),
        cin="",
    )
    sign_in(cast.caseworker)

    # From the home page, through the menu, to the registration form — all in Arabic.
    page.goto(live_url + "/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.locator("#cw-nav a[href='/people/']").click()
    page.locator("main a[href='/people/new/']").first.click()
    expect(page).to_have_url(live_url + "/people/new/")
    form = page.locator("main form[method=post]")
    # The Arabic name fields are typed right to left, the Latin ones left to right.
    expect(page.locator("#id_first_name_ar")).to_have_attribute("dir", "rtl")
    expect(page.locator("#id_first_name_latin")).to_have_attribute("dir", "ltr")

    page.locator("#id_sex").select_option("M")
    page.locator("#id_first_name_ar").fill("احمد")  # no hamza: the search folds the variants
    page.locator("#id_family_name_ar").fill("الادريسي")
    page.locator("#id_first_name_latin").fill("Ahmed")
    page.locator("#id_family_name_latin").fill("Idrissi")
    page.locator("#id_birth_date").fill("1984-02-29")
    page.locator("#id_phone").fill("0661234567")
    form.locator("button[type=submit]").click()

    # The warning names the other centre only: no file number, no name, no link to the other file.
    warning = page.get_by_test_id("duplicate-warning")
    expect(warning).to_be_visible()
    expect(warning).to_have_attribute("role", "alert")
    expect(warning).to_contain_text(meknes.name_ar)
    expect(warning).not_to_contain_text(existing.file_number)
    expect(warning.locator("a")).to_have_count(0)
    assert not Beneficiary.objects.filter(centre__code="FES", search_name_latin__contains="idrissi").exists()
    # What was typed is still there.
    expect(page.locator("#id_first_name_ar")).to_have_value("احمد")

    # A supervisor confirmed it is another person: tick the box and save again.
    page.locator("#id_confirm_not_duplicate").check()
    form.locator("button[type=submit]").click()

    expect(page).to_have_url(UUID_PATH)
    file_url = page.url
    created = Beneficiary.objects.get(pk=UUID_PATH.search(file_url).group(1))
    assert created.centre.code == "FES" and created.first_name_ar == "احمد"
    expect(page.locator("main [aria-live] .alert-success")).to_contain_text(created.file_number)
    expect(page.get_by_role("heading", level=1)).to_contain_text("احمد الادريسي")
    expect(page.get_by_test_id("person-status")).to_be_visible()

    # A family member, from the file.
    page.locator(f"main a[href='/people/{created.pk}/family/add/']").click()
    page.locator("#id_relation").select_option("mother")
    page.locator("#id_name").fill("زهرة بنت محمد")
    page.locator("#id_age").fill("63")
    page.locator("#id_needs").fill("Suivi médical régulier")
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page).to_have_url(file_url)
    expect(page.locator("main [aria-live] .alert-success")).to_be_visible()
    family_row = page.locator("section[aria-labelledby=h-family] tbody tr")
    expect(family_row).to_have_count(1)
    expect(family_row).to_contain_text("زهرة بنت محمد")

    # A consent, from the file (the date defaults to today).
    page.locator(f"main a[href='/people/{created.pk}/consents/add/']").click()
    page.locator("#id_purpose").select_option("data_processing")
    expect(page.locator("#id_given_on")).not_to_have_value("")
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page).to_have_url(file_url)
    expect(page.get_by_test_id("consent")).to_have_count(1)
    assert FamilyMember.objects.filter(beneficiary=created).count() == 1
    assert Consent.objects.filter(beneficiary=created, withdrawn_on__isnull=True).count() == 1

    # A caseworker of Casablanca pastes the address: the not-found page, nothing of the person.
    outsider_context = new_context()
    sign_in(cast.outsider, into=outsider_context)
    outsider_page = outsider_context.new_page()
    response = outsider_page.goto(file_url)
    assert response.status == 404
    expect(outsider_page.get_by_test_id("not-found")).to_be_visible()
    expect(outsider_page.get_by_test_id("whoami")).to_contain_text("Youssef Idrissi")
    body = outsider_page.locator("body").inner_text()
    for secret in (created.file_number, "احمد", "الادريسي", "زهرة"):
        assert secret not in body
    # …and the same for the file's parts.
    for part in ("family/add/", "consents/add/", "export/"):
        assert outsider_page.goto(file_url + part).status == 404
