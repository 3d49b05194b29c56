"""Overdue follow-ups: the caseworker responsible is told once per follow-up, however often the task runs."""

import datetime

import pytest
from django.core import mail

from casework.notifications.kinds import NotificationKind
from casework.notifications.models import Notification
from casework.notifications.overdue import followups_overdue_notify
from reintegration_plans.models import FollowUpStatus
from tests import factories
from tests.watchlist import factories as wf

pytestmark = pytest.mark.django_db


def _overdue(beneficiary, assigned_to, days=3):
    return wf.follow_up(beneficiary, due_on=wf.days_ago(days), assigned_to=assigned_to)


def test_run_twice_one_notification_per_overdue_follow_up(people, django_capture_on_commit_callbacks):
    people.caseworker.email = "cw@example.org"
    people.caseworker.save(update_fields=["email"])
    person = wf.person("FES")
    late = _overdue(person, people.caseworker)
    later = _overdue(person, people.caseworker, days=20)
    wf.follow_up(person, due_on=wf.today(), assigned_to=people.caseworker)  # due today: not overdue
    wf.follow_up(person, status=FollowUpStatus.DONE, occurred_on=wf.days_ago(5), due_on=wf.days_ago(6))
    wf.follow_up(person, status=FollowUpStatus.MISSED, due_on=wf.days_ago(6), assigned_to=people.caseworker)
    with django_capture_on_commit_callbacks(execute=True):
        assert followups_overdue_notify() == 2
        assert followups_overdue_notify() == 0
    rows = Notification.objects.filter(kind=NotificationKind.FOLLOWUP_OVERDUE)
    assert {n.target_id for n in rows} == {str(late.pk), str(later.pk)}
    assert {n.recipient for n in rows} == {people.caseworker}
    row = rows.get(target_id=str(late.pk))
    assert row.url == f"/plans/follow-ups/{late.pk}/" and row.beneficiary_id == person.pk
    assert person.file_number in row.text and wf.days_ago(3).isoformat() in row.text
    assert len(mail.outbox) == 2


def test_nobody_out_of_scope_inactive_or_unassigned_is_told(people):
    fes_person = wf.person("FES")
    _overdue(fes_person, people.outsider)  # a Casablanca caseworker: not their file
    _overdue(fes_person, None)
    inactive = _overdue(fes_person, people.neighbour)
    people.neighbour.is_active = False
    people.neighbour.save(update_fields=["is_active"])
    _overdue(fes_person, people.supervisor)  # the region's supervisor: in scope
    _overdue(fes_person, people.outsider_supervisor)  # another region's supervisor: not
    assert followups_overdue_notify() == 1
    assert Notification.objects.get().recipient == people.supervisor
    assert not Notification.objects.filter(target_id=str(inactive.pk)).exists()


def test_a_follow_up_reassigned_is_told_to_the_new_caseworker_once(people):
    colleague = factories.caseworker("FES", username="cw_fes_2")
    follow_up = _overdue(wf.person("FES"), people.caseworker)
    followups_overdue_notify()
    follow_up.assigned_to = colleague
    follow_up.save()
    assert followups_overdue_notify() == 1
    assert followups_overdue_notify() == 0
    assert Notification.objects.count() == 2


def test_becomes_overdue_at_its_due_date(people):
    follow_up = wf.follow_up(wf.person("FES"), due_on=wf.today(), assigned_to=people.caseworker)
    assert followups_overdue_notify() == 0
    assert followups_overdue_notify(today=wf.today() + datetime.timedelta(days=1)) == 1
    assert Notification.objects.get().target_id == str(follow_up.pk)


@pytest.mark.django_db(transaction=True)
@pytest.mark.celery_worker
def test_the_beat_task_on_a_real_worker_twice(people, celery_worker_process):
    from casework.notifications.tasks import notify_overdue_followups

    follow_up = _overdue(wf.person("FES"), people.caseworker)
    assert notify_overdue_followups.delay().get(timeout=60) == 1
    assert notify_overdue_followups.delay().get(timeout=60) == 0
    assert Notification.objects.filter(target_id=str(follow_up.pk)).count() == 1
