"""Pages of referrals: a person's referrals, sending one (with the consent check), recording the answer."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from beneficiaries.protected_data import defer_encrypted

from .. import selectors, services
from ..access import can_prepare
from ..forms import ReferralForm, ReferralStatusForm
from ..models import ReferralStatus
from ._common import add_errors, paginate, person_or_404, require_prepare


@login_required
@require_GET
def person_referrals(request, pk):
    user = request.user
    person = person_or_404(request, pk)
    services.file_read_record(actor=user, beneficiary=person, page="referrals")
    rows = defer_encrypted(selectors.referral_list(user=user, beneficiary=person), "beneficiary__")
    page, query = paginate(request, rows)
    return render(
        request,
        "reintegration_plans/person_referrals.html",
        {"person": person, "page": page, "query": query, "may_prepare": can_prepare(user, person)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def referral_create(request, pk):
    user = request.user
    person = person_or_404(request, pk)
    require_prepare(user, person)
    form = ReferralForm(request.POST or None, initial={"sent_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_send(actor=user, beneficiary=person, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The referral was recorded as sent."))
            return redirect("plans:referrals", pk=person.pk)
    return render(
        request,
        "reintegration_plans/referral_form.html",
        {"form": form, "person": person, "title": _("Refer to a partner")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def referral_update(request, pk):
    user = request.user
    referral = selectors.referral_get(user=user, pk=pk)
    person = referral.beneficiary
    require_prepare(user, person)
    if referral.status in (ReferralStatus.REFUSED, ReferralStatus.COMPLETED):
        raise PermissionDenied
    form = ReferralStatusForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_update_status(actor=user, referral=referral, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The referral was updated."))
            return redirect("plans:referrals", pk=person.pk)
    return render(
        request,
        "reintegration_plans/referral_form.html",
        {"form": form, "person": person, "referral": referral, "title": _("Record the partner's answer")},
    )
