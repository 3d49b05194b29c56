"""The embedded run: `make run` on a machine with nothing but Python."""

from .base import *  # noqa: F403

DEBUG = env.bool("DJANGO_DEBUG", default=True)

# The embedded run keeps its SQLite database, broker queues and private files here.
for _folder in ("broker/queue", "broker/control", "broker/processed", "celery-results", "private"):
    (VAR_DIR / _folder).mkdir(parents=True, exist_ok=True)
