"""Production-like settings for the benchmark: the portal's own settings with DEBUG off, served by
gunicorn over plain HTTP on 127.0.0.1, against the dedicated bench database (DATABASE_URL set by
bench.run), plus a bench-only middleware that counts SQL queries per request."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789abcdef")
os.environ["DJANGO_DEBUG"] = "0"  # the portal's settings read it at import: production branches below

from wsis_portal.settings import *  # noqa: F403
from wsis_portal.settings import MIDDLEWARE, REST_FRAMEWORK

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SECURE_SSL_REDIRECT = False  # plain HTTP on the loopback; a proxy terminates TLS in production
SECURE_HSTS_SECONDS = 0
ROOT_URLCONF = "bench.urls"

# The X-Query-Count header wraps everything else, so it counts every query of the request.
MIDDLEWARE = ["bench.urls.QueryCountMiddleware", *MIDDLEWARE]

# Static files: collected once into a temporary folder by bench.run (whitenoise's manifest storage,
# as in production).
STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", os.path.join(tempfile.gettempdir(), "wsis-bench-static"))

# The API's anonymous throttle (120/minute per address) would answer 429 to a load generator on
# one address: keep the throttle classes (their cost is measured) with rates no benchmark reaches.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"anon": "100000000/minute", "user": "100000000/minute"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
