"""Life projects with goals, milestones, checklist and history; referrals to partners."""

from __future__ import annotations

import datetime
from random import Random

from beneficiaries.models import Status
from reintegration_plans import models as pm

from .context import Context
from .copy import copy_rows, make_uuid
from .names import GOALS

# Project status by the person's file status.
BY_FILE_STATUS = {
    Status.PROJECT_RUNNING: [(pm.ProjectStatus.ACTIVE, 1)],
    Status.RELEASED: [
        (pm.ProjectStatus.ACTIVE, 60),
        (pm.ProjectStatus.APPROVED, 8),
        (pm.ProjectStatus.SUBMITTED, 8),
        (pm.ProjectStatus.RETURNED, 4),
        (pm.ProjectStatus.DRAFT, 12),
        (pm.ProjectStatus.COMPLETED, 8),
    ],
    Status.CLOSED: [(pm.ProjectStatus.COMPLETED, 6), (pm.ProjectStatus.CLOSED, 4)],
    Status.REINCARCERATED: [(pm.ProjectStatus.CLOSED, 1)],
    Status.DECEASED: [(pm.ProjectStatus.CLOSED, 1)],
}
GOAL_STATUSES, CHECKLIST_STATUSES = pm.GoalStatus.values, pm.ChecklistStatus.values
REFERRAL_STATUSES = pm.ReferralStatus.values
# The path of transitions that leads to each status.
PATHS = {
    pm.ProjectStatus.DRAFT: ["create"],
    pm.ProjectStatus.SUBMITTED: ["create", "submit"],
    pm.ProjectStatus.RETURNED: ["create", "submit", "return"],
    pm.ProjectStatus.APPROVED: ["create", "submit", "approve"],
    pm.ProjectStatus.ACTIVE: ["create", "submit", "approve", "activate"],
    pm.ProjectStatus.COMPLETED: ["create", "submit", "approve", "activate", "complete"],
    pm.ProjectStatus.CLOSED: ["create", "submit", "approve", "activate", "close"],
}
AFTER = {
    "create": "draft",
    "submit": "submitted",
    "return": "returned",
    "approve": "approved",
    "activate": "active",
    "complete": "completed",
    "close": "closed",
}


def _pick(rng: Random, pairs):
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def reference_ids(model) -> list:
    return list(model.objects.filter(is_active=True).order_by("position", "code").values_list("pk", flat=True))


