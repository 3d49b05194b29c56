"""REST API under /api/v1/plans/: every queryset is a selector, so the access policy scopes every list and
every detail (out of scope = 404); reading one record is audited; writes go through the same services as
the pages (in scope but not allowed = 403)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from beneficiaries.models import Beneficiary
from casework.access import beneficiary_policy
from casework.api.lists import ListColumnsMixin
from casework.api.pagination import CountedInScopeMixin

from .. import selectors, services
from ..access import can_read_health_notes
from ..models import ChecklistEntry, FollowUp, FollowUpStatus, Goal, LifeProject, Milestone, ProjectTransition, Referral
from .filters import FollowUpFilter, GoalFilter, ProjectFilter, ReferralFilter
from .serializers import (
    CommentInputSerializer,
    FollowUpInputSerializer,
    FollowUpSerializer,
    GoalSerializer,
    ProjectDetailSerializer,
    ProjectSerializer,
    ReferralSerializer,
)

UUID_PATTERN = "[0-9a-fA-F-]{36}"


def _raise_for_drf(exc: Exception):
    if isinstance(exc, DjangoPermissionDenied):
        raise PermissionDenied(str(exc) or None) from exc
    detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
    raise ValidationError(detail) from exc


class ProjectViewSet(ListColumnsMixin, CountedInScopeMixin, viewsets.ReadOnlyModelViewSet):
    """Life projects in scope. Actions: submit (preparing side), approve / return (a supervisor who did
    not prepare or submit it; return needs a comment)."""

    serializer_class = ProjectSerializer
    scope_model = LifeProject
    list_related = {
        "beneficiary": ("file_number",),
        "prepared_by": ("username",),
        "submitted_by": ("username",),
        "approved_by": ("username",),
    }
    filterset_class = ProjectFilter
    lookup_value_regex = UUID_PATTERN

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return LifeProject.objects.none()
        qs = selectors.project_list(user=self.request.user)
        if self.action != "list":
            qs = qs.prefetch_related(
                Prefetch(
                    "goals",
                    queryset=Goal.objects.select_related("domain")
                    .prefetch_related(Prefetch("milestones", queryset=Milestone.objects.order_by("position", "id")))
                    .order_by("domain__position", "created_at"),
                ),
                Prefetch(
                    "checklist", queryset=ChecklistEntry.objects.select_related("item").order_by("item__position")
                ),
                Prefetch(
                    "transitions", queryset=ProjectTransition.objects.select_related("actor").order_by("at", "id")
                ),
            )
        return qs

    def get_serializer_class(self):
        return ProjectSerializer if self.action == "list" else ProjectDetailSerializer

    def retrieve(self, request, *args, **kwargs):
        project = self.get_object()
        services.life_project_record_view(actor=request.user, project=project)
        return Response(self.get_serializer(project).data)

    def _step(self, request, call):
        project = self.get_object()
        try:
            call(project)
        except (DjangoValidationError, DjangoPermissionDenied) as exc:
            _raise_for_drf(exc)
        return Response(ProjectDetailSerializer(self.get_object()).data, status=status.HTTP_200_OK)

    @extend_schema(request=None, responses=ProjectDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._step(request, lambda p: services.life_project_submit(actor=request.user, project=p))

    @extend_schema(request=CommentInputSerializer, responses=ProjectDetailSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        data = CommentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        comment = data.validated_data["comment"]
        return self._step(
            request, lambda p: services.life_project_approve(actor=request.user, project=p, comment=comment)
        )

    @extend_schema(request=CommentInputSerializer, responses=ProjectDetailSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_for_changes(self, request, pk=None):
        data = CommentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        comment = data.validated_data["comment"]
        return self._step(
            request, lambda p: services.life_project_return(actor=request.user, project=p, comment=comment)
        )


class GoalViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = GoalSerializer
    filterset_class = GoalFilter
    lookup_value_regex = UUID_PATTERN

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Goal.objects.none()
        selectors.require_file_reader(self.request.user)
        return (
            beneficiary_policy.visible(self.request.user, Goal.objects.all(), path="project__beneficiary")
            .select_related("domain", "project")
            .prefetch_related(Prefetch("milestones", queryset=Milestone.objects.order_by("position", "id")))
            .order_by("project_id", "created_at", "id")
        )

    def retrieve(self, request, *args, **kwargs):
        goal = self.get_object()
        services.life_project_record_view(actor=request.user, project=goal.project)
        return Response(self.get_serializer(goal).data)


class FollowUpViewSet(ListColumnsMixin, CountedInScopeMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Follow-ups in scope; `state` is overdue / due / the status. POST records one that took place
    (follow_up_status "done", with occurred_on; a next_due_on plans the next one) or plans one
    (follow_up_status "planned", with due_on)."""

    serializer_class = FollowUpSerializer
    scope_model = FollowUp
    list_related = {
        "beneficiary": ("file_number",),
        "domain": ("code",),
        "assigned_to": ("username",),
        "recorded_by": ("username",),
    }
    filterset_class = FollowUpFilter
    lookup_value_regex = UUID_PATTERN

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return FollowUp.objects.none()
        return selectors.follow_up_list(user=self.request.user).select_related("recorded_by").prefetch_related("goals")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            # Rows are scoped by the policy: the role part of the rule decides, once per request.
            context["health"] = can_read_health_notes(self.request.user)
        return context

    def retrieve(self, request, *args, **kwargs):
        follow_up = self.get_object()
        services.follow_up_record_view(actor=request.user, follow_up=follow_up)
        return Response(self.get_serializer(follow_up).data)

    @extend_schema(request=FollowUpInputSerializer, responses={201: FollowUpSerializer})
    def create(self, request, *args, **kwargs):
        user = request.user
        selectors.require_file_reader(user)
        data = FollowUpInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        person = beneficiary_policy.get_visible_or_404(user, Beneficiary.objects.all(), pk=values.pop("beneficiary"))
        domain = selectors.domains().filter(code=values.pop("domain")).first()
        if domain is None:
            raise ValidationError({"domain": [_("Unknown domain code.")]})
        goal_ids = values.pop("goals")
        goals = list(selectors.goals_for_person(user=user, beneficiary=person).filter(pk__in=goal_ids))
        if len(goals) != len(set(goal_ids)):
            raise ValidationError({"goals": [_("Link only goals of this person's open life project.")]})
        kind = values.pop("follow_up_kind")
        try:
            if values.pop("follow_up_status") == FollowUpStatus.PLANNED:
                follow_up = services.follow_up_plan(
                    actor=user,
                    beneficiary=person,
                    due_on=values["due_on"],
                    domain=domain,
                    kind=kind,
                    summary=values["summary"],
                )
            else:
                values.pop("due_on", None)
                if not can_read_health_notes(user, person):
                    values["health_note"] = ""
                follow_up = services.follow_up_record(
                    actor=user, beneficiary=person, domain=domain, kind=kind, goals=goals, **values
                )
        except (DjangoValidationError, DjangoPermissionDenied) as exc:
            _raise_for_drf(exc)
        follow_up = self.get_queryset().get(pk=follow_up.pk)
        return Response(self.get_serializer(follow_up).data, status=status.HTTP_201_CREATED)


class ReferralViewSet(ListColumnsMixin, CountedInScopeMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ReferralSerializer
    scope_model = Referral
    list_related = {"beneficiary": ("file_number",), "partner": None, "domain": ("code",), "created_by": ("username",)}
    filterset_class = ReferralFilter
    lookup_value_regex = UUID_PATTERN

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Referral.objects.none()
        return selectors.referral_list(user=self.request.user)

    def retrieve(self, request, *args, **kwargs):
        referral = self.get_object()
        services.referral_record_view(actor=request.user, referral=referral)
        return Response(self.get_serializer(referral).data)
