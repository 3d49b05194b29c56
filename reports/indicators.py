"""Programme indicators: counts and sums only, never a row about a person.

One function, ``indicators(...)``, feeds both the dashboard page and the indicators PDF. It takes an
``AggregateScope`` (from ``reports.scope``: the user's, narrowed by the region filter) and the filters
(period, sector, sex). A fixed number of GROUP BY queries, whatever the size of the caseload.

The period applies to: release dates (people), cohort years, plan approvals, follow-up dates, grant
decisions, monitoring visits. Without a period, follow-ups per person per month cover the last 12 months.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from beneficiaries.models import Beneficiary, Membership, Sex, Status
from casework.models import Region
from grants.models import Envelope, Grant, GrantStatus, MonitoringVisit, Sector
from reintegration_plans.models import APPROVED_STATUSES, Domain, FollowUp, FollowUpStatus, LifeProject, ProjectStatus

from .scope import AggregateScope, aggregate_scope, narrowed

ZERO = Decimal("0.00")
SURVIVAL_MONTHS = (6, 12)


@dataclass(frozen=True)
class Filters:
    start: datetime.date | None = None
    end: datetime.date | None = None
    sector: Sector | None = None
    sex: str = ""


def _period(field: str, filters: Filters) -> Q:
    condition = Q()
    if filters.start:
        condition &= Q(**{f"{field}__gte": filters.start})
    if filters.end:
        condition &= Q(**{f"{field}__lte": filters.end})
    return condition


def _sex(path: str, filters: Filters) -> Q:
    return Q(**{f"{path}sex": filters.sex}) if filters.sex else Q()


def _months(start: datetime.date, end: datetime.date) -> Decimal:
    days = (end - start).days + 1
    return max(Decimal(days) / Decimal("30.4375"), Decimal("1"))


def _rate(part: int, whole: int) -> Decimal | None:
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1")) if whole else None


def people_figures(scope: AggregateScope, filters: Filters) -> dict:
    people = Beneficiary.objects.filter(
        scope.condition("centre"), _sex("", filters), _period("release_date", filters), merged_into__isnull=True
    )
    # One GROUP BY (region, sex, status), folded here into the status and region tables: one scan, not two.
    cells = people.values("centre__region_id", "sex", "status").annotate(n=Count("*")).order_by()
    regions = {r.pk: r for r in Region.objects.all()}
    by_status: dict = {}
    per_region: dict = {}
    for row in cells:
        by_status[row["status"]] = by_status.get(row["status"], 0) + row["n"]
        entry = per_region.setdefault(row["centre__region_id"], {"M": 0, "F": 0})
        entry[row["sex"]] = entry.get(row["sex"], 0) + row["n"]
    region_rows = [
        {"region": regions[pk], "men": v.get("M", 0), "women": v.get("F", 0), "total": v.get("M", 0) + v.get("F", 0)}
        for pk, v in sorted(per_region.items(), key=lambda item: regions[item[0]].code)
    ]
    total = sum(by_status.values())
    return {
        "total": total,
        "by_status": [{"status": s, "label": s.label, "count": by_status.get(s.value, 0)} for s in Status],
        "by_region": region_rows,
        "by_sex": [
            {"sex": s, "label": s.label, "count": sum(r["women" if s == Sex.FEMALE else "men"] for r in region_rows)}
            for s in Sex
        ],
    }


def cohort_figures(scope: AggregateScope, filters: Filters) -> list[dict]:
    members = Membership.objects.filter(scope.condition("beneficiary__centre"), _sex("beneficiary__", filters))
    if filters.start:
        members = members.filter(cohort__year__gte=filters.start.year)
    if filters.end:
        members = members.filter(cohort__year__lte=filters.end.year)
    rows = (
        members.values("cohort__edition", "cohort__year")
        .annotate(members=Count("pk"), completed=Count("pk", filter=Q(completed=True)))
        .order_by("-cohort__edition")
    )
    return [{**row, "rate": _rate(row["completed"], row["members"])} for row in rows]


def plan_figures(scope: AggregateScope, filters: Filters) -> dict:
    plans = LifeProject.objects.filter(scope.condition("centre"), _sex("beneficiary__", filters))
    by_status = dict(plans.values_list("status").annotate(n=Count("pk")).order_by())
    approved_in_period = plans.filter(status__in=APPROVED_STATUSES).filter(_period("approved_at__date", filters))
    return {
        "by_status": [{"status": s, "label": s.label, "count": by_status.get(s.value, 0)} for s in ProjectStatus],
        "approved": approved_in_period.count(),
    }


def follow_up_figures(scope: AggregateScope, filters: Filters) -> dict:
    end = filters.end or timezone.localdate()
    start = filters.start or (end - datetime.timedelta(days=365))
    done = FollowUp.objects.filter(
        scope.condition("centre"),
        _sex("beneficiary__", filters),
        status=FollowUpStatus.DONE,
        occurred_on__gte=start,
        occurred_on__lte=end,
    )
    domains = {d.pk: d for d in Domain.objects.all()}
    by_domain = [
        {"domain": domains[row["domain_id"]], "count": row["n"]}
        for row in done.values("domain_id").annotate(n=Count("*")).order_by("-n", "domain_id")
    ]
    # The total is the sum of the domains' counts (one scan fewer); the people are counted over a DISTINCT
    # subquery, which PostgreSQL hashes (COUNT(DISTINCT …) sorts a million rows to disk at national scale).
    totals = {
        "follow_ups": sum(row["count"] for row in by_domain),
        "people": done.values("beneficiary_id").distinct().order_by().count(),
    }
    per_person_month = (
        (Decimal(totals["follow_ups"]) / totals["people"] / _months(start, end)).quantize(Decimal("0.01"))
        if totals["people"]
        else None
    )
    return {**totals, "start": start, "end": end, "per_person_month": per_person_month, "by_domain": by_domain}


def grant_figures(scope: AggregateScope, filters: Filters) -> dict:
    grants = Grant.objects.filter(
        scope.condition("centre"),
        _sex("beneficiary__", filters),
        _period("decided_at__date", filters),
        status__in=(GrantStatus.APPROVED, GrantStatus.DELIVERED),
    )
    if filters.sector:
        grants = grants.filter(sector=filters.sector)
    # One GROUP BY over the finest combination, folded here into the four tables: one scan of the grants
    # instead of four (the sums stay exact: Decimal added to Decimal).
    cells = (
        grants.values("envelope_id", "sector_id", "centre__region_id", "status", "beneficiary__sex")
        .annotate(n=Count("*"), amount=Sum("approved_amount", default=ZERO))
        .order_by()
    )
    envelopes = {e.pk: e for e in Envelope.objects.all()}
    sectors = {s.pk: s for s in Sector.objects.all()}
    regions = {r.pk: r for r in Region.objects.all()}
    totals = {"grants": 0, "committed": ZERO, "spent": ZERO, "women": 0}
    by_envelope: dict = {}
    by_sector: dict = {}
    by_region: dict = {}
    for cell in cells:
        n, amount, woman = cell["n"], cell["amount"], cell["beneficiary__sex"] == Sex.FEMALE
        money = "committed" if cell["status"] == GrantStatus.APPROVED else "spent"
        envelope = by_envelope.setdefault(
            cell["envelope_id"], {"envelope_id": cell["envelope_id"], "grants": 0, "committed": ZERO, "spent": ZERO}
        )
        sector = by_sector.setdefault(
            cell["sector_id"], {"sector_id": cell["sector_id"], "grants": 0, "amount": ZERO, "women": 0}
        )
        region = by_region.setdefault(
            cell["centre__region_id"], {"centre__region_id": cell["centre__region_id"], "grants": 0, "amount": ZERO}
        )
        for row in (totals, envelope, sector, region):
            row["grants"] += n
        totals[money] += amount
        envelope[money] += amount
        sector["amount"] += amount
        region["amount"] += amount
        if woman:
            totals["women"] += n
            sector["women"] += n
    per_envelope = sorted(
        ({"envelope": envelopes[pk], **row} for pk, row in by_envelope.items()),
        key=lambda r: (r["envelope"].period_start, r["envelope"].name, r["envelope_id"]),
    )
    per_sector = sorted(
        ({"sector": sectors[pk], **row} for pk, row in by_sector.items()),
        key=lambda r: (r["sector"].position, r["sector"].code),
    )
    per_region = sorted(
        ({"region": regions[pk], **row} for pk, row in by_region.items()), key=lambda r: r["region"].code
    )
    return {"totals": totals, "per_envelope": per_envelope, "per_sector": per_sector, "per_region": per_region}


def survival_figures(scope: AggregateScope, filters: Filters) -> list[dict]:
    visits = MonitoringVisit.objects.filter(
        scope.condition("centre"),
        _sex("grant__beneficiary__", filters),
        _period("visited_on", filters),
        months_after__in=SURVIVAL_MONTHS,
        visited_on__isnull=False,
    )
    if filters.sector:
        visits = visits.filter(grant__sector=filters.sector)
    rows = {
        row["months_after"]: row
        for row in visits.values("months_after")
        .annotate(visited=Count("pk"), running=Count("pk", filter=Q(activity_running=True)))
        .order_by()
    }
    result = []
    for months in SURVIVAL_MONTHS:
        row = rows.get(months, {"visited": 0, "running": 0})
        result.append({"months": months, **row, "rate": _rate(row["running"], row["visited"])})
    return result


def indicators(*, scope: AggregateScope, filters: Filters) -> dict:
    return {
        "people": people_figures(scope, filters),
        "cohorts": cohort_figures(scope, filters),
        "plans": plan_figures(scope, filters),
        "follow_ups": follow_up_figures(scope, filters),
        "grants": grant_figures(scope, filters),
        "survival": survival_figures(scope, filters),
    }


def scope_and_filters(form, user) -> tuple[AggregateScope, Filters]:
    """The scope and filters a filter form asks for: the user's scope, narrowed (never widened) by the
    region chosen; an invalid or empty form means the user's whole scope, unfiltered."""
    from django.http import Http404

    scope = aggregate_scope(user)
    if scope is None:
        raise Http404
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    scope = narrowed(scope, region=data.get("region"))
    return scope, Filters(
        start=data.get("start"), end=data.get("end"), sector=data.get("sector"), sex=data.get("sex") or ""
    )
