"""Deliveries (record one, with the signed receipt scan as multipart), monitoring visits (record one) and
the survival indicators. Person-level rows through the beneficiary policy; detail reads are audited."""

from __future__ import annotations

import django_filters
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from casework.api.lists import ListColumnsMixin
from casework.api.pagination import CountedInScopeMixin

from .. import selectors, services
from ..models import Delivery, MonitoringVisit
from .proposals import UUID_PATTERN
from .serializers import DeliveryInputSerializer, DeliverySerializer, VisitInputSerializer, VisitSerializer


class DeliveryViewSet(
    ListColumnsMixin,
    CountedInScopeMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Deliveries of the people in scope. POST (multipart, with the signed receipt scan as `receipt`) records
    the handover of an approved grant: it becomes delivered, its amount moves from committed to spent, and
    the 3-, 6- and 12-month monitoring visits are scheduled."""

    serializer_class = DeliverySerializer
    scope_model = Delivery
    scope_path = "grant__beneficiary"
    list_related: dict = {}  # the serializer reads the grant's id only
    filterset_fields = ["delivered_on", "grant__envelope", "grant__event"]
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    lookup_value_regex = UUID_PATTERN

    def get_queryset(self):
        return selectors.delivery_list(user=self.request.user).order_by("-delivered_on", "pk")

    def retrieve(self, request, *args, **kwargs):
        delivery = self.get_object()
        services.grant_record_view(actor=request.user, grant=delivery.grant)
        return Response(self.get_serializer(delivery).data)

    @extend_schema(request={"multipart/form-data": DeliveryInputSerializer}, responses={201: DeliverySerializer})
    def create(self, request, *args, **kwargs):
        data = DeliveryInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        grant = selectors.grant_get(user=request.user, grant_id=values["grant"])
        event = None
        if values.get("event"):
            event = selectors.event_list(user=request.user).filter(pk=values["event"]).first()
            if event is None:
                raise ValidationError({"event": _("No distribution event with this id is available to you.")})
        delivery = services.grant_deliver(
            actor=request.user,
            grant=grant,
            delivered_on=values["delivered_on"],
            event=event,
            delivered_line_ids=values.get("items") or None,
            receipt=values.get("receipt"),
            notes=values.get("notes", ""),
        )
        return Response(DeliverySerializer(delivery).data, status=status.HTTP_201_CREATED)


class VisitFilter(django_filters.FilterSet):
    done = django_filters.BooleanFilter(field_name="visited_on", lookup_expr="isnull", exclude=True)
    due_before = django_filters.DateFilter(field_name="due_on", lookup_expr="lte")

    class Meta:
        model = MonitoringVisit
        fields = ["grant", "months_after", "survival_status", "done", "due_before"]


class VisitViewSet(
    ListColumnsMixin,
    CountedInScopeMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Monitoring visits in scope (`state`: done, overdue, due within 7 days, scheduled)."""

    serializer_class = VisitSerializer
    scope_model = MonitoringVisit
    scope_path = "grant__beneficiary"
    list_related: dict = {}  # the serializer reads the grant's id only
    filterset_class = VisitFilter
    lookup_value_regex = UUID_PATTERN

    def get_queryset(self):
        return selectors.visit_list(user=self.request.user).order_by("due_on", "pk")

    def retrieve(self, request, *args, **kwargs):
        visit = self.get_object()
        services.grant_record_view(actor=request.user, grant=visit.grant)
        return Response(self.get_serializer(visit).data)

    @extend_schema(request=VisitInputSerializer, responses=VisitSerializer)
    @action(detail=True, methods=["post"])
    def record(self, request, pk=None):
        """Record (or correct) the visit: activity, equipment held and used, income, jobs, survival status."""
        visit = self.get_object()
        data = VisitInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = {"monthly_income": None, "jobs_created": None, **data.validated_data}
        visit = services.visit_record(actor=request.user, visit=visit, **values)
        return Response(VisitSerializer(selectors.visit_list(user=request.user).get(pk=visit.pk)).data)


_RATE = {"max_digits": 5, "decimal_places": 1, "allow_null": True}
SurvivalRow = inline_serializer(
    "SurvivalRow",
    fields={
        "group": serializers.CharField(allow_null=True),
        "label": serializers.CharField(allow_null=True),
        **{
            f"m{m}_{name}": serializers.IntegerField()
            for m in selectors.SURVIVAL_MONTHS
            for name in ("recorded", "alive", "pending")
        },
        **{f"m{m}_rate": serializers.DecimalField(**_RATE) for m in selectors.SURVIVAL_MONTHS},
    },
)


class SurvivalIndicatorsAPI(APIView):
    """Survival rate of projects at 6 and 12 months, overall and per sector, city and edition (counts only;
    staff: the people in their scope; partner viewers: national)."""

    @extend_schema(
        responses=inline_serializer(
            "SurvivalIndicators",
            fields={
                "total": SurvivalRow,
                "sector": SurvivalRow.__class__(many=True),
                "city": SurvivalRow.__class__(many=True),
                "edition": SurvivalRow.__class__(many=True),
            },
        )
    )
    def get(self, request):
        data = selectors.survival_indicators(user=request.user)
        rows = {key: data[key] for key in ("sector", "city", "edition")}

        def clean(row):
            return {k: (str(v) if k in ("group", "label") and v is not None else v) for k, v in row.items()}

        return Response({"total": clean(data["total"]), **{k: [clean(r) for r in v] for k, v in rows.items()}})
