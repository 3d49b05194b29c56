"""Home pages: the right counts on thousands of follow-ups, computed in the database, in a constant number of
queries; each role sees its own blocks; partners see aggregates only."""

import datetime
import random
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from casework.audit import audit_record
from casework.models import AuditAction
from reintegration_plans.models import FollowUp, FollowUpKind, FollowUpStatus, LifeProject, ProjectStatus
from tests import factories
from tests.watchlist import factories as wf

pytestmark = pytest.mark.django_db
HOME = "/"


@pytest.fixture(autouse=True)
def in_english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def _bulk_follow_ups(people_, assignees, count, *, seed=7):
    """`count` follow-ups spread over the people, assignees, statuses and due dates (±60 days)."""
    rng = random.Random(seed)
    domain = wf.domain()
    today = wf.today()
    rows = []
    for _ in range(count):
        status = rng.choice([FollowUpStatus.PLANNED] * 3 + [FollowUpStatus.DONE, FollowUpStatus.MISSED])
        due = today + datetime.timedelta(days=rng.randint(-60, 60))
        person = rng.choice(people_)
        rows.append(
            FollowUp(
                beneficiary=person,
                centre_id=person.centre_id,  # bulk_create skips save(), which copies it
                assigned_to=rng.choice(assignees),
                status=status,
                due_on=due,
                occurred_on=due if status == FollowUpStatus.DONE else None,
                domain=domain,
                kind=FollowUpKind.PHONE,
            )
        )
    FollowUp.objects.bulk_create(rows, batch_size=1000)
    return rows


def _expected(rows, *, centre_ids, user=None):
    today = wf.today()
    soon = today + datetime.timedelta(days=7)
    planned = [r for r in rows if r.status == FollowUpStatus.PLANNED and r.beneficiary.centre_id in centre_ids]
    if user is not None:
        planned = [r for r in planned if r.assigned_to_id == user.pk]
    return {
        "overdue": sum(1 for r in planned if r.due_on < today),
        "due": sum(1 for r in planned if today <= r.due_on <= soon),
    }


def _queries(client, url=HOME) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.fixture
def caseload(people):
    fes_colleague = factories.caseworker("FES", username="cw_fes_2")
    fes = [wf.person("FES") for _ in range(12)]
    mek = [wf.person("MEK") for _ in range(6)]
    casa = [wf.person("CAS") for _ in range(6)]
    return {"fes": fes, "mek": mek, "casa": casa, "colleague": fes_colleague}


def test_caseworker_counts_are_right_and_queries_constant_on_thousands(
    people, caseload, login, django_assert_max_num_queries
):
    client = login(people.caseworker)
    _bulk_follow_ups(caseload["fes"], [people.caseworker], 3)
    small = _queries(client)
    _bulk_follow_ups(
        caseload["fes"] + caseload["mek"] + caseload["casa"],
        [people.caseworker, caseload["colleague"], people.neighbour, people.outsider, None],
        4000,
        seed=11,
    )
    with django_assert_max_num_queries(small):
        response = client.get(HOME)
    figures = response.context["figures"]
    everything = list(FollowUp.objects.select_related("beneficiary"))
    mine = _expected(everything, centre_ids={caseload["fes"][0].centre_id}, user=people.caseworker)
    centre = _expected(everything, centre_ids={caseload["fes"][0].centre_id})
    assert (figures["my_overdue"], figures["my_due"]) == (mine["overdue"], mine["due"])
    assert (figures["overdue"], figures["due"]) == (centre["overdue"], centre["due"])
    assert figures["my_overdue"] > 100 and figures["overdue"] > figures["my_overdue"]
    # The short lists hold my own, oldest (overdue) / soonest (due) first.
    overdue_list = figures["overdue_list"]
    assert len(overdue_list) == 8
    assert [f.due_on for f in overdue_list] == sorted(f.due_on for f in overdue_list)
    assert all(f.assigned_to_id == people.caseworker.pk for f in overdue_list)
    assert min(f.due_on for f in everything if f.status == "planned" and f.assigned_to_id == people.caseworker.pk
               and f.beneficiary.centre_id == caseload["fes"][0].centre_id) == overdue_list[0].due_on  # fmt: skip
    html = response.content.decode()
    assert f'data-testid="my-overdue">{mine["overdue"]}<' in html


def test_supervisor_overdue_per_caseworker_and_constant_queries(people, caseload, login, django_assert_max_num_queries):
    client = login(people.supervisor)
    _bulk_follow_ups(caseload["fes"], [people.caseworker], 3)
    small = _queries(client)
    _bulk_follow_ups(
        caseload["fes"] + caseload["mek"] + caseload["casa"],
        [people.caseworker, caseload["colleague"], people.neighbour, people.outsider, None],
        4000,
        seed=5,
    )
    with django_assert_max_num_queries(small):
        response = client.get(HOME)
    figures = response.context["figures"]
    today = wf.today()
    region = {caseload["fes"][0].centre_id, caseload["mek"][0].centre_id}
    expected = Counter(
        f.assigned_to_id
        for f in FollowUp.objects.select_related("beneficiary")
        if f.status == "planned" and f.due_on < today and f.beneficiary.centre_id in region
    )
    got = {row["assigned_to"]: row["overdue"] for row in figures["overdue_by_caseworker"]}
    assert got == dict(expected)
    assert None in got  # the unassigned ones are counted together
    assert figures["overdue"] == sum(expected.values())
    counts = [row["overdue"] for row in figures["overdue_by_caseworker"]]
    assert counts == sorted(counts, reverse=True)
    assert len(response.context["figures"]["overdue_by_caseworker"]) == len(expected)
    assert 'data-testid="per-caseworker"' in response.content.decode()


