"""Reads of the beneficiaries app. Every function takes the user and starts from the access policy."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from casework.access import beneficiary_policy
from casework.models import Centre, User

from .models import (
    Attendance,
    Beneficiary,
    BeneficiaryUserObjectPermission,
    Cohort,
    CohortSession,
    Consent,
    Document,
    FamilyMember,
    Membership,
    StatusChange,
    Transfer,
    TransferStatus,
)
from .normalise import normalise_arabic, normalise_latin
from .protected_data import cin_condition

RELEASE_SOON_DAYS = 30
SORTS = {
    "name": ("family_name_latin", "first_name_latin", "id"),
    "-name": ("-family_name_latin", "-first_name_latin", "-id"),
    "name_ar": ("family_name_ar", "first_name_ar", "id"),
    "file": ("file_number",),
    "-file": ("-file_number",),
    "release": ("release_date", "id"),
    "-release": ("-release_date", "id"),
    "created": ("created_at", "id"),
    "-created": ("-created_at", "id"),
}


def _require_file_reader(user: User) -> None:
    """Partner viewers see aggregates only: a list of people is refused outright."""
    if not (user.is_authenticated and user.is_active) or user.is_partner_viewer:
        raise PermissionDenied


def beneficiary_queryset(*, user: User) -> QuerySet[Beneficiary]:
    return beneficiary_policy.visible(user, Beneficiary.objects.all())


def search_condition(text: str) -> Q:
    """One box: file number or CIN (exact), or a name in either script (normalised substring)."""
    text = (text or "").strip()
    if not text:
        return Q()
    condition = Q(file_number=text.upper())  # file numbers are stored upper-case: the unique index serves it
    by_cin = cin_condition(text)  # the CIN is encrypted: exact match through its blind index
    if by_cin is not None:
        condition |= by_cin
    name_ar = normalise_arabic(text)
    name_latin = normalise_latin(text)
    if name_ar:
        condition |= Q(search_name_ar__contains=name_ar)
    if name_latin:
        condition |= Q(search_name_latin__contains=name_latin)
    return condition


def beneficiary_list(
    *,
    user: User,
    q: str = "",
    centre: Centre | None = None,
    cohort: Cohort | None = None,
    status: str = "",
    sex: str = "",
    released_from: datetime.date | None = None,
    released_until: datetime.date | None = None,
    sort: str = "name",
) -> QuerySet[Beneficiary]:
    _require_file_reader(user)
    qs = beneficiary_queryset(user=user).filter(search_condition(q), merged_into__isnull=True)
    if centre is not None:
        qs = qs.filter(centre=centre)
    if cohort is not None:
        qs = qs.filter(memberships__cohort=cohort)
    if status:
        qs = qs.filter(status=status)
    if sex:
        qs = qs.filter(sex=sex)
    if released_from:
        qs = qs.filter(release_date__gte=released_from)
    if released_until:
        qs = qs.filter(release_date__lte=released_until)
    return qs.select_related("centre").order_by(*SORTS.get(sort, SORTS["name"]))


def releases_due(*, user: User, days: int = RELEASE_SOON_DAYS) -> QuerySet[Beneficiary]:
    """People released within the next `days` days, for the centre that will take them."""
    _require_file_reader(user)
    today = timezone.localdate()
    return (
        beneficiary_queryset(user=user)
        .filter(
            release_date__gte=today,
            release_date__lte=today + datetime.timedelta(days=days),
            merged_into__isnull=True,
        )
        .select_related("centre", "establishment")
        .order_by("release_date", "family_name_latin", "id")
    )


def beneficiary_get(*, user: User, pk) -> Beneficiary:
    """One file in scope, or 404 (missing and out of scope look the same)."""
    return beneficiary_policy.get_visible_or_404(
        user,
        Beneficiary.objects.select_related("centre", "centre__region", "establishment", "region", "merged_into"),
        pk=pk,
    )


def beneficiary_file(*, user: User, beneficiary: Beneficiary) -> dict:
    """Everything the file page shows, each part scoped through the policy."""
    policy = beneficiary_policy
    return {
        "family": policy.visible(user, FamilyMember.objects.filter(beneficiary=beneficiary), path="beneficiary"),
        "consents": policy.visible(user, Consent.objects.filter(beneficiary=beneficiary), path="beneficiary"),
        "documents": policy.visible(user, Document.objects.filter(beneficiary=beneficiary), path="beneficiary"),
        "status_history": policy.visible(
            user, StatusChange.objects.filter(beneficiary=beneficiary), path="beneficiary"
        ).select_related("recorded_by"),
        "memberships": policy.visible(
            user, Membership.objects.filter(beneficiary=beneficiary), path="beneficiary"
        ).select_related("cohort", "establishment"),
        "shares": policy.visible(
            user,
            BeneficiaryUserObjectPermission.objects.filter(
                Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()), content_object=beneficiary
            ),
            path="content_object",
        )
        .select_related("user", "permission", "granted_by")
        .order_by("-granted_at"),
        "transfers": policy.visible(user, Transfer.objects.filter(beneficiary=beneficiary), path="beneficiary")
        .select_related("from_centre", "to_centre", "requested_by", "decided_by")
        .order_by("-requested_at")[:10],
    }


def family_member_get(*, user: User, beneficiary: Beneficiary, pk) -> FamilyMember:
    return beneficiary_policy.get_visible_or_404(
        user, FamilyMember.objects.filter(beneficiary=beneficiary), path="beneficiary", pk=pk
    )


def consent_get(*, user: User, beneficiary: Beneficiary, pk) -> Consent:
    return beneficiary_policy.get_visible_or_404(
        user,
        Consent.objects.filter(beneficiary=beneficiary).select_related("beneficiary"),
        path="beneficiary",
        pk=pk,
    )


def document_get(*, user: User, beneficiary: Beneficiary, pk) -> Document:
    return beneficiary_policy.get_visible_or_404(
        user, Document.objects.filter(beneficiary=beneficiary), path="beneficiary", pk=pk
    )


def transfers_incoming(*, user: User) -> QuerySet[Transfer]:
    """Open transfers this user may answer: addressed to their centre (caseworker) or region (supervisor).

    The receiving side sees the person's name and file number in this list so it can decide; the file
    itself opens only once the transfer is accepted."""
    _require_file_reader(user)
    qs = Transfer.objects.filter(status=TransferStatus.REQUESTED).select_related(
        "beneficiary", "from_centre", "to_centre", "requested_by"
    )
    if user.is_national:
        return qs
    if user.is_caseworker:
        return qs.filter(to_centre_id=user.centre_id)
    if user.is_supervisor:
        return qs.filter(to_centre__region_id=user.region_id)
    return qs.none()


def transfer_get_incoming(*, user: User, pk) -> Transfer:
    try:
        return transfers_incoming(user=user).get(pk=pk)
    except (Transfer.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404 from exc


def cohort_list(*, user: User) -> QuerySet[Cohort]:
    """Cohorts with the number of members the user may see."""
    _require_file_reader(user)
    visible_members = beneficiary_queryset(user=user).values("pk")
    return Cohort.objects.annotate(
        member_count=Count("memberships", filter=Q(memberships__beneficiary__in=visible_members), distinct=True)
    ).order_by("-edition")


def cohort_get(*, user: User, pk) -> Cohort:
    """Cohorts are programme-wide reference records; the people in them are scoped in cohort_review."""
    _require_file_reader(user)
    try:
        return Cohort.objects.prefetch_related("establishments").get(pk=pk)
    except (Cohort.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404 from exc


def cohort_review(*, user: User, cohort: Cohort) -> dict:
    """Members in the user's scope, with attendance per session and completion: a fixed number of queries."""
    _require_file_reader(user)
    sessions = list(CohortSession.objects.filter(cohort=cohort).select_related("module").order_by("number"))
    members = list(
        beneficiary_policy.visible(user, Membership.objects.filter(cohort=cohort), path="beneficiary")
        .select_related("beneficiary", "beneficiary__centre", "establishment")
        .prefetch_related(
            Prefetch("attendances", queryset=Attendance.objects.only("session_id", "membership_id", "present"))
        )
        .order_by("beneficiary__centre__code", "beneficiary__family_name_latin", "beneficiary_id")
    )
    rows = []
    for member in members:
        present = {a.session_id: a.present for a in member.attendances.all()}
        rows.append(
            {
                "membership": member,
                "attendance": [present.get(s.pk) for s in sessions],
                "attended": sum(1 for v in present.values() if v),
            }
        )
    return {
        "sessions": sessions,
        "rows": rows,
        "completed": sum(1 for m in members if m.completed),
        "total": len(members),
    }


