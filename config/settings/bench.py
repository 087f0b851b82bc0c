"""`make bench`: a separate SQLite file (or BENCH_DATABASE_URL), production-like settings without HTTPS."""

import os

import dj_database_url

from .base import *  # noqa: F403
from .base import BASE_DIR, env_bool

SECRET_KEY = "bench-only-key"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'bench.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
STATIC_ROOT = None  # whitenoise would warn about a missing collectstatic folder
# The in-process benchmarks measure rendering, so the page cache is off unless PAGE_CACHE=1 (the HTTP stage
# measures both); its own folder so a bench never reads the dev server's cache.
CACHES = {
    "default": {
        "BACKEND": "inclusive_cities.core.filecache.UncompressedFileBasedCache",
        "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "bench-cache")),
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
}
PAGE_CACHE = env_bool("PAGE_CACHE", False)
# The benchmarks measure serving, from one client address: the API's per-client throttles (120 anonymous requests a
# minute in production) would turn most of their requests into 429s.
API_THROTTLE_ANON = API_THROTTLE_USER = os.environ.get("API_THROTTLE", "10000000/min")
# The HTTP stage serves the static copies of its pages from here (core/bench_http.py).
if os.environ.get("BENCH_STATIC_ROOT"):
    WHITENOISE_ROOT = os.environ["BENCH_STATIC_ROOT"]
