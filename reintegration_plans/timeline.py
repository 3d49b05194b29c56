"""A person's whole journey, in order: cohort and sessions, release, status changes, the life project and
its revisions and approvals, milestones, follow-ups, referrals, the grant and its monitoring.

Each source is a function `(user, beneficiary, domain) -> Iterable[TimelineEntry]` that reads through the
access policy in a fixed number of queries; `register_source` lets another app add one (the vigilance
alerts, shown only to users authorised for the watchlist, check that inside their own source).
The page's query count therefore does not grow with the number of entries.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from beneficiaries.models import Attendance, Beneficiary, Membership, StatusChange
from casework.access import beneficiary_policy
from casework.models import User

from .models import (
    Domain,
    FollowUp,
    FollowUpStatus,
    Milestone,
    ProjectAction,
    ProjectTransition,
    Referral,
    ReferralStatus,
)

INCOME_PROJECT = "income_project"


@dataclass(frozen=True)
class TimelineEntry:
    day: datetime.date
    kind: str  # cohort, release, status, plan, milestone, follow_up, referral, grant, monitoring, alert, …
    title: str
    detail: str = ""
    domain: str = ""  # a Domain code, or "" for steps of the programme itself
    url: str = ""
    badge: str = ""  # a short state label shown next to the title (never colour alone)
    at: datetime.datetime | None = field(default=None, compare=False)

    @property
    def sort_key(self) -> tuple:
        return (self.day, self.at.timestamp() if self.at else 0.0)


Source = Callable[..., Iterable[TimelineEntry]]
SOURCES: dict[str, Source] = {}


def register_source(code: str, source: Source) -> Source:
    """Add (or replace) a source of entries. It receives keyword arguments user, beneficiary, domain."""
    SOURCES[code] = source
    return source


def _local_day(moment: datetime.datetime) -> datetime.date:
    from django.utils import timezone

    return timezone.localtime(moment).date()


def _visible(user, queryset, path: str):
    return beneficiary_policy.visible(user, queryset, path=path)


# Sources --------------------------------------------------------------------------------------


def cohort_entries(*, user: User, beneficiary: Beneficiary, domain: Domain | None) -> list[TimelineEntry]:
    if domain is not None:
        return []
    memberships = list(
        _visible(user, Membership.objects.filter(beneficiary=beneficiary), "beneficiary")
        .select_related("cohort", "establishment")
        .prefetch_related(
            Prefetch(
                "attendances",
                queryset=Attendance.objects.filter(present=True, session__held_on__isnull=False).select_related(
                    "session", "session__module"
                ),
            )
        )
    )
    entries = []
    for m in memberships:
        if m.cohort.starts_on:
            where = f" — {m.establishment}" if m.establishment_id else ""
            entries.append(
                TimelineEntry(
                    m.cohort.starts_on, "cohort", _("Joined %(cohort)s") % {"cohort": m.cohort}, where.strip(" —")
                )
            )
        for attendance in m.attendances.all():
            session = attendance.session
            entries.append(
                TimelineEntry(
                    session.held_on,
                    "cohort",
                    _("Attended session %(number)s") % {"number": session.number},
                    str(session.module),
                )
            )
        if m.completed and m.cohort.ends_on:
            entries.append(
                TimelineEntry(
                    m.cohort.ends_on, "cohort", _("Completed %(cohort)s") % {"cohort": m.cohort}, m.evaluation
                )
            )
        if m.handed_off_on:
            entries.append(TimelineEntry(m.handed_off_on, "cohort", _("Handed to the regional centre")))
    return entries


def release_entries(*, user: User, beneficiary: Beneficiary, domain: Domain | None) -> list[TimelineEntry]:
    if domain is not None or not beneficiary.release_date:
        return []
    return [
        TimelineEntry(
            beneficiary.release_date,
            "release",
            _("Release"),
            beneficiary.get_release_type_display() if beneficiary.release_type else "",
        )
    ]


def status_entries(*, user: User, beneficiary: Beneficiary, domain: Domain | None) -> list[TimelineEntry]:
    if domain is not None:
        return []
    rows = _visible(user, StatusChange.objects.filter(beneficiary=beneficiary), "beneficiary")
    return [
        TimelineEntry(
            row.changed_on,
            "status",
            _("Status: %(status)s") % {"status": row.get_to_status_display()},
            row.reason,
            at=row.recorded_at,
        )
        for row in rows
    ]


PLAN_TITLES = {
    ProjectAction.CREATE: gettext_lazy("Life project drafted"),
    ProjectAction.SUBMIT: gettext_lazy("Life project version %(version)s submitted for approval"),
    ProjectAction.APPROVE: gettext_lazy("Life project version %(version)s approved"),
    ProjectAction.RETURN: gettext_lazy("Life project returned for changes"),
    ProjectAction.ACTIVATE: gettext_lazy("Life project started"),
    ProjectAction.REVISE: gettext_lazy("Life project reopened for revision"),
    ProjectAction.REVIEW: gettext_lazy("Periodic review of the life project"),
    ProjectAction.COMPLETE: gettext_lazy("Life project completed"),
    ProjectAction.CLOSE: gettext_lazy("Life project closed"),
}


def plan_entries(*, user: User, beneficiary: Beneficiary, domain: Domain | None) -> list[TimelineEntry]:
    """The plan's history: drafting, each submitted version (its revision), approvals and returns."""
    if domain is not None:
        return []
    rows = _visible(
        user, ProjectTransition.objects.filter(project__beneficiary=beneficiary), "project__beneficiary"
    ).select_related("actor")
    entries = []
    for row in rows:
        version = row.version - 1 if row.action == ProjectAction.RETURN else row.version
        who = (row.actor.get_full_name() or row.actor.get_username()) if row.actor else ""
        detail = " — ".join(part for part in (who, row.comment) if part)
        entries.append(
            TimelineEntry(
                _local_day(row.at),
                "plan",
                str(PLAN_TITLES[ProjectAction(row.action)]) % {"version": version},
                detail,
                url=reverse("plans:project", kwargs={"pk": row.project_id}),
                at=row.at,
            )
        )
    return entries


