"""Password reset by e-mail, on Django's views. It never signs the user in (`post_reset_login` stays
False), so the second factor is still asked at the next sign-in; the request page answers the same
whether or not the address belongs to an account."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from ..sessions import password_reset_completed


class PasswordResetView(auth_views.PasswordResetView):
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("security:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    pass


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    post_reset_login = False
    success_url = reverse_lazy("security:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        password_reset_completed(user=form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    pass
