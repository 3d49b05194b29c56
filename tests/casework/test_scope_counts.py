"""Counting in scope part by part (`BeneficiaryPolicy.count_visible`, `count_visible_up_to`) gives what
`visible()` gives, for every role and with shared files; a list longer than the pages go says so."""

import datetime

import pytest
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from beneficiaries.models import Beneficiary
from casework import pagination
from casework.access import beneficiary_policy, forget_shares
from casework.sharing import file_share_with_user
from reintegration_plans.models import FollowUp, Goal, LifeProject
from tests import factories
from tests.factories import BeneficiaryFactory
from tests.reintegration_plans import factories as plans

pytestmark = pytest.mark.django_db


@pytest.fixture
def caseload(people):
    """Follow-ups and plans in three centres, one CAS file shared with the Fes caseworker (and one Fes file
    shared with the Fes supervisor's region already in scope, so that the parts must not count it twice)."""
    today = timezone.localdate()
    for centre, caseworker in (("FES", people.caseworker), ("MEK", people.neighbour), ("CAS", people.outsider)):
        for _ in range(2):
            person = BeneficiaryFactory(centre=factories.centre(centre))
            plans.planned_rows(
                beneficiary=person, assigned_to=caseworker, due_dates=[today - datetime.timedelta(days=3), today]
            )
            plans.draft(preparer=caseworker, beneficiary=person)
    casa = Beneficiary.objects.filter(centre__code="CAS").first()
    fes = Beneficiary.objects.filter(centre__code="FES").first()
    file_share_with_user(actor=people.outsider, beneficiary=casa, user=people.caseworker, reason="Case conference")
    file_share_with_user(actor=people.caseworker, beneficiary=fes, user=people.supervisor, reason="Case conference")
    forget_shares()
    return people


def test_counts_by_parts_equal_the_scope_for_every_role(caseload):
    people = caseload
    today = timezone.localdate()
    cases = [
        (Beneficiary.objects.all(), ""),
        (FollowUp.objects.all(), "beneficiary"),  # copies its person's centre
        (LifeProject.objects.all(), "beneficiary"),  # copies its person's centre
        (Goal.objects.all(), "project__beneficiary"),  # through the person
    ]
    for user in (people.caseworker, people.neighbour, people.supervisor, people.outsider, people.national,
                 people.administrator, people.partner):  # fmt: skip
        for queryset, path in cases:
            expected = beneficiary_policy.visible(user, queryset, path=path).count()
            counted = beneficiary_policy.count_visible(user, queryset, path=path, n=Count("pk"))["n"]
            assert counted == expected, (user, queryset.model, path)
            assert beneficiary_policy.count_visible_up_to(user, queryset, path=path, limit=100) == expected
        overdue = Q(due_on__lt=today)
        expected = beneficiary_policy.visible(user, FollowUp.objects.filter(overdue), path="beneficiary").count()
        counted = beneficiary_policy.count_visible(user, FollowUp.objects.all(), path="beneficiary",
                                                   overdue=Count("pk", filter=overdue))  # fmt: skip
        assert counted == {"overdue": expected}
    # The Fes caseworker: their two files and the shared CAS file; each with two follow-ups.
    assert beneficiary_policy.count_visible(people.caseworker, FollowUp.objects.all(), path="beneficiary",
                                            n=Count("pk")) == {"n": 6}  # fmt: skip
    assert len(beneficiary_policy.visible_parts(people.caseworker, FollowUp.objects.all(), path="beneficiary")) == 2


def test_counting_up_to_a_limit_stops_there(caseload, django_assert_num_queries):
    people = caseload
    beneficiary_policy.count_visible_up_to(people.caseworker, FollowUp.objects.all(), path="beneficiary", limit=1)
    # The same queries whether the limit is reached in the first part or not (shares are read in a subquery).
    for limit in (1, 100):
        with django_assert_num_queries(2):
            beneficiary_policy.count_visible_up_to(people.caseworker, FollowUp.objects.all(), path="beneficiary",
                                                   limit=limit)  # fmt: skip
    # Six follow-ups in scope for the Fes caseworker: four in the centre, two shared.
    assert beneficiary_policy.count_visible_up_to(people.caseworker, FollowUp.objects.all(), path="beneficiary",
                                                  limit=3) == 4  # fmt: skip
    assert beneficiary_policy.count_visible_up_to(people.caseworker, FollowUp.objects.all(), path="beneficiary",
                                                  limit=5) == 6  # fmt: skip
    assert beneficiary_policy.count_visible_up_to(people.caseworker, FollowUp.objects.all(), path="beneficiary",
                                                  limit=6) == 6  # fmt: skip


def test_a_list_longer_than_the_pages_go_says_so_and_pages_what_it_can(people, client, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_LIMIT", 60)
    person = BeneficiaryFactory(centre=factories.centre("FES"))
    today = timezone.localdate()
    plans.planned_rows(beneficiary=person, assigned_to=people.caseworker,
                       due_dates=[today + datetime.timedelta(days=n % 20) for n in range(70)])  # fmt: skip
    client.force_login(people.caseworker)
    first = client.get(reverse("plans:follow_up_overview"))  # in Arabic, the default
    assert first.status_code == 200
    assert first.context["page"].paginator.capped is True
    assert "الصفحة 1 من أول 2 (توجد سجلات أخرى: ضيّق القائمة بالمرشّحات)" in first.content.decode()
    last = client.get(reverse("plans:follow_up_overview"), {"page": 2})
    assert len(last.context["page"].object_list) == 10  # rows 51 to 60 of the 70
    # Under the limit the page counts exactly, as before.
    monkeypatch.setattr(pagination, "COUNT_LIMIT", 10_000)
    exact = client.get(reverse("plans:follow_up_overview"))
    assert exact.context["page"].paginator.capped is False
    assert exact.context["page"].paginator.count == 70
    assert "الصفحة 1 من 2<" in exact.content.decode()