def milestone_entries(*, user: User, beneficiary: Beneficiary, domain: Domain | None) -> list[TimelineEntry]:
    rows = _visible(
        user,
        Milestone.objects.filter(goal__project__beneficiary=beneficiary, done_on__isnull=False),
        "goal__project__beneficiary",
    ).select_related("goal", "goal__domain")
    if domain is not None:
        rows = rows.filter(goal__domain=domain)
    return [
        TimelineEntry(
            row.done_on,
            "milestone",
            _("Milestone reached: %(milestone)s") % {"milestone": row.description},
            row.goal.description,
            domain=row.goal.domain.code,
            url=reverse("plans:project", kwargs={"pk": row.goal.project_id}),
        )
        for row in rows
    ]


def follow_up_entries(*, user: User, beneficiary: Beneficiary, domain: Domain | None) -> list[TimelineEntry]:
    """Follow-ups that took place, were missed, or are planned (health notes are never shown here)."""
    rows = (
        _visible(
            user,
            FollowUp.objects.filter(beneficiary=beneficiary).exclude(status=FollowUpStatus.CANCELLED),
            "beneficiary",
        )
        .select_related("domain")
        .defer("health_note")
    )
    if domain is not None:
        rows = rows.filter(domain=domain)
    entries = []
    for row in rows:
        if row.day is None:
            continue
        entries.append(
            TimelineEntry(
                row.day,
                "follow_up",
                _("Follow-up: %(kind)s") % {"kind": row.get_kind_display()},
                row.summary or row.outcome,
                domain=row.domain.code,
                url=reverse("plans:follow_up", kwargs={"pk": row.pk}),
                badge="" if row.status == FollowUpStatus.DONE else str(row.get_status_display()),
                at=row.created_at,
            )
        )
    return entries


