"""Proposal, equipment lines, decision and committee-scoring forms."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import EquipmentItem, Sector
from ..money import format_mad
from ..services import Decision, LineData, ScoreData

MONEY = {"max_digits": 14, "decimal_places": 2, "min_value": 0}
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YES_NO = [("", "—"), ("yes", _("Yes")), ("no", _("No"))]


class ProposalForm(forms.Form):
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=Sector.objects.filter(is_active=True))
    title = forms.CharField(label=_("Project"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}))
    location = forms.CharField(label=_("Location"), max_length=300, help_text=_("City, district, address."))
    business_plan = forms.CharField(label=_("Business-plan summary"), widget=forms.Textarea(attrs={"rows": 4}))
    training_and_skills = forms.CharField(
        label=_("Relevant training and skills"), widget=forms.Textarea(attrs={"rows": 3})
    )
    expected_monthly_income = forms.DecimalField(label=_("Expected monthly income (MAD)"), **MONEY)
    envelope = forms.ModelChoiceField(
        label=_("Envelope"),
        queryset=None,
        required=False,
        help_text=_("Optional: the supervisor chooses it at approval otherwise."),
    )
    vocational_goal = forms.ModelChoiceField(
        label=_("Life-project goal this project serves"),
        queryset=None,
        required=False,
        empty_label=_("— none —"),
        help_text=_("A vocational or income-project goal of the person's current life project, if there is one."),
    )

    def __init__(self, *args, envelopes=None, goals=None, **kwargs):
        """`envelopes`/`goals`: the choices offered, or None to leave the field out."""
        super().__init__(*args, **kwargs)
        if envelopes is None:
            del self.fields["envelope"]
        else:
            self.fields["envelope"].queryset = envelopes
        if goals is None:
            del self.fields["vocational_goal"]
        else:
            self.fields["vocational_goal"].queryset = goals
            self.fields["vocational_goal"].label_from_instance = goal_label

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


def goal_label(goal) -> str:
    return f"{goal.domain} — {goal.description[:120]}"


class ProposalCreateForm(ProposalForm):
    file_number = forms.CharField(
        label=_("File number"), max_length=20, help_text=_("The person's file number, e.g. FES-2021-0007.")
    )
    field_order = ["file_number"]

    def __init__(self, *args, find_beneficiary=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._find_beneficiary = find_beneficiary

    def clean_file_number(self):
        person = self._find_beneficiary(self.cleaned_data["file_number"])
        if person is None:
            raise ValidationError(_("No file with this number in your scope. Check the number."))
        self.beneficiary = person
        return self.cleaned_data["file_number"]

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("file_number")
        return data


class EquipmentLineForm(forms.Form):
    """One equipment line. Choosing a catalogue item fills the item, specification and unit cost left empty."""

    catalogue_item = forms.ModelChoiceField(
        label=_("From the catalogue"),
        queryset=EquipmentItem.objects.filter(is_active=True).select_related("sector"),
        required=False,
    )
    item = forms.CharField(label=_("Item"), max_length=200, required=False)
    specification = forms.CharField(label=_("Specification"), max_length=300, required=False)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=100000)
    unit_cost = forms.DecimalField(label=_("Unit cost (MAD)"), required=False, **MONEY)
    supplier = forms.CharField(label=_("Supplier"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["catalogue_item"].label_from_instance = catalogue_label

    def clean(self):
        data = super().clean()
        entry = data.get("catalogue_item")
        if entry is not None:
            data["item"] = data.get("item") or entry.name
            data["specification"] = data.get("specification") or entry.specification
            if data.get("unit_cost") is None:
                data["unit_cost"] = entry.reference_unit_cost
        if not data.get("item"):
            self.add_error("item", _("Name the item, or choose it from the catalogue."))
        if data.get("unit_cost") is None and "unit_cost" not in self.errors:
            self.add_error("unit_cost", _("Give the unit cost (the catalogue item has no reference cost)."))
        return data


def catalogue_label(entry: EquipmentItem) -> str:
    cost = f" — {format_mad(entry.reference_unit_cost)} MAD" if entry.reference_unit_cost is not None else ""
    sector = f"{entry.sector} — " if entry.sector_id else ""
    return f"{sector}{entry.name}{cost}"


class BaseLineFormSet(forms.BaseFormSet):
    def lines(self) -> list[LineData]:
        return [
            LineData(
                item=form.cleaned_data["item"],
                specification=form.cleaned_data.get("specification", ""),
                quantity=form.cleaned_data["quantity"],
                unit_cost=form.cleaned_data["unit_cost"],
                supplier=form.cleaned_data.get("supplier", ""),
                catalogue_item=form.cleaned_data.get("catalogue_item"),
            )
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]

    def clean(self):
        super().clean()
        if not any(self.errors) and not self.lines():
            raise ValidationError(_("Add at least one equipment line."))


EquipmentLineFormSet = forms.formset_factory(
    EquipmentLineForm, formset=BaseLineFormSet, extra=3, can_delete=True, max_num=50, validate_max=True
)


def lines_initial(grant) -> list[dict]:
    return [
        {
            "catalogue_item": line.catalogue_item_id,
            "item": line.item,
            "specification": line.specification,
            "quantity": line.quantity,
            "unit_cost": line.unit_cost,
            "supplier": line.supplier,
        }
        for line in grant.lines.all()
    ]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect)
    envelope = forms.ModelChoiceField(label=_("Envelope"), queryset=None, required=False)
    approved_amount = forms.DecimalField(
        label=_("Approved amount (MAD)"),
        required=False,
        help_text=_("Leave as requested, or change it and give the reason."),
        **MONEY,
    )
    amount_reason = forms.CharField(
        label=_("Why the amount differs"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    reason = forms.CharField(
        label=_("Reason (required to return or reject)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, envelopes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["envelope"].queryset = envelopes


class ScoringForm(forms.Form):
    """One score (0..maximum) and an optional comment per active criterion; empty scores are skipped."""

    def __init__(self, *args, criteria=(), initial_scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        initial_scores = initial_scores or {}
        for criterion in self.criteria:
            score, comment = initial_scores.get(criterion.pk, (None, ""))
            self.fields[f"score_{criterion.code}"] = forms.IntegerField(
                label=_("%(criterion)s (0 to %(max)s)") % {"criterion": criterion, "max": criterion.max_score},
                min_value=0,
                max_value=criterion.max_score,
                required=False,
                initial=score,
                help_text=criterion.description,
            )
            self.fields[f"comment_{criterion.code}"] = forms.CharField(
                label=_("Comment on “%(criterion)s”") % {"criterion": criterion},
                max_length=500,
                required=False,
                initial=comment,
            )

    def clean(self):
        data = super().clean()
        if not self.errors and not self.scores():
            raise ValidationError(_("Give at least one score."))
        return data

    def scores(self) -> list[ScoreData]:
        return [
            ScoreData(
                criterion=criterion,
                score=self.cleaned_data[f"score_{criterion.code}"],
                comment=self.cleaned_data.get(f"comment_{criterion.code}", ""),
            )
            for criterion in self.criteria
            if self.cleaned_data.get(f"score_{criterion.code}") is not None
        ]
