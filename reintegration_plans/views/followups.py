"""Pages of follow-ups: the caseload's due and overdue list, a person's follow-ups, recording, planning,
marking missed, and correcting with the history shown."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casework.querysets import PERSON_LIST_FIELDS, only_listed_columns

from .. import selectors, services
from ..access import can_prepare, can_read_health_notes
from ..forms import CorrectionForm, FollowUpFilterForm, FollowUpForm, FollowUpPlanForm, MissedForm
from ..models import FollowUpStatus
from ._common import add_errors, paginate, person_or_404, require_prepare

# What the follow-up lists show of the related rows (templates follow_up_overview, person_follow_ups).
LISTED = {"beneficiary": PERSON_LIST_FIELDS, "domain": None, "assigned_to": ("username", "first_name", "last_name")}


@login_required
@require_GET
def follow_up_overview(request):
    """Follow-ups across the user's caseload, overdue first when filtered so."""
    user = request.user
    selectors.require_file_reader(user)
    form = FollowUpFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = {
        "state": data.get("state", ""),
        "status": data.get("status", ""),
        "domain": data.get("domain"),
        "assigned_to": user if data.get("mine") else None,
    }
    follow_ups = only_listed_columns(selectors.follow_up_list(user=user, **filters), LISTED)
    page, query = paginate(request, follow_ups, count=selectors.follow_up_total(user=user, **filters))
    if user.is_caseworker:
        counts, my_counts = selectors.follow_up_counts_and_mine(user=user)
    else:
        counts, my_counts = selectors.follow_up_counts(user=user), None
    return render(
        request,
        "reintegration_plans/follow_up_overview.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "counts": counts,
            "my_counts": my_counts,
        },
    )


@login_required
@require_GET
def person_follow_ups(request, pk):
    user = request.user
    person = person_or_404(request, pk)
    services.file_read_record(actor=user, beneficiary=person, page="follow-ups")
    rows = only_listed_columns(selectors.follow_up_list(user=user, beneficiary=person), LISTED)
    page, query = paginate(request, rows)
    return render(
        request,
        "reintegration_plans/person_follow_ups.html",
        {
            "person": person,
            "page": page,
            "query": query,
            "may_prepare": can_prepare(user, person),
            "health": can_read_health_notes(user, person),
            "today": timezone.localdate(),
        },
    )


def _form_kwargs(user, person):
    return {
        "goals": selectors.goals_for_person(user=user, beneficiary=person),
        "health": can_read_health_notes(user, person),
    }


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_record(request, pk):
    """Record a follow-up that took place; `?planned=<id>` fulfils a planned one."""
    user = request.user
    person = person_or_404(request, pk)
    require_prepare(user, person)
    planned = None
    planned_id = request.POST.get("planned") or request.GET.get("planned")
    initial = {"occurred_on": timezone.localdate()}
    if planned_id:
        planned = selectors.planned_follow_up_get(user=user, beneficiary=person, pk=planned_id)
        initial.update({"domain": planned.domain_id, "kind": planned.kind})
    form = FollowUpForm(request.POST or None, initial=initial, **_form_kwargs(user, person))
    if request.method == "POST" and form.is_valid():
        try:
            follow_up = services.follow_up_record(actor=user, beneficiary=person, planned=planned, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The follow-up was recorded."))
            return redirect("plans:follow_up", pk=follow_up.pk)
    return render(
        request,
        "reintegration_plans/follow_up_form.html",
        {"form": form, "person": person, "planned": planned, "title": _("Record a follow-up")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_plan(request, pk):
    user = request.user
    person = person_or_404(request, pk)
    require_prepare(user, person)
    initial = {"assigned_to": user.pk if user.is_caseworker else None}
    form = FollowUpPlanForm(request.POST or None, beneficiary=person, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_plan(actor=user, beneficiary=person, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The follow-up was planned."))
            return redirect("plans:follow_ups", pk=person.pk)
    return render(
        request,
        "reintegration_plans/follow_up_form.html",
        {"form": form, "person": person, "title": _("Plan a follow-up")},
    )


@login_required
@require_GET
def follow_up_detail(request, pk):
    user = request.user
    follow_up = selectors.follow_up_get(user=user, pk=pk)
    person = follow_up.beneficiary
    services.follow_up_record_view(actor=user, follow_up=follow_up)
    health = can_read_health_notes(user, person)
    return render(
        request,
        "reintegration_plans/follow_up_detail.html",
        {
            "follow_up": follow_up,
            "person": person,
            "goals": follow_up.goals.select_related("domain"),
            "corrections": selectors.follow_up_corrections(user=user, follow_up=follow_up),
            "health": health,
            "may_prepare": can_prepare(user, person),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_correct(request, pk):
    user = request.user
    follow_up = selectors.follow_up_get(user=user, pk=pk)
    person = follow_up.beneficiary
    require_prepare(user, person)
    if follow_up.status == FollowUpStatus.PLANNED:
        return redirect(f"{_record_url(person)}?planned={follow_up.pk}")
    kwargs = _form_kwargs(user, person)
    initial = {
        "occurred_on": follow_up.occurred_on,
        "domain": follow_up.domain_id,
        "kind": follow_up.kind,
        "attendees": follow_up.attendees,
        "summary": follow_up.summary,
        "outcome": follow_up.outcome,
        "next_due_on": follow_up.next_due_on,
        "goals": list(follow_up.goals.values_list("pk", flat=True)),
    }
    if kwargs["health"]:
        initial["health_note"] = follow_up.health_note
    done = follow_up.status == FollowUpStatus.DONE
    form = CorrectionForm(request.POST or None, initial=initial, done=done, **kwargs)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason, goals = data.pop("reason"), data.pop("goals")
        try:
            services.follow_up_correct(actor=user, follow_up=follow_up, reason=reason, goals=goals, **data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The correction was recorded; the earlier values stay in the history."))
            return redirect("plans:follow_up", pk=follow_up.pk)
    return render(
        request,
        "reintegration_plans/follow_up_form.html",
        {"form": form, "person": person, "follow_up": follow_up, "title": _("Correct a follow-up")},
    )


def _record_url(person):
    from django.urls import reverse

    return reverse("plans:follow_up_record", kwargs={"pk": person.pk})


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_missed(request, pk):
    user = request.user
    follow_up = selectors.follow_up_get(user=user, pk=pk)
    person = follow_up.beneficiary
    require_prepare(user, person)
    if follow_up.status != FollowUpStatus.PLANNED:
        raise PermissionDenied
    form = MissedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_mark_missed(actor=user, follow_up=follow_up, reason=form.cleaned_data["outcome"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The follow-up was marked as missed."))
            return redirect("plans:follow_ups", pk=person.pk)
    return render(
        request,
        "reintegration_plans/follow_up_form.html",
        {"form": form, "person": person, "follow_up": follow_up, "title": _("Mark the follow-up as missed")},
    )


@login_required
@require_POST
def follow_up_cancel(request, pk):
    user = request.user
    follow_up = selectors.follow_up_get(user=user, pk=pk)
    require_prepare(user, follow_up.beneficiary)
    try:
        services.follow_up_cancel(actor=user, follow_up=follow_up, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The planned follow-up was cancelled."))
    return redirect("plans:follow_ups", pk=follow_up.beneficiary_id)
