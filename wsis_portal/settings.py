"""Settings for every environment, driven by environment variables (see README "Configuration").

With no variables at all the portal refuses to start in production mode; `make run` and `make test`
go through `wsis_portal.boot`, which starts the embedded services and sets DATABASE_URL,
CELERY_BROKER_URL and DJANGO_DEBUG for development.
"""

from __future__ import annotations

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(environ.Env().str("WSIS_DATA_DIR", default=str(BASE_DIR / ".data")))

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off. "
            "For development use `make run` or set DJANGO_DEBUG=1."
        )
    SECRET_KEY = "development-only-key-never-used-in-production"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_celery_beat",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "simple_history",
    "wsis_portal",
    "accounts",
    "stakeholders",
    "actionlines",
    "stocktaking",
    "indicators",
    "consultations",
    "reports",
    "compilation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "wsis_portal.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wsis_portal.urls"
WSGI_APPLICATION = "wsis_portal.wsgi.application"

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
                "wsis_portal.context_processors.portal",
            ],
        },
    },
]

# PostgreSQL is the one database. `wsis_portal.boot` sets DATABASE_URL to the embedded server
# when none is given.
try:
    DATABASES = {"default": env.db("DATABASE_URL")}
except ImproperlyConfigured as exc:
    raise ImproperlyConfigured(
        "DATABASE_URL is not set. Use `make run` / `make test` (they start an embedded PostgreSQL) "
        "or set DATABASE_URL=postgres://user:password@host:5432/dbname."
    ) from exc
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL.")
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if env.str("TEST_DATABASE_NAME", default=""):  # lets two test runs share one server
    DATABASES["default"]["TEST"] = {"NAME": env.str("TEST_DATABASE_NAME")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# Rendered pages of the public API list (stocktaking.listing_cache): the shared cache when one is
# configured, else at most 100 pages (about 15 MB) in each process.
CACHES["listing"] = (
    env.cache("CACHE_URL")
    if env.str("CACHE_URL", default="")
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "listing",
        "OPTIONS": {"MAX_ENTRIES": 100},
    }
)
LISTING_CACHE_TTL = env.int("LISTING_CACHE_TTL", default=600)  # seconds; 0 turns the cache off

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "home"
EMAIL_VERIFICATION_MAX_AGE = 3 * 24 * 3600

# Login throttling (django-axes): 5 failures per e-mail and address lock out for 15 minutes.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0)

OTP_TOTP_ISSUER = "WSIS follow-up portal"

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LANGUAGES_BIDI = ["ar"]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(DATA_DIR / "media")))
# Stored files are never a public folder: views check permission, then Django streams the file or,
# with this prefix set (an nginx `internal` location aliased to MEDIA_ROOT), nginx sends it.
PROTECTED_MEDIA_ACCEL_PREFIX = env.str("PROTECTED_MEDIA_ACCEL_PREFIX", default="")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

WHITENOISE_USE_FINDERS = DEBUG  # development serves straight from static/, production from collectstatic
WHITENOISE_AUTOREFRESH = DEBUG

# E-mail: SMTP in production (EMAIL_URL=smtp+tls://user:pass@host:587), files under .data/mail otherwise.
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(DATA_DIR / "mail")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="WSIS portal <no-reply@wsis.example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery. The broker is Redis or RabbitMQ in production; `filesystem://` needs no server and runs
# a real worker process (the folders live under .data/broker).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
if CELERY_BROKER_URL.startswith("filesystem"):
    _broker_dir = Path(env.str("CELERY_FILESYSTEM_DIR", default=str(DATA_DIR / "broker")))
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        # Broadcasts (remote control, fan-out) keep their exchange tables here, not in the cwd.
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
    for _sub in ("queue", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
CELERY_TASK_IGNORE_RESULT = True  # task state lives in the portal's own models
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A child process that grew past this (KiB) after a task is replaced by a fresh one.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", default=700_000)
# Report compilation (compilation/): limits of one run (seconds; MB of memory above the worker's own).
COMPILATION_SOFT_TIME_LIMIT = env.float("COMPILATION_SOFT_TIME_LIMIT", default=15 * 60)
COMPILATION_TIME_LIMIT = env.float("COMPILATION_TIME_LIMIT", default=17 * 60)
COMPILATION_MEMORY_LIMIT_MB = env.int("COMPILATION_MEMORY_LIMIT_MB", default=1500)
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_IMPORTS = [  # task modules not named tasks.py
    "stocktaking.linkcheck_tasks",
    "stocktaking.export_tasks",
    "stocktaking.import_tasks",
    "reports.reminders",
    "reports.publication",
]
CELERY_BEAT_SCHEDULE = {
    "worker-heartbeat": {"task": "wsis_portal.tasks.heartbeat", "schedule": 30.0},
    "stocktaking-call-for-update": {"task": "stocktaking.call_for_update", "schedule": 24 * 3600.0},
    "stocktaking-exports-cleanup": {"task": "stocktaking.cleanup_exports", "schedule": 24 * 3600.0},
    "stocktaking-check-links": {"task": "stocktaking.check_links", "schedule": crontab(hour=2, minute=30)},
    "stocktaking-compact-facet-totals": {"task": "stocktaking.compact_facet_totals", "schedule": 600.0},
    "reports-send-reminders": {"task": "reports.send_reminders", "schedule": crontab(hour=7, minute=0)},
}
LINKCHECK_ALLOW_PRIVATE = env.bool("LINKCHECK_ALLOW_PRIVATE", default=False)  # True only for tests on 127.0.0.1
WORKER_HEARTBEAT_MAX_AGE = 120  # seconds before /healthz calls the worker stale

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["wsis_portal.api.PortalPermission"],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_ANON_RATE", default="120/minute"),
        "user": env.str("API_USER_RATE", default="1200/minute"),
    },
    "EXCEPTION_HANDLER": "wsis_portal.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "WSIS follow-up portal API",
    "DESCRIPTION": (
        "Reference data, organisations, the stocktaking database, the yearly reporting cycle, roadmaps, "
        "ICT indicators, WSIS targets, consultations and events."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "ENUM_NAME_OVERRIDES": {  # choice sets that share a field name get names of their own
        "UnLanguageEnum": "stocktaking.models.LANGUAGE_CHOICES",
        "EventKindEnum": "consultations.models.EventKind",
        "InvitationKindEnum": "reports.models.Invitation.Kind",
        "RegionKindEnum": "stakeholders.models.Region.Kind",
        "ReportRunKindEnum": "compilation.models.AnnualReportRun.Kind",
        "ReportRunStatusEnum": "compilation.models.AnnualReportRun.Status",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = True

# Security. Production (DEBUG off) gets HTTPS-only cookies, HSTS and a redirect to HTTPS;
# a reverse proxy that terminates TLS sets X-Forwarded-Proto.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'self'; object-src 'none'"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
