"""The accompaniment itself, in a real browser, with two people at two computers (in Arabic):

- a caseworker drafts a life project with its goal and submits it; the supervisor returns it with a
  reason; the caseworker reads the reason, completes the plan and submits again; the supervisor
  approves it; the caseworker then records a follow-up (and the next one is planned);
- a supervisor approves a grant proposal against a budget envelope (after confirming), and the
  envelope shows the committed amount."""

import datetime
import re
from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import expect

from grants.models import Envelope, Grant
from reintegration_plans.models import Domain, FollowUp, LifeProject

PROJECT_PATH = re.compile(r"/plans/([0-9a-f-]{36})/$")


def success_message(page):
    return page.locator("main [aria-live] .alert-success")


def second_computer(new_context, sign_in, user):
    context = new_context()
    sign_in(user, into=context)
    return context.new_page()


def test_plan_drafted_submitted_returned_resubmitted_approved_then_a_follow_up(
    page, live_url, scene, sign_in, new_context
):
    someone, caseworker, supervisor = scene.person, scene.cast.caseworker, scene.cast.supervisor
    vocational, health = Domain.objects.get(code="vocational"), Domain.objects.get(code="health")
    sign_in(caseworker)

    # From the person's file to the life-project tab, and a new draft in the person's words.
    page.goto(f"{live_url}/people/{someone.pk}/")
    page.locator(f"main a[href='/plans/people/{someone.pk}/']").first.click()
    page.locator("#id_summary").fill("أريد أن أفتح ورشة خياطة صغيرة في المدينة القديمة وأن أعيش مع أسرتي.")
    page.locator(f"main form[action='/plans/people/{someone.pk}/new/'] button[type=submit]").click()
    expect(page).to_have_url(PROJECT_PATH)
    project_url = page.url
    project = LifeProject.objects.get(pk=PROJECT_PATH.search(project_url).group(1))
    assert project.status == "draft" and project.prepared_by == caseworker

    # Submitting without a goal is refused, with the reason; nothing changes.
    submit = page.locator(f"main form[action='/plans/{project.pk}/submit/'] button")
    submit.click()
    expect(page.locator("main [aria-live] .alert-danger")).to_be_visible()
    project.refresh_from_db()
    assert project.status == "draft"

    # A vocational goal, then submit.
    page.locator(f"main a[href='/plans/{project.pk}/goals/add/']").click()
    page.locator("#id_domain").select_option(str(vocational.pk))
    page.locator("#id_description").fill("Suivre la formation en couture de l'OFPPT et obtenir le certificat")
    page.locator("#id_target_date").fill((timezone.localdate() + datetime.timedelta(days=180)).isoformat())
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page).to_have_url(project_url)
    expect(page.get_by_test_id("goal")).to_have_count(1)
    submit.click()
    expect(success_message(page)).to_be_visible()
    expect(submit).to_have_count(0)
    project.refresh_from_db()
    assert project.status == "submitted"

    # The supervisor, at another computer: the plans awaiting approval, then "return" with a reason.
    boss = second_computer(new_context, sign_in, supervisor)
    boss.goto(f"{live_url}/plans/awaiting-approval/")
    boss.locator(f"main a[href='/plans/{project.pk}/']").first.click()
    boss.locator(f"main a[href='/plans/{project.pk}/decide/']").click()
    boss.locator("input[name=decision][value=return]").check()
    boss.locator("main form[method=post] button[type=submit]").click()
    # A return needs a reason: said next to the field, nothing changed.
    expect(boss.locator(".cw-error-summary, main .alert-danger").first).to_be_visible()
    project.refresh_from_db()
    assert project.status == "submitted"
    reason = "أضف هدفاً صحياً: الفحص الطبي قبل بداية التكوين."
    boss.locator("#id_comment").fill(reason)
    boss.locator("main form[method=post] button[type=submit]").click()
    expect(success_message(boss)).to_be_visible()
    project.refresh_from_db()
    assert project.status == "returned"

    # The caseworker reads why, adds the health goal and submits again.
    page.goto(project_url)
    expect(page.locator("main .alert-warning")).to_contain_text(reason)
    page.locator(f"main a[href='/plans/{project.pk}/goals/add/']").click()
    page.locator("#id_domain").select_option(str(health.pk))
    page.locator("#id_description").fill("Passer le bilan de santé au centre de santé de Bab Ftouh")
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page.get_by_test_id("goal")).to_have_count(2)
    page.locator(f"main form[action='/plans/{project.pk}/submit/'] button").click()
    expect(success_message(page)).to_be_visible()

    # The supervisor approves.
    boss.goto(f"{live_url}/plans/{project.pk}/decide/")
    boss.locator("input[name=decision][value=approve]").check()
    boss.locator("main form[method=post] button[type=submit]").click()
    expect(success_message(boss)).to_be_visible()
    project.refresh_from_db()
    assert (project.status, project.approved_by) == ("approved", supervisor)
    # Opened, submitted, returned, submitted, approved: the whole story on the plan's page.
    expect(boss.get_by_test_id("history")).to_have_count(5)

    # The caseworker records today's home visit, the goal worked on, and plans the next one.
    page.goto(f"{live_url}/plans/people/{someone.pk}/follow-ups/")
    page.locator(f"main a[href='/plans/people/{someone.pk}/follow-ups/new/']").first.click()
    today = timezone.localdate()
    page.locator("#id_occurred_on").fill(today.isoformat())
    page.locator("#id_domain").select_option(str(vocational.pk))
    page.locator("#id_kind").select_option("home_visit")
    page.locator("#id_attendees").fill("Youssef, sa mère")
    page.locator("#id_summary").fill("زيارة منزلية: التسجيل في التكوين تم، ينتظر موعد البداية.")
    page.locator("input[name=goals]").first.check()
    page.locator("#id_next_due_on").fill((today + datetime.timedelta(days=14)).isoformat())
    page.locator("main form[method=post] button[type=submit]").click()
    expect(success_message(page)).to_be_visible()
    done = FollowUp.objects.get(beneficiary=someone, status="done")
    assert done.occurred_on == today and done.goals.count() == 1 and done.recorded_by == caseworker
    assert FollowUp.objects.filter(beneficiary=someone, status="planned", due_on=today + datetime.timedelta(days=14))


