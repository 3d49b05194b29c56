"""Forms of the administrators' pages: envelopes, allocations, distribution events and their officials."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from casework.models import Centre, Region

from ..services import OfficialData
from .proposals import DATE, MONEY


class EnvelopeForm(forms.Form):
    name = forms.CharField(
        label=_("Operation"),
        max_length=250,
        help_text=_("e.g. Moussalaha 7th edition — income-generating projects, May 2021"),
    )
    funder = forms.CharField(label=_("Funder / partner"), max_length=250)
    period_start = forms.DateField(label=_("Period start"), widget=DATE)
    period_end = forms.DateField(label=_("Period end"), widget=DATE)
    total_amount = forms.DecimalField(label=_("Total amount (MAD)"), **MONEY)
    is_open = forms.BooleanField(
        label=_("Open for approvals"),
        required=False,
        initial=True,
        help_text=_("Closing an envelope stops new approvals; approved grants can still be delivered."),
    )

    def __init__(self, *args, creating: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if creating:
            del self.fields["is_open"]

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return data


class AllocationForm(forms.Form):
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.order_by("code"), required=False)
    centre = forms.ModelChoiceField(
        label=_("or city (regional centre)"), queryset=Centre.objects.order_by("code"), required=False
    )
    amount = forms.DecimalField(label=_("Allocated amount (MAD)"), **MONEY)

    def clean(self):
        data = super().clean()
        if bool(data.get("region")) == bool(data.get("centre")):
            raise ValidationError(_("Choose either a region or a city (centre), not both."))
        return data


class EventForm(forms.Form):
    envelope = forms.ModelChoiceField(label=_("Envelope"), queryset=None)
    centre = forms.ModelChoiceField(
        label=_("Organising centre"),
        queryset=Centre.objects.order_by("code"),
        help_text=_("Staff of this centre (and supervisors of its region) see the event."),
    )
    city = forms.CharField(label=_("City"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=300, help_text=_("e.g. the prefecture's headquarters"))

    def __init__(self, *args, envelopes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["envelope"].queryset = envelopes


class OfficialForm(forms.Form):
    title = forms.CharField(label=_("Title or function"), max_length=300)
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=250, required=False)


class BaseOfficialFormSet(forms.BaseFormSet):
    def officials(self) -> list[OfficialData]:
        return [
            OfficialData(
                title=form.cleaned_data["title"],
                name=form.cleaned_data.get("name", ""),
                organisation=form.cleaned_data.get("organisation", ""),
            )
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


OfficialFormSet = forms.formset_factory(
    OfficialForm, formset=BaseOfficialFormSet, extra=2, can_delete=True, max_num=30, validate_max=True
)


def officials_initial(event) -> list[dict]:
    return [{"title": o.title, "name": o.name, "organisation": o.organisation} for o in event.officials.all()]


class EventAssignForm(forms.Form):
    grants = forms.ModelMultipleChoiceField(
        label=_("Approved grants to hand over at this event"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, grants=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grants"].queryset = grants
        self.fields["grants"].label_from_instance = lambda g: f"{g.beneficiary.file_number} — {g.title}"
