"""Search keys for names: Arabic letter variants and Latin transliteration variants fold together.

Both functions are pure and cheap; the services store their output in the `search_*` columns on every
write, and the selectors apply the same functions to what the user typed.
"""

from __future__ import annotations

import re
import unicodedata

_ARABIC_MAP = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ـ": None,  # tatweel
    }
)
# Harakat, tanwin, shadda, sukun, superscript alef and Quranic marks.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_NOT_ARABIC_LETTER = re.compile(r"[^\u0621-\u064a0-9]+")

_NOT_LATIN = re.compile(r"[^a-z0-9]+")
_REPEATED = re.compile(r"([a-z])\1+")
# After folding ou→u and doubled letters, the common spellings of one name meet on one key.
_LATIN_TOKENS = {
    "muhamad": "mohamed",
    "muhamed": "mohamed",
    "mohamad": "mohamed",
    "mohamed": "mohamed",
    "mhamed": "mohamed",
    "mouhamed": "mohamed",
    "al": "el",
}


def normalise_arabic(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_MAP)
    return " ".join(_NOT_ARABIC_LETTER.sub(" ", text).split())


def _latin_token(token: str) -> str:
    if token.startswith(("al-", "el-")):
        token = token[3:]
        return f"el {_latin_token(token)}" if token else "el"
    token = token.replace("ou", "u")
    token = _REPEATED.sub(r"\1", token)
    return _LATIN_TOKENS.get(token, token)


def normalise_latin(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^a-z0-9-]+", " ", text)
    tokens = [_latin_token(t) for t in text.split()]
    return " ".join(_NOT_LATIN.sub(" ", " ".join(tokens)).split())


def normalise_cin(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "").upper()


CIN_PATTERN = re.compile(r"^[A-Z]{1,2}[0-9]{3,6}$")
