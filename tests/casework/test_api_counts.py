"""The API lists that count their rows part by part of the scope (casework.api.pagination.CountedInScopeMixin)
answer a `count` equal to the rows they list, page after page, for every role, with shared files and filters."""

import datetime

import pytest
from django.apps import apps
from django.urls import URLResolver, get_resolver
from django.utils import timezone

from casework.access import forget_shares
from casework.api.pagination import CountedInScopeMixin
from casework.sharing import file_share_with_user
from grants.services import event_assign_grants, grant_deliver
from reintegration_plans import services as plan_services
from tests import factories
from tests.factories import BeneficiaryFactory
from tests.grants import factories as gf
from tests.reintegration_plans import factories as pf

pytestmark = pytest.mark.django_db

# Each counted list, with filters that select part of it (the mixin applies them to the whole table).
LISTS = {
    "/api/v1/plans/follow-ups/": ["", "state=overdue", "status=done", "domain=health", "state=due&domain=social"],
    "/api/v1/plans/": ["", "status=draft", "status=submitted"],
    "/api/v1/plans/referrals/": ["", "status=sent"],
    "/api/v1/grants/proposals/": ["", "status=submitted", "mine=true"],
    "/api/v1/grants/deliveries/": ["", "delivered_on=2021-05-25"],
    "/api/v1/grants/monitoring/": ["", "months_after=3", "done=false"],
}


def counted_views() -> set:
    """The views behind every API route that uses the mixin (so that a new one cannot go untested here)."""

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns)
            else:
                yield getattr(pattern.callback, "cls", None)

    return {cls for cls in walk(get_resolver().url_patterns) if cls and issubclass(cls, CountedInScopeMixin)}


@pytest.fixture
def caseload(people):
    pf.load_reference()
    gf.reference_data()
    today = timezone.localdate()
    made = {}
    for centre, caseworker in (("FES", people.caseworker), ("MEK", people.neighbour), ("CAS", people.outsider)):
        for index in range(3):
            person = made[(centre, index)] = BeneficiaryFactory(centre=factories.centre(centre))
            pf.follow_up_done(actor=caseworker, beneficiary=person, domain_code="health" if index else "social")
            pf.follow_up_planned(actor=caseworker, beneficiary=person, due_on=today - datetime.timedelta(days=index))
            pf.follow_up_planned(actor=caseworker, beneficiary=person, due_on=today + datetime.timedelta(days=index))
            (pf.submitted if index else pf.draft)(preparer=caseworker, beneficiary=person)
            pf.sharing_consent(beneficiary=person, given_on=datetime.date(2021, 3, 1))
            plan_services.referral_send(actor=caseworker, beneficiary=person, partner=pf.partner(), reason="Workshop")
            (gf.submitted if index else gf.proposal)(proposer=caseworker, beneficiary=person)
        deliver(people, made[(centre, 1)], centre, delivered_on=datetime.date(2021, 5, 25))
        deliver(people, made[(centre, 2)], centre, delivered_on=datetime.date(2021, 6, 1))
    # The second CAS file: a submitted plan and proposal, a follow-up overdue since yesterday.
    shared = made[("CAS", 1)]
    file_share_with_user(actor=people.outsider, beneficiary=shared, user=people.caseworker, reason="Case conference")
    forget_shares()
    return people


def deliver(people, person, centre_code, *, delivered_on):
    """A delivered grant of `person` (its delivery and 3 monitoring visits), on an event of its centre."""
    envelope = gf.envelope(name=f"Envelope {person.pk}")
    grant = gf.approved(
        proposer=people.administrator, supervisor=people.national, envelope_=envelope, beneficiary=person
    )
    event = gf.event(administrator=people.administrator, envelope_=envelope, centre_code=centre_code)
    event_assign_grants(actor=people.administrator, event=event, grants=[grant])
    grant_deliver(actor=people.administrator, grant=grant, delivered_on=delivered_on)


def listed_rows(client, url: str, query: str) -> tuple[int, int]:
    """(the first page's count, the rows of every page walked to the end)."""
    response = client.get(f"{url}?{query}&page_size=4" if query else f"{url}?page_size=4")
    assert response.status_code == 200, response.content
    count, rows = response.json()["count"], 0
    while True:
        body = response.json()
        assert body["count"] == count
        rows += len(body["results"])
        if not body["next"]:
            return count, rows
        response = client.get(body["next"])


