"""What the life-project services share: locking, the history row, audit, the people to tell."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from casework.audit import audit_record
from casework.models import AuditAction, Role, User

from ..access import can_prepare
from ..models import LifeProject, ProjectTransition

PROJECT_AUDIT_FIELDS = [
    "status",
    "version",
    "summary",
    "prepared_by_id",
    "submitted_by_id",
    "submitted_at",
    "approved_by_id",
    "approved_at",
    "activated_on",
    "next_review_on",
    "closed_reason",
]


def lock_project(project: LifeProject) -> LifeProject:
    """Re-read the project under a row lock (the caller holds the transaction)."""
    return (
        LifeProject.objects.select_for_update().select_related("beneficiary", "beneficiary__centre").get(pk=project.pk)
    )


def require_prepare(actor: User, beneficiary, message: str | None = None) -> None:
    if not can_prepare(actor, beneficiary):
        raise PermissionDenied(message or _("You may not change this person's life project."))


def record_transition(
    *, project: LifeProject, actor: User | None, action: str, from_status: str, comment: str = ""
) -> ProjectTransition:
    return ProjectTransition.objects.create(
        project=project,
        action=action,
        from_status=from_status,
        to_status=project.status,
        version=project.version,
        comment=comment,
        actor=actor,
    )


def audit(*, actor: User | None, action: str, target, beneficiary_id, changes: dict) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=target,
        beneficiary_id=beneficiary_id,
        changes=changes,
        actor_username="" if actor else "system",
    )


def audit_update(*, actor: User | None, target, beneficiary_id, changes: dict) -> None:
    audit(actor=actor, action=AuditAction.UPDATE, target=target, beneficiary_id=beneficiary_id, changes=changes)


def file_read_record(*, actor: User, beneficiary, page: str) -> None:
    """Reading a page about a person (their plans, follow-ups, referrals, timeline) is a read of their file."""
    audit(
        actor=actor, action=AuditAction.VIEW, target=beneficiary, beneficiary_id=beneficiary.pk, changes={"page": page}
    )


def project_url(project: LifeProject) -> str:
    return reverse("plans:project", kwargs={"pk": project.pk})


def supervisors_for(beneficiary) -> list[User]:
    """The supervisors who answer for this person: their region's, or the national ones if it has none."""
    active = User.objects.filter(is_active=True, role=Role.SUPERVISOR)
    regional = list(active.filter(region_id=beneficiary.centre.region_id))
    return regional or list(active.filter(Q(region__isnull=True)))


def notify(*, recipients, kind: str, actor: User | None, project: LifeProject, params: dict | None = None) -> None:
    """Tell people about a step of the plan (in-app and by e-mail on commit), through the notifications app."""
    from casework.notifications.services import notify as send

    send(
        recipients=recipients,
        kind=kind,
        actor=actor,
        target=project,
        url=project_url(project),
        beneficiary_id=project.beneficiary_id,
        params={"file_number": project.beneficiary.file_number, **(params or {})},
    )
