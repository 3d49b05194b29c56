"""The grants dashboards' charts: SVG built on the server by reports.charts (no script, text kept as text,
every label escaped there), mirrored for right-to-left languages."""

from __future__ import annotations

from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from reports.charts import bar_chart_svg, pie_chart_svg

MONEY_FORMAT = "{:,.2f}"


def envelope_charts(*, envelope, breakdown: dict) -> dict[str, str]:
    """Committed / delivered / remaining, and committed and delivered amounts by sector and by city."""
    rtl = get_language_bidi()
    committed, delivered = _("Committed (MAD)"), _("Delivered (MAD)")

    def bars(title, rows):
        return bar_chart_svg(
            title=title,
            labels=[row["label"] for row in rows],
            series={committed: [row["committed"] for row in rows], delivered: [row["spent"] for row in rows]},
            value_format=MONEY_FORMAT,
            horizontal=True,
            rtl=rtl,
        )

    return {
        "money": pie_chart_svg(
            title=_("Use of the envelope (MAD)"),
            labels=[_("Committed"), _("Delivered"), _("Remaining")],
            values=[envelope.committed_amount, envelope.spent_amount, envelope.remaining_amount],
            rtl=rtl,
        ),
        "by_sector": bars(_("By sector"), breakdown["by_sector"]),
        "by_city": bars(_("By city (regional centre)"), breakdown["by_city"]),
    }


def figures_charts(*, figures: dict) -> dict[str, str]:
    rtl = get_language_bidi()
    rows = figures["by_sector"]
    return {
        "by_sector": bar_chart_svg(
            title=_("Grants approved or delivered, by sector"),
            labels=[row["label"] for row in rows],
            series={_("Grants"): [row["grants"] for row in rows], _("Women"): [row["women"] for row in rows]},
            horizontal=True,
            rtl=rtl,
        )
    }
