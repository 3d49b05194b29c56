"""The timeline: the whole journey in order, filterable by domain, scoped, and a query count that does not
grow with the number of entries."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from beneficiaries.models import Attendance, Cohort, CohortSession, Membership, Module, StatusChange
from grants.services import event_assign_grants, grant_deliver
from reintegration_plans import services
from reintegration_plans.timeline import SOURCES, TimelineEntry, person_timeline, register_source
from tests.grants import factories as gf
from tests.reintegration_plans import factories as pf

pytestmark = pytest.mark.django_db


def journey(people, *, follow_ups: int, sessions: int = 3):
    """A person with a cohort (sessions attended), release, a plan through approval, follow-ups,
    a referral and a delivered grant with its monitoring."""
    person = pf.person("FES", release_date=datetime.date(2021, 3, 1), release_type="royal_pardon")
    cohort = Cohort.objects.get_or_create(
        edition=7,
        defaults={"year": 2020, "starts_on": datetime.date(2020, 9, 1), "ends_on": datetime.date(2021, 1, 31)},
    )[0]
    module = Module.objects.order_by("order").first() or Module.objects.create(
        code="m1", name_ar="م", name_fr="m", name_en="m"
    )
    StatusChange.objects.create(
        beneficiary=person, from_status="in_programme", to_status="released", reason="Royal pardon",
        changed_on=datetime.date(2021, 3, 1),
    )  # fmt: skip
    member = Membership.objects.create(cohort=cohort, beneficiary=person, completed=True, evaluation="Very good")
    start = CohortSession.objects.filter(cohort=cohort).count()
    for number in range(start + 1, start + sessions + 1):
        session = CohortSession.objects.create(
            cohort=cohort,
            module=module,
            number=number,
            held_on=datetime.date(2020, 9, 1) + datetime.timedelta(days=number),
        )
        Attendance.objects.create(session=session, membership=member, present=True)
    project = pf.submitted(preparer=people.caseworker, beneficiary=person)
    project = services.life_project_return(actor=people.supervisor, project=project, comment="Add dates.")
    project = services.life_project_submit(actor=people.caseworker, project=project)
    services.life_project_approve(actor=people.supervisor, project=project)
    milestone = project.goals.get(domain__code="social").milestones.first()
    services.milestone_update(
        actor=people.caseworker, milestone=milestone, description=milestone.description, due_on=None,
        done_on=datetime.date(2021, 4, 1),
    )  # fmt: skip
    for index in range(follow_ups):
        pf.follow_up_done(
            actor=people.caseworker,
            beneficiary=person,
            occurred_on=datetime.date(2021, 4, 2) + datetime.timedelta(days=index),
            domain_code="health" if index % 2 else "social",
            health_note="secret health detail",
        )
    pf.sharing_consent(beneficiary=person, given_on=datetime.date(2021, 3, 1))
    services.referral_send(
        actor=people.caseworker, beneficiary=person, partner=pf.partner(), reason="Workshop",
        sent_on=datetime.date(2021, 4, 5), domain=pf.domain("income_project"),
    )  # fmt: skip
    envelope = gf.envelope(Decimal("100000.00"), name=f"Envelope for {person.file_number}")
    grant = gf.approved(
        proposer=people.caseworker, supervisor=people.supervisor, envelope_=envelope, beneficiary=person
    )
    event = gf.event(administrator=people.administrator, envelope_=envelope)
    event_assign_grants(actor=people.administrator, event=event, grants=[grant])
    grant_deliver(actor=people.caseworker, grant=grant, delivered_on=datetime.date(2021, 5, 25))
    return person


def test_whole_journey_in_order(people):
    person = journey(people, follow_ups=4)
    entries = person_timeline(user=people.caseworker, beneficiary=person)
    kinds = [e.kind for e in entries]
    assert {"cohort", "release", "status", "plan", "milestone", "follow_up", "referral", "grant"} <= set(kinds)
    days = [e.day for e in entries]
    assert days == sorted(days)
    assert kinds.index("cohort") < kinds.index("release") < kinds.index("follow_up")
    titles = [e.title for e in entries]
    assert "Release" in titles
    assert any("version 1 submitted" in t for t in titles) and any("version 2 approved" in t for t in titles)
    assert "Life project returned for changes" in titles
    assert any(t.startswith("Attended session") for t in titles)
    assert "Equipment delivered" in titles
    assert "secret health detail" not in str(entries)
    newest = person_timeline(user=people.caseworker, beneficiary=person, newest_first=True)
    assert [e.day for e in newest] == sorted(days, reverse=True)


def test_filtered_by_domain(people):
    person = journey(people, follow_ups=4)
    health = person_timeline(user=people.caseworker, beneficiary=person, domain=pf.domain("health"))
    assert len(health) == 2 and {e.kind for e in health} == {"follow_up"} and {e.domain for e in health} == {"health"}
    income = person_timeline(user=people.caseworker, beneficiary=person, domain=pf.domain("income_project"))
    assert {e.kind for e in income} == {"referral", "grant"}


def test_page_scope_filter_and_audit(people, login):
    person = journey(people, follow_ups=2)
    url = reverse("plans:timeline", args=[person.pk])
    assert login(people.outsider).get(url).status_code == 404
    assert login(people.partner).get(url).status_code in (403, 404)
    response = login(people.caseworker).get(url, {"domain": pf.domain("health").pk})
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="timeline-entry"') == 1
    from casework.models import AuditEntry

    assert AuditEntry.objects.filter(
        beneficiary_id=person.pk, action="view", actor=people.caseworker, changes__page="timeline"
    ).exists()


def test_query_count_does_not_grow_with_entries(people, login, django_assert_max_num_queries):
    small = journey(people, follow_ups=1, sessions=1)
    large = journey(people, follow_ups=40, sessions=12)
    client = login(people.caseworker)

    def count(person):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("plans:timeline", args=[person.pk])).status_code == 200
        return len(queries)

    baseline = count(small)
    with django_assert_max_num_queries(baseline):
        response = client.get(reverse("plans:timeline", args=[large.pk]))
    assert response.content.decode().count('data-testid="timeline-entry"') > 60


def test_other_apps_can_add_a_source(people):
    person = pf.person("FES")
    calls = []

    def alerts(*, user, beneficiary, domain):
        calls.append(user)
        return [TimelineEntry(datetime.date(2021, 1, 1), "alert", "Alert raised", domain="social")]

    register_source("alerts-test", alerts)
    try:
        entries = person_timeline(user=people.caseworker, beneficiary=person)
        assert [e.kind for e in entries] == ["alert"] and calls == [people.caseworker]
        assert person_timeline(user=people.caseworker, beneficiary=person, domain=pf.domain("health")) == []
    finally:
        SOURCES.pop("alerts-test")
