"""API under /api/v1/plans/: scoped lists (outsider sees nothing, detail 404), filters, pagination, audited
detail reads, writes through the services (own approval 403, illegal step 400)."""

import datetime

import pytest

from casework.models import AuditEntry
from reintegration_plans.models import FollowUp, FollowUpStatus, ProjectStatus
from tests.reintegration_plans import factories as pf

pytestmark = pytest.mark.django_db

BASE = "/api/v1/plans"


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_lists_are_scoped(people, scene, login):
    client = login(people.caseworker)
    assert ids(client.get(f"{BASE}/")) == {str(scene.draft.pk), str(scene.submitted.pk), str(scene.active.pk)}
    assert len(ids(client.get(f"{BASE}/goals/"))) == 12
    assert ids(client.get(f"{BASE}/follow-ups/")) == {str(scene.done.pk), str(scene.planned.pk)}
    assert ids(client.get(f"{BASE}/referrals/")) == {str(scene.referral.pk)}
    for user in (people.outsider, people.outsider_supervisor, people.neighbour):
        client = login(user)
        for endpoint in ["", "goals/", "follow-ups/", "referrals/"]:
            assert ids(client.get(f"{BASE}/{endpoint}")) == set(), (user.username, endpoint)
    partner = login(people.partner)
    for endpoint in ["", "goals/", "follow-ups/", "referrals/"]:
        assert partner.get(f"{BASE}/{endpoint}").status_code == 403


def test_details_out_of_scope_are_404_and_reads_audited(people, scene, login):
    goal = scene.draft.goals.first()
    paths = [
        f"{scene.draft.pk}/",
        f"goals/{goal.pk}/",
        f"follow-ups/{scene.done.pk}/",
        f"referrals/{scene.referral.pk}/",
    ]
    outsider = login(people.outsider)
    for path in paths:
        assert outsider.get(f"{BASE}/{path}").status_code == 404, path
    client = login(people.caseworker)
    before = AuditEntry.objects.filter(action="view", actor=people.caseworker).count()
    for path in paths:
        assert client.get(f"{BASE}/{path}").status_code == 200, path
    assert AuditEntry.objects.filter(action="view", actor=people.caseworker).count() == before + 4
    detail = client.get(f"{BASE}/{scene.draft.pk}/").json()
    assert len(detail["goals"]) == 4 and detail["checklist"] and detail["history"][0]["plan_action"] == "create"
    assert detail["plan_status"] == "draft"


def test_filters_and_pagination(people, scene, login):
    client = login(people.supervisor)
    assert ids(client.get(f"{BASE}/", {"status": "submitted"})) == {str(scene.submitted.pk)}
    assert ids(client.get(f"{BASE}/", {"file_number": scene.person.file_number})) == {str(scene.draft.pk)}
    assert len(ids(client.get(f"{BASE}/goals/", {"domain": "health", "beneficiary": scene.person.pk}))) == 1
    assert ids(client.get(f"{BASE}/follow-ups/", {"status": "planned"})) == {str(scene.planned.pk)}
    assert ids(client.get(f"{BASE}/follow-ups/", {"state": "overdue"})) == set()
    assert ids(client.get(f"{BASE}/referrals/", {"partner": "foundation"})) == {str(scene.referral.pk)}
    assert client.get(f"{BASE}/", {"status": "nonsense"}).status_code == 400
    pf.planned_rows(beneficiary=scene.person, assigned_to=people.caseworker, due_dates=[datetime.date(2021, 1, 1)] * 60)
    page = client.get(f"{BASE}/follow-ups/", {"state": "overdue"}).json()
    assert page["count"] == 60 and len(page["results"]) == 50 and page["next"]
    assert client.get(f"{BASE}/follow-ups/", {"assigned_to": people.caseworker.username}).json()["count"] == 62


