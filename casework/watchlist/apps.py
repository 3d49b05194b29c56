from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WatchlistConfig(AppConfig):
    name = "casework.watchlist"
    label = "watchlist"
    verbose_name = _("Vigilance watchlist")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The person's timeline shows alerts to those allowed to read the watchlist (and to nobody else).
        from .timeline import register

        register()
