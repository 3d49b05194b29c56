from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class CaseworkAdminSite(admin.AdminSite):
    """Django admin for reference data and users: administrators only, whatever flags a user carries."""

    site_header = _("Moussalaha casework — administration")
    site_title = _("Moussalaha administration")
    index_title = _("Reference data and staff")

    def has_permission(self, request):
        user = request.user
        return user.is_active and user.is_authenticated and getattr(user, "is_administrator", False)


class CaseworkAdminConfig(AdminConfig):
    default_site = "casework.admin_site.CaseworkAdminSite"
