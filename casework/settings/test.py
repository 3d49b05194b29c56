"""The test suite: real PostgreSQL and real Redis on 127.0.0.1."""

from .base import *  # noqa: F403

DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/casework"),
}
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/14")
CELERY_BROKER_TRANSPORT_OPTIONS = dict(REDIS_BROKER_TRANSPORT_OPTIONS)
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="redis://127.0.0.1:6379/14")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Fixed development keys for encryption at rest, whatever the environment says.
CASEWORK_FIELD_ENCRYPTION_KEYS = [DEVELOPMENT_FIELD_ENCRYPTION_KEY]
CASEWORK_BLIND_INDEX_KEY = DEVELOPMENT_BLIND_INDEX_KEY
# No API rate limit in tests (the throttling test sets its own); the fuzzing tests send many requests.
CASEWORK_API_THROTTLE_RATES = {"user": None, "anon": None}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
VAR_DIR = BASE_DIR / "var" / "test"
MEDIA_ROOT = VAR_DIR / "private"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# Serve static files from the apps' folders (no collectstatic in tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
