"""Drafting, editing and submitting a project proposal (caseworkers, for people in their scope)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary
from casework.access import beneficiary_policy
from casework.audit import audit_record, diff, snapshot
from casework.models import AuditAction, User
from reintegration_plans.models import FINISHED_STATUSES, Goal

from ..access import can_edit_proposal
from ..models import GOAL_DOMAINS, Envelope, EquipmentItem, EquipmentLine, Grant, GrantStatus, Sector
from ..money import to_mad
from ..workflow import Action, transition_target

PROPOSAL_FIELDS = (
    "sector",
    "title",
    "description",
    "location",
    "business_plan",
    "training_and_skills",
    "expected_monthly_income",
    "envelope",
    "vocational_goal",
)
AUDIT_FIELDS = [
    "status",
    "sector_id",
    "title",
    "location",
    "expected_monthly_income",
    "requested_amount",
    "envelope_id",
    "vocational_goal_id",
]


@dataclass(frozen=True)
class LineData:
    item: str
    quantity: int
    unit_cost: Decimal
    specification: str = ""
    supplier: str = ""
    catalogue_item: EquipmentItem | None = None


def _check_goal(grant: Grant) -> None:
    """The goal a grant serves is one of this person's open life project, in a vocational domain."""
    goal = grant.vocational_goal
    if goal is None:
        return
    project = goal.project
    if (
        project.beneficiary_id != grant.beneficiary_id
        or project.status in FINISHED_STATUSES
        or goal.domain.code not in GOAL_DOMAINS
    ):
        raise ValidationError(
            {"vocational_goal": _("Choose a vocational or income-project goal of this person's current life project.")},
            code="bad_goal",
        )


def _lines_snapshot(grant: Grant) -> list:
    return [[line.item, line.quantity, str(line.unit_cost), str(line.line_total)] for line in grant.lines.all()]


def _replace_lines(grant: Grant, lines: list[LineData]) -> None:
    if not lines:
        raise ValidationError(_("A proposal needs at least one equipment line."), code="no_lines")
    grant.lines.all().delete()
    total = Decimal("0.00")
    built = []
    for position, data in enumerate(lines):
        unit_cost = to_mad(data.unit_cost)
        line = EquipmentLine(
            grant=grant,
            position=position,
            catalogue_item=data.catalogue_item,
            item=data.item,
            specification=data.specification,
            quantity=data.quantity,
            unit_cost=unit_cost,
            supplier=data.supplier,
            line_total=to_mad(unit_cost * data.quantity),
        )
        line.full_clean()
        built.append(line)
        total += line.line_total
    EquipmentLine.objects.bulk_create(built)
    grant.requested_amount = total


@transaction.atomic
def grant_proposal_create(
    *,
    actor: User,
    beneficiary: Beneficiary,
    sector: Sector,
    title: str,
    description: str,
    location: str,
    business_plan: str,
    training_and_skills: str,
    expected_monthly_income: Decimal,
    lines: list[LineData],
    envelope: Envelope | None = None,
    vocational_goal: Goal | None = None,
) -> Grant:
    # Lock the person's row so two drafts for the same person are written one after the other.
    beneficiary = (
        beneficiary_policy.changeable(actor, Beneficiary.objects.select_for_update()).filter(pk=beneficiary.pk).first()
    )
    if beneficiary is None or not (actor.is_caseworker or actor.is_supervisor or actor.is_administrator):
        raise PermissionDenied(_("You may not propose a project for this person."))
    grant = Grant(
        beneficiary=beneficiary,
        proposed_by=actor,
        sector=sector,
        title=title,
        description=description,
        location=location,
        business_plan=business_plan,
        training_and_skills=training_and_skills,
        expected_monthly_income=to_mad(expected_monthly_income),
        envelope=envelope,
        vocational_goal=vocational_goal,
    )
    _check_goal(grant)
    grant.full_clean(exclude=["requested_amount"])
    grant.save()
    _replace_lines(grant, lines)
    grant.full_clean()
    grant.save(update_fields=["requested_amount"])
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target=grant,
        beneficiary_id=grant.beneficiary_id,
        changes={**snapshot(grant, AUDIT_FIELDS), "lines": _lines_snapshot(grant)},
    )
    return grant


@transaction.atomic
def grant_proposal_update(*, actor: User, grant: Grant, lines: list[LineData], **fields) -> Grant:
    """Change a draft or returned proposal and replace its equipment lines."""
    unknown = set(fields) - set(PROPOSAL_FIELDS)
    if unknown:
        raise TypeError(f"Unknown proposal fields: {sorted(unknown)}")
    grant = Grant.objects.select_for_update().get(pk=grant.pk)
    if not can_edit_proposal(actor, grant):
        if grant.is_editable:
            raise PermissionDenied(_("You may not change this proposal."))
        raise ValidationError(
            _("Only a draft or a returned proposal can be changed; this one is “%(status)s”."),
            code="not_editable",
            params={"status": grant.get_status_display()},
        )
    before = {**snapshot(grant, AUDIT_FIELDS), "lines": _lines_snapshot(grant)}
    for name, value in fields.items():
        setattr(grant, name, to_mad(value) if name == "expected_monthly_income" else value)
    _check_goal(grant)
    _replace_lines(grant, lines)
    grant.full_clean()
    grant.save()
    after = {**snapshot(grant, AUDIT_FIELDS), "lines": _lines_snapshot(grant)}
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target=grant,
        beneficiary_id=grant.beneficiary_id,
        changes=diff(before, after),
    )
    return grant


@transaction.atomic
def grant_submit(*, actor: User, grant: Grant) -> Grant:
    grant = Grant.objects.select_for_update().get(pk=grant.pk)
    target = transition_target(grant.status, Action.SUBMIT)
    if not can_edit_proposal(actor, grant):
        raise PermissionDenied(_("You may not submit this proposal."))
    if not grant.lines.exists():
        raise ValidationError(_("A proposal needs at least one equipment line."), code="no_lines")
    before = snapshot(grant, AUDIT_FIELDS)
    grant.status = target
    grant.submitted_at = timezone.now()
    grant.decision_reason = ""
    grant.full_clean()
    grant.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target=grant,
        beneficiary_id=grant.beneficiary_id,
        changes=diff(before, snapshot(grant, AUDIT_FIELDS)),
    )
    return grant


__all__ = ["GrantStatus", "LineData", "grant_proposal_create", "grant_proposal_update", "grant_submit"]


def grant_record_view(*, actor: User, grant: Grant, printed: bool = False) -> None:
    """Reading (or printing) a person's grant is a read of their file: one entry in the trail."""
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        target=grant,
        beneficiary_id=grant.beneficiary_id,
        changes={"printed": "handover receipt"} if printed else {},
    )


def person_grants_record_view(*, actor: User, beneficiary: Beneficiary) -> None:
    """Reading the list of a person's grants is a read of their file: one entry in the trail."""
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        target=beneficiary,
        beneficiary_id=beneficiary.pk,
        changes={"page": "grants"},
    )
