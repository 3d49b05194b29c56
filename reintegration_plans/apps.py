from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_role_groups(sender, **kwargs):
    # This app's permissions exist only once its own post_migrate has run; bring the role groups up to date.
    from casework.roles import sync_role_groups

    sync_role_groups(using=kwargs.get("using", "default"))


class ReintegrationPlansConfig(AppConfig):
    name = "reintegration_plans"
    verbose_name = _("Life projects")

    def ready(self):
        post_migrate.connect(_sync_role_groups, sender=self, dispatch_uid="reintegration_plans_role_groups")
