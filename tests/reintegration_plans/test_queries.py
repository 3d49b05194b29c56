"""Lists and pages keep a fixed number of queries whatever the number of rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reintegration_plans import services
from tests.reintegration_plans import factories as pf

pytestmark = pytest.mark.django_db


def queries(client, url, **params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
        assert response.status_code == 200, url
    return len(captured)


def grow(people, person, n):
    for index in range(n):
        other = pf.person("FES")
        pf.submitted(preparer=people.caseworker, beneficiary=other)
        pf.follow_up_done(actor=people.caseworker, beneficiary=person, occurred_on=datetime.date(2021, 5, 1 + index))
        pf.follow_up_planned(actor=people.caseworker, beneficiary=other, due_on=datetime.date(2021, 1, 1 + index))
        pf.sharing_consent(beneficiary=person, given_on=datetime.date(2021, 1, 1))
        services.referral_send(actor=people.caseworker, beneficiary=person, partner=pf.partner(), reason="r")


def test_lists_keep_their_query_count(people, login, django_assert_max_num_queries):
    person = pf.person("FES")
    project = pf.draft(preparer=people.caseworker, beneficiary=person)
    grow(people, person, 2)
    urls = {
        "plans": (reverse("plans:list"), {}),
        "overview": (reverse("plans:follow_up_overview"), {}),
        "overdue": (reverse("plans:follow_up_overview"), {"state": "overdue"}),
        "person_follow_ups": (reverse("plans:follow_ups", args=[person.pk]), {}),
        "referrals": (reverse("plans:referrals", args=[person.pk]), {}),
        "project": (reverse("plans:project", args=[project.pk]), {}),
        "api_plans": ("/api/v1/plans/", {}),
        "api_goals": ("/api/v1/plans/goals/", {}),
        "api_follow_ups": ("/api/v1/plans/follow-ups/", {}),
        "api_referrals": ("/api/v1/plans/referrals/", {}),
    }
    client = login(people.supervisor)
    baseline = {name: queries(client, url, **params) for name, (url, params) in urls.items()}
    grow(people, person, 25)
    for code in ("family", "housing", "education"):
        goal = services.goal_add(actor=people.caseworker, project=project, domain=pf.domain(code), description=code)
        services.milestone_add(actor=people.caseworker, goal=goal, description="m1")
        services.milestone_add(actor=people.caseworker, goal=goal, description="m2")
    client = login(people.supervisor)
    for name, (url, params) in urls.items():
        with django_assert_max_num_queries(baseline[name]):
            client.get(url, params)
