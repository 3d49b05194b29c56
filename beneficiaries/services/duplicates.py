"""Duplicate detection across the whole country. It answers only *where* a likely duplicate lives
(a centre), never which file it is: the caller is told to ask a supervisor."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from difflib import SequenceMatcher

from casework.models import Centre

from .. import protected_data
from ..models import Beneficiary
from ..normalise import normalise_arabic, normalise_latin

# Two normalised names at least this alike (0..1) count as "similar" when the birth dates match.
SIMILARITY = 0.85


@dataclass(frozen=True)
class PossibleDuplicate:
    centre: Centre
    reason: str  # "cin" or "name_and_birth_date"


def _similar(a: str, b: str) -> bool:
    return bool(a and b) and (a == b or SequenceMatcher(None, a, b).ratio() >= SIMILARITY)


def possible_duplicates(
    *,
    cin: str = "",
    birth_date: datetime.date | None = None,
    first_name_ar: str = "",
    family_name_ar: str = "",
    first_name_latin: str = "",
    family_name_latin: str = "",
    exclude_id=None,
) -> list[PossibleDuplicate]:
    """Deliberately unscoped (the whole country), and so it returns centres only, never a file."""
    found: dict[int, PossibleDuplicate] = {}
    base = Beneficiary.objects.filter(merged_into__isnull=True).select_related("centre")
    if exclude_id:
        base = base.exclude(pk=exclude_id)
    cin_index = protected_data.cin_index(cin)  # the CIN is encrypted: compare blind indexes
    if cin_index:
        for other in base.filter(cin_hash=cin_index)[:5]:
            found[other.centre_id] = PossibleDuplicate(other.centre, "cin")
    if birth_date:
        name_ar = normalise_arabic(f"{first_name_ar} {family_name_ar}")
        name_latin = normalise_latin(f"{first_name_latin} {family_name_latin}")
        # Compared on first and family name only, on both sides: the stored search columns also hold the
        # father's name, which the new entry may not have yet (and which would pull a true match below SIMILARITY).
        same_day = base.filter(birth_date=birth_date).only(
            "centre",
            "first_name_ar",
            "family_name_ar",
            "first_name_latin",
            "family_name_latin",
            "centre__code",
            "centre__name_ar",
            "centre__name_fr",
            "centre__name_en",
        )[:200]
        for other in same_day:
            if other.centre_id in found:
                continue
            other_ar = normalise_arabic(f"{other.first_name_ar} {other.family_name_ar}")
            other_latin = normalise_latin(f"{other.first_name_latin} {other.family_name_latin}")
            if _similar(name_ar, other_ar) or _similar(name_latin, other_latin):
                found[other.centre_id] = PossibleDuplicate(other.centre, "name_and_birth_date")
    return list(found.values())
