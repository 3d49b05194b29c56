"""Centre activity over a period: follow-ups by domain and kind, life projects by status, overdue items,
grants, alerts (counts only). Every count starts from the requester's scoped querysets."""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.access import beneficiary_policy
from casework.watchlist.access import watchlist_policy
from casework.watchlist.models import Alert, AlertStatus, Severity
from grants.models import Delivery, Grant, GrantStatus, MonitoringVisit
from reintegration_plans.models import (
    APPROVED_STATUSES,
    Domain,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    LifeProject,
    ProjectStatus,
    Referral,
)

from ..kinds import BuildContext, BuildResult
from ..pdf_charts import bar_chart_html
from .common import download_name, render_pdf

ZERO = 0


def _visible(user, queryset, path: str):
    return beneficiary_policy.visible(user, queryset, path=path)


def activity_data(*, user, centre, start, end) -> dict:
    today = timezone.localdate()
    follow_ups = _visible(user, FollowUp.objects.filter(beneficiary__centre=centre), "beneficiary")
    done = follow_ups.filter(status=FollowUpStatus.DONE, occurred_on__gte=start, occurred_on__lte=end)
    cross = {(r["domain_id"], r["kind"]): r["n"] for r in done.values("domain_id", "kind").annotate(n=Count("pk"))}
    domains = [d for d in Domain.objects.order_by("position", "code") if any(k[0] == d.pk for k in cross)]
    kinds = list(FollowUpKind)
    table = [
        {
            "domain": d,
            "counts": [cross.get((d.pk, k.value), 0) for k in kinds],
            "total": sum(cross.get((d.pk, k.value), 0) for k in kinds),
        }
        for d in domains
    ]
    in_period = follow_ups.filter(
        Q(occurred_on__gte=start, occurred_on__lte=end)
        | Q(occurred_on__isnull=True, due_on__gte=start, due_on__lte=end)
    )
    by_status = dict(in_period.values_list("status").annotate(n=Count("pk")).order_by())
    plans = _visible(user, LifeProject.objects.filter(beneficiary__centre=centre), "beneficiary")
    plan_status = dict(plans.values_list("status").annotate(n=Count("pk")).order_by())
    grants = _visible(user, Grant.objects.filter(beneficiary__centre=centre), "beneficiary")
    deliveries = _visible(user, Delivery.objects.filter(grant__beneficiary__centre=centre), "grant__beneficiary")
    visits = _visible(user, MonitoringVisit.objects.filter(grant__beneficiary__centre=centre), "grant__beneficiary")
    referrals = _visible(user, Referral.objects.filter(beneficiary__centre=centre), "beneficiary")
    return {
        "centre": centre,
        "start": start,
        "end": end,
        "kinds": kinds,
        "table": table,
        "kind_totals": [sum(row["counts"][i] for row in table) for i in range(len(kinds))],
        "done_total": sum(row["total"] for row in table),
        "people_followed": done.values("beneficiary").distinct().count(),
        "follow_up_status": [{"label": s.label, "count": by_status.get(s.value, ZERO)} for s in FollowUpStatus],
        "plan_status": [{"label": s.label, "count": plan_status.get(s.value, ZERO)} for s in ProjectStatus],
        "plans_approved": plans.filter(
            status__in=APPROVED_STATUSES, approved_at__date__gte=start, approved_at__date__lte=end
        ).count(),
        "overdue": {
            "follow_ups": follow_ups.filter(status=FollowUpStatus.PLANNED, due_on__lt=today).count(),
            "visits": visits.filter(visited_on__isnull=True, due_on__lt=today).count(),
            "reviews": plans.filter(status=ProjectStatus.ACTIVE, next_review_on__lt=today).count(),
        },
        "grants": grants.aggregate(
            proposed=Count("pk", filter=Q(created_at__date__gte=start, created_at__date__lte=end)),
            approved=Count(
                "pk",
                filter=Q(
                    status__in=(GrantStatus.APPROVED, GrantStatus.DELIVERED),
                    decided_at__date__gte=start,
                    decided_at__date__lte=end,
                ),
            ),
            rejected=Count(
                "pk", filter=Q(status=GrantStatus.REJECTED, decided_at__date__gte=start, decided_at__date__lte=end)
            ),
        ),
        "delivered": deliveries.filter(delivered_on__gte=start, delivered_on__lte=end).aggregate(
            count=Count("pk"), amount=Sum("grant__approved_amount")
        ),
        "referrals": referrals.filter(sent_on__gte=start, sent_on__lte=end).count(),
        "alerts": alert_counts(user=user, centre=centre, start=start, end=end),
    }


def alert_counts(*, user, centre, start, end) -> list[dict] | None:
    """Vigilance alerts, counts only, for watchlist readers; None (no section at all) for anyone else."""
    if not watchlist_policy.may_read(user):
        return None
    alerts = watchlist_policy.visible(user, Alert.objects.filter(beneficiary__centre=centre))
    raised = alerts.filter(raised_at__date__gte=start, raised_at__date__lte=end)
    by_severity = dict(raised.values_list("severity").annotate(n=Count("pk")).order_by())
    rows = [
        {
            "label": _("Raised in the period — %(severity)s") % {"severity": s.label},
            "count": by_severity.get(s.value, 0),
        }
        for s in Severity
    ]
    rows.append({"label": _("Not closed today"), "count": alerts.exclude(status=AlertStatus.CLOSED).count()})
    return rows


def build(context: BuildContext) -> BuildResult:
    data = activity_data(
        user=context.user, centre=context.data["centre"], start=context.data["start"], end=context.data["end"]
    )
    context.progress(30)
    rtl = context.job.language == "ar"
    data["chart"] = bar_chart_html(
        title=_("Follow-ups done, by domain"),
        labels=[str(row["domain"]) for row in data["table"]],
        series={_("Follow-ups"): [row["total"] for row in data["table"]]},
        rtl=rtl,
    )
    render_pdf(context, "reports/pdf/centre_activity.html", data, title=_("Centre activity report"))
    return BuildResult(
        download_name=download_name("activity", data["centre"].code, data["start"].isoformat(), data["end"].isoformat())
    )
