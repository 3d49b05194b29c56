"""Pages of a person's file: list, search, registration, the file, its parts, sharing, transfer, merge."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from casework.access import beneficiary_policy
from casework.sharing import file_share_revoke, file_share_with_user
from casework.spreadsheet import neutralise_cell as _csv_safe

from .. import selectors, services
from ..forms import (
    PERSON_FIELDS,
    BeneficiaryForm,
    ConsentForm,
    DocumentForm,
    FamilyMemberForm,
    MergeForm,
    RegisterForm,
    SearchForm,
    ShareForm,
    StatusForm,
    TransferForm,
)
from ..protected_data import defer_encrypted
from ._common import PAGE_SIZE, _add_errors, _query_without_page, _require_change


@login_required
def person_list(request):
    form = SearchForm(request.GET or None)
    people = defer_encrypted(selectors.beneficiary_list(user=request.user, **form.filters()))
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "beneficiaries/person_list.html",
        {
            "form": form,
            "page": page,
            "query": _query_without_page(request),
            "searched": bool(request.GET),
            "may_register": services.centres_for_registration(user=request.user).exists(),
        },
    )


@login_required
def releases_due(request):
    people = selectors.releases_due(user=request.user)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "beneficiaries/releases_due.html",
        {"page": page, "query": "", "days": selectors.RELEASE_SOON_DAYS},
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_register(request):
    centres = services.centres_for_registration(user=request.user)
    if not centres.exists():
        raise PermissionDenied
    form = RegisterForm(request.POST or None, centres=centres)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        duplicates = services.possible_duplicates(
            cin=data["cin"],
            birth_date=data["birth_date"],
            first_name_ar=data["first_name_ar"],
            family_name_ar=data["family_name_ar"],
            first_name_latin=data["first_name_latin"],
            family_name_latin=data["family_name_latin"],
        )
        if not duplicates or data["confirm_not_duplicate"]:
            fields = {name: data[name] for name in PERSON_FIELDS}
            try:
                person = services.beneficiary_register(actor=request.user, centre=data["centre"], **fields)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The file %(number)s was opened.") % {"number": person.file_number})
                return redirect("beneficiaries:detail", pk=person.pk)
    return render(request, "beneficiaries/person_form.html", {"form": form, "duplicates": duplicates, "new": True})


@login_required
@require_http_methods(["GET"])
def person_detail(request, pk):
    person = selectors.beneficiary_get(user=request.user, pk=pk)
    services.beneficiary_record_view(actor=request.user, beneficiary=person)
    may_change = beneficiary_policy.can_change(request.user, person) and not person.merged_into_id
    context = {
        "person": person,
        "may_change": may_change,
        "may_merge": may_change and services.may_merge(user=request.user),
        **selectors.beneficiary_file(user=request.user, beneficiary=person),
    }
    return render(request, "beneficiaries/person_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request, pk):
    person = selectors.beneficiary_get(user=request.user, pk=pk)
    _require_change(request.user, person)
    form = BeneficiaryForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in PERSON_FIELDS}
        try:
            services.beneficiary_update(actor=request.user, beneficiary=person, **fields)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The file was saved."))
            return redirect("beneficiaries:detail", pk=person.pk)
    return render(request, "beneficiaries/person_form.html", {"form": form, "person": person, "new": False})


def _sub_form_view(request, pk, *, form_class, template: str, save, title: str, form_kwargs=None):
    """The small pages that add one thing to a file: fetch, check, validate, call one service."""
    person = selectors.beneficiary_get(user=request.user, pk=pk)
    _require_change(request.user, person)
    kwargs = form_kwargs(person) if form_kwargs else {}
    form = form_class(request.POST or None, request.FILES or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            save(person, form)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("beneficiaries:detail", pk=person.pk)
    return render(request, template, {"form": form, "person": person, "title": title})


@login_required
@require_http_methods(["GET", "POST"])
def status_change(request, pk):
    def save(person, form):
        services.beneficiary_change_status(actor=request.user, beneficiary=person, **form.cleaned_data)

    return _sub_form_view(
        request,
        pk,
        form_class=StatusForm,
        template="beneficiaries/sub_form.html",
        save=save,
        title=_("Change the status"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def family_add(request, pk):
    def save(person, form):
        services.family_member_add(actor=request.user, beneficiary=person, **form.cleaned_data)

    return _sub_form_view(
        request,
        pk,
        form_class=FamilyMemberForm,
        template="beneficiaries/sub_form.html",
        save=save,
        title=_("Add a family member"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent_add(request, pk):
    def save(person, form):
        services.consent_record(actor=request.user, beneficiary=person, **form.cleaned_data)

    return _sub_form_view(
        request,
        pk,
        form_class=ConsentForm,
        template="beneficiaries/sub_form.html",
        save=save,
        title=_("Record a consent"),
    )


@login_required
@require_POST
def consent_withdraw(request, pk, consent_pk):
    person = selectors.beneficiary_get(user=request.user, pk=pk)
    consent = selectors.consent_get(user=request.user, beneficiary=person, pk=consent_pk)
    _require_change(request.user, person)
    try:
        services.consent_withdraw(actor=request.user, consent=consent)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The consent was withdrawn."))
    return redirect("beneficiaries:detail", pk=person.pk)


@login_required
@require_http_methods(["GET", "POST"])
def document_add(request, pk):
    def save(person, form):
        services.document_add(
            actor=request.user,
            beneficiary=person,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
        )

    return _sub_form_view(
        request,
        pk,
        form_class=DocumentForm,
        template="beneficiaries/sub_form.html",
        save=save,
        title=_("Add a document"),
    )


@login_required
@require_http_methods(["GET"])
def document_download(request, pk, document_pk):
    person = selectors.beneficiary_get(user=request.user, pk=pk)
    document = selectors.document_get(user=request.user, beneficiary=person, pk=document_pk)
    services.document_record_download(actor=request.user, document=document)
    response = FileResponse(
        document.file.open("rb"),
        content_type=document.content_type,
        as_attachment=True,
        filename=document.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def share(request, pk):
    def save(person, form):
        data = form.cleaned_data
        file_share_with_user(
            actor=request.user,
            beneficiary=person,
            user=data["user"],
            reason=data["reason"],
            expires_at=form.expires_at,
            allow_change=data["allow_change"],
        )

    return _sub_form_view(
        request,
        pk,
        form_class=ShareForm,
        template="beneficiaries/sub_form.html",
        save=save,
        title=_("Share this file with a member of staff"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def transfer_request(request, pk):
    def save(person, form):
        services.transfer_request(actor=request.user, beneficiary=person, **form.cleaned_data)

    return _sub_form_view(
        request,
        pk,
        form_class=TransferForm,
        template="beneficiaries/sub_form.html",
        save=save,
        title=_("Transfer this file to another centre"),
        form_kwargs=lambda person: {"beneficiary": person},
    )


@login_required
@require_http_methods(["GET"])
def transfer_list(request):
    transfers = selectors.transfers_incoming(user=request.user)
    return render(request, "beneficiaries/transfer_list.html", {"transfers": transfers})


@login_required
@require_POST
def transfer_decide(request, transfer_pk):
    transfer = selectors.transfer_get_incoming(user=request.user, pk=transfer_pk)
    accept = request.POST.get("decision") == "accept"
    try:
        services.transfer_decide(actor=request.user, transfer=transfer, accept=accept)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("beneficiaries:transfers")
    if accept:
        messages.success(request, _("The file now belongs to your centre."))
        return redirect("beneficiaries:detail", pk=transfer.beneficiary_id)
    messages.success(request, _("The transfer was refused."))
    return redirect("beneficiaries:transfers")


@login_required
@require_http_methods(["GET"])
def person_export(request, pk):
    """The file's identity and custody data as CSV; audited as an export."""
    person = selectors.beneficiary_get(user=request.user, pk=pk)
    services.beneficiary_record_export(actor=request.user, beneficiary=person, format="csv")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{person.file_number}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([_("Field"), _("Value")])
    writer.writerow([_("File number"), person.file_number])
    writer.writerow([_("Regional centre"), person.centre.code])
    writer.writerow([_("Status"), person.get_status_display()])
    for name in PERSON_FIELDS:
        field = person._meta.get_field(name)
        display = getattr(person, f"get_{name}_display", None)
        value = display() if display else getattr(person, name)
        writer.writerow([str(field.verbose_name), _csv_safe("" if value is None else str(value))])
    return response


