"""The main grants pages and API lists run a constant number of queries: measured on a small data set, then
again after more grants, deliveries, visits, events and allocations were added — the count must not move —
and pinned with django_assert_max_num_queries so a regression fails loudly."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from grants.models import SurvivalStatus
from grants.services import (
    Decision,
    LineData,
    catalogue_item_save,
    envelope_allocation_set,
    envelope_update,
    event_assign_grants,
    grant_decide,
    grant_deliver,
    visit_record,
)
from tests import factories
from tests.grants import factories as gf

pytestmark = pytest.mark.django_db

TWO_LINES = [
    LineData(item="Oven", quantity=1, unit_cost=Decimal("9000.00")),
    LineData(item="Fridge", quantity=1, unit_cost=Decimal("4000.00")),
]


def grow(people, scene, count: int) -> None:
    """`count` more delivered grants (each with recorded 6-month visit) at a new event, plus as many proposals
    still submitted, and an allocation."""
    event = gf.event(administrator=people.administrator, envelope_=scene.envelope)
    delivered = []
    for _ in range(count):
        grant = gf.submitted(proposer=people.caseworker, lines=TWO_LINES)
        delivered.append(
            grant_decide(actor=people.supervisor, grant=grant, decision=Decision.APPROVE, envelope=scene.envelope)
        )
        gf.submitted(proposer=people.caseworker, lines=TWO_LINES)
    event_assign_grants(actor=people.administrator, event=event, grants=delivered)
    for grant in delivered:
        grant_deliver(actor=people.caseworker, grant=grant, delivered_on=datetime.date(2021, 5, 25))
        visit = grant.visits.get(months_after=6)
        visit_record(
            actor=people.caseworker, visit=visit, visited_on=visit.due_on, activity_running=True,
            equipment_held=True, equipment_used=True, monthly_income=Decimal("1000"), jobs_created=0,
            difficulties="", survival_status=SurvivalStatus.RUNNING,
        )  # fmt: skip
    for n in range(count):
        catalogue_item_save(
            actor=people.administrator, sector=gf.sector(), name=f"Item {n}", reference_unit_cost=Decimal("10")
        )
    centre = factories.centre("MEK")
    envelope_allocation_set(actor=people.administrator, envelope=scene.envelope, amount=Decimal("1000"), centre=centre)


# (who, url name or API path, kwargs builder, pinned maximum of the page's own queries, beyond `chrome`).
# Pages and lists that reach person rows count one query more: the access policy reads the user's file shares
# once per request and filters by the ids it found. The grants list counts its rows part by part of the scope
# (one query per part, grants.selectors.grant_total; 2026-12-08: its count's SQL 6 -> 1 ms at 100,000 people).
PAGES = [
    ("caseworker", "grants:list", None, 8),
    ("supervisor", "grants:list", None, 9),
    ("caseworker", "grants:visits", None, 5),
    ("caseworker", "grants:events", None, 3),
    ("supervisor", "grants:event", lambda s: {"event_id": s.event.pk}, 7),
    ("caseworker", "grants:attendance", lambda s: {"event_id": s.event.pk}, 6),
    ("supervisor", "grants:envelopes", None, 1),
    ("supervisor", "grants:envelope", lambda s: {"envelope_id": s.envelope.pk}, 11),
    ("administrator", "grants:allocations", lambda s: {"envelope_id": s.envelope.pk}, 5),
    ("supervisor", "grants:indicators", None, 7),
    ("partner", "grants:figures", None, 14),
    ("caseworker", "grants:person", lambda s: {"beneficiary_id": s.delivered.beneficiary_id}, 6),
    ("caseworker", "grants:detail", lambda s: {"grant_id": s.delivered.pk}, 8),
    ("caseworker", "grants:reference", lambda s: {"kind": "catalogue"}, 1),
]
API = [
    # 6: the page's count is counted part by part of the scope (CountedInScopeMixin), 2026-12-07.
    ("caseworker", "/api/v1/grants/proposals/", 6),
    ("supervisor", "/api/v1/grants/proposals/", 6),
    ("caseworker", "/api/v1/grants/deliveries/", 4),  # likewise, since the same day
    ("caseworker", "/api/v1/grants/monitoring/", 4),
    ("supervisor", "/api/v1/grants/events/", 3),
    ("supervisor", "/api/v1/grants/envelopes/", 2),
    ("caseworker", "/api/v1/grants/catalogue/", 2),
    ("partner", "/api/v1/grants/indicators/survival/", 7),
]


def measure(client, url, expect=200) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == expect, (url, response.status_code)
    return len(queries)


def chrome(client, url) -> int:
    """What every request costs before grants code runs (session, user, second factor, the page's header:
    other apps add to it over time), measured on a page that does nothing else: password change for pages,
    a missing catalogue item (one lookup) for the API."""
    if url.startswith("/api/"):
        return measure(client, "/api/v1/grants/catalogue/999999999/", expect=404) - 1
    return measure(client, reverse("password_change"))


def urls(scene):
    pages = [
        (who, reverse(name, kwargs=kwargs(scene) if kwargs else None), limit) for who, name, kwargs, limit in PAGES
    ]
    return pages + API


def test_grants_pages_and_api_lists_run_a_constant_number_of_queries(
    people, scene, login, django_assert_max_num_queries
):
    e = scene.envelope
    envelope_update(
        actor=people.administrator, envelope=e, name=e.name, funder=e.funder, period_start=e.period_start,
        period_end=e.period_end, total_amount=Decimal("10000000.00"), is_open=True,
    )  # fmt: skip
    catalogue_item_save(actor=people.administrator, sector=gf.sector(), name="Sewing machine", is_active=True)
    small = {}
    for who, url, _limit in urls(scene):
        small[(who, url)] = measure(login(getattr(people, who)), url)
    grow(people, scene, 6)
    problems = []
    for who, url, limit in urls(scene):
        client = login(getattr(people, who))
        large = measure(client, url)
        if large != small[(who, url)]:
            problems.append(f"{who} {url}: {small[(who, url)]} queries, then {large} with more data")
        own = large - chrome(client, url)
        if own > limit:
            problems.append(f"{who} {url}: {own} queries of its own, pinned at {limit}")
    assert not problems, "\n".join(problems)
