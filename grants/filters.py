import django_filters
from django.utils.translation import gettext_lazy as _

from casework.models import Centre

from .models import DistributionEvent, Envelope, Grant, GrantStatus, Sector


class GrantFilter(django_filters.FilterSet):
    """Filters of the proposal list and the API; applied to a queryset the access policy has scoped."""

    status = django_filters.ChoiceFilter(choices=GrantStatus.choices, label=_("Status"))
    sector = django_filters.ModelChoiceFilter(queryset=Sector.objects.all(), label=_("Sector"))
    envelope = django_filters.ModelChoiceFilter(queryset=Envelope.objects.all(), label=_("Envelope"))
    event = django_filters.ModelChoiceFilter(queryset=DistributionEvent.objects.all(), label=_("Event"))
    centre = django_filters.ModelChoiceFilter(
        field_name="beneficiary__centre", queryset=Centre.objects.all(), label=_("Centre")
    )
    file_number = django_filters.CharFilter(
        field_name="beneficiary__file_number", lookup_expr="istartswith", label=_("File number")
    )

    class Meta:
        model = Grant
        fields = ["status", "sector", "envelope", "event", "centre", "file_number"]