def test_supervisor_approves_a_grant_proposal_against_an_envelope(page, live_url, scene, sign_in, set_language):
    grant, envelope, supervisor = scene.submitted_grant, scene.envelope, scene.cast.supervisor
    committed_before = Envelope.objects.get(pk=envelope.pk).committed_amount
    sign_in(supervisor)
    set_language("fr")

    page.goto(f"{live_url}/grants/{grant.pk}/")
    page.locator(f"main a[href='/grants/{grant.pk}/decide/']").click()
    page.locator("input[name=decision][value=approve]").check()
    page.locator("#id_envelope").select_option(str(envelope.pk))
    expect(page.locator("#id_approved_amount")).to_have_value(str(grant.requested_amount))
    page.locator("main form[method=post] button[type=submit]").click()
    # Committing money asks first.
    dialog = page.locator("dialog#cw-confirm")
    expect(dialog).to_be_visible()
    dialog.locator("button[value=confirm]").click()

    expect(page).to_have_url(f"{live_url}/grants/{grant.pk}/")
    expect(success_message(page)).to_be_visible()
    grant = Grant.objects.get(pk=grant.pk)
    assert (grant.status, grant.envelope_id, grant.decided_by) == ("approved", envelope.pk, supervisor)
    committed = Envelope.objects.get(pk=envelope.pk).committed_amount
    assert committed == committed_before + grant.approved_amount
    assert grant.approved_amount == Decimal("26601.00")

    # The envelope's dashboard shows the new commitment.
    page.goto(f"{live_url}/grants/envelopes/{envelope.pk}/")
    expect(page.get_by_test_id("envelope-committed")).to_contain_text(f"{committed:,.2f}")
