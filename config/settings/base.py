"""Settings shared by every environment. Everything secret or site-specific comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The domain apps, in dependency order. The demo loader and the URL configuration walk this list.
DOMAIN_APPS = [
    "inclusive_cities.core",
    "inclusive_cities.accounts",
    "inclusive_cities.network",
    "inclusive_cities.framework",
    "inclusive_cities.data",
    "inclusive_cities.evidence",
    "inclusive_cities.taskforce",
    "inclusive_cities.baseline",
    "inclusive_cities.plans",
    "inclusive_cities.assessments",
    "inclusive_cities.narrative",
    "inclusive_cities.publiclanguages",
    "inclusive_cities.exchange",
    "inclusive_cities.evaluation",
    "inclusive_cities.home",
    "inclusive_cities.notifications",
    "inclusive_cities.consultation",
]

INSTALLED_APPS = [
    "modeltranslation",  # translated content fields (issue 14); before the admin, as it asks
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "axes",
    "csp",
    *DOMAIN_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "inclusive_cities.core.language.LanguageChoiceMiddleware",
    "inclusive_cities.core.pagecache.AnonymousPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "inclusive_cities.core.pagecache.SignedInPageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "inclusive_cities.core.context_processors.navigation",
                "inclusive_cities.core.context_processors.languages",
                "inclusive_cities.notifications.context_processors.unread",
            ],
            "builtins": ["inclusive_cities.core.templatetags.govuk"],
        },
    }
]

# SQLite in one file by default; PostgreSQL (or anything dj-database-url reads) by DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while a writer commits; IMMEDIATE avoids lock upgrades mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a sign-in while the account or client is locked out (see SECURITY below).
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:account"
LOGOUT_REDIRECT_URL = "core:home"
INVITATION_VALID_DAYS = int(os.environ.get("INVITATION_VALID_DAYS", "14"))

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", _("English")), ("cy", _("Welsh"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Content people write (framework, plans, narratives, case studies) in English and Welsh: django-modeltranslation adds
# `<field>_en` and `<field>_cy` beside each registered field (`<app>/translation.py`). English is the default and the
# fallback: a Welsh page shows the English text where there is no Welsh yet (docs/translation.md).
MODELTRANSLATION_LANGUAGES = ("en", "cy")
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# Dates as people write them ("31 March 2014"), not the locale's abbreviated months.
FORMAT_MODULE_PATH = ["inclusive_cities.core.formats"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# One cache shared by every worker process on the machine (no server to run): anonymous pages keyed on the
# content version (core/pagecache.py). PAGE_CACHE=0 switches the page cache off.
CACHES = {
    "default": {
        "BACKEND": "inclusive_cities.core.filecache.UncompressedFileBasedCache",
        "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
        "TIMEOUT": 600,
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "20000"))},
    }
}
PAGE_CACHE = env_bool("PAGE_CACHE", True)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# Requests that miss together wait this long for the one rendering the page (core/singleflight.py), then render.
PAGE_CACHE_WAIT_SECONDS = float(os.environ.get("PAGE_CACHE_WAIT_SECONDS", "10"))
# Uploads: refuse bodies larger than this (bytes) before they reach a form.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", str(10 * 1024 * 1024)))
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE
MAX_UPLOAD_BYTES = int(os.environ.get("MAX_UPLOAD_BYTES", str(25 * 1024 * 1024)))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Inclusive Cities platform <no-reply@localhost>")
# Who runs this copy of the platform: named on the accessibility statement and the privacy notice.
SERVICE_CONTACT_EMAIL = os.environ.get("SERVICE_CONTACT_EMAIL", "")
if os.environ.get("EMAIL_HOST"):
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)

# Links in emails (notifications) start with this address; plans waiting longer than this many days are flagged.
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000")
PLAN_WAITING_ALERT_DAYS = int(os.environ.get("PLAN_WAITING_ALERT_DAYS", "30"))

# Background work: inline by default; TASKS_BACKEND=database puts it on the database queue for `db_worker`.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if os.environ.get("TASKS_BACKEND", "immediate") == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        ),
        "QUEUES": ["default"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
    # Per-client throttles (anonymous by address, signed in by account); rates from the environment.
    "DEFAULT_THROTTLE_CLASSES": ["inclusive_cities.core.api.AnonThrottle", "inclusive_cities.core.api.UserThrottle"],
    "URL_FORMAT_OVERRIDE": "format",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Inclusive Cities platform open data API",
    "DESCRIPTION": "Read-only access to published plans, places, indicators, observations and evidence.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "inclusive_cities.core.api.document_error_statuses",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools narrate every step at INFO.
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools", "fontTools.subset")},
}

# Demo accounts share one password, printed by `make run`; never loaded in production.
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "inclusive-cities-demo")

# SECURITY: limits on sign-in, resets, invitations, the API and costly anonymous work (docs/deployment.md).
# django-axes: this many wrong passwords for one account, or from one client address, lock it for the cool-off.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "inclusive_cities.accounts.lockout.username_of"
AXES_LOCKOUT_CALLABLE = "inclusive_cities.accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Password reset links and invitations: per email address and per client address, in a rolling hour.
RATELIMIT_RESET_PER_ADDRESS = os.environ.get("RATELIMIT_RESET_PER_ADDRESS", "3/h")
RATELIMIT_RESET_PER_CLIENT = os.environ.get("RATELIMIT_RESET_PER_CLIENT", "20/h")
RATELIMIT_INVITE_PER_ADDRESS = os.environ.get("RATELIMIT_INVITE_PER_ADDRESS", "3/h")
RATELIMIT_INVITE_PER_CLIENT = os.environ.get("RATELIMIT_INVITE_PER_CLIENT", "60/h")
# PDFs rendered for anonymous visitors, per client address (copies served from the page cache do not count).
ANONYMOUS_PDF_RATE = os.environ.get("ANONYMOUS_PDF_RATE", "20/10m")
# Answers to a consultation sent without signing in, per client address (counted in the cache, never stored).
CONSULTATION_ANSWER_RATE = os.environ.get("CONSULTATION_ANSWER_RATE", "10/h")
# API requests per client per minute (anonymous by address, signed in by account).
API_THROTTLE_ANON = os.environ.get("API_THROTTLE_ANON", "120/min")
API_THROTTLE_USER = os.environ.get("API_THROTTLE_USER", "600/min")
# The API and search pages: the longest search text (page sizes are capped per list in its pagination).
MAX_QUERY_LENGTH = int(os.environ.get("MAX_QUERY_LENGTH", "200"))
# Content-Security-Policy on every response: only this site's scripts, styles and images; inline code by nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # NONCE (not the string "nonce", which browsers ignore) is replaced by each response's nonce.
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", NONCE],
        # Charts and maps are inline SVG with style attributes; attributes cannot carry a nonce.
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
