"""API filters, applied to querysets the access policy has already scoped."""

from __future__ import annotations

import datetime

import django_filters
from django.utils import timezone

from casework.models import Centre

from ..models import (
    DUE_SOON_DAYS,
    Domain,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    Goal,
    GoalStatus,
    LifeProject,
    PartnerOrganisation,
    ProjectStatus,
    Referral,
    ReferralStatus,
)


class ProjectFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ProjectStatus.choices)
    beneficiary = django_filters.UUIDFilter()
    file_number = django_filters.CharFilter(field_name="beneficiary__file_number", lookup_expr="istartswith")
    centre = django_filters.ModelChoiceFilter(
        field_name="beneficiary__centre", queryset=Centre.objects.all(), to_field_name="code"
    )
    review_before = django_filters.DateFilter(field_name="next_review_on", lookup_expr="lte")

    class Meta:
        model = LifeProject
        fields = ["status", "beneficiary", "file_number", "centre", "review_before"]


class GoalFilter(django_filters.FilterSet):
    project = django_filters.UUIDFilter()
    beneficiary = django_filters.UUIDFilter(field_name="project__beneficiary")
    domain = django_filters.ModelChoiceFilter(queryset=Domain.objects.all(), to_field_name="code")
    status = django_filters.ChoiceFilter(choices=GoalStatus.choices)
    target_before = django_filters.DateFilter(field_name="target_date", lookup_expr="lte")

    class Meta:
        model = Goal
        fields = ["project", "beneficiary", "domain", "status", "target_before"]


class FollowUpFilter(django_filters.FilterSet):
    beneficiary = django_filters.UUIDFilter()
    status = django_filters.ChoiceFilter(choices=FollowUpStatus.choices)
    state = django_filters.ChoiceFilter(
        choices=[("overdue", "overdue"), ("due", "due")], method="filter_state", label="state"
    )
    domain = django_filters.ModelChoiceFilter(queryset=Domain.objects.all(), to_field_name="code")
    kind = django_filters.ChoiceFilter(choices=FollowUpKind.choices)
    assigned_to = django_filters.CharFilter(field_name="assigned_to__username")
    occurred_from = django_filters.DateFilter(field_name="occurred_on", lookup_expr="gte")
    occurred_until = django_filters.DateFilter(field_name="occurred_on", lookup_expr="lte")
    due_from = django_filters.DateFilter(field_name="due_on", lookup_expr="gte")
    due_until = django_filters.DateFilter(field_name="due_on", lookup_expr="lte")

    class Meta:
        model = FollowUp
        fields = [
            "beneficiary", "status", "state", "domain", "kind", "assigned_to",
            "occurred_from", "occurred_until", "due_from", "due_until",
        ]  # fmt: skip

    def filter_state(self, queryset, name, value):
        today = timezone.localdate()
        # Oldest due first, as on the page (and served by the (status, due_on, id) index).
        queryset = queryset.filter(status=FollowUpStatus.PLANNED).order_by("due_on", "id")
        if value == "overdue":
            return queryset.filter(due_on__lt=today)
        return queryset.filter(due_on__gte=today, due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS))


class ReferralFilter(django_filters.FilterSet):
    beneficiary = django_filters.UUIDFilter()
    status = django_filters.ChoiceFilter(choices=ReferralStatus.choices)
    partner = django_filters.ModelChoiceFilter(queryset=PartnerOrganisation.objects.all(), to_field_name="code")
    sent_from = django_filters.DateFilter(field_name="sent_on", lookup_expr="gte")
    sent_until = django_filters.DateFilter(field_name="sent_on", lookup_expr="lte")

    class Meta:
        model = Referral
        fields = ["beneficiary", "status", "partner", "sent_from", "sent_until"]
