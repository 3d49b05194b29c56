"""REST API under /api/v1/grants/: every queryset is a selector, so the access policy scopes every list
and every detail (out of scope = 404). Writes go through the same services as the pages."""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from . import selectors, services
from .filters import GrantFilter
from .models import Delivery, DistributionEvent, Envelope, EquipmentLine, Grant, MonitoringVisit, SurvivalStatus
from .services import Decision


class EnvelopeSerializer(serializers.ModelSerializer):
    remaining_amount = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)

    class Meta:
        model = Envelope
        fields = [
            "id", "name", "funder", "period_start", "period_end", "total_amount",
            "committed_amount", "spent_amount", "remaining_amount", "is_open",
        ]  # fmt: skip


class LineSerializer(serializers.ModelSerializer):
    class Meta:
        model = EquipmentLine
        fields = ["item", "specification", "quantity", "unit_cost", "line_total", "supplier", "delivered"]


class GrantSerializer(serializers.ModelSerializer):
    file_number = serializers.CharField(source="beneficiary.file_number", read_only=True)
    sector = serializers.SlugRelatedField(slug_field="code", read_only=True)
    lines = LineSerializer(many=True, read_only=True)

    class Meta:
        model = Grant
        fields = [
            "id", "beneficiary", "file_number", "status", "sector", "title", "description", "location",
            "business_plan", "training_and_skills", "expected_monthly_income", "requested_amount",
            "approved_amount", "amount_reason", "decision_reason", "envelope", "event", "submitted_at",
            "decided_at", "created_at", "lines",
        ]  # fmt: skip


class DecisionInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices)
    envelope = serializers.UUIDField(required=False, allow_null=True)
    approved_amount = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True)
    amount_reason = serializers.CharField(required=False, allow_blank=True, default="")
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class EventSerializer(serializers.ModelSerializer):
    officials = serializers.ListField(source="official_list", child=serializers.CharField(), read_only=True)
    centre = serializers.SlugRelatedField(slug_field="code", read_only=True)
    beneficiaries = serializers.IntegerField(source="grant_count", read_only=True)

    class Meta:
        model = DistributionEvent
        fields = ["id", "envelope", "centre", "city", "date", "place", "officials", "beneficiaries"]


class DeliverySerializer(serializers.ModelSerializer):
    has_signed_receipt = serializers.SerializerMethodField()

    class Meta:
        model = Delivery
        fields = ["id", "grant", "delivered_on", "notes", "has_signed_receipt", "recorded_at"]

    def get_has_signed_receipt(self, delivery) -> bool:
        return bool(delivery.receipt)


class VisitSerializer(serializers.ModelSerializer):
    state = serializers.SerializerMethodField()
    survival_status = serializers.ChoiceField(choices=SurvivalStatus.choices, read_only=True)

    class Meta:
        model = MonitoringVisit
        fields = [
            "id", "grant", "months_after", "due_on", "state", "visited_on", "activity_running", "equipment_held",
            "equipment_used", "monthly_income", "jobs_created", "difficulties", "survival_status",
        ]  # fmt: skip

    def get_state(self, visit) -> str:
        return visit.state()


def _raise_for_drf(exc: Exception):
    if isinstance(exc, DjangoPermissionDenied):
        raise PermissionDenied(str(exc) or None) from exc
    detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
    raise ValidationError(detail) from exc


class EnvelopeViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = EnvelopeSerializer
    filterset_fields = ["is_open"]

    def get_queryset(self):
        return selectors.envelope_list(user=self.request.user).order_by("-period_start", "name")


class GrantViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = GrantSerializer
    filterset_class = GrantFilter

    def get_queryset(self):
        return selectors.grant_list(user=self.request.user).prefetch_related("lines").order_by("-created_at")

    def retrieve(self, request, *args, **kwargs):
        grant = self.get_object()
        services.grant_record_view(actor=request.user, grant=grant)
        return Response(self.get_serializer(grant).data)

    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        grant = self.get_object()
        data = DecisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        envelope_id = values.pop("envelope", None)
        envelope = selectors.envelope_get(user=request.user, envelope_id=envelope_id) if envelope_id else None
        try:
            grant = services.grant_decide(actor=request.user, grant=grant, envelope=envelope, **values)
        except (DjangoValidationError, DjangoPermissionDenied) as exc:
            _raise_for_drf(exc)
        return Response(GrantSerializer(grant).data, status=status.HTTP_200_OK)


class EventViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = EventSerializer
    filterset_fields = ["envelope", "date"]

    def get_queryset(self):
        return selectors.event_list(user=self.request.user).order_by("-date", "city")


class DeliveryViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DeliverySerializer
    filterset_fields = ["delivered_on", "grant__envelope", "grant__event"]

    def get_queryset(self):
        return selectors.delivery_list(user=self.request.user).order_by("-delivered_on", "pk")


class VisitFilter(django_filters.FilterSet):
    done = django_filters.BooleanFilter(field_name="visited_on", lookup_expr="isnull", exclude=True)
    due_before = django_filters.DateFilter(field_name="due_on", lookup_expr="lte")

    class Meta:
        model = MonitoringVisit
        fields = ["grant", "months_after", "survival_status", "done", "due_before"]


class VisitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = VisitSerializer
    filterset_class = VisitFilter

    def get_queryset(self):
        return selectors.visit_list(user=self.request.user).order_by("due_on", "pk")
