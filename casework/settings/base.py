"""Settings shared by every environment.

Defaults give the embedded run (SQLite, a filesystem Celery broker, files on local disk);
production values come only from the environment (see production.py).
"""

import datetime
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()

# Runtime data (database, broker queues, private files) lives outside the code and the web root.
VAR_DIR = Path(env.str("CASEWORK_VAR_DIR", default=str(BASE_DIR / "var")))

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="insecure-embedded-development-key-change-me")
# Encryption at rest of designated identifiers (casework.encryption): Fernet keys, newest first, kept apart
# from SECRET_KEY; and the HMAC key of the blind indexes that find them. Development values here;
# production refuses to start without its own (see production.py and README).
DEVELOPMENT_FIELD_ENCRYPTION_KEY = "BfQOlaDDXwREYAs-J2j4szBGhaZFYegymiuNJglAsoQ="
DEVELOPMENT_BLIND_INDEX_KEY = "insecure-embedded-development-blind-index-key-change-me"
CASEWORK_FIELD_ENCRYPTION_KEYS = env.list("CASEWORK_FIELD_ENCRYPTION_KEYS", default=[DEVELOPMENT_FIELD_ENCRYPTION_KEY])
CASEWORK_BLIND_INDEX_KEY = env.str("CASEWORK_BLIND_INDEX_KEY", default=DEVELOPMENT_BLIND_INDEX_KEY)
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])

INSTALLED_APPS = [
    "casework.admin_site.CaseworkAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "casework",
    "casework.security",
    "casework.notifications",
    "casework.watchlist",
    "beneficiaries",
    "reintegration_plans",
    "grants",
    "reports",
]

# Order matters (casework/security/middleware.py): the session guard and the second-factor check run
# after authentication, before any view; no-store and the CSP header wrap every application response;
# axes turns a lockout into its page last.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "casework.security.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "casework.middleware.AuditContextMiddleware",
    "casework.middleware.ScopeCacheMiddleware",
    "casework.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "casework.security.middleware.RejectNulBytesMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "casework.security.middleware.SessionGuardMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "casework.security.middleware.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "casework.urls"
WSGI_APPLICATION = "casework.wsgi.application"
ASGI_APPLICATION = "casework.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "casework.context_processors.navigation",
                "casework.notifications.context_processors.notifications",
            ],
        },
    },
]

# Django's form renderer, with selects written in Python (casework/form_renderer.py: same markup, faster).
FORM_RENDERER = "casework.form_renderer.FormRenderer"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'casework.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "casework.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out username + address first
    "casework.security.backends.ModelBackendWithPlaces",  # ModelBackend; the user read with centre and region
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "casework.security.passwords.ContainsPersonalInformationValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "casework:home"
LOGOUT_REDIRECT_URL = "login"

# Languages: Arabic first and default, then French and English.
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Africa/Casablanca"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploaded documents are private: stored under VAR_DIR, never under a URL the web server serves.
MEDIA_ROOT = VAR_DIR / "private"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("CASEWORK_SESSION_ABSOLUTE_SECONDS", default=12 * 3600)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

EMAIL_BACKEND = env.str("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="casework@localhost")
# The address people use to open the app: links in notification e-mails start with it.
CASEWORK_BASE_URL = env.str("CASEWORK_BASE_URL", default="http://127.0.0.1:8000")

# django-guardian: per-object grants only; no anonymous user object.
ANONYMOUS_USER_NAME = None

REST_FRAMEWORK = {
    # Token first: an unauthenticated call answers 401 with "WWW-Authenticate: Token".
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "casework.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "casework.api.pagination.Pagination",
    "DEFAULT_THROTTLE_CLASSES": ["casework.api.throttling.UserThrottle", "casework.api.throttling.AnonThrottle"],
    "EXCEPTION_HANDLER": "casework.api.exceptions.api_exception_handler",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["casework.api.filter_backend.FilterOnceBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
# API rate limits (casework.api.throttling) and personal API tokens (django-rest-knox, stored hashed).
CASEWORK_API_THROTTLE_RATES = {
    "user": env.str("CASEWORK_API_USER_RATE", default="1200/hour"),
    "anon": env.str("CASEWORK_API_ANON_RATE", default="60/hour"),
}
CASEWORK_API_TOKEN_TTL_DAYS = env.int("CASEWORK_API_TOKEN_TTL_DAYS", default=30)
CASEWORK_API_TOKEN_PREFIX = "mcw_"
REST_KNOX = {"AUTH_HEADER_PREFIX": "Token", "AUTO_REFRESH": False}
SPECTACULAR_SETTINGS = {
    "TITLE": "Moussalaha casework API",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Celery. The embedded default needs no Redis: kombu's filesystem transport, file results.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
# Redis broker: a task a worker took but never acknowledged (tasks are acks_late; the worker died) goes back
# to its queue once it is older than the visibility timeout; keep that above CELERY_TASK_TIME_LIMIT.
REDIS_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_REDIS_VISIBILITY_TIMEOUT", default=3600),
    "unacked_restore_interval": env.int("CELERY_REDIS_RESTORE_INTERVAL", default=10),
}
CELERY_BROKER_TRANSPORT_OPTIONS = dict(REDIS_BROKER_TRANSPORT_OPTIONS)
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = VAR_DIR / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "control_folder": str(_broker_dir / "control"),
        "processed_folder": str(_broker_dir / "processed"),
        "store_processed": False,
    }
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=f"file://{VAR_DIR / 'celery-results'}")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=600)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=540)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "expire-file-shares": {"task": "casework.tasks.expire_file_shares", "schedule": 15 * 60},
    # Both idempotent: an overdue follow-up is notified once, an alert raised once while it is open.
    "notify-overdue-follow-ups": {
        "task": "casework.notifications.tasks.notify_overdue_followups",
        "schedule": 60 * 60,
    },
    "watchlist-rules": {"task": "casework.watchlist.tasks.run_watchlist_rules", "schedule": 6 * 60 * 60},
    "anonymise-closed-files": {"task": "beneficiaries.anonymise_closed_files", "schedule": 24 * 60 * 60},
    # Idempotent: one reminder per life project and review date.
    "plans-remind-reviews": {"task": "reintegration_plans.tasks.remind_plan_reviews", "schedule": 60 * 60},
    "reports-requeue-stuck-jobs": {"task": "reports.requeue_stuck_jobs", "schedule": 5 * 60},
    "reports-delete-expired-files": {"task": "reports.delete_expired_files", "schedule": 60 * 60},
}

