"""Budget envelopes: the dashboard (supervisors and administrators), and their management (administrators):
create, change, allocate to regions and cities."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import selectors, services
from ..access import envelope_policy
from ..charts import envelope_charts
from ..forms import AllocationForm, EnvelopeForm
from ._common import apply_errors, require


@login_required
@require_GET
def envelope_list(request):
    if not (request.user.is_supervisor or request.user.is_administrator):
        raise PermissionDenied
    return render(
        request,
        "grants/envelope_list.html",
        {
            "envelopes": selectors.envelope_list(user=request.user),
            "can_manage": envelope_policy.can_manage(request.user),
        },
    )


@login_required
@require_GET
def envelope_detail(request, envelope_id):
    user = request.user
    envelope = selectors.envelope_get(user=user, envelope_id=envelope_id)
    breakdown = selectors.envelope_breakdown(user=user, envelope=envelope)
    total = envelope.total_amount or 1
    bars = {
        "committed": float(envelope.committed_amount * 100 / total),
        "spent": float(envelope.spent_amount * 100 / total),
    }
    return render(
        request,
        "grants/envelope_detail.html",
        {
            "envelope": envelope,
            "breakdown": breakdown,
            "bars": bars,
            "charts": envelope_charts(envelope=envelope, breakdown=breakdown),
            "allocations": selectors.envelope_allocations(user=user, envelope=envelope),
            "events": selectors.event_list(user=user).filter(envelope=envelope),
            "can_manage": envelope_policy.can_manage(user),
        },
    )


def _envelope_values(form) -> dict:
    data = form.cleaned_data
    return {name: data[name] for name in ("name", "funder", "period_start", "period_end", "total_amount")}


@login_required
@require_http_methods(["GET", "POST"])
def envelope_create(request):
    require(envelope_policy.can_manage(request.user))
    form = EnvelopeForm(request.POST or None, creating=True)
    if request.method == "POST" and form.is_valid():
        try:
            envelope = services.envelope_create(actor=request.user, **_envelope_values(form))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Budget envelope opened. Allocate it to regions or cities if needed."))
            return redirect("grants:envelope", envelope_id=envelope.pk)
    return render(request, "grants/envelope_form.html", {"form": form, "envelope": None})


@login_required
@require_http_methods(["GET", "POST"])
def envelope_edit(request, envelope_id):
    envelope = selectors.envelope_get(user=request.user, envelope_id=envelope_id)
    require(envelope_policy.can_manage(request.user))
    initial = {
        "name": envelope.name,
        "funder": envelope.funder,
        "period_start": envelope.period_start,
        "period_end": envelope.period_end,
        "total_amount": envelope.total_amount,
        "is_open": envelope.is_open,
    }
    form = EnvelopeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.envelope_update(
                actor=request.user, envelope=envelope, is_open=form.cleaned_data["is_open"], **_envelope_values(form)
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Budget envelope saved."))
            return redirect("grants:envelope", envelope_id=envelope.pk)
    return render(request, "grants/envelope_form.html", {"form": form, "envelope": envelope})


@login_required
@require_http_methods(["GET", "POST"])
def envelope_allocations(request, envelope_id):
    """An envelope's allocations with what is used in each; administrators add or change one."""
    user = request.user
    envelope = selectors.envelope_get(user=user, envelope_id=envelope_id)
    can_manage = envelope_policy.can_manage(user)
    if request.method == "POST":
        require(can_manage)
    form = AllocationForm(request.POST or None) if can_manage else None
    if request.method == "POST" and form.is_valid():
        try:
            services.envelope_allocation_set(actor=user, envelope=envelope, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Allocation saved."))
            return redirect("grants:allocations", envelope_id=envelope.pk)
    allocations = list(selectors.envelope_allocations(user=user, envelope=envelope))
    return render(
        request,
        "grants/allocations.html",
        {
            "envelope": envelope,
            "allocations": allocations,
            "allocated": sum((a.amount for a in allocations), envelope.total_amount * 0),
            "form": form,
        },
    )


@login_required
@require_POST
def allocation_remove(request, envelope_id, allocation_id):
    envelope = selectors.envelope_get(user=request.user, envelope_id=envelope_id)
    allocation = selectors.envelope_allocation_get(user=request.user, envelope=envelope, allocation_id=allocation_id)
    require(envelope_policy.can_manage(request.user))
    services.envelope_allocation_remove(actor=request.user, allocation=allocation)
    messages.success(request, _("Allocation removed: that region or city now draws on the whole envelope."))
    return redirect("grants:allocations", envelope_id=envelope.pk)
