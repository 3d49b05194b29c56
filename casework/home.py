"""What each role's home page shows. Every figure is counted in the database (aggregates with
`Count(filter=...)`, one query per part of the scope: `BeneficiaryPolicy.count_visible`), every list is a short
slice, and the number of queries is the same whatever the size of the caseload. Everything about a person is
read through the access policy.

- caseworker: my follow-ups overdue and due within a week, plans returned for revision, people released in
  the next 30 days, recent activity on the files in scope and my own;
- supervisor: plans awaiting my approval, overdue follow-ups per caseworker, the vigilance watchlist summary;
- administrator: national counts and the administration links;
- partner viewer: national aggregates only, never a row about a person.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from beneficiaries.models import Beneficiary, Status
from beneficiaries.protected_data import defer_encrypted
from reintegration_plans.models import DUE_SOON_DAYS, FollowUp, FollowUpStatus, LifeProject, ProjectStatus

from .access import beneficiary_policy
from .models import AuditAction, AuditEntry, User

LIST_SIZE = 8
RELEASE_SOON_DAYS = 30
FOLLOWED_STATUSES = (Status.RELEASED, Status.PROJECT_RUNNING)
# Reads, sign-ins and the like are not "activity" on a file.
ACTIVITY_ACTIONS = (AuditAction.CREATE, AuditAction.UPDATE, AuditAction.GRANT, AuditAction.REVOKE, AuditAction.EXPORT)


def _today() -> datetime.date:
    return timezone.localdate()


def _people(user: User):
    return beneficiary_policy.visible(user, Beneficiary.objects.filter(merged_into__isnull=True))


def _planned() -> QuerySet:
    return FollowUp.objects.filter(status=FollowUpStatus.PLANNED)


def _follow_ups(user: User):
    return beneficiary_policy.visible(user, _planned(), path="beneficiary")


def _projects(user: User):
    return beneficiary_policy.visible(user, LifeProject.objects.all(), path="beneficiary")


def _count_projects(user: User, projects: QuerySet) -> int:
    return beneficiary_policy.count_visible(user, projects, path="beneficiary", n=Count("pk"))["n"]


def _soon(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=DUE_SOON_DAYS)


def _follow_up_rows(qs):
    return list(
        qs.select_related("beneficiary", "domain").only(
            "id", "due_on", "kind", "beneficiary__id", "beneficiary__file_number", "beneficiary__first_name_ar",
            "beneficiary__family_name_ar", "beneficiary__first_name_latin", "beneficiary__family_name_latin",
            "domain__name_ar", "domain__name_fr", "domain__name_en",
        )[:LIST_SIZE]
    )  # fmt: skip


def _people_figures(user: User, today: datetime.date) -> dict:
    """Files in scope, people followed, and releases in the next 30 days: one query per part of the scope."""
    return beneficiary_policy.count_visible(
        user,
        Beneficiary.objects.filter(merged_into__isnull=True),
        files=Count("pk"),
        followed=Count("pk", filter=Q(status__in=FOLLOWED_STATUSES)),
        releasing=Count(
            "pk",
            filter=Q(release_date__gte=today, release_date__lte=today + datetime.timedelta(days=RELEASE_SOON_DAYS)),
        ),
    )


def _releases(user: User, today: datetime.date) -> list[Beneficiary]:
    return list(
        defer_encrypted(_people(user))
        .filter(release_date__gte=today, release_date__lte=today + datetime.timedelta(days=RELEASE_SOON_DAYS))
        .select_related("centre")
        .order_by("release_date", "file_number")[:LIST_SIZE]
    )


def _recent_activity(user: User) -> list[AuditEntry]:
    """The latest changes on files in scope, and my own changes; never the watchlist's entries for someone
    who may not read it."""
    from .watchlist.access import watchlist_policy

    in_scope = Q(actor=user, beneficiary_id__isnull=False)
    for part in beneficiary_policy.visible_parts(user, Beneficiary.objects.filter(merged_into__isnull=True)):
        in_scope |= Q(beneficiary_id__in=part.values("pk"))
    qs = AuditEntry.objects.filter(action__in=ACTIVITY_ACTIONS).filter(in_scope)
    if not watchlist_policy.may_read(user):
        qs = qs.exclude(object_type__startswith="watchlist.")
    return list(qs.order_by("-at", "-id")[:LIST_SIZE])


def caseworker_home(user: User) -> dict:
    today = _today()
    mine = _follow_ups(user).filter(assigned_to=user)
    counts = beneficiary_policy.count_visible(
        user,
        _planned(),
        path="beneficiary",
        my_overdue=Count("pk", filter=Q(assigned_to=user, due_on__lt=today)),
        my_due=Count("pk", filter=Q(assigned_to=user, due_on__gte=today, due_on__lte=_soon(today))),
        overdue=Count("pk", filter=Q(due_on__lt=today)),
        due=Count("pk", filter=Q(due_on__gte=today, due_on__lte=_soon(today))),
    )
    returned = LifeProject.objects.filter(status=ProjectStatus.RETURNED)
    return {
        **_people_figures(user, today),
        **counts,
        "overdue_list": _follow_up_rows(mine.filter(due_on__lt=today).order_by("due_on", "pk")),
        "due_list": _follow_up_rows(mine.filter(due_on__gte=today, due_on__lte=_soon(today)).order_by("due_on", "pk")),
        "returned_count": _count_projects(user, returned),
        "returned_list": list(
            defer_encrypted(_projects(user), "beneficiary__")
            .filter(status=ProjectStatus.RETURNED)
            .select_related("beneficiary")
            .order_by("-updated_at", "pk")[:LIST_SIZE]
        ),
        "releases": _releases(user, today),
        "activity": _recent_activity(user),
    }


def overdue_per_caseworker(user: User, today: datetime.date) -> list[dict]:
    """Overdue follow-ups in scope grouped by the caseworker responsible (unassigned ones together): one
    GROUP BY query, the largest first."""
    return list(
        _follow_ups(user)
        .filter(due_on__lt=today)
        .values("assigned_to", "assigned_to__username", "assigned_to__first_name", "assigned_to__last_name")
        .annotate(overdue=Count("pk"))
        .order_by("-overdue", "assigned_to__username")[:20]
    )


def supervisor_home(user: User) -> dict:
    from .watchlist.selectors import watchlist_summary

    today = _today()
    awaiting = (
        LifeProject.objects.filter(status=ProjectStatus.SUBMITTED).exclude(prepared_by=user).exclude(submitted_by=user)
    )
    counts = beneficiary_policy.count_visible(
        user,
        _planned(),
        path="beneficiary",
        overdue=Count("pk", filter=Q(due_on__lt=today)),
        due=Count("pk", filter=Q(due_on__gte=today, due_on__lte=_soon(today))),
    )
    return {
        **_people_figures(user, today),
        **counts,
        "awaiting_count": _count_projects(user, awaiting),
        "awaiting_list": list(
            defer_encrypted(beneficiary_policy.visible(user, awaiting, path="beneficiary"), "beneficiary__")
            .select_related("beneficiary", "prepared_by")
            .order_by("submitted_at", "pk")[:LIST_SIZE]
        ),
        "overdue_by_caseworker": overdue_per_caseworker(user, today),
        "watchlist": watchlist_summary(user=user),
        "releases": _releases(user, today),
    }


def administrator_home(user: User) -> dict:
    from .watchlist.selectors import watchlist_summary

    today = _today()
    plans = LifeProject.objects.aggregate(
        submitted=Count("pk", filter=Q(status=ProjectStatus.SUBMITTED)),
        active=Count("pk", filter=Q(status__in=[ProjectStatus.APPROVED, ProjectStatus.ACTIVE])),
    )
    follow_ups = FollowUp.objects.filter(status=FollowUpStatus.PLANNED).aggregate(
        overdue=Count("pk", filter=Q(due_on__lt=today)),
        due=Count("pk", filter=Q(due_on__gte=today, due_on__lte=_soon(today))),
    )
    return {
        **_people_figures(user, today),
        **follow_ups,
        "plans_submitted": plans["submitted"],
        "plans_active": plans["active"],
        "watchlist": watchlist_summary(user=user),
    }


def partner_home() -> dict:
    """Aggregates only: national counts, never a row."""
    people = Beneficiary.objects.filter(merged_into__isnull=True).aggregate(
        national_total=Count("pk"),
        followed=Count("pk", filter=Q(status__in=FOLLOWED_STATUSES)),
        projects_running=Count("pk", filter=Q(status=Status.PROJECT_RUNNING)),
    )
    plans = LifeProject.objects.aggregate(
        active=Count("pk", filter=Q(status__in=[ProjectStatus.APPROVED, ProjectStatus.ACTIVE]))
    )
    return {**people, "plans_active": plans["active"]}
