"""The main pages, as each role opens them: what the accessibility and layout tests go through.

A page's path is either fixed or computed from the shared Scene (scene.py). Add every new main page
here: it then gets axe in Arabic and French, the right-to-left and overflow checks at 1280×800 and
390×844, and its screenshots (test_pages.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from tests.browser.scene import Scene


@dataclass(frozen=True)
class Page:
    path: str | Callable[[Scene], str]
    who: str | None  # an attribute of scene.Cast, or None for a page that needs no login
    status: int = 200
    verified: bool = True  # False: signed in with the password only (the second step still to come)

    def url_path(self, scene: Scene) -> str:
        return self.path if isinstance(self.path, str) else self.path(scene)


def _url(name: str, *args) -> str:
    return reverse(name, args=args)


PAGES: dict[str, Page] = {
    # The foundation.
    "login": Page("/accounts/login/", None),
    "home-caseworker": Page("/", "caseworker"),
    "home-administrator": Page("/", "administrator"),
    "home-supervisor": Page("/", "supervisor"),
    "audit": Page("/audit/", "administrator"),
    "password-change": Page("/accounts/password/", "caseworker"),
    "not-found": Page("/no-such-page/", "caseworker", 404),
    "forbidden": Page(lambda s: _url("beneficiaries:register"), "partner", 403),
    # People (beneficiaries).
    "people": Page(lambda s: _url("beneficiaries:list"), "caseworker"),
    "people-empty": Page(lambda s: _url("beneficiaries:list") + "?q=zzzz", "caseworker"),
    "person-register": Page(lambda s: _url("beneficiaries:register"), "caseworker"),
    "person": Page(lambda s: _url("beneficiaries:detail", s.person.pk), "caseworker"),
    "person-family-add": Page(lambda s: _url("beneficiaries:family_add", s.person.pk), "caseworker"),
    "person-consent-add": Page(lambda s: _url("beneficiaries:consent_add", s.person.pk), "caseworker"),
    "releases": Page(lambda s: _url("beneficiaries:releases"), "caseworker"),
    "transfers": Page(lambda s: _url("beneficiaries:transfers"), "caseworker"),
    "cohorts": Page(lambda s: _url("beneficiaries:cohorts"), "supervisor"),
    "cohort-review": Page(lambda s: _url("beneficiaries:cohort_review", s.cohort.pk), "supervisor"),
    "roster-import": Page(lambda s: _url("beneficiaries:import"), "caseworker"),
    "person-edit": Page(lambda s: _url("beneficiaries:edit", s.person.pk), "caseworker"),
    "person-status": Page(lambda s: _url("beneficiaries:status", s.person.pk), "caseworker"),
    "person-document-add": Page(lambda s: _url("beneficiaries:document_add", s.person.pk), "caseworker"),
    "person-share": Page(lambda s: _url("beneficiaries:share", s.person.pk), "caseworker"),
    "person-merge": Page(lambda s: _url("beneficiaries:merge", s.person.pk), "supervisor"),
    "person-transfer": Page(lambda s: _url("beneficiaries:transfer", s.person.pk), "caseworker"),
    "membership-edit": Page(
        lambda s: _url("beneficiaries:membership_edit", s.person.pk, s.membership.pk), "supervisor"
    ),
    "cohort-new": Page(lambda s: _url("beneficiaries:cohort_create"), "supervisor"),
    "session-add": Page(lambda s: _url("beneficiaries:session_add", s.cohort.pk), "supervisor"),
    "session-attendance": Page(
        lambda s: _url("beneficiaries:session_attendance", s.cohort.pk, s.session.pk), "supervisor"
    ),
    "concern-new": Page(lambda s: _url("concerns:create", s.person.pk), "caseworker"),
    # Grants.
    "grants": Page(lambda s: _url("grants:list"), "caseworker"),
    "grant-new": Page(lambda s: _url("grants:create"), "caseworker"),
    "grant": Page(lambda s: _url("grants:detail", s.approved_grant.pk), "caseworker"),
    "grant-decide": Page(lambda s: _url("grants:decide", s.submitted_grant.pk), "supervisor"),
    "envelopes": Page(lambda s: _url("grants:envelopes"), "supervisor"),
    "envelope": Page(lambda s: _url("grants:envelope", s.envelope.pk), "administrator"),
    "events": Page(lambda s: _url("grants:events"), "administrator"),
    "event": Page(lambda s: _url("grants:event", s.event.pk), "administrator"),
    "monitoring": Page(lambda s: _url("grants:visits"), "caseworker"),
    "envelope-new": Page(lambda s: _url("grants:envelope_create"), "administrator"),
    "allocations": Page(lambda s: _url("grants:allocations", s.envelope.pk), "administrator"),
    "event-new": Page(lambda s: _url("grants:event_create"), "administrator"),
    "grant-figures": Page(lambda s: _url("grants:figures"), "partner"),
    "person-grants": Page(lambda s: _url("grants:person", s.person.pk), "caseworker"),
    "grant-edit": Page(lambda s: _url("grants:edit", s.draft_grant.pk), "caseworker"),
    "grant-score": Page(lambda s: _url("grants:score", s.submitted_grant.pk), "supervisor"),
    "grant-deliver": Page(lambda s: _url("grants:deliver", s.approved_grant.pk), "caseworker"),
    "grant-receipt": Page(lambda s: _url("grants:receipt", s.approved_grant.pk), "caseworker"),
    "grant-delivered": Page(lambda s: _url("grants:detail", s.delivered_grant.pk), "caseworker"),
    "visit": Page(lambda s: _url("grants:visit", s.visit.pk), "caseworker"),
    "indicators": Page(lambda s: _url("grants:indicators"), "caseworker"),
    "envelope-edit": Page(lambda s: _url("grants:envelope_edit", s.envelope.pk), "administrator"),
    "event-edit": Page(lambda s: _url("grants:event_edit", s.event.pk), "administrator"),
    "event-attendance": Page(lambda s: _url("grants:attendance", s.event.pk), "administrator"),
    "reference-sectors": Page(lambda s: _url("grants:reference", "sectors"), "administrator"),
    "reference-criterion-new": Page(lambda s: _url("grants:reference_create", "criteria"), "administrator"),
    # Life projects, follow-ups, referrals, the timeline.
    "plans": Page(lambda s: _url("plans:list"), "caseworker"),
    "plans-awaiting": Page(lambda s: _url("plans:awaiting"), "supervisor"),
    "plan": Page(lambda s: _url("plans:project", s.plan.pk), "caseworker"),
    "plan-decide": Page(lambda s: _url("plans:decide", s.submitted_plan.pk), "supervisor"),
    "person-plans": Page(lambda s: _url("plans:person", s.person.pk), "caseworker"),
    "follow-ups": Page(lambda s: _url("plans:follow_up_overview"), "caseworker"),
    "person-follow-ups": Page(lambda s: _url("plans:follow_ups", s.person.pk), "caseworker"),
    "follow-up-new": Page(lambda s: _url("plans:follow_up_record", s.person.pk), "caseworker"),
    "referrals": Page(lambda s: _url("plans:referrals", s.person.pk), "caseworker"),
    "referral-new": Page(lambda s: _url("plans:referral_create", s.person.pk), "caseworker"),
    "timeline": Page(lambda s: _url("plans:timeline", s.person.pk), "caseworker"),
    "plan-edit": Page(lambda s: _url("plans:edit", s.draft_plan.pk), "caseworker"),
    "goal-add": Page(lambda s: _url("plans:goal_add", s.draft_plan.pk), "caseworker"),
    "goal-edit": Page(lambda s: _url("plans:goal_edit", s.plan.pk, s.goal.pk), "caseworker"),
    "milestone-add": Page(lambda s: _url("plans:milestone_add", s.plan.pk, s.goal.pk), "caseworker"),
    "milestone-edit": Page(lambda s: _url("plans:milestone_edit", s.plan.pk, s.milestone.pk), "caseworker"),
    "checklist": Page(lambda s: _url("plans:checklist", s.plan.pk), "caseworker"),
    "plan-review": Page(lambda s: _url("plans:step", s.plan.pk, "review"), "caseworker"),
    "plan-close": Page(lambda s: _url("plans:close", s.plan.pk), "caseworker"),
    "follow-up": Page(lambda s: _url("plans:follow_up", s.correction.follow_up_id), "caseworker"),
    "follow-up-correct": Page(lambda s: _url("plans:follow_up_correct", s.follow_ups[0].pk), "caseworker"),
    "follow-up-missed": Page(lambda s: _url("plans:follow_up_missed", s.follow_ups[1].pk), "caseworker"),
    "follow-up-plan": Page(lambda s: _url("plans:follow_up_plan", s.person.pk), "caseworker"),
    "referral-answer": Page(lambda s: _url("plans:referral_update", s.referral.pk), "caseworker"),
    # Watchlist, notifications.
    "watchlist": Page(lambda s: _url("watchlist:list"), "supervisor"),
    "watchlist-alert": Page(lambda s: _url("watchlist:detail", s.alert.pk), "supervisor"),
    "watchlist-authorisations": Page(lambda s: _url("watchlist:authorisations"), "administrator"),
    "notifications": Page(lambda s: _url("notifications:list"), "supervisor"),
    "notification-preferences": Page(lambda s: _url("notifications:preferences"), "caseworker"),
    # Reports.
    "reports": Page(lambda s: _url("reports:list"), "supervisor"),
    "dashboard": Page(lambda s: _url("reports:dashboard"), "caseworker"),
    "report-new": Page(lambda s: _url("reports:request", "distribution"), "administrator"),
    "exports": Page(lambda s: _url("reports:exports"), "supervisor"),
    "report-job": Page(lambda s: _url("reports:job", s.report_job.pk), "administrator"),
    # Sign-in security.
    "two-factor": Page(lambda s: _url("security:two_factor"), "supervisor"),
    "two-factor-verify": Page(lambda s: _url("security:two_factor_verify"), "supervisor_with_device", verified=False),
    "two-factor-setup": Page(lambda s: _url("security:two_factor_setup"), "new_supervisor", verified=False),
    "password-reset": Page(lambda s: _url("security:password_reset"), None),
    "staff": Page(lambda s: _url("security:staff_list"), "administrator"),
    "staff-detail": Page(lambda s: _url("security:staff_detail", s.cast.caseworker.pk), "administrator"),
    "api-tokens": Page(lambda s: _url("api:tokens"), "caseworker"),
}