def session_get(*, user: User, cohort: Cohort, pk) -> CohortSession:
    _require_file_reader(user)
    try:
        return CohortSession.objects.select_related("module", "cohort").get(cohort=cohort, pk=pk)
    except (CohortSession.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404 from exc


def session_attendance(*, user: User, session: CohortSession) -> list[tuple[Membership, bool | None]]:
    """The members of the session's cohort the user may change, with what is recorded for them."""
    members = (
        beneficiary_policy.changeable(user, Membership.objects.filter(cohort_id=session.cohort_id), path="beneficiary")
        .select_related("beneficiary", "beneficiary__centre")
        .order_by("beneficiary__centre__code", "beneficiary__family_name_latin", "beneficiary_id")
    )
    recorded = dict(Attendance.objects.filter(session=session).values_list("membership_id", "present"))
    return [(member, recorded.get(member.pk)) for member in members]


def membership_get(*, user: User, beneficiary: Beneficiary, pk) -> Membership:
    return beneficiary_policy.get_visible_or_404(
        user,
        Membership.objects.filter(beneficiary=beneficiary).select_related("cohort", "beneficiary"),
        path="beneficiary",
        pk=pk,
    )


def beneficiary_get_by_file_number(*, user: User, file_number: str) -> Beneficiary:
    return beneficiary_policy.get_visible_or_404(
        user, Beneficiary.objects.all(), file_number=(file_number or "").strip().upper()
    )


def share_get(*, user: User, beneficiary: Beneficiary, pk) -> BeneficiaryUserObjectPermission:
    return beneficiary_policy.get_visible_or_404(
        user,
        BeneficiaryUserObjectPermission.objects.filter(content_object=beneficiary).select_related(
            "user", "permission", "content_object"
        ),
        path="content_object",
        pk=pk,
    )
