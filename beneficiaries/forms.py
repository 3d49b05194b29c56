"""Forms validate input only; the services do the writing."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.models import Centre, PrisonEstablishment, User

from .models import Beneficiary, Cohort, Consent, Document, FamilyMember, Membership, Module, Sex, Status
from .normalise import normalise_cin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LTR = {"dir": "ltr"}

PERSON_FIELDS = [
    "sex",
    "first_name_ar",
    "family_name_ar",
    "father_name_ar",
    "first_name_latin",
    "family_name_latin",
    "father_name_latin",
    "birth_date",
    "birth_place",
    "cin",
    "phone",
    "address",
    "region",
    "city",
    "marital_status",
    "education_level",
    "trade",
    "establishment",
    "conviction",
    "sentence_months",
    "release_date",
    "release_type",
]


class BeneficiaryForm(forms.ModelForm):
    class Meta:
        model = Beneficiary
        fields = PERSON_FIELDS
        widgets = {
            "birth_date": DATE,
            "release_date": DATE,
            "cin": forms.TextInput(attrs={**LTR, "autocomplete": "off"}),
            "phone": forms.TextInput(attrs={**LTR, "type": "tel"}),
            "first_name_ar": forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
            "family_name_ar": forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
            "father_name_ar": forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
            "first_name_latin": forms.TextInput(attrs=LTR),
            "family_name_latin": forms.TextInput(attrs=LTR),
            "father_name_latin": forms.TextInput(attrs=LTR),
        }

    def clean_cin(self):
        return normalise_cin(self.cleaned_data.get("cin"))

    def clean_birth_date(self):
        value = self.cleaned_data.get("birth_date")
        if value and value >= timezone.localdate():
            raise forms.ValidationError(_("The date of birth must be in the past."))
        return value

    def validate_unique(self):
        # The CIN's uniqueness is checked by the duplicate warning and by the service's full_clean().
        pass


class RegisterForm(BeneficiaryForm):
    centre = forms.ModelChoiceField(queryset=Centre.objects.none(), label=_("Regional centre"))
    confirm_not_duplicate = forms.BooleanField(
        required=False,
        label=_("I have checked with a supervisor: this is not the same person"),
    )

    class Meta(BeneficiaryForm.Meta):
        fields = ["centre", *PERSON_FIELDS]

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres
        if centres.count() == 1:
            self.fields["centre"].initial = centres.first()


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    reason = forms.CharField(label=_("Reason"), max_length=300)
    changed_on = forms.DateField(label=_("Date of the change"), widget=DATE, initial=timezone.localdate)


class FamilyMemberForm(forms.ModelForm):
    class Meta:
        model = FamilyMember
        fields = ["relation", "name", "age", "occupation", "contact", "needs", "protective_measures"]
        widgets = {
            "contact": forms.TextInput(attrs=LTR),
            "needs": forms.Textarea(attrs={"rows": 3}),
            "protective_measures": forms.Textarea(attrs={"rows": 3}),
        }


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = ["purpose", "partner", "given_on", "notes"]
        widgets = {"given_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["given_on"].initial = timezone.localdate
        self.fields["partner"].help_text = _("Only for a consent to share with a partner.")

    def clean(self):
        data = super().clean()
        purpose, partner = data.get("purpose"), data.get("partner")
        if purpose == "sharing" and not partner:
            self.add_error("partner", _("Choose the partner this consent is for."))
        if purpose and purpose != "sharing" and partner:
            self.add_error("partner", _("A partner is chosen only for a consent to share."))
        return data

    def validate_unique(self):
        pass

    def _post_clean(self):
        # Model validation (constraints included) runs in the service; keep the form to field checks.
        pass


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Document._meta.get_field("kind").choices)
    file = forms.FileField(label=_("File"), help_text=_("PDF, PNG or JPEG, at most 5 MB."))


class ShareForm(forms.Form):
    user = forms.ModelChoiceField(queryset=User.objects.none(), label=_("Member of staff"))
    reason = forms.CharField(label=_("Reason"), max_length=300)
    expires_on = forms.DateField(
        label=_("Until"), widget=DATE, help_text=_("The access ends at the start of this day.")
    )
    allow_change = forms.BooleanField(label=_("May also change the file"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            User.objects.filter(is_active=True).exclude(role="partner_viewer").order_by("username")
        )

    def clean_expires_on(self):
        value = self.cleaned_data["expires_on"]
        if value <= timezone.localdate():
            raise forms.ValidationError(_("Choose a day after today."))
        return value

    @property
    def expires_at(self) -> datetime.datetime:
        day = self.cleaned_data["expires_on"]
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class TransferForm(forms.Form):
    to_centre = forms.ModelChoiceField(queryset=Centre.objects.none(), label=_("Receiving centre"))
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def __init__(self, *args, beneficiary: Beneficiary, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_centre"].queryset = Centre.objects.exclude(pk=beneficiary.centre_id).order_by("code")


SORT_CHOICES = [
    ("name", _("Name (Latin) A–Z")),
    ("-name", _("Name (Latin) Z–A")),
    ("name_ar", _("Name (Arabic)")),
    ("file", _("File number")),
    ("-release", _("Release date, latest first")),
    ("release", _("Release date, earliest first")),
    ("-created", _("Newest files first")),
]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, file number or CIN"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    centre = forms.ModelChoiceField(queryset=Centre.objects.order_by("code"), required=False, label=_("Centre"))
    cohort = forms.ModelChoiceField(queryset=Cohort.objects.all(), required=False, label=_("Cohort"))
    status = forms.ChoiceField(choices=[("", "—"), *Status.choices], required=False, label=_("Status"))
    sex = forms.ChoiceField(choices=[("", "—"), *Sex.choices], required=False, label=_("Sex"))
    released_from = forms.DateField(required=False, label=_("Released from"), widget=DATE)
    released_until = forms.DateField(required=False, label=_("Released until"), widget=DATE)
    sort = forms.ChoiceField(choices=SORT_CHOICES, required=False, label=_("Sort by"))

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        return data


class ImportForm(forms.Form):
    cohort = forms.ModelChoiceField(queryset=Cohort.objects.all(), label=_("Cohort"))
    centre = forms.ModelChoiceField(queryset=Centre.objects.none(), label=_("Regional centre"))
    file = forms.FileField(
        label=_("Roster file"),
        help_text=_("CSV (UTF-8) or XLSX, one person per row, with the columns listed below."),
    )

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres


class CohortForm(forms.Form):
    edition = forms.IntegerField(label=_("Edition"), min_value=1, max_value=999)
    year = forms.IntegerField(label=_("Year"), min_value=2017, max_value=2100)
    starts_on = forms.DateField(label=_("Start"), required=False, widget=DATE)
    ends_on = forms.DateField(label=_("End"), required=False, widget=DATE)
    establishments = forms.ModelMultipleChoiceField(
        queryset=PrisonEstablishment.objects.order_by("code"), required=False, label=_("Prison establishments")
    )

    def clean_edition(self):
        edition = self.cleaned_data["edition"]
        if Cohort.objects.filter(edition=edition).exists():
            raise forms.ValidationError(_("This edition already exists."))
        return edition


class SessionForm(forms.Form):
    module = forms.ModelChoiceField(queryset=Module.objects.all(), label=_("Module"))
    held_on = forms.DateField(label=_("Date"), required=False, widget=DATE)


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["completed", "evaluation", "handed_off_on"]
        widgets = {"handed_off_on": DATE, "evaluation": forms.Textarea(attrs={"rows": 3})}

    def _post_clean(self):
        # Model validation runs in the service.
        pass


class MergeForm(forms.Form):
    duplicate = forms.CharField(
        label=_("File number of the duplicate"),
        max_length=20,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
        help_text=_("Its family, consents, documents and history move to this file; it is then closed."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)
