"""/api/v1/watchlist/alerts/: the same compartment as the pages. Anyone who may not read the watchlist gets
404 on every endpoint; every list and detail read is audited; state changes go through the one service."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from ..api.lists import ListColumnsMixin
from . import selectors, services
from .access import watchlist_policy
from .forms import AlertFilterForm
from .models import Alert, AlertOutcome, Severity
from .workflow import AlertAction


class AlertSerializer(serializers.ModelSerializer):
    file_number = serializers.CharField(source="beneficiary.file_number", read_only=True)
    centre = serializers.CharField(source="beneficiary.centre.code", read_only=True)
    indicator = serializers.CharField(source="indicator.code", read_only=True)
    indicator_name = serializers.CharField(source="indicator.name", read_only=True)

    class Meta:
        model = Alert
        fields = [
            "id", "beneficiary", "file_number", "centre", "indicator", "indicator_name", "severity", "status",
            "source", "evidence", "note", "raised_at", "acknowledged_at", "assessed_at", "assessment", "closed_at",
            "outcome", "outcome_note",
        ]  # fmt: skip


class TransitionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=AlertAction.choices)
    assessment = serializers.CharField(required=False, allow_blank=True, default="")
    severity = serializers.ChoiceField(choices=Severity.choices, required=False, allow_blank=True, default="")
    outcome = serializers.ChoiceField(choices=AlertOutcome.choices, required=False, allow_blank=True, default="")
    outcome_note = serializers.CharField(required=False, allow_blank=True, default="")


class AlertViewSet(ListColumnsMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = AlertSerializer
    list_related = {"beneficiary": ("file_number", "centre"), "beneficiary__centre": ("code",), "indicator": None}
    filter_backends: list = []  # filtered by the same form as the page, inside the selector

    def _filters(self) -> dict:
        params = self.request.query_params
        form = AlertFilterForm({k: params.get(k, "") for k in ("severity", "status", "indicator", "centre")})
        return form.filters()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator: no user, no rows
            return Alert.objects.none()
        watchlist_policy.require_reader(self.request.user)
        return selectors.alert_list(user=self.request.user, **self._filters())

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        services.watchlist_record_read(actor=request.user, alerts=page, filters=self._filters(), via="api")
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_object(self):
        return selectors.alert_get(user=self.request.user, pk=self.kwargs["pk"])

    def retrieve(self, request, *args, **kwargs):
        alert = self.get_object()
        services.alert_record_view(actor=request.user, alert=alert, via="api")
        return Response(self.get_serializer(alert).data)

    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        alert = self.get_object()
        data = TransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            alert = services.alert_transition(actor=request.user, alert=alert, **data.validated_data)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc) or None) from exc
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from exc
        return Response(self.get_serializer(alert).data)
