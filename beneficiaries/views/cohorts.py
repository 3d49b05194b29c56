"""Cohort pages: editions, sessions, attendance, completion, and the roster import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import selectors, services
from ..forms import (
    CohortForm,
    ImportForm,
    MembershipForm,
    SessionForm,
)
from ._common import MAX_IMPORT_BYTES, _add_errors, _require_change


@login_required
@require_http_methods(["GET"])
def cohort_list(request):
    return render(
        request,
        "beneficiaries/cohort_list.html",
        {
            "cohorts": selectors.cohort_list(user=request.user),
            "may_manage": services.may_manage_cohorts(request.user),
        },
    )


@login_required
@require_http_methods(["GET"])
def cohort_review(request, cohort_pk):
    cohort = selectors.cohort_get(user=request.user, pk=cohort_pk)
    review = selectors.cohort_review(user=request.user, cohort=cohort)
    return render(
        request,
        "beneficiaries/cohort_review.html",
        {"cohort": cohort, "may_manage": services.may_manage_cohorts(request.user), **review},
    )


def _require_cohort_manager(user) -> None:
    selectors.cohort_list(user=user)  # partner viewers are refused like everywhere else
    if not services.may_manage_cohorts(user):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def cohort_create(request):
    _require_cohort_manager(request.user)
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cohort = services.cohort_create(
                actor=request.user,
                edition=data["edition"],
                year=data["year"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                establishments=list(data["establishments"]),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The cohort was created."))
            return redirect("beneficiaries:cohort_review", cohort_pk=cohort.pk)
    return render(request, "beneficiaries/simple_form.html", {"form": form, "title": _("New cohort")})


@login_required
@require_http_methods(["GET", "POST"])
def session_add(request, cohort_pk):
    cohort = selectors.cohort_get(user=request.user, pk=cohort_pk)
    _require_cohort_manager(request.user)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.cohort_session_add(actor=request.user, cohort=cohort, **form.cleaned_data)
        messages.success(request, _("The session was added."))
        return redirect("beneficiaries:cohort_review", cohort_pk=cohort.pk)
    return render(
        request, "beneficiaries/simple_form.html", {"form": form, "title": _("Add a session"), "cohort": cohort}
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_attendance(request, cohort_pk, session_pk):
    cohort = selectors.cohort_get(user=request.user, pk=cohort_pk)
    session = selectors.session_get(user=request.user, cohort=cohort, pk=session_pk)
    rows = selectors.session_attendance(user=request.user, session=session)
    if request.method == "POST":
        present = set(request.POST.getlist("present"))
        for membership, _recorded in rows:
            services.attendance_record(
                actor=request.user, session=session, membership=membership, present=str(membership.pk) in present
            )
        messages.success(request, _("Attendance saved."))
        return redirect("beneficiaries:cohort_review", cohort_pk=cohort.pk)
    return render(
        request, "beneficiaries/session_attendance.html", {"cohort": cohort, "session": session, "rows": rows}
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_edit(request, pk, membership_pk):
    person = selectors.beneficiary_get(user=request.user, pk=pk)
    membership = selectors.membership_get(user=request.user, beneficiary=person, pk=membership_pk)
    _require_change(request.user, person)
    form = MembershipForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(actor=request.user, membership=membership, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("beneficiaries:detail", pk=person.pk)
    return render(
        request,
        "beneficiaries/sub_form.html",
        {
            "form": form,
            "person": person,
            "title": _("Completion and hand-off: %(cohort)s") % {"cohort": membership.cohort},
        },
    )


IMPORT_SALT = "beneficiaries.roster-import"
IMPORT_MAX_AGE = 3600


@login_required
@require_http_methods(["GET", "POST"])
def roster_import(request):
    """Step 1: upload and preview (nothing written). Step 2: confirm, with the checked rows carried in a
    signed field, so nothing personal waits on the server between the two steps."""
    centres = services.centres_for_registration(user=request.user)
    if not centres.exists():
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, centres=centres)
    context = {"form": form, "columns": services.COLUMNS, "required": services.REQUIRED}
    if request.method == "POST" and "payload" in request.POST:
        try:
            payload = signing.loads(request.POST["payload"], salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE)
            cohort = selectors.cohort_get(user=request.user, pk=payload["cohort"])
            centre = centres.get(pk=payload["centre"])
        except (signing.BadSignature, KeyError, ValueError, centres.model.DoesNotExist):
            messages.error(request, _("The preview has expired. Upload the file again."))
            return redirect("beneficiaries:import")
        try:
            created = services.roster_import(
                actor=request.user, centre=centre, cohort=cohort, rows=payload["rows"], filename=payload["filename"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("beneficiaries:import")
        messages.success(
            request, _("%(count)s people were registered and added to the cohort.") % {"count": len(created)}
        )
        return redirect("beneficiaries:cohort_review", cohort_pk=cohort.pk)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = services.roster_parse(content=upload.read(MAX_IMPORT_BYTES + 1), filename=upload.name)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            preview = services.roster_validate(rows=rows)
            context["preview"] = preview
            if preview.is_valid:
                context["payload"] = signing.dumps(
                    {
                        "rows": rows,
                        "cohort": str(form.cleaned_data["cohort"].pk),
                        "centre": form.cleaned_data["centre"].pk,
                        "filename": upload.name,
                    },
                    salt=IMPORT_SALT,
                    compress=True,
                )
                context["cohort"] = form.cleaned_data["cohort"]
                context["centre"] = form.cleaned_data["centre"]
    return render(request, "beneficiaries/roster_import.html", context)
