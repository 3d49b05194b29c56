"""The indicators dashboard: the programme's figures and charts for the user's scope, filterable."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from ..forms import IndicatorFilterForm
from ..indicator_charts import indicator_charts
from ..indicators import indicators, scope_and_filters


@login_required
@require_GET
def dashboard(request):
    form = IndicatorFilterForm(request.GET or None, user=request.user)
    scope, filters = scope_and_filters(form, request.user)
    data = indicators(scope=scope, filters=filters)
    rtl = (get_language() or "ar")[:2] == "ar"
    return render(
        request,
        "reports/dashboard.html",
        {
            "form": form,
            "data": data,
            "charts": indicator_charts(data, rtl=rtl),
            "parameters": form.parameters() if form.is_bound and form.is_valid() else {},
        },
    )
