from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class PreferenceForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of my e-mails"),
        choices=settings.LANGUAGES,
        help_text=_("The notifications in the app follow the language you choose on the page."),
    )
    email_enabled = forms.BooleanField(label=_("Send me an e-mail for each notification"), required=False)
