import datetime

import pytest
from django.utils import timezone

from casework.demo import load_staff
from casework.notifications.models import Notification
from reintegration_plans import demo, selectors
from reintegration_plans.models import FollowUp, LifeProject, ProjectRevision, Referral
from tests import factories

pytestmark = pytest.mark.django_db


def seed_people():
    for code in ("MEK", "FES", "CAS"):
        centre = factories.centre(code)
        for n in range(1, 8):
            factories.BeneficiaryFactory(centre=centre, file_number=f"{code}-2021-{n:04d}")


def test_demo_without_people_does_nothing():
    load_staff()
    assert demo.load().startswith("skipped")
    assert not LifeProject.objects.exists()


def test_demo_plans_follow_ups_and_referrals_idempotent(people):
    seed_people()
    load_staff()
    summary = demo.load()
    assert summary.startswith("11 life projects")
    statuses = sorted(LifeProject.objects.values_list("status", flat=True))
    assert set(statuses) == {"draft", "submitted", "returned", "active", "completed", "closed"}
    assert ProjectRevision.objects.filter(version=2).exists()  # returned then resubmitted: two versions kept
    today = timezone.localdate()
    planned = FollowUp.objects.filter(status="planned")
    assert planned.filter(due_on__lt=today).exists()  # overdue
    assert planned.filter(due_on__gte=today, due_on__lte=today + datetime.timedelta(days=7)).exists()  # this week
    assert Referral.objects.filter(consent_basis="recorded").exists()
    assert Referral.objects.filter(consent_basis="attested").exists()
    assert Notification.objects.filter(kind="plan_review_due").count() == 1  # the plan whose review is overdue
    from casework.models import User

    fes = User.objects.get(username="cw.fes")
    counts = selectors.follow_up_counts(user=fes)
    assert counts["overdue"] + counts["due"] > 0
    before = (LifeProject.objects.count(), FollowUp.objects.count(), Referral.objects.count())
    assert demo.load().startswith("already loaded")
    assert (LifeProject.objects.count(), FollowUp.objects.count(), Referral.objects.count()) == before
