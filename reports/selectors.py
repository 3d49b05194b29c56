"""Reads of report jobs. A job belongs to the person who asked for it: its file was generated for their
scope, so nobody else — administrators included — may see or download it (others get 404)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from .models import ReportJob
from .scope import is_active


def job_list(*, user) -> QuerySet[ReportJob]:
    if not is_active(user):
        return ReportJob.objects.none()
    return ReportJob.objects.filter(requested_by=user).order_by("-requested_at")


def job_get(*, user, pk) -> ReportJob:
    try:
        return job_list(user=user).get(pk=pk)
    except (ReportJob.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404 from exc
