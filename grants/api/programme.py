"""Programme-level API: budget envelopes and their allocations, distribution events, and the reference data
(sectors, catalogue, scoring criteria). Reads follow the grants access policies; writes are one service each
(administrators; supervisors may put grants of people in their scope on an event or take them off)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from casework.models import Centre, Region

from .. import selectors, services
from ..access import envelope_policy, event_policy
from ..models import EquipmentItem, ScoringCriterion, Sector
from ..services import OfficialData
from .proposals import UUID_PATTERN
from .serializers import (
    AllocationInputSerializer,
    AllocationSerializer,
    AssignInputSerializer,
    CatalogueItemSerializer,
    CriterionSerializer,
    EnvelopeInputSerializer,
    EnvelopeSerializer,
    EventInputSerializer,
    EventSerializer,
    SectorSerializer,
)

ENVELOPE_FIELDS = ("name", "funder", "period_start", "period_end", "total_amount", "is_open")


class EnvelopeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Budget envelopes (supervisors and administrators read them; administrators open and change them)."""

    serializer_class = EnvelopeSerializer
    filterset_fields = ["is_open"]
    lookup_value_regex = UUID_PATTERN

    def get_queryset(self):
        return selectors.envelope_list(user=self.request.user).order_by("-period_start", "name")

    @extend_schema(request=EnvelopeInputSerializer, responses={201: EnvelopeSerializer})
    def create(self, request, *args, **kwargs):
        if not envelope_policy.can_manage(request.user):
            raise PermissionDenied
        data = EnvelopeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("is_open", None)
        envelope = services.envelope_create(actor=request.user, **values)
        return Response(EnvelopeSerializer(envelope).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=EnvelopeInputSerializer, responses=EnvelopeSerializer)
    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        envelope = self.get_object()
        if not envelope_policy.can_manage(request.user):
            raise PermissionDenied
        data = EnvelopeInputSerializer(data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        values = {name: data.validated_data.get(name, getattr(envelope, name)) for name in ENVELOPE_FIELDS}
        envelope = services.envelope_update(actor=request.user, envelope=envelope, **values)
        return Response(EnvelopeSerializer(envelope).data)

    @extend_schema(request=EnvelopeInputSerializer, responses=EnvelopeSerializer)
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    @extend_schema(methods=["get"], request=None, responses=AllocationSerializer(many=True))
    @extend_schema(methods=["post"], request=AllocationInputSerializer, responses={201: AllocationSerializer})
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def allocations(self, request, pk=None):
        """GET: the envelope's allocations with what is used of each. POST (administrators): set the amount
        allocated to one region or one city (centre) — creates it, or changes it."""
        envelope = self.get_object()
        if request.method == "POST":
            if not envelope_policy.can_manage(request.user):
                raise PermissionDenied
            data = AllocationInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            values = data.validated_data
            region = Region.objects.filter(code=values.get("region")).first() if values.get("region") else None
            centre = Centre.objects.filter(code=values.get("centre")).first() if values.get("centre") else None
            if values.get("region") and region is None:
                raise ValidationError({"region": _("Unknown region code.")})
            if values.get("centre") and centre is None:
                raise ValidationError({"centre": _("Unknown centre code.")})
            allocation = services.envelope_allocation_set(
                actor=request.user, envelope=envelope, amount=values["amount"], region=region, centre=centre
            )
            fresh = selectors.envelope_allocation_get(user=request.user, envelope=envelope, allocation_id=allocation.pk)
            return Response(AllocationSerializer(fresh).data, status=status.HTTP_201_CREATED)
        allocations = selectors.envelope_allocations(user=request.user, envelope=envelope)
        return Response(AllocationSerializer(allocations, many=True).data)

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["delete"], url_path=r"allocations/(?P<allocation_id>[0-9]+)")
    def allocation_remove(self, request, pk=None, allocation_id=None):
        envelope = self.get_object()
        allocation = selectors.envelope_allocation_get(
            user=request.user, envelope=envelope, allocation_id=allocation_id
        )
        services.envelope_allocation_remove(actor=request.user, allocation=allocation)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _event_values(user, values: dict) -> dict:
    envelope = selectors.envelope_list(user=user).filter(pk=values["envelope"]).first()
    if envelope is None:
        raise ValidationError({"envelope": _("No envelope with this id is available to you.")})
    centre = Centre.objects.filter(code=values["centre"]).first()
    if centre is None:
        raise ValidationError({"centre": _("Unknown centre code.")})
    return {
        "envelope": envelope,
        "centre": centre,
        "city": values["city"],
        "date": values["date"],
        "place": values["place"],
        "officials": [OfficialData(**official) for official in values.get("officials", [])],
    }


class EventViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Distribution events in scope. Administrators organise, change and cancel (DELETE, only while empty);
    administrators and supervisors put approved grants on an event and take them off."""

    serializer_class = EventSerializer
    filterset_fields = ["envelope", "date"]
    lookup_value_regex = UUID_PATTERN

    def get_queryset(self):
        return selectors.event_list(user=self.request.user).order_by("-date", "city", "pk")

    def _fresh(self, event):
        return self.get_queryset().get(pk=event.pk)

    def _require_organiser(self):
        if not (event_policy.can_manage(self.request.user) and self.request.user.is_administrator):
            raise PermissionDenied

    @extend_schema(request=EventInputSerializer, responses={201: EventSerializer})
    def create(self, request, *args, **kwargs):
        self._require_organiser()
        data = EventInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        event = services.event_create(actor=request.user, **_event_values(request.user, data.validated_data))
        return Response(EventSerializer(self._fresh(event)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=EventInputSerializer, responses=EventSerializer)
    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        event = self.get_object()
        self._require_organiser()
        current = {
            "envelope": event.envelope_id,
            "centre": event.centre.code,
            "city": event.city,
            "date": event.date,
            "place": event.place,
            "officials": [
                {"title": o.title, "name": o.name, "organisation": o.organisation} for o in event.officials.all()
            ],
        }
        data = EventInputSerializer(data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        values = {**current, **data.validated_data}
        services.event_update(actor=request.user, event=event, **_event_values(request.user, values))
        return Response(EventSerializer(self._fresh(event)).data)

    @extend_schema(request=EventInputSerializer, responses=EventSerializer)
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request, *args, **kwargs):
        event = self.get_object()
        self._require_organiser()
        services.event_delete(actor=request.user, event=event)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=AssignInputSerializer, responses=EventSerializer)
    @action(detail=True, methods=["post"])
    def grants(self, request, pk=None):
        """Put approved grants of the event's envelope on the event."""
        event = self.get_object()
        data = AssignInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        ids = data.validated_data["grants"]
        grants = list(selectors.grant_list(user=request.user).filter(pk__in=ids))
        if len(grants) != len(set(ids)):
            raise ValidationError({"grants": _("Some of these grants do not exist or are not in your scope.")})
        services.event_assign_grants(actor=request.user, event=event, grants=grants)
        return Response(EventSerializer(self._fresh(event)).data)

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["delete"], url_path=rf"grants/(?P<grant_id>{UUID_PATTERN})")
    def grant_remove(self, request, pk=None, grant_id=None):
        """Take an approved, not yet delivered grant off the event."""
        event = self.get_object()
        grant = selectors.grant_get(user=request.user, grant_id=grant_id)
        services.event_remove_grant(actor=request.user, event=event, grant=grant)
        return Response(status=status.HTTP_204_NO_CONTENT)


class _ReferenceViewSet(viewsets.ReadOnlyModelViewSet):
    model: type = None

    def get_queryset(self):
        return selectors.reference_rows(user=self.request.user, model=self.model)


class SectorViewSet(_ReferenceViewSet):
    """Project sectors (reference data)."""

    serializer_class = SectorSerializer
    filterset_fields = ["is_active"]
    model = Sector


class CatalogueViewSet(_ReferenceViewSet):
    """The equipment catalogue (items per sector with an indicative unit cost)."""

    serializer_class = CatalogueItemSerializer
    filterset_fields = ["is_active", "sector"]
    model = EquipmentItem


class CriterionViewSet(_ReferenceViewSet):
    """The committee's scoring criteria (reference data)."""

    serializer_class = CriterionSerializer
    filterset_fields = ["is_active"]
    model = ScoringCriterion
