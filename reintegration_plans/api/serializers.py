"""API representations. Status fields are named per model (plan_status, …) so the schema's enum names stay
unambiguous across apps. The health note appears only for readers allowed by `can_read_health_notes`."""

from __future__ import annotations

from rest_framework import serializers

from ..models import (
    ChecklistEntry,
    ChecklistStatus,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    Goal,
    GoalStatus,
    LifeProject,
    Milestone,
    ProjectAction,
    ProjectStatus,
    ProjectTransition,
    Referral,
    ReferralStatus,
)


class Username(serializers.SlugRelatedField):
    def __init__(self, **kwargs):
        super().__init__(slug_field="username", read_only=True, **kwargs)


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["id", "description", "due_on", "done_on", "position"]
        read_only_fields = fields


class GoalSerializer(serializers.ModelSerializer):
    domain = serializers.SlugRelatedField(slug_field="code", read_only=True)
    goal_status = serializers.ChoiceField(source="status", choices=GoalStatus.choices, read_only=True)
    milestones = MilestoneSerializer(many=True, read_only=True)

    class Meta:
        model = Goal
        fields = [
            "id", "project", "domain", "description", "target_date", "goal_status", "progress",
            "progress_measure", "milestones",
        ]  # fmt: skip
        read_only_fields = fields


class ChecklistEntrySerializer(serializers.ModelSerializer):
    item = serializers.SlugRelatedField(slug_field="code", read_only=True)
    item_name = serializers.CharField(source="item.name", read_only=True)
    checklist_status = serializers.ChoiceField(source="status", choices=ChecklistStatus.choices, read_only=True)

    class Meta:
        model = ChecklistEntry
        fields = ["item", "item_name", "checklist_status", "note", "updated_at"]
        read_only_fields = fields


class TransitionSerializer(serializers.ModelSerializer):
    plan_action = serializers.ChoiceField(source="action", choices=ProjectAction.choices, read_only=True)
    actor = Username()

    class Meta:
        model = ProjectTransition
        fields = ["plan_action", "version", "comment", "actor", "at"]
        read_only_fields = fields


class ProjectSerializer(serializers.ModelSerializer):
    file_number = serializers.CharField(source="beneficiary.file_number", read_only=True)
    plan_status = serializers.ChoiceField(source="status", choices=ProjectStatus.choices, read_only=True)
    prepared_by = Username()
    submitted_by = Username()
    approved_by = Username()
    goal_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = LifeProject
        fields = [
            "id", "beneficiary", "file_number", "plan_status", "version", "summary", "prepared_by",
            "submitted_by", "submitted_at", "approved_by", "approved_at", "activated_on", "next_review_on",
            "closed_reason", "goal_count", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class ProjectDetailSerializer(ProjectSerializer):
    goals = GoalSerializer(many=True, read_only=True)
    checklist = ChecklistEntrySerializer(many=True, read_only=True)
    history = TransitionSerializer(source="transitions", many=True, read_only=True)

    class Meta(ProjectSerializer.Meta):
        fields = [*ProjectSerializer.Meta.fields, "goals", "checklist", "history"]
        read_only_fields = fields


class CommentInputSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class FollowUpSerializer(serializers.ModelSerializer):
    file_number = serializers.CharField(source="beneficiary.file_number", read_only=True)
    follow_up_status = serializers.ChoiceField(source="status", choices=FollowUpStatus.choices, read_only=True)
    state = serializers.CharField(read_only=True, help_text="overdue, due (within 7 days), or the status")
    domain = serializers.SlugRelatedField(slug_field="code", read_only=True)
    follow_up_kind = serializers.ChoiceField(source="kind", choices=FollowUpKind.choices, read_only=True)
    assigned_to = Username()
    recorded_by = Username()
    goals = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    health_note = serializers.CharField(
        read_only=True, required=False, help_text="Present only for the caseworkers and supervisors in scope."
    )

    class Meta:
        model = FollowUp
        fields = [
            "id", "beneficiary", "file_number", "project", "follow_up_status", "state", "due_on", "occurred_on",
            "domain", "follow_up_kind", "attendees", "summary", "outcome", "health_note", "goals", "next_due_on",
            "assigned_to", "recorded_by", "correction_count", "created_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_fields(self):
        fields = super().get_fields()
        # The views always say whether the reader may see health notes; without that word (schema
        # generation) the field is described, as optional.
        if self.context.get("health", True) is False:
            fields.pop("health_note")
        return fields


class FollowUpInputSerializer(serializers.Serializer):
    """Record a follow-up that took place (status "done") or plan one (status "planned")."""

    beneficiary = serializers.UUIDField()
    follow_up_status = serializers.ChoiceField(choices=[FollowUpStatus.DONE, FollowUpStatus.PLANNED])
    occurred_on = serializers.DateField(required=False, allow_null=True, default=None)
    due_on = serializers.DateField(required=False, allow_null=True, default=None)
    domain = serializers.SlugField()
    follow_up_kind = serializers.ChoiceField(choices=FollowUpKind.choices)
    attendees = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    outcome = serializers.CharField(required=False, allow_blank=True, default="")
    health_note = serializers.CharField(required=False, allow_blank=True, default="")
    goals = serializers.ListField(child=serializers.UUIDField(), required=False, default=list)
    next_due_on = serializers.DateField(required=False, allow_null=True, default=None)


class ReferralSerializer(serializers.ModelSerializer):
    file_number = serializers.CharField(source="beneficiary.file_number", read_only=True)
    partner = serializers.SlugRelatedField(slug_field="code", read_only=True)
    partner_name = serializers.CharField(source="partner.name", read_only=True)
    domain = serializers.SlugRelatedField(slug_field="code", read_only=True)
    referral_status = serializers.ChoiceField(source="status", choices=ReferralStatus.choices, read_only=True)
    created_by = Username()

    class Meta:
        model = Referral
        fields = [
            "id", "beneficiary", "file_number", "partner", "partner_name", "domain", "reason", "consent_checked",
            "consent_basis", "referral_status", "outcome", "sent_on", "answered_on", "completed_on", "created_by",
            "created_at",
        ]  # fmt: skip
        read_only_fields = fields
