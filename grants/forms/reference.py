"""Reference-data forms (administrators). They validate against the model (unique codes, ranges) and hand
the cleaned values to a service; `save()` is never called."""

from __future__ import annotations

from django import forms

from ..models import EquipmentItem, ScoringCriterion, Sector


class SectorForm(forms.ModelForm):
    class Meta:
        model = Sector
        fields = ["code", "name_ar", "name_fr", "name_en", "position"]


class CatalogueItemForm(forms.ModelForm):
    class Meta:
        model = EquipmentItem
        fields = ["sector", "name", "specification", "reference_unit_cost"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = Sector.objects.all()


class CriterionForm(forms.ModelForm):
    class Meta:
        model = ScoringCriterion
        fields = ["code", "name_ar", "name_fr", "name_en", "description", "max_score", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