def referral_entries(*, user: User, beneficiary: Beneficiary, domain: Domain | None) -> list[TimelineEntry]:
    rows = _visible(user, Referral.objects.filter(beneficiary=beneficiary), "beneficiary").select_related(
        "partner", "domain"
    )
    if domain is not None:
        rows = rows.filter(domain=domain)
    entries = []
    for row in rows:
        code = row.domain.code if row.domain_id else ""
        url = reverse("plans:referrals", kwargs={"pk": beneficiary.pk})
        entries.append(
            TimelineEntry(
                row.sent_on,
                "referral",
                _("Referred to %(partner)s") % {"partner": row.partner.name},
                row.reason,
                domain=code,
                url=url,
                at=row.created_at,
            )
        )
        if row.answered_on:
            title = _("Referral accepted") if row.status != ReferralStatus.REFUSED else _("Referral refused")
            entries.append(TimelineEntry(row.answered_on, "referral", title, row.outcome, domain=code, url=url))
        if row.completed_on:
            entries.append(
                TimelineEntry(row.completed_on, "referral", _("Referral completed"), row.outcome, domain=code, url=url)
            )
    return entries


def grant_entries(*, user: User, beneficiary: Beneficiary, domain: Domain | None) -> list[TimelineEntry]:
    """The income-generating project grant: proposal, submission, decision, delivery, monitoring visits."""
    if domain is not None and domain.code != INCOME_PROJECT:
        return []
    from grants.models import Grant, MonitoringVisit

    grants = list(
        _visible(user, Grant.objects.filter(beneficiary=beneficiary), "beneficiary")
        .select_related("delivery", "sector")
        .prefetch_related(Prefetch("visits", queryset=MonitoringVisit.objects.order_by("months_after")))
    )
    entries = []
    for grant in grants:
        url = reverse("grants:detail", kwargs={"grant_id": grant.pk})

        def add(day, title, detail="", at=None, badge="", _url=url):
            entries.append(TimelineEntry(day, "grant", title, detail, INCOME_PROJECT, _url, badge, at))

        add(_local_day(grant.created_at), _("Grant proposal drafted: %(title)s") % {"title": grant.title},
            str(grant.sector), at=grant.created_at)  # fmt: skip
        if grant.submitted_at:
            add(_local_day(grant.submitted_at), _("Grant proposal submitted"), at=grant.submitted_at)
        if grant.decided_at:
            add(_local_day(grant.decided_at), _("Grant proposal decided"), grant.decision_reason,
                at=grant.decided_at, badge=str(grant.get_status_display()))  # fmt: skip
        delivery = getattr(grant, "delivery", None)  # RelatedObjectDoesNotExist is an AttributeError
        if delivery is not None:
            add(delivery.delivered_on, _("Equipment delivered"), delivery.notes)
        for visit in grant.visits.all():
            if visit.visited_on:
                entries.append(
                    TimelineEntry(
                        visit.visited_on,
                        "monitoring",
                        _("Monitoring visit at %(months)s months") % {"months": visit.months_after},
                        str(visit.get_survival_status_display()),
                        INCOME_PROJECT,
                        url,
                    )
                )
    return entries


for _code, _source in [
    ("cohort", cohort_entries),
    ("release", release_entries),
    ("status", status_entries),
    ("plan", plan_entries),
    ("milestone", milestone_entries),
    ("follow_up", follow_up_entries),
    ("referral", referral_entries),
    ("grant", grant_entries),
]:
    register_source(_code, _source)


def person_timeline(
    *, user: User, beneficiary: Beneficiary, domain: Domain | None = None, newest_first: bool = False
) -> list[TimelineEntry]:
    """Every source's entries for the person, in order; with a domain, only that domain's entries."""
    entries: list[TimelineEntry] = []
    for source in SOURCES.values():
        for entry in source(user=user, beneficiary=beneficiary, domain=domain):
            if domain is None or entry.domain == domain.code:
                entries.append(entry)
    entries.sort(key=lambda e: e.sort_key, reverse=newest_first)
    return entries
