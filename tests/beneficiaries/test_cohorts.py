import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from beneficiaries.models import Attendance, Cohort, CohortSession, Membership, Module
from beneficiaries.reference_data import ensure_modules
from beneficiaries.services import cohort_add_member, cohort_create, cohort_session_add
from casework.models import AuditAction, AuditEntry
from tests.factories import BeneficiaryFactory, centre

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(people):
    ensure_modules(Module)  # reference data from a migration; a transactional test may have flushed it
    cohort = cohort_create(actor=people.administrator, edition=7, year=2021)
    for module in Module.objects.order_by("order"):
        cohort_session_add(actor=people.administrator, cohort=cohort, module=module)
    return cohort


def add_members(cohort, centre_code, count):
    return [
        cohort_add_member(actor=None, cohort=cohort, beneficiary=BeneficiaryFactory(centre=centre(centre_code)))
        for _ in range(count)
    ]


def test_cohort_review_shows_only_members_in_scope(people, cohort, login):
    fes = add_members(cohort, "FES", 2)
    casa = add_members(cohort, "CAS", 1)
    url = reverse("beneficiaries:cohort_review", args=[cohort.pk])
    body = login(people.supervisor).get(url).content.decode()
    assert all(m.beneficiary.file_number in body for m in fes)
    assert casa[0].beneficiary.file_number not in body
    body = login(people.outsider_supervisor).get(url).content.decode()
    assert casa[0].beneficiary.file_number in body and fes[0].beneficiary.file_number not in body


def test_cohort_review_queries_do_not_grow_with_members(people, cohort, login):
    client = login(people.national)
    add_members(cohort, "FES", 2)
    url = reverse("beneficiaries:cohort_review", args=[cohort.pk])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add_members(cohort, "MEK", 12)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.context["total"] == 14
    assert len(few.captured_queries) == len(many.captured_queries)


def test_partner_refused_on_cohort_pages_and_unknown_cohort_is_404(people, cohort, login):
    partner = login(people.partner)
    assert partner.get(reverse("beneficiaries:cohort_review", args=[cohort.pk])).status_code == 403
    assert partner.get(reverse("beneficiaries:cohort_create")).status_code == 403
    other = Cohort(pk="00000000-0000-0000-0000-000000000000")
    assert login(people.caseworker).get(reverse("beneficiaries:cohort_review", args=[other.pk])).status_code == 404


def test_only_supervisors_and_administrators_create_cohorts_and_sessions(people, cohort, login):
    assert login(people.caseworker).get(reverse("beneficiaries:cohort_create")).status_code == 403
    assert login(people.caseworker).get(reverse("beneficiaries:session_add", args=[cohort.pk])).status_code == 403
    client = login(people.supervisor)
    response = client.post(reverse("beneficiaries:cohort_create"), {"edition": 8, "year": 2022})
    assert response.status_code == 302
    new = Cohort.objects.get(edition=8)
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, object_type="beneficiaries.cohort", object_id=str(new.pk)
    ).exists()
    response = client.post(
        reverse("beneficiaries:session_add", args=[new.pk]),
        {"module": Module.objects.first().pk, "held_on": "2022-03-01"},
    )
    assert response.status_code == 302
    assert CohortSession.objects.get(cohort=new).number == 1


def test_attendance_recorded_only_for_members_the_user_may_change(people, cohort, login):
    fes = add_members(cohort, "FES", 2)
    casa = add_members(cohort, "CAS", 1)
    session = cohort.sessions.order_by("number").first()
    url = reverse("beneficiaries:session_attendance", args=[cohort.pk, session.pk])
    client = login(people.caseworker)
    body = client.get(url).content.decode()
    assert casa[0].beneficiary.file_number not in body
    response = client.post(url, {"present": [str(fes[0].pk), str(casa[0].pk)]})
    assert response.status_code == 302
    recorded = dict(Attendance.objects.filter(session=session).values_list("membership_id", "present"))
    assert recorded == {fes[0].pk: True, fes[1].pk: False}


def test_membership_completion_and_hand_off_from_the_file(people, cohort, login):
    member = add_members(cohort, "FES", 1)[0]
    url = reverse("beneficiaries:membership_edit", args=[member.beneficiary.pk, member.pk])
    assert login(people.outsider).get(url).status_code == 404
    response = login(people.caseworker).post(
        url, {"completed": "on", "evaluation": "Très bonne participation", "handed_off_on": "2021-03-02"}
    )
    assert response.status_code == 302
    member = Membership.objects.get(pk=member.pk)
    assert member.completed and member.handed_off_on == datetime.date(2021, 3, 2)
    entry = AuditEntry.objects.get(action=AuditAction.UPDATE, object_type="beneficiaries.membership")
    assert entry.changes["completed"] == [False, True]
