"""Periodic review reminders: the beat task tells the caseworker once per review date, however often it runs."""

import datetime

import pytest
import time_machine

from casework.notifications.models import Notification
from reintegration_plans import services
from reintegration_plans.models import LifeProject
from reintegration_plans.tasks import remind_plan_reviews
from tests.reintegration_plans import factories as pf


@pytest.mark.django_db
def test_review_reminder_is_sent_once_per_review_date(people):
    project = pf.active(preparer=people.caseworker, supervisor=people.supervisor, start=datetime.date(2021, 6, 1))
    assert project.next_review_on == datetime.date(2021, 9, 1)
    with time_machine.travel(datetime.datetime(2021, 8, 31, 12, tzinfo=datetime.UTC)):
        assert services.plan_reviews_remind() == 0
    with time_machine.travel(datetime.datetime(2021, 9, 1, 12, tzinfo=datetime.UTC)):
        assert services.plan_reviews_remind() == 1
        assert services.plan_reviews_remind() == 0  # run twice: one reminder
        assert remind_plan_reviews() == 0
    reminders = Notification.objects.filter(kind="plan_review_due", recipient=people.caseworker)
    assert reminders.count() == 1 and reminders.get().params["due_on"] == "2021-09-01"
    # The review is recorded: the next date is three months on, and it will be reminded in turn.
    with time_machine.travel(datetime.datetime(2021, 9, 2, 12, tzinfo=datetime.UTC)):
        project = services.life_project_record_review(actor=people.caseworker, project=project, comment="On track.")
    assert project.next_review_on == datetime.date(2021, 12, 2)
    with time_machine.travel(datetime.datetime(2021, 12, 3, 12, tzinfo=datetime.UTC)):
        assert services.plan_reviews_remind() == 1
    assert reminders.count() == 2
    assert LifeProject.objects.get(pk=project.pk).review_reminded_on == datetime.date(2021, 12, 2)


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_beat_task_runs_on_the_real_worker(celery_worker_process, people):
    pf.load_reference()
    pf.active(preparer=people.caseworker, supervisor=people.supervisor, start=datetime.date(2020, 1, 1))
    first = remind_plan_reviews.delay().get(timeout=60)
    second = remind_plan_reviews.delay().get(timeout=60)
    assert (first, second) == (1, 0)
    assert Notification.objects.filter(kind="plan_review_due").count() == 1
