"""The test suite: fast hashing, inline tasks, in-memory email. DATABASE_URL switches to PostgreSQL."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Each test database is built from the models, not by running the migrations (conftest.py says why and adds the rest).
DATABASES["default"]["TEST"] = {**DATABASES["default"].get("TEST", {}), "MIGRATE": False}  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # A test database is thrown away: commits need not wait for the disk (this session only, not the server).
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "options": "-c synchronous_commit=off",
    }  # noqa: F405
STATIC_ROOT = None  # whitenoise would warn about a missing collectstatic folder
# Each test process its own cache; the page cache only where a test switches it on (core/tests/test_pagecache.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PAGE_CACHE = False
# Throttles and lockouts are tested with their own small limits (override_settings); the rest of the suite runs free.
API_THROTTLE_ANON = API_THROTTLE_USER = "100000/min"
ANONYMOUS_PDF_RATE = "100000/m"
CONSULTATION_ANSWER_RATE = "100000/m"
