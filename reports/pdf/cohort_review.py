"""Cohort review (supervisors): the members in the requester's scope, attendance per session, completion,
each person's life project, grant and where they stand now. A fixed number of queries."""

from __future__ import annotations

from django.utils.translation import gettext as _

from beneficiaries import selectors as people
from grants import selectors as grant_selectors
from reintegration_plans import selectors as plan_selectors

from ..kinds import BuildContext, BuildResult
from .common import download_name, render_pdf


def review_data(*, user, cohort) -> dict:
    review = people.cohort_review(user=user, cohort=cohort)
    ids = [row["membership"].beneficiary_id for row in review["rows"]]
    plans: dict = {}
    for plan in plan_selectors.project_list(user=user).filter(beneficiary_id__in=ids).order_by("created_at", "pk"):
        plans[plan.beneficiary_id] = plan  # the most recent plan wins
    grants: dict = {}
    for grant in grant_selectors.grant_list(user=user).filter(beneficiary_id__in=ids).order_by("created_at", "pk"):
        grants[grant.beneficiary_id] = grant
    rows = [
        {
            **row,
            "plan": plans.get(row["membership"].beneficiary_id),
            "grant": grants.get(row["membership"].beneficiary_id),
        }
        for row in review["rows"]
    ]
    outcomes: dict = {}
    for row in rows:
        label = row["membership"].beneficiary.get_status_display()
        outcomes[label] = outcomes.get(label, 0) + 1
    return {
        **review,
        "rows": rows,
        "with_plan": sum(1 for r in rows if r["plan"]),
        "with_grant": sum(1 for r in rows if r["grant"]),
        "outcomes": sorted(outcomes.items()),
        "people": ids,
    }


def build(context: BuildContext) -> BuildResult:
    cohort = context.data["cohort"]
    data = review_data(user=context.user, cohort=cohort)
    context.progress(30)
    render_pdf(context, "reports/pdf/cohort_review.html", {"cohort": cohort, **data}, title=_("Cohort review"))
    return BuildResult(download_name=download_name("cohort", f"edition-{cohort.edition}"), people=data["people"])
