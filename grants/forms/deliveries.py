"""Delivery and monitoring-visit forms."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import SurvivalStatus
from ..services import receipt_validate
from ..services.deliveries import RECEIPT_MAX_BYTES
from .proposals import DATE, MONEY, YES_NO


class DeliveryForm(forms.Form):
    delivered_on = forms.DateField(label=_("Delivery date"), widget=DATE)
    event = forms.ModelChoiceField(label=_("Distribution event"), queryset=None)
    items = forms.MultipleChoiceField(label=_("Items handed over"), widget=forms.CheckboxSelectMultiple, choices=())
    receipt = forms.FileField(
        label=_("Signed receipt (scan)"),
        help_text=_("PDF, JPEG or PNG, at most %(mb)s MB.") % {"mb": RECEIPT_MAX_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, events=None, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events
        self.fields["items"].choices = [(str(line.pk), f"{line.quantity} × {line.item}") for line in lines]

    def clean_delivered_on(self):
        day = self.cleaned_data["delivered_on"]
        if day > timezone.localdate():
            raise ValidationError(_("A delivery cannot be recorded in the future."))
        return day

    def clean_receipt(self):
        upload = self.cleaned_data["receipt"]
        receipt_validate(upload)
        return upload


class VisitForm(forms.Form):
    visited_on = forms.DateField(label=_("Visit date"), widget=DATE)
    activity_running = forms.TypedChoiceField(
        label=_("Is the activity running?"), choices=YES_NO[1:], coerce=lambda v: v == "yes", widget=forms.RadioSelect
    )
    equipment_held = forms.TypedChoiceField(
        label=_("Does the person still hold the equipment?"),
        choices=YES_NO[1:],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    equipment_used = forms.TypedChoiceField(
        label=_("Is the equipment in use?"), choices=YES_NO[1:], coerce=lambda v: v == "yes", widget=forms.RadioSelect
    )
    monthly_income = forms.DecimalField(label=_("Monthly income (MAD)"), required=False, **MONEY)
    jobs_created = forms.IntegerField(label=_("Jobs created"), min_value=0, max_value=1000, required=False)
    difficulties = forms.CharField(label=_("Difficulties"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    survival_status = forms.ChoiceField(label=_("Survival status"), choices=SurvivalStatus.choices)

    def clean_visited_on(self):
        day = self.cleaned_data["visited_on"]
        if day > timezone.localdate():
            raise ValidationError(_("A visit cannot be recorded in the future."))
        return day
