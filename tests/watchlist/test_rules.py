"""The rules: computed in the database, idempotent (run twice → each alert once), notify the supervisors."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from beneficiaries.models import Status
from casework.models import AuditEntry
from casework.notifications.models import Notification
from casework.watchlist.models import Alert
from casework.watchlist.rules import run_rules
from casework.watchlist.services import alert_transition
from reintegration_plans.models import FollowUpStatus
from tests.watchlist import factories as wf

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(people):
    class World:
        lost = wf.person("FES", released_days_ago=200)
        in_touch = wf.person("FES", released_days_ago=200)
        just_released = wf.person("FES", released_days_ago=20)
        long_silent = wf.person("MEK", released_days_ago=300)
        missing = wf.person("FES", released_days_ago=20)
        missed_twice = wf.person("FES", released_days_ago=20)
        closed_file = wf.person("FES", released_days_ago=200, status=Status.CLOSED)
        shop_closed = wf.person("FES", released_days_ago=20)
        goal_dropped = wf.person("FES", released_days_ago=20)
        casa_lost = wf.person("CAS", released_days_ago=200)

    wf.follow_up(World.in_touch, status=FollowUpStatus.DONE, occurred_on=wf.days_ago(10))
    wf.follow_up(World.long_silent, status=FollowUpStatus.DONE, occurred_on=wf.days_ago(100))
    for days in (10, 30, 80):
        wf.follow_up(World.missing, status=FollowUpStatus.MISSED, due_on=wf.days_ago(days))
    wf.follow_up(World.missing, status=FollowUpStatus.MISSED, due_on=wf.days_ago(120))  # outside the window
    for days in (10, 30):
        wf.follow_up(World.missed_twice, status=FollowUpStatus.MISSED, due_on=wf.days_ago(days))
    wf.closed_project_visit(World.shop_closed, proposer=people.caseworker)
    wf.abandoned_goal(World.goal_dropped, prepared_by=people.caseworker)
    return World


def _raised():
    return {(a.beneficiary_id, a.indicator.code) for a in Alert.objects.select_related("indicator")}


def test_each_rule_raises_for_the_right_people_once(people, world):
    first = run_rules()
    expected = {
        (world.lost.pk, "lost_contact"),
        (world.long_silent.pk, "lost_contact"),
        (world.casa_lost.pk, "lost_contact"),
        (world.missing.pk, "missed_followups"),
        (world.shop_closed.pk, "project_abandoned"),
        (world.goal_dropped.pk, "project_abandoned"),
    }
    assert _raised() == expected
    assert first == {"lost_contact": 3, "missed_followups": 1, "project_abandoned": 2}
    second = run_rules()
    assert second == {"lost_contact": 0, "missed_followups": 0, "project_abandoned": 0}
    assert Alert.objects.count() == 6

    silent = Alert.objects.get(beneficiary=world.long_silent)
    assert silent.evidence["last_contact"] == wf.days_ago(100).isoformat() and silent.evidence["days"] == 60
    assert silent.source == "rule" and silent.raised_by is None and silent.severity == "medium"
    assert Alert.objects.get(beneficiary=world.missing).evidence["missed"] == 3
    assert Alert.objects.get(beneficiary=world.goal_dropped).evidence["abandoned_goals"] == 1
    assert Alert.objects.get(beneficiary=world.shop_closed).evidence["closed_visit_on"] == wf.days_ago(5).isoformat()


def test_supervisors_in_scope_are_told_once_and_each_alert_audited(people, world):
    run_rules()
    run_rules()
    notes = Notification.objects.filter(kind="alert_raised")
    casa = Alert.objects.get(beneficiary=world.casa_lost)
    assert set(notes.filter(target_id=str(casa.pk)).values_list("recipient__username", flat=True)) == {
        "sup_casa",
        "sup_national",
    }
    fes = Alert.objects.get(beneficiary=world.lost)
    assert set(notes.filter(target_id=str(fes.pk)).values_list("recipient__username", flat=True)) == {
        "sup_fesmeknes",
        "sup_national",
    }
    assert notes.count() == 12  # 6 alerts × (regional + national supervisor)
    assert not notes.filter(recipient__role="caseworker").exists()
    audited = AuditEntry.objects.filter(object_type="watchlist.alert", action="create")
    assert audited.count() == 6 and set(audited.values_list("actor_username", flat=True)) == {"watchlist-rules"}


def test_a_closed_alert_is_not_raised_again_for_the_same_facts(people, world):
    run_rules()
    alert = Alert.objects.get(beneficiary=world.lost)
    for action, extra in [
        ("acknowledge", {}),
        ("assess", {"assessment": "x"}),
        ("close", {"outcome": "resolved", "outcome_note": "x"}),
    ]:
        alert_transition(actor=people.supervisor, alert=alert, action=action, **extra)
    shop = Alert.objects.get(beneficiary=world.shop_closed)
    Alert.objects.filter(pk=shop.pk).update(status="closed", outcome="resolved", closed_at=shop.raised_at)
    assert run_rules() == {"lost_contact": 0, "missed_followups": 0, "project_abandoned": 0}
    # Still no contact two months later: raised again.
    later = run_rules(today=wf.today() + datetime.timedelta(days=61))
    assert later["lost_contact"] >= 1
    assert Alert.objects.filter(beneficiary=world.lost, status="open").count() == 1
    # A new closed visit after the last alert raises project abandoned again.
    wf.closed_project_visit(
        world.shop_closed, proposer=people.caseworker, visited_on=wf.today() + datetime.timedelta(days=1)
    )
    assert run_rules(today=wf.today() + datetime.timedelta(days=2))["project_abandoned"] == 1


def test_the_database_refuses_a_second_open_rule_alert(people):
    person = wf.person("FES")
    wf.alert(person, "lost_contact")
    with pytest.raises(IntegrityError), transaction.atomic():
        wf.alert(person, "lost_contact")
    wf.alert(
        person,
        "lost_contact",
        status="closed",
        outcome="resolved",
        closed_at=wf.alert(person, "missed_followups").raised_at,
    )


def test_inactive_indicators_raise_nothing(people, world):
    from casework.watchlist.models import Indicator

    Indicator.objects.filter(code="lost_contact").update(is_active=False)
    assert "lost_contact" not in run_rules()
    assert not Alert.objects.filter(indicator__code="lost_contact").exists()


def test_thresholds_come_from_the_reference_data(people, world):
    from casework.watchlist.models import Indicator

    Indicator.objects.filter(code="missed_followups").update(count=2)
    run_rules()
    assert Alert.objects.filter(indicator__code="missed_followups").count() == 2  # missing and missed_twice


def test_the_run_costs_the_same_queries_for_few_or_many_people(people):
    def run_with(n):
        for _ in range(n):
            wf.person("FES", released_days_ago=200)
        with CaptureQueriesContext(connection) as ctx:
            run_rules()
        return len(ctx.captured_queries)

    few = run_with(2)
    many = run_with(40)
    assert few == many


@pytest.mark.django_db(transaction=True)
@pytest.mark.celery_worker
def test_the_beat_task_on_a_real_worker_twice(people, celery_worker_process):
    from casework.watchlist.tasks import run_watchlist_rules

    person = wf.person("FES", released_days_ago=200)
    wf.indicator("lost_contact")
    first = run_watchlist_rules.delay().get(timeout=60)
    second = run_watchlist_rules.delay().get(timeout=60)
    assert first["lost_contact"] == 1 and second["lost_contact"] == 0
    assert Alert.objects.filter(beneficiary=person).count() == 1
