import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.models import Centre, Role, User

from .models import AUTOMATIC_INDICATORS, AlertOutcome, AlertStatus, Indicator, Severity


class AlertFilterForm(forms.Form):
    severity = forms.ChoiceField(label=_("Severity"), choices=[("", _("All"))] + Severity.choices, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Not closed")), *AlertStatus.choices, ("all", _("All"))],
        required=False,
    )
    indicator = forms.ModelChoiceField(
        label=_("Indicator"), queryset=Indicator.objects.all(), required=False, empty_label=_("All")
    )
    centre = forms.ModelChoiceField(
        label=_("Centre"), queryset=Centre.objects.select_related("region"), required=False, empty_label=_("All")
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {"open_only": True}
        data = self.cleaned_data
        status = data.get("status") or ""
        return {
            "severity": data.get("severity") or "",
            "status": "" if status in ("", "all") else status,
            "open_only": status == "",
            "indicator": data.get("indicator"),
            "centre": data.get("centre"),
        }


class ConcernForm(forms.Form):
    indicator = forms.ModelChoiceField(
        label=_("What is it about?"),
        queryset=Indicator.objects.filter(is_active=True).exclude(code__in=AUTOMATIC_INDICATORS),
        empty_label=None,
        widget=forms.RadioSelect,
    )
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices, initial=Severity.MEDIUM)
    note = forms.CharField(
        label=_("What worries you"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text=_("Facts, dates and what you saw or heard. The supervisors of the region will read it."),
    )


class AssessForm(forms.Form):
    assessment = forms.CharField(label=_("Assessment"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    severity = forms.ChoiceField(label=_("Severity after assessment"), choices=Severity.choices)


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=AlertOutcome.choices)
    outcome_note = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class AuthorisationForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("Staff member"),
        queryset=User.objects.filter(is_active=True, role__in=[Role.CASEWORKER, Role.ADMINISTRATOR])
        .select_related("centre")
        .order_by("username"),
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)
    expires_on = forms.DateField(
        label=_("Valid until (included)"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("At most one year from today."),
    )

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        if actor is not None:
            self.fields["user"].queryset = self.fields["user"].queryset.exclude(pk=actor.pk)
        self.fields["expires_on"].initial = timezone.localdate() + datetime.timedelta(days=90)


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason for revoking"), max_length=300)
