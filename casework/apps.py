from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = _("Casework core")

    def ready(self):
        from . import signals  # noqa: F401  (login audit receivers)
        from .choice_fields import read_choices_in_one_query

        read_choices_in_one_query()