# Report jobs (reports/): files under VAR_DIR, outside the web root, deleted after the retention period.
REPORTS_DIR = Path(env.str("CASEWORK_REPORTS_DIR", default=str(VAR_DIR / "reports")))
REPORTS_RETENTION_HOURS = env.int("CASEWORK_REPORTS_RETENTION_HOURS", default=48)
# A queued or running job without a sign of life for this long is put back in the queue by the sweeper.
REPORTS_STUCK_AFTER_SECONDS = env.int("CASEWORK_REPORTS_STUCK_AFTER_SECONDS", default=900)
REPORTS_MAX_ATTEMPTS = env.int("CASEWORK_REPORTS_MAX_ATTEMPTS", default=3)
REPORTS_QUEUE = env.str("CASEWORK_REPORTS_QUEUE", default="celery")
# Tests only: seconds each progress step of a report sleeps, so a test can kill a worker mid-job.
REPORTS_TEST_STEP_DELAY = env.float("CASEWORK_REPORTS_TEST_STEP_DELAY", default=0.0)

# Retention: a file closed (or deceased) for this many years is anonymised (beneficiaries.services.retention).
CASEWORK_RETENTION_YEARS = env.int("CASEWORK_RETENTION_YEARS", default=10)

# Life projects: months between periodic reviews of an active plan (sets next_review_on).
PLAN_REVIEW_INTERVAL_MONTHS = env.int("CASEWORK_PLAN_REVIEW_MONTHS", default=3)

# How long /healthz waits for a worker to answer a ping.
HEALTH_WORKER_PING_TIMEOUT = env.float("CASEWORK_HEALTH_WORKER_PING_TIMEOUT", default=1.0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
}

# `manage.py demo_data` runs these in order; each is idempotent and returns a short summary.
# grants.demo.load must stay after beneficiaries.demo.load (it uses the people that loader creates,
# and reports "skipped" without them).
# casework.watchlist.demo.load stays last (after any life-projects loader): it uses the people and staff.
DEMO_LOADERS = [
    "casework.demo.load_staff",
    "beneficiaries.demo.load",
    "reintegration_plans.demo.load",
    "grants.demo.load",
    "casework.watchlist.demo.load",
]

# Guardian's authentication backend is deliberately not installed: per-object grants are read only by
# the access policy (casework.access), which also honours their expiry; `user.has_perm(perm, obj)`
# must not open a file through a path that ignores expiry.
SILENCED_SYSTEM_CHECKS = ["guardian.W001"]

# --- Authentication, sessions and security headers (casework/security, SECURITY.md) -------------------
# Login lockout (django-axes): 5 failures for one username from one address lock that pair (never the
# whole site, never the username everywhere) for 30 minutes; each failure is audited (casework.signals).
AXES_FAILURE_LIMIT = env.int("CASEWORK_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("CASEWORK_LOGIN_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "casework.security.lockout.lockout_response"
AXES_USERNAME_CALLABLE = "casework.security.lockout.attempt_username"
AXES_CLIENT_IP_CALLABLE = "casework.security.network.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # the audit trail records sign-ins; no second log of addresses
AXES_ENABLE_ADMIN = False  # administrators lift a lockout from the staff security page
AXES_HTTP_RESPONSE_CODE = 429
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "password", "token"]
# Behind a reverse proxy: how many proxies append to X-Forwarded-For (0 = trust REMOTE_ADDR only).
CASEWORK_TRUSTED_PROXY_COUNT = env.int("CASEWORK_TRUSTED_PROXY_COUNT", default=0)

# Second factor (django-otp): mandatory for these roles, available to everyone. Only roles can be added.
CASEWORK_TWO_FACTOR_ROLES = sorted(
    {"supervisor", "administrator", *env.list("CASEWORK_TWO_FACTOR_EXTRA_ROLES", default=[])}
)
OTP_TOTP_ISSUER = "Moussalaha"
# Nobody reads another person's TOTP secret or QR code in the Django admin (those views also answered a
# missing device with a 500); a lost second factor is reset from the staff page instead.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
CASEWORK_API_PATH_PREFIX = "/api/"

# Sessions: idle and absolute limits enforced by casework.security.middleware.SessionGuardMiddleware.
CASEWORK_SESSION_IDLE_SECONDS = env.int("CASEWORK_SESSION_IDLE_SECONDS", default=30 * 60)
CASEWORK_SESSION_ABSOLUTE_SECONDS = SESSION_COOKIE_AGE
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Content-Security-Policy (django-csp): no inline script or style anywhere. `data:` images only for the
# SVG icons inside Bootstrap's CSS (form controls, navbar toggler).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

CELERY_BEAT_SCHEDULE["security-purge-sessions"] = {"task": "casework.security.tasks.purge_sessions", "schedule": 3600}
DEMO_LOADERS = [*DEMO_LOADERS, "casework.security.demo.load"]
