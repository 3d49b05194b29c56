"""Proposals API: list, read (audited), draft with equipment lines, change a draft, submit, committee
scoring, decide. Every queryset is a selector (out of scope = 404); every write is one service."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from beneficiaries.models import Beneficiary
from casework.access import beneficiary_policy
from casework.api.lists import ListColumnsMixin
from casework.api.pagination import CountedInScopeMixin

from .. import selectors, services
from ..filters import GrantFilter
from ..models import EquipmentItem, Grant, GrantScore, ScoringCriterion, Sector
from ..services import LineData, ScoreData
from .serializers import (
    DecisionInputSerializer,
    GrantSerializer,
    ProposalCreateInputSerializer,
    ProposalInputSerializer,
    ScoresInputSerializer,
)

UUID_PATTERN = "[0-9a-fA-F-]{36}"


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError({field: message})


def resolve_proposal_fields(user, data: dict, beneficiary: Beneficiary) -> dict:
    """Turn the API's codes and ids into rows the user may use; unknown or out-of-scope ones are field errors."""
    values = {}
    if "sector" in data:
        values["sector"] = Sector.objects.filter(code=data["sector"], is_active=True).first()
        if values["sector"] is None:
            raise _invalid("sector", _("Unknown or retired sector code."))
    for name in ("title", "description", "location", "business_plan", "training_and_skills"):
        if name in data:
            values[name] = data[name]
    if "expected_monthly_income" in data:
        values["expected_monthly_income"] = data["expected_monthly_income"]
    if data.get("envelope"):
        envelope = selectors.envelope_list(user=user).filter(pk=data["envelope"], is_open=True).first()
        if envelope is None:
            raise _invalid("envelope", _("No open envelope with this id is available to you."))
        values["envelope"] = envelope
    elif "envelope" in data:
        values["envelope"] = None
    if data.get("vocational_goal"):
        goal = selectors.vocational_goals(user=user, beneficiary=beneficiary).filter(pk=data["vocational_goal"]).first()
        if goal is None:
            raise _invalid("vocational_goal", _("Not a vocational goal of this person's current life project."))
        values["vocational_goal"] = goal
    elif "vocational_goal" in data:
        values["vocational_goal"] = None
    return values


def resolve_lines(rows: list[dict]) -> list[LineData]:
    ids = {row["catalogue_item"] for row in rows if row.get("catalogue_item")}
    catalogue = {item.pk: item for item in EquipmentItem.objects.filter(pk__in=ids, is_active=True)}
    lines = []
    for index, row in enumerate(rows):
        entry = catalogue.get(row.get("catalogue_item")) if row.get("catalogue_item") else None
        if row.get("catalogue_item") and entry is None:
            raise _invalid("lines", _("Line %(n)s: unknown or retired catalogue item.") % {"n": index + 1})
        item = row.get("item") or (entry.name if entry else "")
        unit_cost = row.get("unit_cost")
        if unit_cost is None and entry is not None:
            unit_cost = entry.reference_unit_cost
        if not item or unit_cost is None:
            raise _invalid(
                "lines", _("Line %(n)s: give the item and its unit cost (or a catalogue item).") % {"n": index + 1}
            )
        lines.append(
            LineData(
                item=item,
                specification=row.get("specification") or (entry.specification if entry else ""),
                quantity=row["quantity"],
                unit_cost=unit_cost,
                supplier=row.get("supplier", ""),
                catalogue_item=entry,
            )
        )
    return lines


def _current_lines(grant) -> list[LineData]:
    return [
        LineData(
            item=line.item,
            specification=line.specification,
            quantity=line.quantity,
            unit_cost=line.unit_cost,
            supplier=line.supplier,
            catalogue_item=line.catalogue_item,
        )
        for line in grant.lines.all()
    ]


