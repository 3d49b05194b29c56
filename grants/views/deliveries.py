"""Recording a delivery (with the signed receipt scan) and downloading that scan."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from casework.audit import audit_record
from casework.models import AuditAction

from .. import selectors, services
from ..access import can_record_delivery
from ..forms import DeliveryForm
from ..models import GrantStatus
from ._common import apply_errors


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
            apply_errors(form, exc)
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
