"""Life-project test helpers: built through the services, so every row is what the application writes."""

from __future__ import annotations

import datetime

from beneficiaries.models import Consent, ConsentPurpose
from reintegration_plans import reference_data, services
from reintegration_plans.models import Domain, FollowUp, FollowUpKind, FollowUpStatus, LifeProject, PartnerOrganisation
from tests import factories

FOUR_DOMAINS = ["social", "health", "administrative", "vocational"]


def load_reference() -> None:
    """Domains, checklist and partners as migration 0002 loads them (a transactional test's flush removes them)."""
    reference_data.load()


def domain(code: str = "social") -> Domain:
    if not Domain.objects.filter(code=code).exists():
        load_reference()
    return Domain.objects.get(code=code)


def partner(code: str = "foundation") -> PartnerOrganisation:
    if not PartnerOrganisation.objects.filter(code=code).exists():
        load_reference()
    return PartnerOrganisation.objects.get(code=code)


def person(centre_code: str = "FES", **extra):
    return factories.BeneficiaryFactory(centre=factories.centre(centre_code), **extra)


def draft(*, preparer, beneficiary=None, domains=FOUR_DOMAINS) -> LifeProject:
    """A draft plan with one goal per domain (four domains by default) and a milestone on the first."""
    beneficiary = beneficiary or person(preparer.centre.code if preparer.centre_id else "FES")
    load_reference()
    project = services.life_project_create(actor=preparer, beneficiary=beneficiary, summary="Work, a home, family.")
    for index, code in enumerate(domains):
        goal = services.goal_add(
            actor=preparer,
            project=project,
            domain=domain(code),
            description=f"Goal in {code}",
            target_date=datetime.date(2022, 1 + index, 1),
            progress_measure="steps done",
        )
        if index == 0:
            services.milestone_add(
                actor=preparer, goal=goal, description="First step", due_on=datetime.date(2021, 9, 1)
            )
    project.refresh_from_db()
    return project


def submitted(*, preparer, **kwargs) -> LifeProject:
    return services.life_project_submit(actor=preparer, project=draft(preparer=preparer, **kwargs))


def approved(*, preparer, supervisor, **kwargs) -> LifeProject:
    return services.life_project_approve(actor=supervisor, project=submitted(preparer=preparer, **kwargs))


def active(*, preparer, supervisor, start: datetime.date | None = None, **kwargs) -> LifeProject:
    project = approved(preparer=preparer, supervisor=supervisor, **kwargs)
    return services.life_project_activate(actor=preparer, project=project, start=start)


def follow_up_done(*, actor, beneficiary, occurred_on=None, health_note="", domain_code="social", **extra) -> FollowUp:
    return services.follow_up_record(
        actor=actor,
        beneficiary=beneficiary,
        occurred_on=occurred_on or datetime.date(2021, 6, 1),
        domain=domain(domain_code),
        kind=extra.pop("kind", FollowUpKind.HOME_VISIT),
        summary=extra.pop("summary", "Visited the family; looking for work."),
        health_note=health_note,
        **extra,
    )


def follow_up_planned(*, actor, beneficiary, due_on: datetime.date, domain_code="social") -> FollowUp:
    return services.follow_up_plan(
        actor=actor, beneficiary=beneficiary, due_on=due_on, domain=domain(domain_code), kind=FollowUpKind.PHONE
    )


def planned_rows(*, beneficiary, assigned_to, due_dates) -> list[FollowUp]:
    """Many planned follow-ups at once (bulk, for counting and query-count tests)."""
    social = domain("social")
    rows = [
        FollowUp(
            beneficiary=beneficiary,
            centre_id=beneficiary.centre_id,  # bulk_create skips save(), which copies it
            assigned_to=assigned_to,
            status=FollowUpStatus.PLANNED,
            due_on=day,
            domain=social,
            kind=FollowUpKind.PHONE,
        )
        for day in due_dates
    ]
    return FollowUp.objects.bulk_create(rows)


def sharing_consent(*, beneficiary, partner_code: str = "foundation", given_on=datetime.date(2021, 5, 1), actor=None):
    return Consent.objects.create(
        beneficiary=beneficiary,
        purpose=ConsentPurpose.SHARING,
        partner=partner_code,
        given_on=given_on,
        recorded_by=actor,
    )
