"""REST API under /api/v1/reports/: ask for a report, follow its status, list one's own jobs.

A job is its requester's alone (others get 404). Creating one goes through the same service as the page:
the parameters are validated against the requester's scope, the job is enqueued after commit."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.translation import get_language
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from . import selectors, services
from .models import JobStatus, ReportJob, ReportKind


class ReportJobSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    status_url = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ReportJob
        fields = [
            "id", "kind", "parameters", "language", "status", "status_label", "progress", "requested_at",
            "started_at", "finished_at", "size", "checksum", "expires_at", "error", "status_url", "download_url",
        ]  # fmt: skip
        read_only_fields = fields

    def get_status_url(self, job) -> str:
        return reverse("reports_api:job-detail", kwargs={"pk": job.pk})

    def get_download_url(self, job) -> str | None:
        return reverse("reports:download", kwargs={"pk": job.pk}) if job.status == JobStatus.DONE else None


class ReportRequestSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ReportKind.choices)
    parameters = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False, default=dict)
    language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)


class ReportJobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """GET /api/v1/reports/ (own jobs), GET /api/v1/reports/{id}/ (status), POST /api/v1/reports/ (ask)."""

    serializer_class = ReportJobSerializer

    def get_queryset(self):
        return selectors.job_list(user=self.request.user)

    def get_object(self):
        return selectors.job_get(user=self.request.user, pk=self.kwargs["pk"])

    def create(self, request):
        data = ReportRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            job = services.report_request(
                actor=request.user,
                kind=data.validated_data["kind"],
                data=data.validated_data["parameters"],
                language=data.validated_data.get("language") or (get_language() or "ar")[:2],
            )
        except DjangoPermissionDenied as exc:
            raise PermissionDenied from exc
        except DjangoValidationError as exc:
            detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
            raise ValidationError(detail) from exc
        return Response(ReportJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)
