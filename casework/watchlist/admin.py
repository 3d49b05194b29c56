"""Administrators tune the indicators' thresholds in the admin; authorisations are managed on their own page
(watchlist:authorisations) so that every grant and revocation goes through the audited service."""

from django.contrib import admin

from casework.audit import audit_record, diff, snapshot
from casework.models import AuditAction

from .models import Indicator

INDICATOR_FIELDS = ["name_ar", "name_fr", "name_en", "severity", "days", "count", "is_active", "position"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ar", "name_fr", "severity", "days", "count", "is_active"]
    readonly_fields = ["code"]
    fields = ["code", *INDICATOR_FIELDS]

    # The admin site already admits administrators only; the indicators are theirs to tune.
    def has_module_permission(self, request):
        return getattr(request.user, "is_administrator", False)

    def has_view_permission(self, request, obj=None):
        return getattr(request.user, "is_administrator", False)

    def has_change_permission(self, request, obj=None):
        return getattr(request.user, "is_administrator", False)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        before = snapshot(Indicator.objects.get(pk=obj.pk), INDICATOR_FIELDS)
        obj.full_clean()
        obj.save()
        audit_record(
            actor=request.user,
            action=AuditAction.UPDATE,
            target=obj,
            changes=diff(before, snapshot(obj, INDICATOR_FIELDS)),
        )
