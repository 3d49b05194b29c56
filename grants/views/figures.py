"""Aggregate grant figures: for partner viewers (national counts and sums, never a person), supervisors and
administrators (their scope)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import selectors
from ..access import figures_policy
from ..charts import figures_charts
from ._common import require


@login_required
@require_GET
def figures(request):
    require(figures_policy.can_view(request.user))
    figures_ = selectors.programme_figures(user=request.user)
    return render(
        request,
        "grants/figures.html",
        {"figures": figures_, "charts": figures_charts(figures=figures_), "months": selectors.SURVIVAL_MONTHS},
    )
