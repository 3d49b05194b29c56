"""Proposal pages: list, draft, edit, submit, committee scoring, decision, printable handover receipt."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from beneficiaries.selectors import beneficiary_get
from casework.access import beneficiary_policy
from casework.pagination import CountedPaginator
from casework.querysets import PERSON_LIST_FIELDS, only_listed_columns

from .. import selectors, services
from ..access import can_decide, can_edit_proposal, can_record_delivery, can_record_visit, can_score
from ..filters import GrantFilter
from ..forms import (
    DecisionForm,
    EquipmentLineFormSet,
    ProposalCreateForm,
    ProposalForm,
    ScoringForm,
    lines_initial,
)
from ..models import Grant, GrantStatus
from ..workflow import allowed_actions
from ._common import apply_errors, deny_partner, open_envelopes, query_without_page


@login_required
@require_GET
def grant_list(request):
    deny_partner(request.user)
    # What the list shows of the related rows: the person's file number and names, the sector's name.
    rows = only_listed_columns(
        selectors.grant_list(user=request.user), {"beneficiary": PERSON_LIST_FIELDS, "sector": None}
    )
    grants = GrantFilter(request.GET, queryset=rows, request=request)
    listed = grants.qs  # validates the filters, which the count then applies to every grant
    count = selectors.grant_total(user=request.user, filtered=grants.filter_queryset(Grant.objects.all()))
    page = CountedPaginator(listed, 50, count=count).get_page(request.GET.get("page"))
    return render(
        request,
        "grants/grant_list.html",
        {"filter": grants, "page": page, "query": query_without_page(request)},
    )


def _envelopes_for_proposal(user):
    """None for caseworkers: envelopes are programme-level, the supervisor chooses one at approval."""
    return open_envelopes(user) if (user.is_supervisor or user.is_administrator) else None


@login_required
@require_http_methods(["GET", "POST"])
def grant_create(request):
    user = request.user
    if not (user.is_caseworker or user.is_supervisor or user.is_administrator):
        raise PermissionDenied
    number = (request.POST.get("file_number") or request.GET.get("file_number") or "").strip()
    person = selectors.beneficiary_for_proposal(user=user, file_number=number) if number else None
    form = ProposalCreateForm(
        request.POST or None,
        envelopes=_envelopes_for_proposal(user),
        # The goals of the person named by the file number (known from the link on their file, or once posted).
        goals=selectors.vocational_goals(user=user, beneficiary=person) if person else None,
        find_beneficiary=lambda number: selectors.beneficiary_for_proposal(user=user, file_number=number),
        initial={"file_number": number},
    )
    lines = EquipmentLineFormSet(request.POST or None, prefix="lines")
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        try:
            grant = services.grant_proposal_create(
                actor=user, beneficiary=form.beneficiary, lines=lines.lines(), **form.service_fields()
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Proposal saved as a draft. Submit it when it is complete."))
            return redirect("grants:detail", grant_id=grant.pk)
    return render(request, "grants/grant_form.html", {"form": form, "lines": lines, "grant": None, "person": person})


def _score_summary(grant) -> dict:
    """Total and maximum of the committee's scores (prefetched with the grant)."""
    scores = grant.scores.all()
    return {"score_total": sum(s.score for s in scores), "score_max": sum(s.criterion.max_score for s in scores)}


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
            "can_score": can_score(user, grant) and selectors.active_criteria().exists(),
            **_score_summary(grant),
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
        "vocational_goal": grant.vocational_goal_id,
    }
    form = ProposalForm(
        request.POST or None,
        envelopes=_envelopes_for_proposal(user),
        goals=selectors.vocational_goals(user=user, beneficiary=grant.beneficiary),
        initial=initial,
    )
    lines = EquipmentLineFormSet(request.POST or None, prefix="lines", initial=lines_initial(grant))
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        try:
            services.grant_proposal_update(actor=user, grant=grant, lines=lines.lines(), **form.service_fields())
        except ValidationError as exc:
            apply_errors(form, exc)
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
        envelopes=open_envelopes(user),
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
            apply_errors(form, exc)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("grants:detail", grant_id=grant.pk)
    return render(request, "grants/grant_decide.html", {"form": form, "grant": grant, **_score_summary(grant)})


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
def grant_score(request, grant_id):
    """Optional committee scoring of a submitted proposal, before the decision."""
    user = request.user
    grant = selectors.grant_get(user=user, grant_id=grant_id)
    if not can_score(user, grant):
        raise PermissionDenied
    criteria = list(selectors.active_criteria())
    form = ScoringForm(
        request.POST or None,
        criteria=criteria,
        initial_scores={s.criterion_id: (s.score, s.comment) for s in grant.scores.all()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_score_set(actor=user, grant=grant, scores=form.scores())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Committee scores saved."))
            return redirect("grants:detail", grant_id=grant.pk)
    return render(request, "grants/grant_score.html", {"form": form, "grant": grant, "criteria": criteria})


@login_required
@require_GET
def person_grants(request, beneficiary_id):
    """A person's proposals and grants, from their file; the way in to a new proposal for them."""
    person = beneficiary_get(user=request.user, pk=beneficiary_id)
    services.person_grants_record_view(actor=request.user, beneficiary=person)
    user = request.user
    return render(
        request,
        "grants/person_grants.html",
        {
            "person": person,
            "grants": selectors.beneficiary_grants(user=user, beneficiary=person),
            "can_propose": beneficiary_policy.can_change(user, person)
            and (user.is_caseworker or user.is_supervisor or user.is_administrator),
            "goals": selectors.vocational_goals(user=user, beneficiary=person),
        },
    )
