"""Settings of the bench: the production settings, on loopback, with bench-only secrets.

Differences from production, and why:
- secrets and keys below are fixed, bench-only values (the bench database holds synthetic people only);
- no HTTPS redirect and no secure-only cookies: the server listens on 127.0.0.1 without TLS (in production
  TLS ends at the reverse proxy, which costs the application nothing);
- e-mails are built and dropped (dummy backend): there is no mail server on the bench machine;
- `testserver` is an allowed host, for the in-process query counts through Django's test client;
- static files are collected under var/bench (production's manifest storage), not in the shared checkout;
- the `bench` app registers a plain ModelAdmin for each list model that has none, so "what a user would
  pick instead" (the Django admin changelist) can be measured. It exists only in these settings.
Everything else — DEBUG off, persistent connections, middleware, templates, password hashers, logging —
is production's.
"""

import os

_BENCH_DEFAULTS = {
    "DJANGO_SECRET_KEY": "bench-only-secret-key-synthetic-data-0123456789abcdef",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/8",
    "CELERY_RESULT_BACKEND": "redis://127.0.0.1:6379/8",
    "CASEWORK_FIELD_ENCRYPTION_KEYS": "YmVuY2gtb25seS1rZXktc3ludGhldGljLWRhdGEtMDE=",
    "CASEWORK_BLIND_INDEX_KEY": "bench-only-blind-index-key-synthetic-data-0123456789",
    "DJANGO_LOG_LEVEL": "WARNING",
    # No mail server on the bench machine: notification e-mails are built and dropped.
    "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
}
for _name, _value in _BENCH_DEFAULTS.items():
    os.environ.setdefault(_name, _value)

from casework.settings.production import *  # noqa: E402, F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STATIC_ROOT = BASE_DIR / "var" / "bench" / "static"  # noqa: F405
INSTALLED_APPS = [*INSTALLED_APPS, "bench.apps.BenchConfig"]  # noqa: F405
