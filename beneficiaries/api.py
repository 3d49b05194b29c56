"""Read-only API for people: list and detail, scoped by the access policy (through the selectors)."""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied
from rest_framework import generics, serializers

from casework.models import Centre

from . import selectors, services
from .models import Beneficiary, Membership, ReleaseType, Sex, Status
from .protected_data import cin_condition, defer_encrypted


class BeneficiaryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label="q")
    cin = django_filters.CharFilter(method="filter_cin", label="CIN (exact, any case or spacing)")
    centre = django_filters.ModelChoiceFilter(queryset=Centre.objects.all(), to_field_name="code", field_name="centre")
    cohort = django_filters.NumberFilter(method="filter_cohort", label="cohort edition")
    status = django_filters.ChoiceFilter(choices=Status.choices)
    sex = django_filters.ChoiceFilter(choices=Sex.choices)
    release_type = django_filters.ChoiceFilter(choices=ReleaseType.choices)
    released_from = django_filters.DateFilter(field_name="release_date", lookup_expr="gte")
    released_until = django_filters.DateFilter(field_name="release_date", lookup_expr="lte")

    class Meta:
        model = Beneficiary
        fields = ["q", "cin", "centre", "cohort", "status", "sex", "release_type", "released_from", "released_until"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(selectors.search_condition(value))

    def filter_cohort(self, queryset, name, value):
        # A subquery, not a join: no duplicate rows, so the list needs no DISTINCT (a sort of whole rows).
        return queryset.filter(pk__in=Membership.objects.filter(cohort__edition=value).values("beneficiary"))

    def filter_cin(self, queryset, name, value):
        condition = cin_condition(value)  # the CIN is encrypted: through its blind index
        return queryset.filter(condition) if condition is not None else queryset.none()


class BeneficiaryListSerializer(serializers.ModelSerializer):
    centre = serializers.SlugRelatedField(slug_field="code", read_only=True)
    # Named apart from other apps' "status" so the schema's enum names stay unambiguous.
    file_status = serializers.ChoiceField(source="status", choices=Status.choices, read_only=True)

    class Meta:
        model = Beneficiary
        fields = [
            "id",
            "file_number",
            "centre",
            "sex",
            "first_name_ar",
            "family_name_ar",
            "first_name_latin",
            "family_name_latin",
            "file_status",
            "release_date",
            "release_type",
        ]
        read_only_fields = fields


class BeneficiaryDetailSerializer(BeneficiaryListSerializer):
    establishment = serializers.SlugRelatedField(slug_field="code", read_only=True)
    cohorts = serializers.SerializerMethodField()

    class Meta(BeneficiaryListSerializer.Meta):
        fields = [
            *BeneficiaryListSerializer.Meta.fields,
            "father_name_ar",
            "father_name_latin",
            "birth_date",
            "birth_place",
            "cin",
            "phone",
            "address",
            "city",
            "marital_status",
            "education_level",
            "trade",
            "status_changed_on",
            "establishment",
            "conviction",
            "sentence_months",
            "cohorts",
        ]
        read_only_fields = fields

    def get_cohorts(self, obj) -> list[int]:
        return [m.cohort.edition for m in obj.memberships.all()]


class BeneficiaryListAPI(generics.ListAPIView):
    serializer_class = BeneficiaryListSerializer
    filterset_class = BeneficiaryFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Beneficiary.objects.none()
        return defer_encrypted(selectors.beneficiary_list(user=self.request.user))


class BeneficiaryDetailAPI(generics.RetrieveAPIView):
    serializer_class = BeneficiaryDetailSerializer

    def get_object(self):
        if self.request.user.is_partner_viewer:
            raise PermissionDenied
        person = selectors.beneficiary_get(user=self.request.user, pk=self.kwargs["pk"])
        services.beneficiary_record_view(actor=self.request.user, beneficiary=person)
        return person

    def get_queryset(self):  # used only for the schema
        return Beneficiary.objects.none()


__all__ = ["BeneficiaryDetailAPI", "BeneficiaryListAPI"]
