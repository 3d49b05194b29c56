"""Programme indicators as a PDF: the dashboard's figures and charts (aggregates only)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from ..indicator_charts import indicator_charts
from ..indicators import indicators, scope_and_filters
from ..kinds import BuildContext, BuildResult
from .common import download_name, render_pdf


def build(context: BuildContext) -> BuildResult:
    scope, filters = scope_and_filters(context.form, context.user)
    data = indicators(scope=scope, filters=filters)
    context.progress(30)
    charts = indicator_charts(data, rtl=context.job.language == "ar", for_pdf=True)
    render_pdf(
        context,
        "reports/pdf/indicators.html",
        {"data": data, "charts": charts, "scope_label": context.data.get("region") or context.user.scope_label},
        title=_("Programme indicators"),
    )
    return BuildResult(download_name=download_name("indicators", timezone.localdate().isoformat()))