class GrantViewSet(
    ListColumnsMixin,
    CountedInScopeMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Proposals and grants of the people in scope. POST drafts a proposal with its equipment lines;
    PUT/PATCH change a draft or returned proposal (PATCH keeps the lines unless `lines` is given)."""

    serializer_class = GrantSerializer
    scope_model = Grant
    list_related = {"beneficiary": ("file_number",), "sector": ("code",)}
    filterset_class = GrantFilter
    lookup_value_regex = UUID_PATTERN

    def get_queryset(self):
        return (
            selectors.grant_list(user=self.request.user)
            .prefetch_related("lines", Prefetch("scores", queryset=GrantScore.objects.select_related("criterion")))
            .order_by("-created_at", "pk")
        )

    def _fresh(self, grant):
        return self.get_queryset().get(pk=grant.pk)

    def retrieve(self, request, *args, **kwargs):
        grant = self.get_object()
        services.grant_record_view(actor=request.user, grant=grant)
        return Response(self.get_serializer(grant).data)

    @extend_schema(request=ProposalCreateInputSerializer, responses={201: GrantSerializer})
    def create(self, request, *args, **kwargs):
        user = request.user
        if not (user.is_caseworker or user.is_supervisor or user.is_administrator):
            raise PermissionDenied
        data = ProposalCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        person = beneficiary_policy.changeable(user, Beneficiary.objects.all()).filter(pk=values["beneficiary"]).first()
        if person is None:
            raise _invalid("beneficiary", _("No file with this id that you may change."))
        grant = services.grant_proposal_create(
            actor=user,
            beneficiary=person,
            lines=resolve_lines(values["lines"]),
            **resolve_proposal_fields(user, values, person),
        )
        return Response(GrantSerializer(self._fresh(grant)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ProposalInputSerializer, responses=GrantSerializer)
    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        grant = self.get_object()
        data = ProposalInputSerializer(data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        lines = resolve_lines(values["lines"]) if "lines" in values else _current_lines(grant)
        services.grant_proposal_update(
            actor=request.user,
            grant=grant,
            lines=lines,
            **resolve_proposal_fields(request.user, values, grant.beneficiary),
        )
        return Response(GrantSerializer(self._fresh(grant)).data)

    @extend_schema(request=ProposalInputSerializer, responses=GrantSerializer)
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    @extend_schema(request=None, responses=GrantSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        grant = services.grant_submit(actor=request.user, grant=self.get_object())
        return Response(GrantSerializer(self._fresh(grant)).data)

    @extend_schema(request=DecisionInputSerializer, responses=GrantSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        grant = self.get_object()
        data = DecisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        envelope_id = values.pop("envelope", None)
        envelope = None
        if envelope_id:
            envelope = selectors.envelope_list(user=request.user).filter(pk=envelope_id).first()
            if envelope is None:
                raise _invalid("envelope", _("No envelope with this id is available to you."))
        grant = services.grant_decide(actor=request.user, grant=grant, envelope=envelope, **values)
        return Response(GrantSerializer(self._fresh(grant)).data)

    @extend_schema(request=ScoresInputSerializer, responses=GrantSerializer)
    @action(detail=True, methods=["post"])
    def scores(self, request, pk=None):
        """Committee scoring (optional) by a supervisor who may decide on the proposal."""
        grant = self.get_object()
        data = ScoresInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rows = data.validated_data["scores"]
        criteria = {c.code: c for c in ScoringCriterion.objects.filter(code__in=[r["criterion"] for r in rows])}
        unknown = sorted({r["criterion"] for r in rows} - set(criteria))
        if unknown:
            raise _invalid("scores", _("Unknown criteria: %(codes)s.") % {"codes": ", ".join(unknown)})
        services.grant_score_set(
            actor=request.user,
            grant=grant,
            scores=[
                ScoreData(criterion=criteria[r["criterion"]], score=r["score"], comment=r["comment"]) for r in rows
            ],
        )
        return Response(GrantSerializer(self._fresh(grant)).data)
