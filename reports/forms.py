"""Parameter forms, one per kind of report. They validate what a user asks for against what the user may
see *now*: the request runs them, and the worker runs them again on the stored parameters when it builds
the report, so a report never covers more than its requester's scope at generation time.

Each form turns its input into JSON-ready ``parameters()`` that the same form accepts back, and into
``describe()`` lines printed in the report's header.
"""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beneficiaries import selectors as people
from beneficiaries.models import Sex
from grants import selectors as grant_selectors
from grants.models import Sector

from .scope import centres_in_scope, regions_in_scope

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_PERIOD_DAYS = 3 * 366


class ParametersForm(forms.Form):
    def __init__(self, data=None, *, user, **kwargs):
        self.user = user
        super().__init__(data, **kwargs)

    def parameters(self) -> dict:
        result = {}
        for name, value in self.cleaned_data.items():
            if name.startswith("_") or value in (None, ""):
                continue
            if hasattr(value, "pk"):
                value = str(value.pk)
            elif isinstance(value, datetime.date):
                value = value.isoformat()
            result[name] = value
        return result

    def describe(self) -> list[tuple[str, str]]:
        lines = []
        for name, value in self.cleaned_data.items():
            if name.startswith("_") or value in (None, "") or name not in self.fields:
                continue
            field = self.fields[name]
            if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
                value = dict(field.choices).get(value, value)
            lines.append((str(field.label), str(value)))
        return lines


class PeriodMixin:
    def clean_period(self, cleaned: dict, *, required: bool) -> None:
        start, end = cleaned.get("start"), cleaned.get("end")
        if required and not (start and end):
            raise ValidationError(_("Give the first and the last day of the period."))
        if start and end:
            if end < start:
                raise ValidationError(_("The period ends before it starts."))
            if (end - start).days > MAX_PERIOD_DAYS:
                raise ValidationError(_("Choose a period of three years at most."))


def _period_fields(required: bool):
    return (
        forms.DateField(label=_("From"), required=required, widget=DATE),
        forms.DateField(label=_("Until"), required=required, widget=DATE),
    )


class CaseFileForm(ParametersForm):
    file_number = forms.CharField(
        label=_("File number"), max_length=20, required=False, help_text=_("E.g. FES-2021-0007.")
    )
    beneficiary = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        try:
            if cleaned.get("beneficiary"):
                person = people.beneficiary_get(user=self.user, pk=cleaned["beneficiary"])
            elif cleaned.get("file_number"):
                person = people.beneficiary_get_by_file_number(user=self.user, file_number=cleaned["file_number"])
            else:
                raise ValidationError(_("Give the person's file number."))
        except (Http404, PermissionDenied) as exc:
            raise ValidationError(_("No file with this number in your scope. Check the number.")) from exc
        cleaned["_person"] = person
        return cleaned

    def parameters(self) -> dict:
        return {"beneficiary": str(self.cleaned_data["_person"].pk)}

    def describe(self) -> list[tuple[str, str]]:
        return [(str(_("File number")), self.cleaned_data["_person"].file_number)]


class CohortForm(ParametersForm):
    cohort = forms.ModelChoiceField(label=_("Cohort"), queryset=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["cohort"].queryset = people.cohort_list(user=user)


class DistributionForm(ParametersForm):
    envelope = forms.ModelChoiceField(
        label=_("Operation (envelope)"), queryset=None, required=False, help_text=_("Every event of the operation.")
    )
    event = forms.ModelChoiceField(label=_("Distribution event"), queryset=None, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["envelope"].queryset = grant_selectors.envelope_list(user=user)
        self.fields["event"].queryset = grant_selectors.event_list(user=user)

    def clean(self):
        cleaned = super().clean()
        envelope, event = cleaned.get("envelope"), cleaned.get("event")
        if not self.errors and not (envelope or event):
            raise ValidationError(_("Choose an operation or one of its distribution events."))
        if envelope and event and event.envelope_id != envelope.pk:
            raise ValidationError(_("This event belongs to another operation."))
        return cleaned


class EventForm(ParametersForm):
    event = forms.ModelChoiceField(label=_("Distribution event"), queryset=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["event"].queryset = grant_selectors.event_list(user=user)


class CentreActivityForm(PeriodMixin, ParametersForm):
    centre = forms.ModelChoiceField(label=_("Regional centre"), queryset=None)
    start, end = _period_fields(required=True)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["centre"].queryset = centres_in_scope(user)
        if not self.is_bound:
            today = timezone.localdate()
            self.initial.setdefault("start", today.replace(day=1))
            self.initial.setdefault("end", today)

    def clean(self):
        cleaned = super().clean()
        self.clean_period(cleaned, required=True)
        return cleaned


class IndicatorFilterForm(PeriodMixin, ParametersForm):
    """The filters of the programme indicators: the PDF report and the dashboard page share them."""

    region = forms.ModelChoiceField(label=_("Region"), queryset=None, required=False, empty_label=_("All"))
    start, end = _period_fields(required=False)
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=None, required=False, empty_label=_("All"))
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", _("All")), *Sex.choices], required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["region"].queryset = regions_in_scope(user)
        self.fields["sector"].queryset = Sector.objects.order_by("position", "code")

    def clean(self):
        cleaned = super().clean()
        self.clean_period(cleaned, required=False)
        return cleaned


EXPORT_LISTS = [
    ("people", _("People")),
    ("followups", _("Follow-ups")),
    ("grants", _("Grants")),
    ("events", _("Distribution events")),
]


class ExportForm(PeriodMixin, ParametersForm):
    """What to export. The period applies to release dates (people), follow-up dates, proposal dates
    (grants) and event dates."""

    list = forms.ChoiceField(label=_("List"), choices=EXPORT_LISTS)
    centre = forms.ModelChoiceField(label=_("Regional centre"), queryset=None, required=False, empty_label=_("All"))
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", _("All")), *Sex.choices], required=False)
    start, end = _period_fields(required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["centre"].queryset = centres_in_scope(user)

    def clean(self):
        cleaned = super().clean()
        self.clean_period(cleaned, required=False)
        return cleaned
