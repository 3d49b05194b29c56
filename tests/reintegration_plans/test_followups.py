"""Follow-ups: recording plans the next one, overdue at the due date, missed, corrections with history."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from casework.models import AuditEntry
from reintegration_plans import selectors, services
from reintegration_plans.models import FollowUp, FollowUpCorrection, FollowUpStatus
from tests.reintegration_plans import factories as pf

pytestmark = pytest.mark.django_db


def at(day: datetime.date):
    """Noon in Casablanca on that day."""
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 11, 0, tzinfo=datetime.UTC))


def test_recording_with_a_next_date_plans_the_next_follow_up(people):
    person = pf.person("FES")
    project = pf.draft(preparer=people.caseworker, beneficiary=person)
    goal = project.goals.get(domain__code="vocational")
    done = pf.follow_up_done(
        actor=people.caseworker,
        beneficiary=person,
        occurred_on=datetime.date(2021, 6, 1),
        domain_code="vocational",
        goals=[goal],
        next_due_on=datetime.date(2021, 6, 15),
        attendees="The person and his mother",
        outcome="Registered for an OFPPT course",
    )
    assert done.status == FollowUpStatus.DONE and done.project == project and done.assigned_to == people.caseworker
    assert list(done.goals.all()) == [goal]
    planned = FollowUp.objects.get(beneficiary=person, status=FollowUpStatus.PLANNED)
    assert planned.due_on == datetime.date(2021, 6, 15) and planned.domain.code == "vocational"
    assert planned.assigned_to == people.caseworker
    assert AuditEntry.objects.filter(object_id=str(planned.pk), action="create", beneficiary_id=person.pk).exists()


def test_a_follow_up_becomes_overdue_at_its_due_date(people):
    person = pf.person("FES")
    due = datetime.date(2021, 7, 10)
    planned = pf.follow_up_planned(actor=people.caseworker, beneficiary=person, due_on=due)

    def state(day):
        with at(day):
            row = selectors.follow_up_list(user=people.caseworker, beneficiary=person).get(pk=planned.pk)
            counts = selectors.follow_up_counts(user=people.caseworker)
            overdue = set(
                selectors.follow_up_list(user=people.caseworker, state="overdue").values_list("pk", flat=True)
            )
            return row.state, counts, planned.pk in overdue

    assert state(datetime.date(2021, 7, 2)) == ("planned", {"overdue": 0, "due": 0}, False)
    assert state(datetime.date(2021, 7, 3)) == ("due", {"overdue": 0, "due": 1}, False)
    assert state(due) == ("due", {"overdue": 0, "due": 1}, False)  # due today is not yet overdue
    assert state(due + datetime.timedelta(days=1)) == ("overdue", {"overdue": 1, "due": 0}, True)
    # Recorded late, it stops being overdue.
    with at(datetime.date(2021, 7, 12)):
        pf.follow_up_done(
            actor=people.caseworker, beneficiary=person, occurred_on=datetime.date(2021, 7, 12), planned=planned
        )
        assert selectors.follow_up_counts(user=people.caseworker) == {"overdue": 0, "due": 0}


def test_counts_are_right_on_thousands_and_scoped(people, django_assert_max_num_queries):
    today = datetime.date(2021, 9, 15)
    fes, casa = pf.person("FES"), pf.person("CAS")
    days = [today + datetime.timedelta(days=offset) for offset in range(-1500, 1500)]  # 3,000 follow-ups
    pf.planned_rows(beneficiary=fes, assigned_to=people.caseworker, due_dates=days)
    pf.planned_rows(beneficiary=casa, assigned_to=people.outsider, due_dates=days[:500])
    # Two queries whatever the volume: the access policy reads the user's file shares, then one aggregate.
    with at(today), django_assert_max_num_queries(2):
        counts = selectors.follow_up_counts(user=people.caseworker)
    assert counts == {"overdue": 1500, "due": 8}  # 8: today and the 7 days after
    with at(today):
        assert selectors.follow_up_counts(user=people.outsider) == {"overdue": 500, "due": 0}
        assert selectors.follow_up_counts(user=people.national)["overdue"] == 2000
        assert selectors.follow_up_counts_and_mine(user=people.neighbour)[1] == {"overdue": 0, "due": 0}


def test_the_scope_and_my_own_counts_come_from_the_same_queries(people, django_assert_max_num_queries):
    today = datetime.date(2021, 9, 15)
    fes = pf.person("FES")
    days = [today + datetime.timedelta(days=offset) for offset in range(-30, 30)]
    pf.planned_rows(beneficiary=fes, assigned_to=people.caseworker, due_dates=days[:40])
    pf.planned_rows(beneficiary=fes, assigned_to=people.neighbour, due_dates=days[20:])
    with at(today):
        scope = selectors.follow_up_counts(user=people.caseworker)
        with django_assert_max_num_queries(3):  # the shares, then one aggregate per part of the scope
            both = selectors.follow_up_counts_and_mine(user=people.caseworker)
        neighbours = selectors.follow_up_counts_and_mine(user=people.neighbour)[1]
    assert both == (scope, {"overdue": 30, "due": 8})
    assert scope == {"overdue": 30 + 10, "due": 8 + 8}
    assert neighbours == {"overdue": 0, "due": 0}  # assigned to Meknes' caseworker, but a Fes file: out of scope


def test_missed_and_cancelled(people):
    person = pf.person("FES")
    planned = pf.follow_up_planned(actor=people.caseworker, beneficiary=person, due_on=datetime.date(2021, 7, 1))
    with pytest.raises(ValidationError) as error:
        services.follow_up_mark_missed(actor=people.caseworker, follow_up=planned, reason="")
    assert "outcome" in error.value.message_dict
    missed = services.follow_up_mark_missed(actor=people.caseworker, follow_up=planned, reason="Not at home.")
    assert missed.status == FollowUpStatus.MISSED and missed.outcome == "Not at home."
    with pytest.raises(ValidationError, match="Only a planned follow-up"):
        services.follow_up_cancel(actor=people.caseworker, follow_up=missed)
    with pytest.raises(PermissionDenied):
        services.follow_up_mark_missed(actor=people.outsider, follow_up=missed, reason="x")


def test_bad_dates_are_refused(people):
    person = pf.person("FES")
    with pytest.raises(ValidationError) as error:
        pf.follow_up_done(
            actor=people.caseworker,
            beneficiary=person,
            occurred_on=datetime.date(2021, 6, 1),
            next_due_on=datetime.date(2021, 5, 1),
        )
    assert "next_due_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        pf.follow_up_done(actor=people.caseworker, beneficiary=person, occurred_on=datetime.date(2099, 1, 1))
    assert "occurred_on" in error.value.message_dict
    assert not FollowUp.objects.filter(beneficiary=person).exists()


def test_goals_of_another_person_are_refused(people):
    other = pf.draft(preparer=people.caseworker)
    with pytest.raises(ValidationError) as error:
        pf.follow_up_done(actor=people.caseworker, beneficiary=pf.person("FES"), goals=[other.goals.first()])
    assert "goals" in error.value.message_dict


def test_corrections_keep_history(people):
    person = pf.person("FES")
    done = pf.follow_up_done(
        actor=people.caseworker, beneficiary=person, summary="Met at the centre.", health_note="Back pain."
    )
    with pytest.raises(ValidationError) as error:
        services.follow_up_correct(actor=people.caseworker, follow_up=done, reason="", summary="x")
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError, match="Nothing was changed"):
        services.follow_up_correct(actor=people.caseworker, follow_up=done, reason="typo", summary="Met at the centre.")
    services.follow_up_correct(
        actor=people.caseworker,
        follow_up=done,
        reason="Wrong place",
        summary="Met at his home.",
        domain=pf.domain("family"),
        health_note="Back pain, sees a doctor.",
    )
    services.follow_up_correct(
        actor=people.supervisor, follow_up=done, reason="Date mistyped", occurred_on=datetime.date(2021, 5, 31)
    )
    done.refresh_from_db()
    assert done.summary == "Met at his home." and done.correction_count == 2
    first, second = FollowUpCorrection.objects.filter(follow_up=done).order_by("id")
    assert first.changes["summary"] == ["Met at the centre.", "Met at his home."]
    assert first.changes["domain"] == ["social", "family"]
    # The health note's texts are kept encrypted apart from the JSON changes (see test_health_notes).
    assert first.changes["health_note"] == "corrected"
    assert (first.health_note_before, first.health_note_after) == ("Back pain.", "Back pain, sees a doctor.")
    assert first.corrected_by == people.caseworker and first.reason == "Wrong place"
    assert second.changes == {"occurred_on": ["2021-06-01", "2021-05-31"]} and second.corrected_by == people.supervisor
    # The audit trail says the health note changed, never what it says (administrators read the trail).
    audit = AuditEntry.objects.filter(object_id=str(done.pk), action="update").order_by("id").first()
    assert audit.changes["health_note"] == "(corrected)" and audit.changes["correction_reason"] == "Wrong place"
    assert "Back pain" not in str(list(AuditEntry.objects.filter(beneficiary_id=person.pk).values_list("changes")))


def test_correcting_a_planned_follow_up_is_refused(people):
    planned = pf.follow_up_planned(
        actor=people.caseworker, beneficiary=pf.person("FES"), due_on=datetime.date(2030, 1, 1)
    )
    with pytest.raises(ValidationError, match="recorded, not corrected"):
        services.follow_up_correct(actor=people.caseworker, follow_up=planned, reason="x", summary="y")
