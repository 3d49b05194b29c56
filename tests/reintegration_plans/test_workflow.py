"""The issue's "Done when" for the approval workflow: draft in four domains, submit, return with a comment,
revise, approve; own approval refused; illegal transitions are clear errors; every step audited."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from casework.models import AuditEntry
from casework.notifications.models import Notification
from reintegration_plans import services
from reintegration_plans.models import (
    ChecklistItem,
    LifeProject,
    ProjectAction,
    ProjectRevision,
    ProjectStatus,
    ProjectTransition,
)
from reintegration_plans.workflow import TRANSITIONS, allowed_actions, transition_target
from tests.reintegration_plans import factories as pf

pytestmark = pytest.mark.django_db


def entries(project, action=None):
    qs = AuditEntry.objects.filter(object_type="reintegration_plans.lifeproject", object_id=str(project.pk))
    if action:
        qs = qs.filter(action=action)
    return qs


def test_draft_submit_return_revise_approve(people):
    caseworker, supervisor = people.caseworker, people.supervisor
    project = pf.draft(preparer=caseworker)
    person = project.beneficiary
    assert project.status == ProjectStatus.DRAFT and project.version == 1
    assert sorted(project.goals.values_list("domain__code", flat=True)) == sorted(pf.FOUR_DOMAINS)
    assert project.checklist.count() == ChecklistItem.objects.filter(is_active=True).count() > 0

    project = services.life_project_submit(actor=caseworker, project=project)
    assert project.status == ProjectStatus.SUBMITTED and project.submitted_by == caseworker
    assert Notification.objects.filter(kind="plan_submitted", recipient=supervisor, beneficiary_id=person.pk).exists()
    assert not Notification.objects.filter(kind="plan_submitted", recipient=people.outsider_supervisor).exists()

    # The caseworker cannot approve their own plan, nor can the caseworker's neighbour (not a supervisor).
    with pytest.raises(PermissionDenied, match="prepared or submitted"):
        services.life_project_approve(actor=caseworker, project=project)
    with pytest.raises(PermissionDenied, match="Only a programme supervisor"):
        services.life_project_approve(actor=people.neighbour, project=project)
    # A supervisor of another region does not have the person in scope.
    with pytest.raises(PermissionDenied):
        services.life_project_approve(actor=people.outsider_supervisor, project=project)

    with pytest.raises(ValidationError) as error:
        services.life_project_return(actor=supervisor, project=project, comment="  ")
    assert "comment" in error.value.message_dict
    project = services.life_project_return(
        actor=supervisor, project=project, comment="Add a housing goal; the family home is too small."
    )
    assert project.status == ProjectStatus.RETURNED and project.version == 2
    assert Notification.objects.filter(kind="plan_returned", recipient=caseworker).exists()

    services.goal_add(actor=caseworker, project=project, domain=pf.domain("housing"), description="Find a flat")
    project = services.life_project_submit(actor=caseworker, project=project)
    project = services.life_project_approve(actor=supervisor, project=project, comment="Good plan.")
    assert project.status == ProjectStatus.APPROVED and project.approved_by == supervisor
    assert Notification.objects.filter(kind="plan_approved", recipient=caseworker).exists()

    # Earlier versions stay visible: one revision per submission, each as it was submitted.
    revisions = {r.version: r.snapshot for r in ProjectRevision.objects.filter(project=project)}
    assert set(revisions) == {1, 2}
    assert len(revisions[1]["goals"]) == 4 and len(revisions[2]["goals"]) == 5
    assert "housing" not in {g["domain"] for g in revisions[1]["goals"]}
    assert revisions[1]["goals"][0]["domain_name"]["ar"]

    history = list(ProjectTransition.objects.filter(project=project).values_list("action", "from_status", "to_status"))
    assert history == [
        ("create", "", "draft"),
        ("submit", "draft", "submitted"),
        ("return", "submitted", "returned"),
        ("submit", "returned", "submitted"),
        ("approve", "submitted", "approved"),
    ]
    returned = ProjectTransition.objects.get(project=project, action="return")
    assert returned.comment.startswith("Add a housing goal") and returned.actor == supervisor

    # Every step is audited, with the person's id.
    assert entries(project, "create").count() == 1
    updates = entries(project, "update")
    assert [e.changes["action"] for e in updates.order_by("at", "id")] == ["submit", "return", "submit", "approve"]
    assert set(updates.values_list("beneficiary_id", flat=True)) == {person.pk}
    assert updates.filter(actor=supervisor).count() == 2
    assert AuditEntry.objects.filter(object_type="reintegration_plans.goal", action="create").count() == 5


def test_supervisor_who_prepared_cannot_approve(people):
    project = pf.submitted(preparer=people.supervisor, beneficiary=pf.person("FES"))
    with pytest.raises(PermissionDenied, match="prepared or submitted"):
        services.life_project_approve(actor=people.supervisor, project=project)
    # Another supervisor in scope (national) may.
    assert services.life_project_approve(actor=people.national, project=project).status == ProjectStatus.APPROVED


def test_database_refuses_self_approval(people):
    project = pf.submitted(preparer=people.caseworker)
    LifeProject.objects.filter(pk=project.pk).update(status=ProjectStatus.SUBMITTED)
    with pytest.raises(IntegrityError), transaction.atomic():
        LifeProject.objects.filter(pk=project.pk).update(
            status=ProjectStatus.APPROVED, approved_by=people.caseworker, approved_at=project.submitted_at
        )


def test_one_open_project_per_person(people):
    project = pf.draft(preparer=people.caseworker)
    with pytest.raises(ValidationError, match="already has a life project"):
        services.life_project_create(actor=people.caseworker, beneficiary=project.beneficiary)
    with pytest.raises(IntegrityError), transaction.atomic():
        LifeProject.objects.create(beneficiary=project.beneficiary, prepared_by=people.caseworker)
    services.life_project_close(actor=people.caseworker, project=project, reason="Moved abroad.")
    assert services.life_project_create(actor=people.caseworker, beneficiary=project.beneficiary).version == 1


@pytest.mark.parametrize(
    "status,action",
    [
        (ProjectStatus.DRAFT, ProjectAction.APPROVE),
        (ProjectStatus.DRAFT, ProjectAction.ACTIVATE),
        (ProjectStatus.SUBMITTED, ProjectAction.SUBMIT),
        (ProjectStatus.APPROVED, ProjectAction.RETURN),
        (ProjectStatus.ACTIVE, ProjectAction.APPROVE),
        (ProjectStatus.COMPLETED, ProjectAction.CLOSE),
        (ProjectStatus.CLOSED, ProjectAction.SUBMIT),
    ],
)
def test_illegal_transitions_are_clear_errors(status, action):
    with pytest.raises(ValidationError) as error:
        transition_target(status, action)
    assert error.value.code == "illegal_transition"
    message = error.value.messages[0]
    assert str(ProjectStatus(status).label) in message and str(ProjectAction(action).label) in message


def test_transition_table_is_complete():
    assert set(TRANSITIONS) == set(ProjectAction) - {ProjectAction.CREATE}
    assert allowed_actions(ProjectStatus.COMPLETED) == []
    assert set(allowed_actions(ProjectStatus.SUBMITTED)) == {"approve", "return", "close"}


def test_illegal_steps_through_the_services_change_nothing(people):
    project = pf.draft(preparer=people.caseworker)
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match="You cannot activate a life project that is “Draft”"):
        services.life_project_activate(actor=people.caseworker, project=project)
    with pytest.raises(ValidationError, match="approve"):
        services.life_project_approve(actor=people.supervisor, project=project)
    with pytest.raises(ValidationError, match="complete"):
        services.life_project_complete(actor=people.caseworker, project=project)
    project.refresh_from_db()
    assert project.status == ProjectStatus.DRAFT and AuditEntry.objects.count() == before


def test_submit_needs_goals_and_editing_stops_after_submission(people):
    project = services.life_project_create(actor=people.caseworker, beneficiary=pf.person("FES"))
    with pytest.raises(ValidationError, match="at least one goal"):
        services.life_project_submit(actor=people.caseworker, project=project)
    project = pf.submitted(preparer=people.caseworker)
    with pytest.raises(ValidationError, match="only while the plan is a draft or returned"):
        services.goal_add(actor=people.caseworker, project=project, domain=pf.domain("family"), description="x")
    goal = project.goals.first()
    # Progress is tracked whatever the stage; the wording is not changed once submitted.
    services.goal_update(actor=people.caseworker, goal=goal, progress=40, status="in_progress")
    with pytest.raises(ValidationError):
        services.goal_update(actor=people.caseworker, goal=goal, description="Another goal")


def test_activate_sets_review_and_revision_reopens(people, settings):
    settings.PLAN_REVIEW_INTERVAL_MONTHS = 3
    project = pf.active(preparer=people.caseworker, supervisor=people.supervisor, start=datetime.date(2021, 11, 30))
    assert project.status == ProjectStatus.ACTIVE
    assert project.next_review_on == datetime.date(2022, 2, 28)
    project = services.life_project_revise(actor=people.caseworker, project=project, comment="New job offer.")
    assert project.status == ProjectStatus.DRAFT and project.version == 2 and project.approved_by is None
    assert project.next_review_on is None


def test_close_needs_a_reason_and_outsiders_may_not_act(people):
    project = pf.draft(preparer=people.caseworker)
    with pytest.raises(ValidationError) as error:
        services.life_project_close(actor=people.caseworker, project=project, reason="")
    assert "reason" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.life_project_close(actor=people.outsider, project=project, reason="x")
    with pytest.raises(PermissionDenied):
        services.life_project_submit(actor=people.administrator, project=project)
    closed = services.life_project_close(actor=people.caseworker, project=project, reason="Re-incarcerated.")
    assert closed.status == ProjectStatus.CLOSED and closed.closed_reason == "Re-incarcerated."


def test_checklist_update_is_audited_and_scoped(people):
    project = pf.draft(preparer=people.caseworker)
    entry = project.checklist.select_related("item").get(item__code="cin")
    changed = services.checklist_update(actor=people.caseworker, project=project, entries={entry.pk: ("done", "OK")})
    assert changed == 1
    entry.refresh_from_db()
    assert entry.status == "done" and entry.updated_by == people.caseworker
    audit = entries(project, "update").latest("at")
    assert audit.changes["checklist"]["cin"] == [["to_do", ""], ["done", "OK"]]
    other = pf.draft(preparer=people.caseworker)
    foreign = other.checklist.first()
    with pytest.raises(ValidationError):
        services.checklist_update(actor=people.caseworker, project=project, entries={foreign.pk: ("done", "")})
