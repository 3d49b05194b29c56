"""Django announces logins, logouts and lockouts only through signals: each receiver calls one service.

- login: record the new session (the key Django has just renewed);
- logout: end every session of the user, on every device;
- deactivation of an account (however it is saved): end every session of the user;
- django-axes lockout: an audit entry (each failed attempt already has one, casework.signals).
"""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import pre_save
from django.dispatch import receiver

from casework.audit import audit_record
from casework.models import AuditAction, User

from .sessions import EndReason, end_user_sessions, session_record_login


@receiver(user_logged_in, dispatch_uid="security_record_session")
def record_session(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        session_record_login(request=request, user=user)


@receiver(user_logged_out, dispatch_uid="security_end_sessions_at_logout")
def end_sessions_at_logout(sender, request, user, **kwargs):
    if user is not None:
        end_user_sessions(actor=user, user=user, reason=EndReason.LOGOUT)


@receiver(pre_save, sender=User, dispatch_uid="security_end_sessions_on_deactivation")
def end_sessions_on_deactivation(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None or instance.is_active:
        return
    if User.objects.filter(pk=instance.pk, is_active=True).exists():
        end_user_sessions(actor=None, user=instance, reason=EndReason.DEACTIVATED)


@receiver(user_locked_out, dispatch_uid="security_audit_lockout")
def audit_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    audit_record(
        actor=None,
        action=AuditAction.LOGIN_FAILED,
        actor_username=str(username or "")[:150],
        object_type="auth.lockout",
        changes={"locked_out": True},
    )
