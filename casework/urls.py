from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from . import views

urlpatterns = [
    path("", include("casework.urls_app")),
    path("people/", include("beneficiaries.urls")),
    path("api/v1/", include("beneficiaries.api_urls")),
    path("grants/", include("grants.urls")),
    path("api/v1/grants/", include("grants.api_urls")),
    path("plans/", include("reintegration_plans.urls")),
    path("api/v1/plans/", include("reintegration_plans.api_urls")),
    path("reports/", include("reports.urls")),
    path("api/v1/reports/", include("reports.api_urls")),
    path("notifications/", include("casework.notifications.urls")),
    path("api/v1/notifications/", include("casework.notifications.api_urls")),
    path("watchlist/", include("casework.watchlist.urls")),
    path("concerns/", include("casework.watchlist.concern_urls")),
    path("api/v1/watchlist/", include("casework.watchlist.api_urls")),
    path("api/", include("casework.api.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("casework.security.urls")),  # second factor, password reset, staff sessions
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
]
