"""Watchlist pages. Every one answers 404 to anyone who may not read the watchlist, and every read is audited.

The concern form (from a person's file) lives apart, under /concerns/: caseworkers raise concerns without
reading the watchlist."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from beneficiaries import selectors as beneficiary_selectors
from beneficiaries.protected_data import defer_encrypted

from . import selectors, services
from .access import watchlist_policy
from .authorisations import authorisation_grant, authorisation_revoke
from .forms import AlertFilterForm, AssessForm, AuthorisationForm, CloseForm, ConcernForm, RevokeForm
from .workflow import AlertAction, allowed_actions

PAGE_SIZE = 50
ACTION_FORMS = {AlertAction.ACKNOWLEDGE: None, AlertAction.ASSESS: AssessForm, AlertAction.CLOSE: CloseForm}


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
@require_GET
def alert_list(request):
    watchlist_policy.require_reader(request.user)
    form = AlertFilterForm(request.GET or None)
    filters = form.filters() if request.GET else {"open_only": True}
    alerts = defer_encrypted(selectors.alert_list(user=request.user, **filters), "beneficiary__")
    page = Paginator(alerts, PAGE_SIZE).get_page(request.GET.get("page"))
    services.watchlist_record_read(actor=request.user, alerts=page.object_list, filters=filters)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "watchlist/alert_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "summary": selectors.watchlist_summary(user=request.user),
        },
    )


def _history(alert) -> list[tuple]:
    steps = []
    for entry in selectors.alert_history(alert=alert):
        action = entry.changes.get("action", "")
        label = AlertAction(action).label if action in AlertAction.values else _("raised")
        steps.append((entry, label))
    return steps


def _detail_context(request, alert, forms=None) -> dict:
    user = request.user
    actions = allowed_actions(alert.status)
    may_work = watchlist_policy.may_work_on(user, alert)
    may_close = watchlist_policy.may_close(user, alert)
    available = {
        action: (forms or {}).get(action) or (ACTION_FORMS[action]() if ACTION_FORMS[action] else None)
        for action in actions
        if (may_close if action == AlertAction.CLOSE else may_work)
    }
    if AlertAction.ASSESS in available and not (forms or {}).get(AlertAction.ASSESS):
        available[AlertAction.ASSESS] = AssessForm(initial={"severity": alert.severity})
    return {
        "alert": alert,
        "history": _history(alert),
        "actions": available,
        "close_waits_for_supervisor": AlertAction.CLOSE in actions and not may_close,
    }


@login_required
@require_GET
def alert_detail(request, pk):
    alert = selectors.alert_get(user=request.user, pk=pk)
    services.alert_record_view(actor=request.user, alert=alert)
    return render(request, "watchlist/alert_detail.html", _detail_context(request, alert))


@login_required
@require_POST
def alert_transition(request, pk, action):
    alert = selectors.alert_get(user=request.user, pk=pk)
    if action not in ACTION_FORMS:
        raise Http404
    form_class = ACTION_FORMS[action]
    form = form_class(request.POST) if form_class else None
    if form is None or form.is_valid():
        try:
            services.alert_transition(
                actor=request.user, alert=alert, action=action, **(form.cleaned_data if form else {})
            )
        except ValidationError as error:
            if form is None or not hasattr(error, "error_dict"):
                # Not about a field (an illegal step, a stale page): say it on the alert's page.
                messages.error(request, " ".join(error.messages))
                return redirect("watchlist:detail", pk=alert.pk)
            _add_errors(form, error)
        else:
            messages.success(request, _("The alert was updated."))
            return redirect("watchlist:detail", pk=alert.pk)
    services.alert_record_view(actor=request.user, alert=alert)
    return render(request, "watchlist/alert_detail.html", _detail_context(request, alert, {action: form}), status=200)


@login_required
@require_http_methods(["GET", "POST"])
def concern_create(request, person_pk):
    person = beneficiary_selectors.beneficiary_get(user=request.user, pk=person_pk)
    if not watchlist_policy.may_raise_concern(request.user, person):
        raise PermissionDenied
    form = ConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.alert_raise_concern(actor=request.user, beneficiary=person, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your concern was recorded and sent to the supervisors of the region."))
            return redirect("beneficiaries:detail", pk=person.pk)
    return render(request, "watchlist/concern_form.html", {"form": form, "person": person})


# Authorisations (administrators) ---------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def authorisation_list(request):
    authorisations = selectors.authorisation_list(user=request.user)
    form = AuthorisationForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            authorisation_grant(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The authorisation was granted."))
            return redirect("watchlist:authorisations")
    page = Paginator(authorisations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "watchlist/authorisation_list.html",
        {"form": form, "page": page, "query": "", "revoke_form": RevokeForm()},
    )


@login_required
@require_POST
def authorisation_revoke_view(request, pk):
    authorisation = selectors.authorisation_get(user=request.user, pk=pk)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for revoking it."))
        return redirect("watchlist:authorisations")
    try:
        authorisation_revoke(actor=request.user, authorisation=authorisation, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The authorisation was revoked."))
    return redirect("watchlist:authorisations")
