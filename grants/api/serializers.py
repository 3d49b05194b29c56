"""Serializers of the grants API. Output serializers describe rows; input serializers only check shapes and
types (business rules live in the services, whose ValidationError/PermissionDenied the API's exception
handler translates into its one error body)."""

from __future__ import annotations

from rest_framework import serializers

from ..models import (
    MONITORING_MONTHS,
    Delivery,
    DistributionEvent,
    Envelope,
    EnvelopeAllocation,
    EquipmentItem,
    EquipmentLine,
    EventOfficial,
    Grant,
    GrantScore,
    MonitoringVisit,
    ScoringCriterion,
    Sector,
    SurvivalStatus,
)
from ..services import Decision

MONEY = {"max_digits": 14, "decimal_places": 2}


# Output ---------------------------------------------------------------------------------------


class EnvelopeSerializer(serializers.ModelSerializer):
    remaining_amount = serializers.DecimalField(**MONEY, read_only=True)

    class Meta:
        model = Envelope
        fields = [
            "id", "name", "funder", "period_start", "period_end", "total_amount",
            "committed_amount", "spent_amount", "remaining_amount", "is_open",
        ]  # fmt: skip
        read_only_fields = fields


class AllocationSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    centre = serializers.SlugRelatedField(slug_field="code", read_only=True)
    used = serializers.DecimalField(**MONEY, read_only=True)

    class Meta:
        model = EnvelopeAllocation
        fields = ["id", "region", "centre", "amount", "used"]
        read_only_fields = fields


class LineSerializer(serializers.ModelSerializer):
    class Meta:
        model = EquipmentLine
        fields = [
            "id", "catalogue_item", "item", "specification", "quantity", "unit_cost", "line_total", "supplier",
            "delivered",
        ]  # fmt: skip
        read_only_fields = fields


class ScoreSerializer(serializers.ModelSerializer):
    criterion = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = GrantScore
        fields = ["criterion", "score", "comment", "scored_at"]
        read_only_fields = fields


class GrantSerializer(serializers.ModelSerializer):
    file_number = serializers.CharField(source="beneficiary.file_number", read_only=True)
    sector = serializers.SlugRelatedField(slug_field="code", read_only=True)
    lines = LineSerializer(many=True, read_only=True)
    scores = ScoreSerializer(many=True, read_only=True)

    class Meta:
        model = Grant
        fields = [
            "id", "beneficiary", "file_number", "status", "sector", "title", "description", "location",
            "business_plan", "training_and_skills", "expected_monthly_income", "requested_amount",
            "approved_amount", "amount_reason", "decision_reason", "envelope", "event", "vocational_goal",
            "submitted_at", "decided_at", "created_at", "lines", "scores",
        ]  # fmt: skip
        read_only_fields = fields


class OfficialSerializer(serializers.ModelSerializer):
    class Meta:
        model = EventOfficial
        fields = ["title", "name", "organisation"]


class EventSerializer(serializers.ModelSerializer):
    officials = OfficialSerializer(many=True, read_only=True)
    centre = serializers.SlugRelatedField(slug_field="code", read_only=True)
    beneficiaries = serializers.IntegerField(source="grant_count", read_only=True, default=None)

    class Meta:
        model = DistributionEvent
        fields = ["id", "envelope", "centre", "city", "date", "place", "officials", "beneficiaries"]
        read_only_fields = fields


class DeliverySerializer(serializers.ModelSerializer):
    has_signed_receipt = serializers.SerializerMethodField()

    class Meta:
        model = Delivery
        fields = ["id", "grant", "delivered_on", "notes", "has_signed_receipt", "recorded_at"]
        read_only_fields = fields

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
        read_only_fields = fields

    def get_state(self, visit) -> str:
        return visit.state()


class SectorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Sector
        fields = ["id", "code", "name_ar", "name_fr", "name_en", "is_active"]
        read_only_fields = fields


class CatalogueItemSerializer(serializers.ModelSerializer):
    sector = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = EquipmentItem
        fields = ["id", "sector", "name", "specification", "reference_unit_cost", "is_active"]
        read_only_fields = fields


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ScoringCriterion
        fields = ["id", "code", "name_ar", "name_fr", "name_en", "description", "max_score", "is_active"]
        read_only_fields = fields


