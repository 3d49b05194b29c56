import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AuditAction, AuditEntry


class AuditEntryFilter(django_filters.FilterSet):
    actor = django_filters.CharFilter(field_name="actor_username", lookup_expr="iexact", label=_("Username"))
    action = django_filters.ChoiceFilter(choices=AuditAction.choices, label=_("Action"))
    object_type = django_filters.CharFilter(lookup_expr="iexact", label=_("Record type"))
    beneficiary_id = django_filters.UUIDFilter(label=_("Person (identifier)"))
    since = django_filters.DateFilter(
        field_name="at", lookup_expr="date__gte", label=_("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    until = django_filters.DateFilter(
        field_name="at", lookup_expr="date__lte", label=_("Until"), widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = AuditEntry
        fields = ["actor", "action", "object_type", "beneficiary_id", "since", "until"]
