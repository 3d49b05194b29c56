"""The bench's Django app (installed by bench.settings only): plain ModelAdmins for the measured list
models that have none, so the admin changelist can be compared with the product's lists."""

from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "bench"
    label = "bench"
    verbose_name = "Bench"

    def ready(self):
        from .admin import register_missing

        register_missing()