# Input ----------------------------------------------------------------------------------------


class LineInputSerializer(serializers.Serializer):
    catalogue_item = serializers.IntegerField(required=False, allow_null=True)
    item = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    specification = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    quantity = serializers.IntegerField(min_value=1, max_value=100000)
    unit_cost = serializers.DecimalField(**MONEY, min_value=0, required=False, allow_null=True)
    supplier = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class ProposalInputSerializer(serializers.Serializer):
    sector = serializers.SlugField(help_text="Sector code, e.g. handicrafts")
    title = serializers.CharField(max_length=200)
    description = serializers.CharField()
    location = serializers.CharField(max_length=300)
    business_plan = serializers.CharField()
    training_and_skills = serializers.CharField()
    expected_monthly_income = serializers.DecimalField(**MONEY, min_value=0)
    envelope = serializers.UUIDField(required=False, allow_null=True)
    vocational_goal = serializers.UUIDField(required=False, allow_null=True)
    lines = LineInputSerializer(many=True, allow_empty=False, max_length=50)


class ProposalCreateInputSerializer(ProposalInputSerializer):
    beneficiary = serializers.UUIDField()


class DecisionInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices)
    envelope = serializers.UUIDField(required=False, allow_null=True)
    approved_amount = serializers.DecimalField(**MONEY, required=False, allow_null=True)
    amount_reason = serializers.CharField(required=False, allow_blank=True, default="")
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ScoreInputSerializer(serializers.Serializer):
    criterion = serializers.SlugField(help_text="Criterion code")
    score = serializers.IntegerField(min_value=0, max_value=100)
    comment = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class ScoresInputSerializer(serializers.Serializer):
    scores = ScoreInputSerializer(many=True, allow_empty=False)


class EnvelopeInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=250)
    funder = serializers.CharField(max_length=250)
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    total_amount = serializers.DecimalField(**MONEY, min_value=0)
    is_open = serializers.BooleanField(required=False, default=True)


class AllocationInputSerializer(serializers.Serializer):
    region = serializers.CharField(required=False, allow_null=True, help_text="Region code")
    centre = serializers.CharField(required=False, allow_null=True, help_text="Centre code")
    amount = serializers.DecimalField(**MONEY, min_value=0)


class EventInputSerializer(serializers.Serializer):
    envelope = serializers.UUIDField()
    centre = serializers.CharField(help_text="Organising centre code")
    city = serializers.CharField(max_length=200)
    date = serializers.DateField()
    place = serializers.CharField(max_length=300)
    officials = OfficialSerializer(many=True, required=False, default=list, max_length=30)


class AssignInputSerializer(serializers.Serializer):
    grants = serializers.ListField(child=serializers.UUIDField(), allow_empty=False, max_length=500)


class DeliveryInputSerializer(serializers.Serializer):
    grant = serializers.UUIDField()
    delivered_on = serializers.DateField()
    event = serializers.UUIDField(required=False, allow_null=True)
    items = serializers.ListField(
        child=serializers.IntegerField(), required=False, help_text="Ids of the lines handed over (default: all)"
    )
    # Required like on the delivery page: the signed receipt is the proof of handover.
    receipt = serializers.FileField(help_text="Signed receipt scan: PDF, JPEG or PNG")
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class VisitInputSerializer(serializers.Serializer):
    visited_on = serializers.DateField()
    activity_running = serializers.BooleanField()
    equipment_held = serializers.BooleanField()
    equipment_used = serializers.BooleanField()
    monthly_income = serializers.DecimalField(**MONEY, min_value=0, required=False, allow_null=True)
    jobs_created = serializers.IntegerField(min_value=0, max_value=1000, required=False, allow_null=True)
    difficulties = serializers.CharField(required=False, allow_blank=True, default="")
    survival_status = serializers.ChoiceField(choices=SurvivalStatus.choices)


__all__ = ["MONITORING_MONTHS"]
