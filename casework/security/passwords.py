"""A password rule Django lacks: Django's similarity check compares the whole password with each
attribute, so any password of 12+ characters that merely *contains* the username passes. This one
refuses a password that contains the username, a name or the e-mail's local part (4+ characters)."""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _letters_and_digits(text: str) -> str:
    return re.sub(r"[\W_]+", "", _fold(text))


class ContainsPersonalInformationValidator:
    def __init__(self, min_length: int = 4):
        self.min_length = min_length

    def _fragments(self, user) -> set[str]:
        values = [
            getattr(user, "username", ""),
            getattr(user, "first_name", ""),
            getattr(user, "last_name", ""),
            (getattr(user, "email", "") or "").split("@")[0],
        ]
        fragments = set()
        for value in values:
            for part in [value, *re.split(r"[\W_]+", value or "")]:
                folded = _letters_and_digits(part)
                if len(folded) >= self.min_length:
                    fragments.add(folded)
        return fragments

    def validate(self, password: str, user=None) -> None:
        if user is None:
            return
        folded = _letters_and_digits(password)
        if any(fragment in folded for fragment in self._fragments(user)):
            raise ValidationError(
                _("The password must not contain your username, your name or your e-mail address."),
                code="password_contains_personal_information",
            )

    def get_help_text(self) -> str:
        return _("Your password must not contain your username, your name or your e-mail address.")