def test_workflow_actions(people, scene, login):
    url = f"{BASE}/{scene.submitted.pk}"
    cw = login(people.caseworker)
    refused = cw.post(f"{url}/approve/", {}, format="json")
    assert refused.status_code == 403 and "prepared or submitted" in refused.content.decode()
    assert login(people.outsider_supervisor).post(f"{url}/approve/", {}).status_code == 404
    sup = login(people.supervisor)
    bad = sup.post(f"{url}/return/", {"comment": ""})
    assert bad.status_code == 400 and "comment" in bad.json()["error"]["fields"]
    ok = sup.post(f"{url}/return/", {"comment": "More detail on housing."})
    assert ok.status_code == 200 and ok.json()["plan_status"] == ProjectStatus.RETURNED
    illegal = sup.post(f"{url}/approve/", {})
    assert illegal.status_code == 400 and "You cannot approve a life project that is" in illegal.content.decode()
    cw = login(people.caseworker)
    assert cw.post(f"{url}/submit/").json()["plan_status"] == "submitted"
    assert login(people.supervisor).post(f"{url}/approve/", {}).json()["approved_by"] == people.supervisor.username
    assert login(people.administrator).post(f"{BASE}/{scene.draft.pk}/submit/").status_code == 403


def test_create_follow_ups(people, scene, login):
    cw = login(people.caseworker)
    goal = scene.draft.goals.get(domain__code="health")
    response = cw.post(
        f"{BASE}/follow-ups/",
        {
            "beneficiary": str(scene.person.pk),
            "follow_up_status": "done",
            "occurred_on": "2021-06-10",
            "domain": "health",
            "follow_up_kind": "accompaniment",
            "summary": "Went to the health centre together.",
            "health_note": "Vaccinated.",
            "goals": [str(goal.pk)],
            "next_due_on": "2021-07-10",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["follow_up_status"] == "done" and body["goals"] == [str(goal.pk)]
    assert body["health_note"] == "Vaccinated."
    assert FollowUp.objects.filter(beneficiary=scene.person, due_on=datetime.date(2021, 7, 10)).exists()
    planned = cw.post(
        f"{BASE}/follow-ups/",
        {
            "beneficiary": str(scene.person.pk),
            "follow_up_status": "planned",
            "due_on": "2021-08-01",
            "domain": "social",
            "follow_up_kind": "phone",
        },
        format="json",
    )
    assert planned.status_code == 201 and planned.json()["follow_up_status"] == FollowUpStatus.PLANNED
    bad = cw.post(
        f"{BASE}/follow-ups/",
        {
            "beneficiary": str(scene.person.pk),
            "follow_up_status": "done",
            "domain": "social",
            "follow_up_kind": "phone",
        },
        format="json",
    )
    assert bad.status_code == 400 and "occurred_on" in bad.json()["error"]["fields"]
    unknown = cw.post(
        f"{BASE}/follow-ups/",
        {
            "beneficiary": str(scene.person.pk),
            "follow_up_status": "planned",
            "domain": "nope",
            "follow_up_kind": "phone",
        },
        format="json",
    )
    assert unknown.status_code == 400
    outsider = login(people.outsider).post(
        f"{BASE}/follow-ups/",
        {"beneficiary": str(scene.person.pk), "follow_up_status": "planned", "due_on": "2021-08-01",
         "domain": "social", "follow_up_kind": "phone"},
        format="json",
    )  # fmt: skip
    assert outsider.status_code == 404
    admin = login(people.administrator).post(
        f"{BASE}/follow-ups/",
        {"beneficiary": str(scene.person.pk), "follow_up_status": "planned", "due_on": "2021-08-01",
         "domain": "social", "follow_up_kind": "phone"},
        format="json",
    )  # fmt: skip
    assert admin.status_code == 403


def test_schema_has_the_endpoints_and_no_warning_about_them():
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.validation import validate_schema

    GENERATOR_STATS.reset()
    with GENERATOR_STATS.silence():
        schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)
    paths = schema["paths"]
    for path in ["/api/v1/plans/", "/api/v1/plans/{id}/approve/", "/api/v1/plans/follow-ups/", "/api/v1/plans/goals/"]:
        assert path in paths
    # Enum fields are named per model, so their components are ours alone (no naming collision with other apps).
    for name in ("PlanStatusEnum", "GoalStatusEnum", "FollowUpKindEnum", "ReferralStatusEnum", "PlanActionEnum"):
        assert name in schema["components"]["schemas"], name
    ours = (
        "reintegration_plans", "ProjectViewSet", "GoalViewSet", "FollowUpViewSet", "ReferralViewSet",
        "plan_status", "goal_status", "follow_up_status", "follow_up_kind", "referral_status", "plan_action",
        "checklist_status", "consent_basis",
    )  # fmt: skip
    messages = list(GENERATOR_STATS._warn_cache) + list(GENERATOR_STATS._error_cache)
    assert [m for m in messages if any(name in m for name in ours)] == []
