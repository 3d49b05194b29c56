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


SOURCES = ["casework", "beneficiaries", "reintegration_plans", "grants", "reports", "templates"]


def source_copy(root: Path) -> None:
    """The translatable sources and the catalogue, copied under `root`. makemessages writes each string to the
    `locale` folder nearest its file, so run on the real tree it would rewrite the real catalogue and leave the
    copy it is asked to check untouched."""
    for folder in SOURCES:
        shutil.copytree(
            Path(settings.BASE_DIR) / folder,
            root / folder,
            ignore=shutil.ignore_patterns("__pycache__", "static", "migrations"),
        )
    for language in LOCALES:
        target = root / "locale" / language / "LC_MESSAGES"
        target.mkdir(parents=True)
        shutil.copy(CATALOGUE / language / "LC_MESSAGES" / "django.po", target / "django.po")


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext is installed by make test")
def test_every_marked_string_in_code_and_templates_is_in_the_catalogue(tmp_path, monkeypatch):
    """Extract the strings afresh (into a copy of the catalogue) and check nothing new is untranslated."""
    real = {language: (CATALOGUE / language / "LC_MESSAGES" / "django.po").read_bytes() for language in LOCALES}
    source_copy(tmp_path)
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[str(tmp_path / "locale")]):
        call_command("makemessages", locale=LOCALES, ignore_patterns=IGNORED, no_obsolete=True, verbosity=0)
    extracted = {language: polib.pofile(str(tmp_path / "locale" / language / "LC_MESSAGES" / "django.po"))
                 for language in LOCALES}  # fmt: skip
    # The extraction did run on the copy (it holds the strings of the code), and left the real catalogue alone.
    assert all(len(po) > 500 for po in extracted.values())
    assert all((CATALOGUE / lang / "LC_MESSAGES" / "django.po").read_bytes() == real[lang] for lang in LOCALES)
    missing = {language: untranslated(po) for language, po in extracted.items()}
    assert missing == {"ar": [], "fr": []}, "new strings need translating: run `make messages`, then translate"
