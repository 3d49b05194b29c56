"""Thin views: authenticate, fetch through a selector (404 out of scope), check the role (403), validate a
form, call one service, render or redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casework.audit import audit_record
from casework.models import AuditAction

from . import selectors, services
from .access import (
    can_decide,
    can_edit_proposal,
    can_record_delivery,
    can_record_visit,
    event_policy,
)
from .filters import GrantFilter
from .forms import (
    DecisionForm,
    DeliveryForm,
    EquipmentLineFormSet,
    EventAssignForm,
    ProposalCreateForm,
    ProposalForm,
    VisitForm,
    lines_initial,
)
from .models import GrantStatus
from .workflow import allowed_actions


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _deny_partner(user) -> None:
    if user.is_partner_viewer:
        raise PermissionDenied


def _open_envelopes(user):
    return selectors.envelope_list(user=user).filter(is_open=True)


# Proposals ------------------------------------------------------------------------------------


@login_required
@require_GET
def grant_list(request):
    _deny_partner(request.user)
    grants = GrantFilter(request.GET, queryset=selectors.grant_list(user=request.user))
    page = Paginator(grants.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "grants/grant_list.html",
        {"filter": grants, "page": page, "query": _query_without_page(request)},
    )


def _envelopes_for_proposal(user):
    """None for caseworkers: envelopes are programme-level, the supervisor chooses one at approval."""
    return _open_envelopes(user) if (user.is_supervisor or user.is_administrator) else None


@login_required
@require_http_methods(["GET", "POST"])
def grant_create(request):
    user = request.user
    if not (user.is_caseworker or user.is_supervisor or user.is_administrator):
        raise PermissionDenied
    form = ProposalCreateForm(
        request.POST or None,
        envelopes=_envelopes_for_proposal(user),
        find_beneficiary=lambda number: selectors.beneficiary_for_proposal(user=user, file_number=number),
        initial={"file_number": request.GET.get("file_number", "")},
    )
    lines = EquipmentLineFormSet(request.POST or None, prefix="lines")
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        try:
            grant = services.grant_proposal_create(
                actor=user, beneficiary=form.beneficiary, lines=lines.lines(), **form.service_fields()
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Proposal saved as a draft. Submit it when it is complete."))
            return redirect("grants:detail", grant_id=grant.pk)
    return render(request, "grants/grant_form.html", {"form": form, "lines": lines, "grant": None})


@login_required
@require_GET
def grant_detail(request, grant_id):
    grant = selectors.grant_get(user=request.user, grant_id=grant_id)
    services.grant_record_view(actor=request.user, grant=grant)
    user = request.user
    actions = allowed_actions(grant.status)
    return render(
        request,
        "grants/grant_detail.html",
        {
            "grant": grant,
            "delivery": getattr(grant, "delivery", None) if grant.status == GrantStatus.DELIVERED else None,
            "can_edit": can_edit_proposal(user, grant),
            "can_submit": "submit" in actions and can_edit_proposal(user, grant),
            "can_decide": "approve" in actions and can_decide(user, grant),
            "can_deliver": "deliver" in actions and can_record_delivery(user, grant),
            "can_record_visit": can_record_visit(user, grant),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def grant_edit(request, grant_id):
    user = request.user
    grant = selectors.grant_get(user=user, grant_id=grant_id)
    if not can_edit_proposal(user, grant):
        raise PermissionDenied
    initial = {
        "sector": grant.sector_id,
        "title": grant.title,
        "description": grant.description,
        "location": grant.location,
        "business_plan": grant.business_plan,
        "training_and_skills": grant.training_and_skills,
        "expected_monthly_income": grant.expected_monthly_income,
        "envelope": grant.envelope_id,
    }
    form = ProposalForm(request.POST or None, envelopes=_envelopes_for_proposal(user), initial=initial)
    lines = EquipmentLineFormSet(request.POST or None, prefix="lines", initial=lines_initial(grant))
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        try:
            services.grant_proposal_update(actor=user, grant=grant, lines=lines.lines(), **form.service_fields())
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Proposal saved."))
            return redirect("grants:detail", grant_id=grant.pk)
    return render(request, "grants/grant_form.html", {"form": form, "lines": lines, "grant": grant})


@login_required
@require_POST
def grant_submit(request, grant_id):
    grant = selectors.grant_get(user=request.user, grant_id=grant_id)
    if not can_edit_proposal(request.user, grant):
        raise PermissionDenied
    try:
        services.grant_submit(actor=request.user, grant=grant)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Proposal submitted to the supervisor."))
    return redirect("grants:detail", grant_id=grant.pk)


@login_required
@require_http_methods(["GET", "POST"])
def grant_decide(request, grant_id):
    user = request.user
    grant = selectors.grant_get(user=user, grant_id=grant_id)
    if not can_decide(user, grant):
        raise PermissionDenied
    form = DecisionForm(
        request.POST or None,
        envelopes=_open_envelopes(user),
        initial={"envelope": grant.envelope_id, "approved_amount": grant.requested_amount},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.grant_decide(
                actor=user,
                grant=grant,
                decision=data["decision"],
                envelope=data["envelope"],
                approved_amount=data["approved_amount"],
                amount_reason=data["amount_reason"],
                reason=data["reason"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("grants:detail", grant_id=grant.pk)
    return render(request, "grants/grant_decide.html", {"form": form, "grant": grant})


@login_required
@require_GET
def grant_receipt(request, grant_id):
    """Printable handover receipt (Arabic and French, signature lines)."""
    grant = selectors.grant_get(user=request.user, grant_id=grant_id)
    if grant.status not in (GrantStatus.APPROVED, GrantStatus.DELIVERED):
        raise Http404
    services.grant_record_view(actor=request.user, grant=grant, printed=True)
    return render(request, "grants/print_receipt.html", {"grant": grant})


@login_required
@require_http_methods(["GET", "POST"])
def grant_deliver(request, grant_id):
    user = request.user
    grant = selectors.grant_get(user=user, grant_id=grant_id)
    if not can_record_delivery(user, grant):
        raise PermissionDenied
    if grant.status != GrantStatus.APPROVED:
        messages.error(request, _("Only an approved grant can be delivered."))
        return redirect("grants:detail", grant_id=grant.pk)
    lines = list(grant.lines.all())
    events = selectors.event_list(user=user).filter(envelope_id=grant.envelope_id)
    form = DeliveryForm(
        request.POST or None,
        request.FILES or None,
        events=events,
        lines=lines,
        initial={"event": grant.event_id, "items": [str(line.pk) for line in lines]},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.grant_deliver(
                actor=user,
                grant=grant,
                delivered_on=data["delivered_on"],
                event=data["event"],
                delivered_line_ids=[int(pk) for pk in data["items"]],
                receipt=data["receipt"],
                notes=data["notes"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Delivery recorded; monitoring visits are scheduled at 3, 6 and 12 months."))
            return redirect("grants:detail", grant_id=grant.pk)
    return render(request, "grants/grant_deliver.html", {"form": form, "grant": grant})


@login_required
@require_GET
def receipt_download(request, grant_id):
    """The signed receipt scan, only through this permission-checked, audited view."""
    delivery = selectors.delivery_get_for_receipt(user=request.user, grant_id=grant_id)
    if not delivery.receipt:
        raise Http404
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        target=delivery,
        beneficiary_id=delivery.grant.beneficiary_id,
        changes={"file": "signed receipt"},
    )
    response = FileResponse(
        delivery.receipt.open("rb"),
        content_type=delivery.receipt_content_type or "application/octet-stream",
        as_attachment=True,
        filename=f"receipt-{delivery.grant_id}.{delivery.receipt.name.rsplit('.', 1)[-1]}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Monitoring -----------------------------------------------------------------------------------


@login_required
@require_GET
def visit_list(request):
    _deny_partner(request.user)
    page = Paginator(selectors.visits_due(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "grants/visit_list.html", {"page": page, "query": "", "today": timezone.localdate()})


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
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Monitoring visit recorded."))
            return redirect("grants:detail", grant_id=visit.grant_id)
    return render(request, "grants/visit_form.html", {"form": form, "visit": visit})


# Envelopes (supervisors and administrators) -----------------------------------------------------


@login_required
@require_GET
def envelope_list(request):
    if not (request.user.is_supervisor or request.user.is_administrator):
        raise PermissionDenied
    return render(request, "grants/envelope_list.html", {"envelopes": selectors.envelope_list(user=request.user)})


@login_required
@require_GET
def envelope_detail(request, envelope_id):
    envelope = selectors.envelope_get(user=request.user, envelope_id=envelope_id)
    breakdown = selectors.envelope_breakdown(user=request.user, envelope=envelope)
    total = envelope.total_amount or 1
    bars = {
        "committed": float(envelope.committed_amount * 100 / total),
        "spent": float(envelope.spent_amount * 100 / total),
    }
    events = selectors.event_list(user=request.user).filter(envelope=envelope)
    return render(
        request,
        "grants/envelope_detail.html",
        {"envelope": envelope, "breakdown": breakdown, "bars": bars, "events": events},
    )


# Distribution events --------------------------------------------------------------------------


@login_required
@require_GET
def event_list(request):
    _deny_partner(request.user)
    page = Paginator(selectors.event_list(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "grants/event_list.html", {"page": page, "query": ""})


@login_required
@require_http_methods(["GET", "POST"])
def event_detail(request, event_id):
    user = request.user
    event = selectors.event_get(user=user, event_id=event_id)
    can_manage = event_policy.can_manage(user)
    form = None
    if can_manage:
        form = EventAssignForm(
            request.POST or None, grants=selectors.approvable_grants_for_event(user=user, event=event)
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                count = services.event_assign_grants(actor=user, event=event, grants=list(form.cleaned_data["grants"]))
            except ValidationError as exc:
                _apply_errors(form, exc)
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
