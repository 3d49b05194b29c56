"""Distribution events: list, page (with the people and their equipment), printable attendance sheet;
organising, changing and cancelling one (administrators); adding and removing grants (administrators and
supervisors, for the people in their scope)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reports.kinds import event_report_links

from .. import selectors, services
from ..access import event_policy
from ..forms import EventAssignForm, EventForm, OfficialFormSet, officials_initial
from ._common import apply_errors, deny_partner, query_without_page, require


def _can_organise(user) -> bool:
    return event_policy.can_manage(user) and user.is_administrator


@login_required
@require_GET
def event_list(request):
    deny_partner(request.user)
    page = Paginator(selectors.event_list(user=request.user), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "grants/event_list.html",
        {"page": page, "query": query_without_page(request), "can_organise": _can_organise(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_detail(request, event_id):
    user = request.user
    event = selectors.event_get(user=user, event_id=event_id)
    can_manage = event_policy.can_manage(user)
    if request.method == "POST":
        require(can_manage)
    form = None
    if can_manage:
        waiting = selectors.approvable_grants_for_event(user=user, event=event).filter(
            beneficiary__centre__region_id=event.centre.region_id
        )
        form = EventAssignForm(request.POST or None, grants=waiting.order_by("beneficiary__file_number"))
    if request.method == "POST" and form.is_valid():
        try:
            count = services.event_assign_grants(actor=user, event=event, grants=list(form.cleaned_data["grants"]))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("%(count)s grants added to the event.") % {"count": count})
            return redirect("grants:event", event_id=event.pk)
    return render(
        request,
        "grants/event_detail.html",
        {
            "event": event,
            "grants": selectors.event_grants(user=user, event=event),
            "summary": selectors.event_summary(event=event),
            "form": form,
            "can_manage": can_manage,
            "can_organise": _can_organise(user),
            "pdf_reports": event_report_links(user, event),
        },
    )


@login_required
@require_GET
def event_attendance(request, event_id):
    """Printable attendance and signature sheet for an event (the people the user may see)."""
    event = selectors.event_get(user=request.user, event_id=event_id)
    grants = list(selectors.event_grants(user=request.user, event=event))
    services.event_record_attendance_print(actor=request.user, event=event, grants=grants)
    return render(request, "grants/print_attendance.html", {"event": event, "grants": grants})


def _event_form_page(request, *, event=None):
    user = request.user
    envelopes = selectors.envelope_list(user=user)
    if event is None:
        initial = {"envelope": request.GET.get("envelope") or None}
        officials = []
    else:
        initial = {
            "envelope": event.envelope_id,
            "centre": event.centre_id,
            "city": event.city,
            "date": event.date,
            "place": event.place,
        }
        officials = officials_initial(event)
    form = EventForm(request.POST or None, envelopes=envelopes, initial=initial)
    officials_formset = OfficialFormSet(request.POST or None, prefix="officials", initial=officials)
    if request.method == "POST" and form.is_valid() and officials_formset.is_valid():
        values = {**form.cleaned_data, "officials": officials_formset.officials()}
        try:
            if event is None:
                event = services.event_create(actor=user, **values)
            else:
                services.event_update(actor=user, event=event, **values)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Distribution event saved. Add the approved grants handed over at it."))
            return redirect("grants:event", event_id=event.pk)
    return render(request, "grants/event_form.html", {"form": form, "officials": officials_formset, "event": event})


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request):
    require(_can_organise(request.user))
    return _event_form_page(request)


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, event_id):
    event = selectors.event_get(user=request.user, event_id=event_id)
    require(_can_organise(request.user))
    return _event_form_page(request, event=event)


@login_required
@require_POST
def event_delete(request, event_id):
    event = selectors.event_get(user=request.user, event_id=event_id)
    require(_can_organise(request.user))
    try:
        services.event_delete(actor=request.user, event=event)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("grants:event", event_id=event.pk)
    messages.success(request, _("Distribution event cancelled."))
    return redirect("grants:events")


@login_required
@require_POST
def event_remove_grant(request, event_id, grant_id):
    user = request.user
    event = selectors.event_get(user=user, event_id=event_id)
    grant = selectors.grant_get(user=user, grant_id=grant_id)
    require(event_policy.can_manage(user))
    try:
        services.event_remove_grant(actor=user, event=event, grant=grant)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The grant was taken off the event; it can be added to another one."))
    return redirect("grants:event", event_id=event.pk)
