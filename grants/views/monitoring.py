"""Post-delivery monitoring: the visits due, recording a visit, and the survival indicators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from beneficiaries.protected_data import defer_encrypted

from .. import selectors, services
from ..access import can_record_visit
from ..filters import VisitDueFilter
from ..forms import VisitForm
from ._common import apply_errors, deny_partner, query_without_page


@login_required
@require_GET
def visit_list(request):
    """Monitoring due: open visits in scope, overdue and due within a week unless filtered otherwise."""
    deny_partner(request.user)
    rows = defer_encrypted(selectors.visits_open(user=request.user), "grant__beneficiary__")
    visits = VisitDueFilter(request.GET, queryset=rows, request=request)
    page = Paginator(visits.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "grants/visit_list.html",
        {"filter": visits, "page": page, "query": query_without_page(request), "today": timezone.localdate()},
    )


@login_required
@require_GET
def indicators(request):
    """Survival rates at 6 and 12 months per sector, city and edition (people in the user's scope)."""
    deny_partner(request.user)
    return render(
        request,
        "grants/indicators.html",
        {"survival": selectors.survival_indicators(user=request.user), "months": selectors.SURVIVAL_MONTHS},
    )


@login_required
@require_http_methods(["GET", "POST"])
def visit_edit(request, visit_id):
    user = request.user
    visit = selectors.visit_get(user=user, visit_id=visit_id)
    if not can_record_visit(user, visit.grant):
        raise PermissionDenied
    initial = {}
    if visit.is_done:
        initial = {
            "visited_on": visit.visited_on,
            "activity_running": "yes" if visit.activity_running else "no",
            "equipment_held": "yes" if visit.equipment_held else "no",
            "equipment_used": "yes" if visit.equipment_used else "no",
            "monthly_income": visit.monthly_income,
            "jobs_created": visit.jobs_created,
            "difficulties": visit.difficulties,
            "survival_status": visit.survival_status,
        }
    form = VisitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_record(actor=user, visit=visit, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Monitoring visit recorded."))
            return redirect("grants:detail", grant_id=visit.grant_id)
    return render(request, "grants/visit_form.html", {"form": form, "visit": visit})
