"""The test suite: real PostgreSQL and real Redis on 127.0.0.1."""

import os
from pathlib import Path

from .base import *  # noqa: F403

# `make test` runs the suite in two processes (pytest-xdist: PYTEST_XDIST_WORKER is gw0, gw1, …).
# pytest-django gives each its own test database; each also gets its own Redis database, so the Celery
# worker one process starts never takes the other's tasks, and its own folder for files.
_XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
_WORKER_INDEX = int(_XDIST_WORKER.removeprefix("gw")) if _XDIST_WORKER.startswith("gw") else 0
_REDIS_URL = f"redis://127.0.0.1:6379/{14 - _WORKER_INDEX}"

DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/casework"),
}
# A test database is thrown away: no need to wait for each commit to reach the disk.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=_REDIS_URL)
CELERY_BROKER_TRANSPORT_OPTIONS = dict(REDIS_BROKER_TRANSPORT_OPTIONS)
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=_REDIS_URL)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Fixed development keys for encryption at rest, whatever the environment says.
CASEWORK_FIELD_ENCRYPTION_KEYS = [DEVELOPMENT_FIELD_ENCRYPTION_KEY]
CASEWORK_BLIND_INDEX_KEY = DEVELOPMENT_BLIND_INDEX_KEY
# No API rate limit in tests (the throttling test sets its own); the fuzzing tests send many requests.
CASEWORK_API_THROTTLE_RATES = {"user": None, "anon": None}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
VAR_DIR = BASE_DIR / "var" / "test" / (_XDIST_WORKER or "main")
REPORTS_DIR = Path(env.str("CASEWORK_REPORTS_DIR", default=str(VAR_DIR / "reports")))
MEDIA_ROOT = VAR_DIR / "private"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# Serve static files from the apps' folders (no collectstatic in tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
