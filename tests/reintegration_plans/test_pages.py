"""Every page: scope (outsider → 404), role (read-only → 403), and the flows end to end through the forms."""

import datetime

import pytest
from django.urls import reverse

from casework.models import AuditEntry
from casework.sharing import file_share_with_user
from reintegration_plans.models import FollowUp, FollowUpStatus, LifeProject, ProjectStatus, Referral
from tests.reintegration_plans import factories as pf

pytestmark = pytest.mark.django_db


def read_pages(scene):
    p = scene.person.pk
    return [
        reverse("plans:person", args=[p]),
        reverse("plans:follow_ups", args=[p]),
        reverse("plans:referrals", args=[p]),
        reverse("plans:timeline", args=[p]),
        reverse("plans:project", args=[scene.draft.pk]),
        reverse("plans:project", args=[scene.submitted.pk]),
        reverse("plans:follow_up", args=[scene.done.pk]),
    ]


def write_pages(scene):
    """GET forms and POST actions that change something; the person is in Fes."""
    p, d = scene.person.pk, scene.draft.pk
    goal = scene.draft.goals.first()
    milestone = goal.milestones.first() or scene.draft.goals.exclude(milestones=None).first().milestones.first()
    return [
        reverse("plans:follow_up_record", args=[p]),
        reverse("plans:follow_up_plan", args=[p]),
        reverse("plans:referral_create", args=[p]),
        reverse("plans:follow_up_correct", args=[scene.done.pk]),
        reverse("plans:follow_up_missed", args=[scene.planned.pk]),
        reverse("plans:referral_update", args=[scene.referral.pk]),
        reverse("plans:edit", args=[d]),
        reverse("plans:goal_add", args=[d]),
        reverse("plans:goal_edit", args=[d, goal.pk]),
        reverse("plans:milestone_add", args=[d, goal.pk]),
        reverse("plans:milestone_edit", args=[d, milestone.pk]),
        reverse("plans:checklist", args=[d]),
        reverse("plans:close", args=[d]),
        reverse("plans:step", args=[scene.active.pk, "review"]),
    ]


POST_ONLY = ["submit", "activate"]


def test_every_page_answers_404_out_of_scope(people, scene, login):
    for user in (people.outsider, people.outsider_supervisor, people.neighbour):
        client = login(user)
        for url in read_pages(scene) + write_pages(scene):
            assert client.get(url).status_code == 404, (user.username, url)
        for name in POST_ONLY:
            assert client.post(reverse(f"plans:{name}", args=[scene.draft.pk])).status_code == 404
        assert client.post(reverse("plans:create", args=[scene.person.pk])).status_code == 404
        assert client.post(reverse("plans:follow_up_cancel", args=[scene.planned.pk])).status_code == 404
        assert client.get(reverse("plans:decide", args=[scene.submitted.pk])).status_code == 404


def test_missing_records_are_404(people, login):
    client = login(people.caseworker)
    missing = "00000000-0000-0000-0000-000000000000"
    for name in ["person", "follow_ups", "referrals", "timeline", "project", "follow_up"]:
        assert client.get(reverse(f"plans:{name}", args=[missing])).status_code == 404


def test_pages_in_scope_render(people, scene, login):
    for user in (people.caseworker, people.supervisor, people.national):
        client = login(user)
        for url in read_pages(scene) + write_pages(scene):
            assert client.get(url).status_code == 200, (user.username, url)
    for url in [
        reverse("plans:list"),
        reverse("plans:follow_up_overview"),
        reverse("beneficiaries:detail", args=[scene.person.pk]),
    ]:
        assert login(people.caseworker).get(url).status_code == 200


def test_administrators_read_but_do_not_write(people, scene, login):
    client = login(people.administrator)
    for url in read_pages(scene) + [reverse("plans:list"), reverse("plans:follow_up_overview")]:
        assert client.get(url).status_code == 200, url
    for url in write_pages(scene):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("plans:submit", args=[scene.draft.pk])).status_code == 403
    assert client.get(reverse("plans:decide", args=[scene.submitted.pk])).status_code == 403


def test_partner_viewers_see_no_file(people, scene, login):
    client = login(people.partner)
    for url in read_pages(scene) + write_pages(scene) + [reverse("plans:list"), reverse("plans:follow_up_overview")]:
        assert client.get(url).status_code in (403, 404), url


def test_read_only_share_reads_but_does_not_write(people, scene, login):
    file_share_with_user(actor=people.supervisor, beneficiary=scene.person, user=people.outsider, reason="Case review")
    client = login(people.outsider)
    for url in read_pages(scene)[:5]:
        assert client.get(url).status_code == 200, url
    for url in write_pages(scene)[:4]:
        assert client.get(url).status_code == 403, url


def test_caseworker_cannot_open_the_decision_and_awaiting_is_for_supervisors(people, scene, login):
    assert login(people.caseworker).get(reverse("plans:decide", args=[scene.submitted.pk])).status_code == 403
    assert login(people.caseworker).get(reverse("plans:awaiting")).status_code == 403
    response = login(people.supervisor).get(reverse("plans:awaiting"))
    assert response.status_code == 200 and scene.submitted.beneficiary.file_number in response.content.decode()
    assert login(people.outsider_supervisor).get(reverse("plans:awaiting")).context["page"].paginator.count == 0


