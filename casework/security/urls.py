"""Mounted under /accounts/ (casework/urls.py), namespace `security`."""

from django.urls import path

from .views import password, staff, two_factor

app_name = "security"

urlpatterns = [
    path("two-factor/", two_factor.two_factor_overview, name="two_factor"),
    path("two-factor/setup/", two_factor.two_factor_setup, name="two_factor_setup"),
    path("two-factor/verify/", two_factor.two_factor_verify, name="two_factor_verify"),
    path("two-factor/recovery-codes/", two_factor.recovery_codes_new, name="recovery_codes_new"),
    path("two-factor/disable/", two_factor.two_factor_disable, name="two_factor_disable"),
    path("password/reset/", password.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", password.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        password.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password/reset/complete/", password.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("staff/", staff.staff_list, name="staff_list"),
    path("staff/<int:pk>/", staff.staff_detail, name="staff_detail"),
    path("staff/<int:pk>/end-sessions/", staff.staff_end_sessions, name="staff_end_sessions"),
    path("staff/<int:pk>/reset-two-factor/", staff.staff_reset_two_factor, name="staff_reset_two_factor"),
    path("staff/<int:pk>/unlock/", staff.staff_unlock, name="staff_unlock"),
]
