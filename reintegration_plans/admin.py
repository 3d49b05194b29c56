"""Reference data in the admin (administrators): domains, the administrative checklist, partners.
Rows are retired (inactive), never deleted; every save is audited."""

from django.contrib import admin

from casework.audit import snapshot

from .models import ChecklistItem, Domain, PartnerOrganisation
from .services.reference import reference_save


class ReferenceAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ar", "name_fr", "name_en", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "name_ar", "name_fr", "name_en"]

    def save_model(self, request, obj, form, change):
        before = snapshot(type(obj).objects.get(pk=obj.pk)) if change else None
        reference_save(actor=request.user, row=obj, before=before)

    def has_delete_permission(self, request, obj=None):
        return False  # retire a row instead: plans, follow-ups and referrals keep pointing to it


@admin.register(Domain)
class DomainAdmin(ReferenceAdmin):
    pass


@admin.register(ChecklistItem)
class ChecklistItemAdmin(ReferenceAdmin):
    pass


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(ReferenceAdmin):
    list_display = ["code", "name_ar", "name_fr", "name_en", "kind", "consent_partner", "position", "is_active"]
    list_filter = ["kind", "is_active"]
