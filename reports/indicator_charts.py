"""The indicator charts, drawn from ``reports.indicators`` data: SVG for pages, HTML+SVG for PDFs."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from .charts import bar_chart_svg, pie_chart_svg
from .pdf_charts import bar_chart_html, pie_chart_html

MONEY = "{:,.2f}"


def indicator_charts(data: dict, *, rtl: bool, for_pdf: bool = False) -> dict[str, str]:
    """Chart markup by key. Safe to output unescaped: every text went through the chart modules' escaping."""

    def bars(**kwargs) -> str:
        if for_pdf:
            kwargs.pop("horizontal", None)
            return bar_chart_html(rtl=rtl, **kwargs)
        return bar_chart_svg(rtl=rtl, **kwargs)

    def pie(**kwargs) -> str:
        return (pie_chart_html if for_pdf else pie_chart_svg)(rtl=rtl, **kwargs)

    people, grants = data["people"], data["grants"]
    return {
        "people_by_region": bars(
            title=_("People by region"),
            labels=[str(row["region"]) for row in people["by_region"]],
            series={
                _("Men"): [r["men"] for r in people["by_region"]],
                _("Women"): [r["women"] for r in people["by_region"]],
            },
            horizontal=True,
        ),
        "people_by_status": bars(
            title=_("People by status"),
            labels=[str(row["label"]) for row in people["by_status"]],
            series={_("People"): [row["count"] for row in people["by_status"]]},
            horizontal=True,
        ),
        "people_by_sex": pie(
            title=_("People by sex"),
            labels=[str(row["label"]) for row in people["by_sex"]],
            values=[row["count"] for row in people["by_sex"]],
        ),
        "cohorts": bars(
            title=_("Cohort completion"),
            labels=[_("Edition %(n)s") % {"n": row["cohort__edition"]} for row in data["cohorts"]],
            series={
                _("Members"): [row["members"] for row in data["cohorts"]],
                _("Completed"): [row["completed"] for row in data["cohorts"]],
            },
        ),
        "plans": bars(
            title=_("Life projects by status"),
            labels=[str(row["label"]) for row in data["plans"]["by_status"]],
            series={_("Life projects"): [row["count"] for row in data["plans"]["by_status"]]},
            horizontal=True,
        ),
        "follow_ups_by_domain": bars(
            title=_("Follow-ups done, by domain"),
            labels=[str(row["domain"]) for row in data["follow_ups"]["by_domain"]],
            series={_("Follow-ups"): [row["count"] for row in data["follow_ups"]["by_domain"]]},
            horizontal=True,
        ),
        "grants_per_envelope": bars(
            title=_("Grants committed and delivered per envelope (MAD)"),
            labels=[str(row["envelope"]) for row in grants["per_envelope"]],
            series={
                _("Committed"): [row["committed"] for row in grants["per_envelope"]],
                _("Delivered"): [row["spent"] for row in grants["per_envelope"]],
            },
            value_format=MONEY,
            horizontal=True,
        ),
        "grants_per_sector": bars(
            title=_("Grants by sector (MAD)"),
            labels=[str(row["sector"]) for row in grants["per_sector"]],
            series={_("Amount"): [row["amount"] for row in grants["per_sector"]]},
            value_format=MONEY,
            horizontal=True,
        ),
        "grants_per_region": bars(
            title=_("Grants by region (MAD)"),
            labels=[str(row["region"]) for row in grants["per_region"]],
            series={_("Amount"): [row["amount"] for row in grants["per_region"]]},
            value_format=MONEY,
            horizontal=True,
        ),
        "survival": bars(
            # Translators: a chart title; "%" is the percent sign, not a placeholder.
            # xgettext:no-python-format
            title=_("Projects still running (% of visits)"),
            labels=[_("%(n)d months") % {"n": row["months"]} for row in data["survival"]],
            series={_("Running"): [row["rate"] or Decimal("0") for row in data["survival"]]},
            value_format="{}%",
        ),
    }
