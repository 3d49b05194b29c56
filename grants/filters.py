"""Filters of the lists and the API. They narrow a queryset the access policy has already scoped; the
choices they offer (envelopes, events) are scoped the same way."""

from __future__ import annotations

import datetime

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.models import Centre, Region

from .access import envelope_policy, event_policy
from .models import (
    DUE_SOON_DAYS,
    MONITORING_MONTHS,
    DistributionEvent,
    Envelope,
    Grant,
    GrantStatus,
    MonitoringVisit,
    Sector,
)


def _envelopes(request):
    return envelope_policy.visible(request.user, Envelope.objects.all()) if request else Envelope.objects.none()


def _events(request):
    if request is None:
        return DistributionEvent.objects.none()
    return event_policy.visible(request.user, DistributionEvent.objects.all())


class GrantFilter(django_filters.FilterSet):
    """Filters of the proposal list and the API."""

    status = django_filters.ChoiceFilter(choices=GrantStatus.choices, label=_("Status"))
    sector = django_filters.ModelChoiceFilter(queryset=Sector.objects.all(), label=_("Sector"))
    envelope = django_filters.ModelChoiceFilter(queryset=_envelopes, label=_("Envelope"))
    event = django_filters.ModelChoiceFilter(queryset=_events, label=_("Event"))
    region = django_filters.ModelChoiceFilter(
        field_name="centre__region", queryset=Region.objects.all(), label=_("Region")
    )
    centre = django_filters.ModelChoiceFilter(field_name="centre", queryset=Centre.objects.all(), label=_("Centre"))
    file_number = django_filters.CharFilter(
        field_name="beneficiary__file_number", lookup_expr="istartswith", label=_("File number")
    )
    mine = django_filters.BooleanFilter(method="filter_mine", label=_("Proposed by me"))

    class Meta:
        model = Grant
        fields = ["status", "sector", "envelope", "event", "region", "centre", "file_number", "mine"]

    def filter_mine(self, queryset, name, value):
        if value is None or self.request is None:
            return queryset
        mine = Q(proposed_by=self.request.user)
        return queryset.filter(mine) if value else queryset.exclude(mine)


class VisitState:
    OVERDUE = "overdue"
    DUE = "due"
    MONTH = "month"


VISIT_STATE_CHOICES = [
    (VisitState.OVERDUE, _("Overdue")),
    (VisitState.DUE, _("Due within 7 days")),
    (VisitState.MONTH, _("Due within 30 days")),
]


class VisitDueFilter(django_filters.FilterSet):
    """The "monitoring due" page: open visits, overdue and due within a week by default."""

    state = django_filters.ChoiceFilter(choices=VISIT_STATE_CHOICES, method="filter_state", label=_("When"))
    months_after = django_filters.TypedChoiceFilter(
        choices=[(m, m) for m in MONITORING_MONTHS], coerce=int, label=_("Milestone (months)")
    )
    centre = django_filters.ModelChoiceFilter(
        field_name="grant__centre", queryset=Centre.objects.all(), label=_("Centre")
    )
    sector = django_filters.ModelChoiceFilter(
        field_name="grant__sector", queryset=Sector.objects.all(), label=_("Sector")
    )
    mine = django_filters.BooleanFilter(method="filter_mine", label=_("My proposals only"))

    class Meta:
        model = MonitoringVisit
        fields = ["state", "months_after", "centre", "sector", "mine"]

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("state"):
            return self.filter_state(queryset, "state", "")
        return queryset

    def filter_state(self, queryset, name, value):
        today = timezone.localdate()
        week = today + datetime.timedelta(days=DUE_SOON_DAYS)
        if value == VisitState.OVERDUE:
            return queryset.filter(due_on__lt=today)
        if value == VisitState.DUE:
            return queryset.filter(due_on__gte=today, due_on__lte=week)
        if value == VisitState.MONTH:
            return queryset.filter(due_on__lte=today + datetime.timedelta(days=30))
        return queryset.filter(due_on__lte=week)

    def filter_mine(self, queryset, name, value):
        if value is None or self.request is None:
            return queryset
        mine = Q(grant__proposed_by=self.request.user)
        return queryset.filter(mine) if value else queryset.exclude(mine)
