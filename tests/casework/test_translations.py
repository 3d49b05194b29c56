"""The Arabic and French catalogues are complete: every string the code and templates mark for
translation has a translation, nothing is fuzzy, and the compiled .mo matches the .po."""

import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

LOCALES = ["ar", "fr"]
CATALOGUE = Path(settings.BASE_DIR) / "locale"
IGNORED = [".venv/*", "var/*", "tests/*", "staticfiles/*", "build/*", "*.egg-info/*", "bench/*"]


def untranslated(po: polib.POFile) -> list[str]:
    return [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]


@pytest.mark.parametrize("language", LOCALES)
def test_catalogue_is_complete(language):
    po = polib.pofile(str(CATALOGUE / language / "LC_MESSAGES" / "django.po"))
    assert untranslated(po) == []


@pytest.mark.parametrize("language", LOCALES)
def test_compiled_catalogue_matches_the_sources(language):
    folder = CATALOGUE / language / "LC_MESSAGES"
    # Keyed by context too: "Done" as a follow-up status and "Done" as a button are two entries.
    po = {
        (e.msgctxt, e.msgid): e.msgstr
        for e in polib.pofile(str(folder / "django.po"))
        if e.translated() and not e.msgid_plural
    }
    mo = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(folder / "django.mo")) if not e.msgid_plural}
    assert {k: v for k, v in po.items() if mo.get(k) != v} == {}, "run `make messages`"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext is installed by make test")
def test_every_marked_string_in_code_and_templates_is_in_the_catalogue(tmp_path):
    """Extract the strings afresh (into a copy of the catalogue) and check nothing new is untranslated."""
    for language in LOCALES:
        target = tmp_path / language / "LC_MESSAGES"
        target.mkdir(parents=True)
        shutil.copy(CATALOGUE / language / "LC_MESSAGES" / "django.po", target / "django.po")
    with override_settings(LOCALE_PATHS=[str(tmp_path)]):
        call_command("makemessages", locale=LOCALES, ignore_patterns=IGNORED, no_obsolete=True, verbosity=0)
    missing = {
        language: untranslated(polib.pofile(str(tmp_path / language / "LC_MESSAGES" / "django.po")))
        for language in LOCALES
    }
    assert missing == {"ar": [], "fr": []}, "new strings need translating: run `make messages`, then translate"
