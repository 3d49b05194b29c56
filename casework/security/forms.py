import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _


def _plain(token: str) -> str:
    """Spaces dropped, Arabic-Indic (and other decimal) digits read as 0-9, letters lower-cased."""
    out = []
    for ch in token:
        if ch.isspace():
            continue
        digit = unicodedata.decimal(ch, None)
        out.append(str(digit) if digit is not None else ch.lower())
    return "".join(out)


class EnrolmentForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code shown by the app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr", "autofocus": True}
        ),
    )

    def clean_token(self):
        token = _plain(self.cleaned_data["token"])
        if not (len(token) == 6 and token.isdigit()):
            raise forms.ValidationError(_("Enter the six digits shown by the app."))
        return token


class VerificationForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "dir": "ltr", "autofocus": True}),
    )

    def clean_token(self):
        token = _plain(self.cleaned_data["token"])
        if not token.isascii() or not token.isalnum() or len(token) > 16:
            raise forms.ValidationError(_("Enter the six digits shown by the app, or one recovery code."))
        return token