@login_required
@require_http_methods(["GET", "POST"])
def merge(request, pk):
    person = selectors.beneficiary_get(user=request.user, pk=pk)
    if not (services.may_merge(user=request.user) and beneficiary_policy.can_change(request.user, person)):
        raise PermissionDenied
    form = MergeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            duplicate = selectors.beneficiary_get_by_file_number(
                user=request.user, file_number=form.cleaned_data["duplicate"]
            )
        except Http404:
            form.add_error("duplicate", _("No file with this number in your scope."))
        else:
            try:
                services.beneficiary_merge(
                    actor=request.user, keep=person, duplicate=duplicate, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The files were merged."))
                return redirect("beneficiaries:detail", pk=person.pk)
    # Asked before it is done: the duplicate is closed and what hung off it moves here, for good. The
    # file number is isolated (U+2068…U+2069), as <bdi> would, inside the Arabic question.
    question = _(
        "Merge the duplicate into file %(file_number)s? Its family, consents, documents and history move to "
        "this file and the duplicate is closed. This cannot be undone."
    ) % {"file_number": f"\u2068{person.file_number}\u2069"}
    return render(
        request,
        "beneficiaries/sub_form.html",
        {
            "form": form,
            "person": person,
            "title": _("Merge a duplicate file"),
            "submit_label": _("Merge the files"),
            "confirm": question,
        },
    )


@login_required
@require_POST
def share_revoke(request, pk, share_pk):
    person = selectors.beneficiary_get(user=request.user, pk=pk)
    grant = selectors.share_get(user=request.user, beneficiary=person, pk=share_pk)
    _require_change(request.user, person)
    file_share_revoke(actor=request.user, grant=grant)
    messages.success(request, _("The access was withdrawn."))
    return redirect("beneficiaries:detail", pk=person.pk)
