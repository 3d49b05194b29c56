"""Demo data: life projects for the demo people in every state, follow-ups (some overdue, some due this
week), referrals. Dates are relative to today, so the home pages always have something due.

Runs after `beneficiaries.demo.load` (it uses the people numbered MEK-2021-…, FES-2021-…, CAS-2021-… and
the demo staff); without them it says so and does nothing. Everything goes through the services, so the
history, the revisions and the audit trail are what the application itself writes. Idempotent.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from beneficiaries.models import Beneficiary, ConsentPurpose
from beneficiaries.services import consent_record
from casework.models import User

from . import reference_data, services
from .models import ChecklistStatus, Domain, FollowUpKind, LifeProject, PartnerOrganisation

# centre prefix, caseworker, supervisor, and the state each of the centre's first people is left in.
CENTRES = [
    ("MEK-2021-", "cw.meknes", "sup.fesmeknes", ["active", "submitted", "returned", "draft"]),
    ("FES-2021-", "cw.fes", "sup.fesmeknes", ["active", "active_review_due", "submitted", "completed"]),
    ("CAS-2021-", "cw.casa", "sup.casa", ["active", "submitted", "closed"]),
]
GOALS = [
    ("social", "Rebuild ties with the neighbourhood association", "sessions attended"),
    ("health", "Regular check-ups at the health centre", "appointments kept"),
    ("administrative", "Obtain the papers needed for the project", "documents obtained"),
    ("vocational", "Complete a vocational training course", "modules passed"),
    ("family", "Support the children's schooling", "term reports"),
    ("income_project", "Prepare the income-generating project", "steps of the business plan"),
]


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def _plan(person: Beneficiary, caseworker: User, supervisor: User, state: str, domains: dict) -> LifeProject:
    project = services.life_project_create(
        actor=caseworker, beneficiary=person, summary="Find stable work, a home for the family, and peace of mind."
    )
    count = 4 + int(person.file_number[-1]) % 3  # 4 to 6 goals
    for index, (code, text, measure) in enumerate(GOALS[:count]):
        goal = services.goal_add(
            actor=caseworker,
            project=project,
            domain=domains[code],
            description=text,
            target_date=_days(90 + 30 * index),
            progress_measure=measure,
        )
        if index < 2:
            services.milestone_add(
                actor=caseworker, goal=goal, description="First appointment", due_on=_days(15 + index)
            )
    if state == "draft":
        return project
    project = services.life_project_submit(actor=caseworker, project=project)
    if state == "submitted":
        return project
    project = services.life_project_return(
        actor=supervisor, project=project, comment="Add a housing goal and dates for the administrative steps."
    )
    services.goal_add(
        actor=caseworker, project=project, domain=domains["housing"], description="Rent a flat near the workshop"
    )
    if state == "returned":
        return project
    project = services.life_project_submit(actor=caseworker, project=project)
    project = services.life_project_approve(actor=supervisor, project=project, comment="Realistic plan.")
    start = _days(-95) if state == "active_review_due" else _days(-80)
    project = services.life_project_activate(actor=caseworker, project=project, start=start)
    entries = {e.item.code: e.pk for e in project.checklist.select_related("item")}
    done = {code: (ChecklistStatus.DONE, "") for code in ("cin", "civil_status", "residence_certificate")}
    done["health_coverage"] = (ChecklistStatus.IN_PROGRESS, "File handed in")
    services.checklist_update(
        actor=caseworker, project=project, entries={entries[c]: v for c, v in done.items() if c in entries}
    )
    first = project.goals.order_by("created_at").first()
    services.goal_update(actor=caseworker, goal=first, status="in_progress", progress=50)
    if state == "completed":
        return services.life_project_complete(actor=caseworker, project=project, comment="All goals reached.")
    if state == "closed":
        return services.life_project_close(actor=caseworker, project=project, reason="The person moved abroad.")
    return project


def _follow_ups(person: Beneficiary, caseworker: User, domains: dict, index: int) -> None:
    services.follow_up_record(
        actor=caseworker,
        beneficiary=person,
        occurred_on=_days(-60),
        domain=domains["social"],
        kind=FollowUpKind.HOME_VISIT,
        attendees="The person, his mother",
        summary="First home visit after release; the family is supportive.",
        outcome="Plan discussed with the family.",
        next_due_on=_days(-30),
    )
    planned = person.follow_ups.get(status="planned")
    services.follow_up_record(
        actor=caseworker,
        beneficiary=person,
        planned=planned,
        occurred_on=_days(-29),
        domain=domains["health"],
        kind=FollowUpKind.ACCOMPANIMENT,
        summary="Accompanied to the health centre for the AMO file.",
        health_note="Follow-up for hypertension.",
        next_due_on=_days(-5 if index % 2 == 0 else 3),  # overdue for some, due this week for others
    )
    services.follow_up_plan(
        actor=caseworker, beneficiary=person, due_on=_days(25), domain=domains["vocational"], kind=FollowUpKind.PHONE
    )


def _referrals(person: Beneficiary, caseworker: User, partners: dict, domains: dict) -> None:
    consent_record(
        actor=caseworker,
        beneficiary=person,
        purpose=ConsentPurpose.SHARING,
        partner="foundation",
        given_on=_days(-70),
    )
    referral = services.referral_send(
        actor=caseworker,
        beneficiary=person,
        partner=partners["foundation"],
        domain=domains["income_project"],
        reason="Equipment for the income-generating project.",
        sent_on=_days(-40),
    )
    services.referral_update_status(actor=caseworker, referral=referral, status="accepted", on=_days(-35))
    services.referral_send(
        actor=caseworker,
        beneficiary=person,
        partner=partners["ofppt"],
        domain=domains["vocational"],
        reason="Vocational training in electricity.",
        sent_on=_days(-20),
        consent_attested=True,
    )


@transaction.atomic
def load() -> str:
    reference_data.load()
    staff = {u.username: u for u in User.objects.filter(username__in=[n for _p, c, s, _ in CENTRES for n in (c, s)])}
    if len(staff) < 5:
        return "skipped: the demo staff are missing (load casework.demo.load_staff first); nothing was created"
    if LifeProject.objects.filter(beneficiary__file_number__in=[p + "0001" for p, _c, _s, _ in CENTRES]).exists():
        return f"already loaded ({LifeProject.objects.count()} life projects)"
    domains = {d.code: d for d in Domain.objects.all()}
    partners = {p.code: p for p in PartnerOrganisation.objects.all()}
    plans = follow_ups = 0
    for prefix, caseworker_name, supervisor_name, states in CENTRES:
        people = list(Beneficiary.objects.filter(file_number__startswith=prefix).order_by("file_number")[: len(states)])
        if len(people) < len(states):
            return f"skipped: needs the demo people numbered {prefix}… (load beneficiaries.demo.load first)"
        caseworker, supervisor = staff[caseworker_name], staff[supervisor_name]
        for index, (person, state) in enumerate(zip(people, states, strict=True)):
            _plan(person, caseworker, supervisor, state, domains)
            plans += 1
            if state in ("active", "active_review_due", "submitted", "returned"):
                _follow_ups(person, caseworker, domains, index)
                follow_ups += 4
            if state == "active":
                _referrals(person, caseworker, partners, domains)
    services.plan_reviews_remind()
    return f"{plans} life projects, {follow_ups} follow-ups, referrals for {len(CENTRES)} people"
