"""Reference data of grants: sectors, the equipment catalogue, the committee's scoring criteria.

Staff read the lists; administrators add, change, retire and bring back rows (never delete: proposals point
to them). One set of views serves the three lists, each described by a `Kind`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import selectors, services
from ..access import reference_policy
from ..forms import CatalogueItemForm, CriterionForm, SectorForm
from ..models import EquipmentItem, ScoringCriterion, Sector
from ._common import apply_errors, deny_partner, require


@dataclass(frozen=True)
class Kind:
    model: type
    form: type
    save: Any
    instance_kwarg: str
    title: Promise
    add_label: Promise
    empty: Promise


KINDS = {
    "sectors": Kind(
        Sector,
        SectorForm,
        services.sector_save,
        "sector",
        gettext_lazy("Project sectors"),
        gettext_lazy("Add a sector"),
        gettext_lazy("No sector yet. Add the first one."),
    ),
    "catalogue": Kind(
        EquipmentItem,
        CatalogueItemForm,
        services.catalogue_item_save,
        "item",
        gettext_lazy("Equipment catalogue"),
        gettext_lazy("Add an item"),
        gettext_lazy("The catalogue is empty. Add the equipment proposals often use, with an indicative cost."),
    ),
    "criteria": Kind(
        ScoringCriterion,
        CriterionForm,
        services.criterion_save,
        "criterion",
        gettext_lazy("Committee scoring criteria"),
        gettext_lazy("Add a criterion"),
        gettext_lazy("No scoring criterion yet. Add one to let supervisors score proposals."),
    ),
}


def _kind(kind: str) -> Kind:
    try:
        return KINDS[kind]
    except KeyError as exc:
        raise Http404 from exc


@login_required
@require_GET
def reference_list(request, kind):
    deny_partner(request.user)
    spec = _kind(kind)
    return render(
        request,
        "grants/reference_list.html",
        {
            "kind": kind,
            "spec": spec,
            "rows": selectors.reference_rows(user=request.user, model=spec.model),
            "can_manage": reference_policy.can_manage(request.user),
            "kinds": KINDS,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def reference_edit(request, kind, pk=None):
    spec = _kind(kind)
    instance = selectors.reference_get(user=request.user, model=spec.model, pk=pk) if pk is not None else None
    require(reference_policy.can_manage(request.user))
    form = spec.form(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            spec.save(actor=request.user, **{spec.instance_kwarg: instance}, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("grants:reference", kind=kind)
    return render(
        request, "grants/reference_form.html", {"form": form, "kind": kind, "spec": spec, "instance": instance}
    )


@login_required
@require_POST
def reference_set_active(request, kind, pk):
    """Retire a row (it stays on the proposals that use it) or bring it back."""
    spec = _kind(kind)
    instance = selectors.reference_get(user=request.user, model=spec.model, pk=pk)
    require(reference_policy.can_manage(request.user))
    active = request.POST.get("active") == "1"
    spec.save(actor=request.user, **{spec.instance_kwarg: instance}, is_active=active)
    messages.success(request, _("Brought back into use.") if active else _("Retired: it is no longer offered."))
    return redirect("grants:reference", kind=kind)