def test_every_counted_list_is_checked_here():
    assert {view.scope_model for view in counted_views()} == {
        apps.get_model("reintegration_plans", "FollowUp"),
        apps.get_model("reintegration_plans", "LifeProject"),
        apps.get_model("reintegration_plans", "Referral"),
        apps.get_model("grants", "Grant"),
        apps.get_model("grants", "Delivery"),
        apps.get_model("grants", "MonitoringVisit"),
    }
    assert len(LISTS) == len(counted_views())


def test_the_count_is_the_rows_listed_for_every_role(caseload, client):
    people = caseload
    seen = {}
    for user in (people.caseworker, people.supervisor, people.outsider, people.national, people.administrator):
        client.force_login(user)
        for url, queries in LISTS.items():
            for query in queries:
                count, rows = listed_rows(client, url, query)
                assert count == rows, (user.username, url, query)
                seen[(user.username, url, query)] = count
    # The counts are not trivially equal: scope, shares and filters each change them.
    follow_ups = "/api/v1/plans/follow-ups/"
    assert seen[("cw_fes", follow_ups, "")] == 3 * 3 + 3  # three Fes files and the shared CAS file
    assert seen[("sup_fesmeknes", follow_ups, "")] == 2 * 3 * 3
    assert seen[("sup_national", follow_ups, "")] == 3 * 3 * 3
    assert seen[("cw_fes", follow_ups, "state=overdue")] == 2 + 1  # due yesterday or the day before
    assert seen[("cw_fes", "/api/v1/grants/proposals/", "")] == (3 + 2) + (1 + 1)  # proposals + delivered grants
    assert seen[("cw_fes", "/api/v1/grants/proposals/", "status=submitted")] == 2 + 1
    deliveries, visits = "/api/v1/grants/deliveries/", "/api/v1/grants/monitoring/"
    assert seen[("cw_fes", deliveries, "")] == 2 + 1  # two Fes files and the shared CAS file
    assert seen[("cw_fes", deliveries, "delivered_on=2021-05-25")] == 1 + 1
    assert seen[("sup_fesmeknes", deliveries, "")] == 4
    assert seen[("sup_national", visits, "")] == 3 * 2 * 3
    assert seen[("cw_fes", visits, "months_after=3")] == 3


def test_a_partner_and_an_anonymous_caller_get_no_rows(caseload, client):
    client.force_login(caseload.partner)
    for url in LISTS:
        response = client.get(url)
        assert response.status_code in (403, 404) or response.json()["count"] == 0
    client.logout()
    for url in LISTS:
        assert client.get(url).status_code in (401, 403)


def test_the_filters_are_validated_once_for_the_rows_and_their_count(caseload, client):
    """casework.api.filter_backend.FilterOnceBackend: the chosen centre is read once, not once more for the count,
    and the count still applies every filter."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(caseload.supervisor)
    centre = caseload.caseworker.centre
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/api/v1/grants/proposals/?centre={centre.pk}&status=submitted")
    assert response.status_code == 200
    centre_reads = [q["sql"] for q in captured if q["sql"].startswith('SELECT "casework_centre"')]
    assert len(centre_reads) == 1, centre_reads
    body = response.json()
    assert body["count"] == len(body["results"]) == 2  # the two submitted Fes proposals, not Meknes'
    assert client.get("/api/v1/grants/proposals/?centre=not-a-centre").status_code == 400


def test_rows_through_their_grant_are_scoped_on_their_own_columns(caseload):
    """A delivery reaches its person through its grant: the shared files' part of the scope is a subquery on the
    delivery's grant_id (BeneficiaryPolicy._among_files), so the listed table is not joined to the grants, and
    the shared file's delivery is still listed."""
    from casework.access import beneficiary_policy
    from grants.models import Delivery

    people = caseload
    visible = beneficiary_policy.visible(people.caseworker, Delivery.objects.all(), path="grant__beneficiary")
    sql = str(visible.query)
    assert "JOIN" not in sql.split("WHERE", 1)[0], sql  # no join in the listed rows' FROM
    assert '"grants_delivery"."grant_id" IN (SELECT' in sql
    listed = set(visible.values_list("grant__beneficiary__centre__code", flat=True))
    assert listed == {"FES", "CAS"}  # the centre's deliveries and the shared Casablanca file's
