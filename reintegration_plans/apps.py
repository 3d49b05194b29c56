from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReintegrationPlansConfig(AppConfig):
    name = "reintegration_plans"
    verbose_name = _("Life projects")