def create_projects(ctx: Context) -> None:
    rng = ctx.rng("projects")
    domains = reference_ids(pm.Domain)
    items = reference_ids(pm.ChecklistItem)
    projects, goals, milestones, checklist, history = [], [], [], [], []
    for person in ctx.people:
        choices = BY_FILE_STATUS.get(person.status)
        if not choices or person.release_date > ctx.today:
            continue
        status = _pick(rng, choices)
        started = person.release_date + datetime.timedelta(days=rng.randrange(7, 45))
        started = min(started, ctx.today - datetime.timedelta(days=1))
        path = PATHS[status]
        approved = "approve" in path
        supervisor = ctx.supervisor_for(ctx.centres[person.centre].region_id, rng) if len(path) > 1 else None
        project = {
            "id": make_uuid(rng),
            "beneficiary_id": person.id,
            "centre_id": ctx.centres[person.centre].id,
            "status": status,
            "version": 1,
            "summary": "Stabilité familiale, emploi et projet générateur de revenus",
            "prepared_by_id": person.caseworker,
            "submitted_by_id": person.caseworker if len(path) > 1 else None,
            "submitted_at": ctx.at(started + datetime.timedelta(days=5), rng) if len(path) > 1 else None,
            "approved_by_id": supervisor if approved else None,
            "approved_at": ctx.at(started + datetime.timedelta(days=12), rng) if approved else None,
            "activated_on": started + datetime.timedelta(days=15) if "activate" in path else None,
            "next_review_on": ctx.today + datetime.timedelta(days=rng.randrange(-20, 90)) if approved else None,
            "closed_reason": "Perte de contact" if status == pm.ProjectStatus.CLOSED else "",
            "created_at": ctx.at(started, rng),
            "updated_at": ctx.at(started + datetime.timedelta(days=15), rng),
        }
        projects.append(project)
        person.project, person.project_status = project["id"], status
        actors = {"submit": person.caseworker, "approve": supervisor, "return": supervisor}
        for step, action in enumerate(path):
            history.append(
                {
                    "project_id": project["id"],
                    "action": action,
                    "from_status": AFTER.get(path[step - 1], "") if step else "",
                    "to_status": AFTER[action],
                    "version": 1,
                    "actor_id": actors.get(action, person.caseworker),
                    "at": ctx.at(started + datetime.timedelta(days=4 * step), rng),
                }
            )
        for domain in rng.sample(domains, rng.randrange(3, 6)):
            goal_status = rng.choice(GOAL_STATUSES)
            progress = 100 if goal_status == pm.GoalStatus.ACHIEVED else rng.randrange(0, 100, 10)
            goal = {
                "id": make_uuid(rng),
                "project_id": project["id"],
                "domain_id": domain,
                "description": rng.choice(GOALS),
                "target_date": started + datetime.timedelta(days=rng.randrange(90, 540)),
                "status": goal_status,
                "progress": progress,
                "created_at": project["created_at"],
                "updated_at": project["updated_at"],
            }
            goals.append(goal)
            person.goals.append(goal["id"])
            for position in range(rng.choice((0, 1, 2))):
                milestones.append(
                    {
                        "id": make_uuid(rng),
                        "goal_id": goal["id"],
                        "description": "Étape intermédiaire",
                        "due_on": goal["target_date"] - datetime.timedelta(days=30 * (position + 1)),
                        "position": position,
                    }
                )
        for item in items:
            checklist.append(
                {
                    "project_id": project["id"],
                    "item_id": item,
                    "status": rng.choice(CHECKLIST_STATUSES),
                    "updated_at": project["updated_at"],
                }
            )
    copy_rows(pm.LifeProject, projects, now=ctx.now)
    copy_rows(pm.ProjectTransition, history, now=ctx.now)
    copy_rows(pm.Goal, goals, now=ctx.now)
    copy_rows(pm.Milestone, milestones, now=ctx.now)
    copy_rows(pm.ChecklistEntry, checklist, now=ctx.now)


def create_referrals(ctx: Context) -> None:
    """About one referral for every three people with a project."""
    rng = ctx.rng("referrals")
    partners = reference_ids(pm.PartnerOrganisation)
    domains = reference_ids(pm.Domain)
    rows = []
    for person in ctx.people:
        if person.project is None or rng.random() > 0.33:
            continue
        sent = person.release_date + datetime.timedelta(days=rng.randrange(20, 400))
        sent = min(sent, ctx.today)
        person.referrals += 1
        status = rng.choice(REFERRAL_STATUSES)
        answered = status != pm.ReferralStatus.SENT
        rows.append(
            {
                "id": make_uuid(rng),
                "beneficiary_id": person.id,
                "centre_id": ctx.centres[person.centre].id,
                "partner_id": rng.choice(partners),
                "domain_id": rng.choice(domains),
                "reason": "Accompagnement vers le partenaire",
                "consent_checked": True,
                "consent_basis": pm.ConsentBasis.ATTESTED,
                "status": status,
                "outcome": "Réponse du partenaire" if answered else "",
                "sent_on": sent,
                "answered_on": sent + datetime.timedelta(days=10) if answered else None,
                "completed_on": sent + datetime.timedelta(days=60) if status == pm.ReferralStatus.COMPLETED else None,
                "created_by_id": person.caseworker,
                "created_at": ctx.at(sent, rng),
                "updated_at": ctx.at(sent, rng),
            }
        )
    copy_rows(pm.Referral, rows, now=ctx.now)