def test_plan_flow_through_the_pages(people, login):
    person = pf.person("FES")
    cw = login(people.caseworker)
    response = cw.post(reverse("plans:create", args=[person.pk]), {"summary": "A job and a home."})
    project = LifeProject.objects.get(beneficiary=person)
    assert response.status_code == 302 and response.url == reverse("plans:project", args=[project.pk])
    for code in pf.FOUR_DOMAINS:
        response = cw.post(
            reverse("plans:goal_add", args=[project.pk]),
            {"domain": pf.domain(code).pk, "description": f"Goal {code}", "target_date": "2022-03-01"},
        )
        assert response.status_code == 302, response.content
    bad = cw.post(reverse("plans:goal_add", args=[project.pk]), {"domain": "", "description": ""})
    assert bad.status_code == 200 and 'role="alert"' in bad.content.decode()
    cw.post(reverse("plans:submit", args=[project.pk]))
    project.refresh_from_db()
    assert project.status == ProjectStatus.SUBMITTED

    sup = login(people.supervisor)  # the same test client, now signed in as the supervisor
    refused = sup.post(reverse("plans:decide", args=[project.pk]), {"decision": "return", "comment": ""})
    assert refused.status_code == 200 and "Say what must change" in refused.content.decode()
    sup.post(reverse("plans:decide", args=[project.pk]), {"decision": "return", "comment": "Add milestones."})
    project.refresh_from_db()
    assert project.status == ProjectStatus.RETURNED

    cw = login(people.caseworker)  # one test client: logging in again switches the user
    page = cw.get(reverse("plans:project", args=[project.pk])).content.decode()
    assert "Add milestones." in page and "Version 1" in page  # the comment and the submitted version stay visible
    goal = project.goals.first()
    cw.post(
        reverse("plans:milestone_add", args=[project.pk, goal.pk]), {"description": "Enrol", "due_on": "2021-09-01"}
    )
    cw.post(reverse("plans:submit", args=[project.pk]))
    login(people.supervisor).post(reverse("plans:decide", args=[project.pk]), {"decision": "approve", "comment": ""})
    cw = login(people.caseworker)
    cw.post(reverse("plans:activate", args=[project.pk]))
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACTIVE and project.next_review_on is not None
    # Illegal step through a page: a clear message, nothing changed.
    response = cw.post(reverse("plans:submit", args=[project.pk]), follow=True)
    assert "You cannot submit a life project that is “Active”" in response.content.decode()
    assert AuditEntry.objects.filter(object_id=str(project.pk), action="view").exists()


def test_follow_up_and_referral_flows_through_the_pages(people, scene, login):
    cw = login(people.caseworker)
    person = scene.person
    response = cw.post(
        reverse("plans:follow_up_record", args=[person.pk]) + f"?planned={scene.planned.pk}",
        {
            "occurred_on": "2021-06-20",
            "domain": pf.domain("health").pk,
            "kind": "phone",
            "summary": "Called about the appointment.",
            "health_note": "Blood test done.",
            "next_due_on": "2021-07-20",
            "planned": str(scene.planned.pk),
        },
    )
    assert response.status_code == 302, response.content
    scene.planned.refresh_from_db()
    assert scene.planned.status == FollowUpStatus.DONE and scene.planned.health_note == "Blood test done."
    assert FollowUp.objects.filter(beneficiary=person, status="planned", due_on=datetime.date(2021, 7, 20)).exists()

    response = cw.post(
        reverse("plans:follow_up_correct", args=[scene.done.pk]),
        {
            "reason": "Wrong kind",
            "occurred_on": "2021-06-01",
            "domain": pf.domain("social").pk,
            "kind": "centre_meeting",
            "summary": scene.done.summary,
            "health_note": scene.done.health_note,
        },
    )
    assert response.status_code == 302, response.content
    page = cw.get(reverse("plans:follow_up", args=[scene.done.pk])).content.decode()
    assert "Wrong kind" in page and "Home visit" in page and "Meeting at the centre" in page

    other = pf.person("FES")
    refused = cw.post(
        reverse("plans:referral_create", args=[other.pk]),
        {"partner": pf.partner("cndh").pk, "reason": "Legal advice", "sent_on": "2021-06-01"},
    )
    assert refused.status_code == 200 and "no active consent" in refused.content.decode()
    assert not Referral.objects.filter(beneficiary=other).exists()
    response = cw.post(
        reverse("plans:referral_update", args=[scene.referral.pk]),
        {"status": "accepted", "outcome": "", "on": "2021-06-05"},
    )
    assert response.status_code == 302
    scene.referral.refresh_from_db()
    assert scene.referral.status == "accepted"


def test_nav_lists_the_plan_pages_for_file_roles(people, login):
    html = login(people.caseworker).get(reverse("casework:home")).content.decode()
    assert reverse("plans:list") in html and reverse("plans:follow_up_overview") in html
    html = login(people.partner).get(reverse("casework:home")).content.decode()
    assert reverse("plans:list") not in html
