from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .audit import snapshot
from .forms import StaffChangeForm, StaffCreationForm
from .models import AuditEntry, Centre, PrisonEstablishment, Region, User
from .services import STAFF_AUDIT_FIELDS, centre_save, staff_save


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ar", "name_fr", "name_en"]
    search_fields = ["code", "name_ar", "name_fr", "name_en"]


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ar", "name_fr", "city_fr", "region"]
    list_filter = ["region"]
    search_fields = ["code", "name_ar", "name_fr", "city_fr", "city_ar"]
    list_select_related = ["region"]

    def save_model(self, request, obj, form, change):
        before = snapshot(Centre.objects.get(pk=obj.pk)) if change else None
        centre_save(actor=request.user, centre=obj, before=before)


@admin.register(PrisonEstablishment)
class PrisonEstablishmentAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ar", "name_fr", "region"]
    list_filter = ["region"]
    search_fields = ["code", "name_ar", "name_fr"]
    list_select_related = ["region"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = StaffChangeForm
    add_form = StaffCreationForm
    list_display = ["username", "first_name", "last_name", "role", "centre", "region", "is_active"]
    list_filter = ["role", "is_active", "centre__region"]
    list_select_related = ["centre", "region"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Role and scope"), {"fields": ("role", "centre", "region", "is_active")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "password1", "password2")}),
        (_("Role and scope"), {"fields": ("role", "centre", "region")}),
    )
    readonly_fields = ["last_login", "date_joined"]

    def save_model(self, request, obj, form, change):
        before = snapshot(User.objects.get(pk=obj.pk), STAFF_AUDIT_FIELDS) if change else None
        staff_save(actor=request.user, user=obj, before=before)

    def has_delete_permission(self, request, obj=None):
        # Staff are deactivated, never deleted: their names stay readable in the audit trail.
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the trail is append-only, the admin shows it and nothing more."""

    list_display = ["at", "actor_username", "action", "object_type", "object_id", "ip_address"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_username", "object_id", "object_repr"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