def test_plans_returned_and_awaiting_approval(people, caseload, login):
    fes = caseload["fes"]
    returned = LifeProject.objects.create(
        beneficiary=fes[0], status=ProjectStatus.RETURNED, prepared_by=people.caseworker
    )
    LifeProject.objects.create(
        beneficiary=caseload["casa"][0], status=ProjectStatus.RETURNED, prepared_by=people.outsider
    )
    submitted = LifeProject.objects.create(
        beneficiary=fes[1],
        status=ProjectStatus.SUBMITTED,
        prepared_by=people.caseworker,
        submitted_by=people.caseworker,
    )
    LifeProject.objects.create(
        beneficiary=fes[2],
        status=ProjectStatus.SUBMITTED,
        prepared_by=people.supervisor,
        submitted_by=people.supervisor,
    )  # their own: not theirs to approve
    caseworker = login(people.caseworker).get(HOME).context["figures"]
    assert caseworker["returned_count"] == 1 and [p.pk for p in caseworker["returned_list"]] == [returned.pk]
    supervisor = login(people.supervisor).get(HOME)
    assert supervisor.context["figures"]["awaiting_count"] == 1
    assert [p.pk for p in supervisor.context["figures"]["awaiting_list"]] == [submitted.pk]
    assert reverse("plans:project", args=[submitted.pk]) in supervisor.content.decode()
    assert login(people.outsider_supervisor).get(HOME).context["figures"]["awaiting_count"] == 0


def test_releases_in_the_next_30_days(people, login):
    soon = wf.person("FES", released_days_ago=-10)
    wf.person("FES", released_days_ago=-45)  # too far
    wf.person("CAS", released_days_ago=-5)  # out of scope
    response = login(people.caseworker).get(HOME)
    assert response.context["figures"]["releasing"] == 1
    assert [p.pk for p in response.context["figures"]["releases"]] == [soon.pk]


def test_recent_activity_on_files_in_scope_without_the_watchlist(people, login):
    person = wf.person("FES")
    other = wf.person("CAS")
    audit_record(actor=people.neighbour, action=AuditAction.UPDATE, target=person, beneficiary_id=person.pk)
    audit_record(actor=people.outsider, action=AuditAction.UPDATE, target=other, beneficiary_id=other.pk)
    audit_record(actor=people.supervisor, action=AuditAction.VIEW, target=person, beneficiary_id=person.pk)
    wf.alert(person, "lost_contact")
    audit_record(
        actor=None, actor_username="watchlist-rules", action=AuditAction.CREATE, object_type="watchlist.alert",
        object_id="x", object_repr="lost_contact", beneficiary_id=person.pk,
    )  # fmt: skip
    activity = login(people.caseworker).get(HOME).context["figures"]["activity"]
    assert [(e.actor_username, e.action) for e in activity] == [("cw_meknes", "update")]


def test_watchlist_summary_for_supervisors_only(people, login):
    person = wf.person("FES")
    wf.alert(person, "lost_contact", severity="high")
    wf.alert(wf.person("MEK"), "missed_followups", severity="low")
    wf.alert(wf.person("CAS"), "lost_contact", severity="high")
    response = login(people.supervisor).get(HOME)
    summary = response.context["figures"]["watchlist"]
    assert (summary["total"], summary["high"], summary["medium"], summary["low"]) == (2, 1, 0, 1)
    assert f"{reverse('watchlist:list')}?severity=high" in response.content.decode()
    caseworker = login(people.caseworker).get(HOME)
    assert "watchlist" not in caseworker.context["figures"]
    assert reverse("watchlist:list") not in caseworker.content.decode()
    administrator = login(people.administrator).get(HOME)
    assert administrator.context["figures"]["watchlist"] is None
    assert reverse("watchlist:authorisations") in administrator.content.decode()


def test_empty_states_say_what_to_do(people, login):
    html = login(people.caseworker).get(HOME).content.decode()
    for marker in ["empty-overdue", "empty-due", "empty-returned", "empty-releases"]:
        assert f'data-testid="{marker}"' in html
    supervisor = login(people.supervisor).get(HOME).content.decode()
    assert 'data-testid="empty-awaiting"' in supervisor and 'data-testid="empty-per-caseworker"' in supervisor


def test_partner_sees_aggregates_only(people, caseload, login):
    _bulk_follow_ups(caseload["fes"], [people.caseworker], 50)
    response = login(people.partner).get(HOME)
    figures = response.context["figures"]
    assert set(figures) == {"role", "national_total", "followed", "projects_running", "plans_active"}
    assert figures["national_total"] == 24
    html = response.content.decode()
    assert caseload["fes"][0].file_number not in html and caseload["fes"][0].family_name_latin not in html


def test_administrator_national_counts_and_links(people, caseload, login):
    rows = _bulk_follow_ups(caseload["fes"] + caseload["casa"], [people.caseworker, None], 300)
    response = login(people.administrator).get(HOME)
    figures = response.context["figures"]
    today = wf.today()
    assert figures["files"] == 24
    assert figures["overdue"] == sum(1 for r in rows if r.status == "planned" and r.due_on < today)
    html = response.content.decode()
    for name in ["casework:audit", "admin:casework_user_changelist", "watchlist:authorisations"]:
        assert reverse(name) in html


def test_outsider_sees_nothing_of_another_region(people, caseload, login):
    _bulk_follow_ups(caseload["fes"], [people.caseworker, people.outsider], 200)
    figures = login(people.outsider).get(HOME).context["figures"]
    assert figures["overdue"] == 0 and figures["my_overdue"] == 0 and figures["files"] == 6
    assert figures["overdue_list"] == []
