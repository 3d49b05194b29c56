"""Report jobs: the catalogue, the request form, the job page (live progress), its JSON status, download."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import selectors, services, storage
from ..kinds import kinds_for, may_request, spec_for
from ..models import JobStatus


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language of the report"), choices=settings.LANGUAGES)


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
@require_GET
def job_list(request):
    page = Paginator(selectors.job_list(user=request.user), 25).get_page(request.GET.get("page"))
    return render(request, "reports/job_list.html", {"page": page, "kinds": kinds_for(request.user), "query": ""})


@login_required
@require_http_methods(["GET", "POST"])
def job_request(request, kind):
    spec = spec_for(kind)
    if spec is None:
        raise Http404
    if not may_request(request.user, kind):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = spec.form(data, user=request.user, initial=request.GET.dict() if data is None else None)
    language_form = LanguageForm(data, initial={"language": (get_language() or "ar")[:2]})
    if request.method == "POST" and form.is_valid() and language_form.is_valid():
        try:
            job = services.report_request(
                actor=request.user,
                kind=kind,
                data=request.POST.dict(),
                language=language_form.cleaned_data["language"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your report is being prepared. This page shows its progress."))
            return redirect("reports:job", pk=job.pk)
    return render(request, "reports/job_request.html", {"spec": spec, "form": form, "language_form": language_form})


@login_required
@require_GET
def job_detail(request, pk):
    job = selectors.job_get(user=request.user, pk=pk)
    return render(request, "reports/job_detail.html", {"job": job})


def status_payload(job) -> dict:
    done = job.status == JobStatus.DONE
    return {
        "id": str(job.pk),
        "kind": job.kind,
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "progress": job.progress,
        "done": done,
        "finished": job.status not in (JobStatus.QUEUED, JobStatus.RUNNING),
        "error": job.error,
        "download_url": reverse("reports:download", kwargs={"pk": job.pk}) if done else None,
        "size": job.size,
        "sha256": job.checksum or None,
    }


@login_required
@require_GET
def job_status(request, pk):
    job = selectors.job_get(user=request.user, pk=pk)
    return JsonResponse(status_payload(job))


@login_required
@require_GET
def job_download(request, pk):
    job = selectors.job_get(user=request.user, pk=pk)
    if job.status != JobStatus.DONE:
        raise Http404
    if not may_request(request.user, job.kind):
        raise PermissionDenied
    try:
        handle = open(storage.path_of(job.file_name), "rb")  # noqa: SIM115 - FileResponse closes it
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    services.report_record_download(actor=request.user, job=job)
    return FileResponse(handle, as_attachment=True, filename=job.download_name, content_type=job.content_type)
