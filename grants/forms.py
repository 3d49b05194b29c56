"""Forms: they validate input and hand it to one service; none of them saves anything itself."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import EquipmentItem, Sector, SurvivalStatus
from .services import Decision, LineData, receipt_validate
from .services.deliveries import RECEIPT_MAX_BYTES

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

    def __init__(self, *args, envelopes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if envelopes is None:
            del self.fields["envelope"]
        else:
            self.fields["envelope"].queryset = envelopes

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


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
    catalogue_item = forms.ModelChoiceField(
        label=_("From the catalogue"),
        queryset=EquipmentItem.objects.filter(is_active=True),
        required=False,
    )
    item = forms.CharField(label=_("Item"), max_length=200)
    specification = forms.CharField(label=_("Specification"), max_length=300, required=False)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=100000)
    unit_cost = forms.DecimalField(label=_("Unit cost (MAD)"), **MONEY)
    supplier = forms.CharField(label=_("Supplier"), max_length=200, required=False)


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


class EventAssignForm(forms.Form):
    grants = forms.ModelMultipleChoiceField(
        label=_("Approved grants to hand over at this event"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, grants=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grants"].queryset = grants
        self.fields["grants"].label_from_instance = lambda g: f"{g.beneficiary.file_number} — {g.title}"


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
