"""Authentication events go to the audit trail. Django announces them only through signals."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from .audit import audit_record
from .models import AuditAction


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    audit_record(actor=user, action=AuditAction.LOGIN, target=user)


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_record(actor=user, action=AuditAction.LOGOUT, target=user)


@receiver(user_login_failed)
def audit_login_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in `credentials`; keep only the username tried.
    username = str(credentials.get("username", ""))[:150]
    audit_record(actor=None, action=AuditAction.LOGIN_FAILED, actor_username=username, object_type="auth.login")


@receiver(post_migrate)
def sync_role_groups_after_migrate(sender, **kwargs):
    # Permissions of new models exist only after migrate; role groups are brought up to date then.
    if sender.name == "casework":
        from .roles import sync_role_groups

        sync_role_groups(using=kwargs.get("using", "default"))
