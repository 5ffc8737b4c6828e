"""Turbota settings: one file, driven by the environment.

Unset, everything points at a local development set-up: a SQLite file under data/,
DEBUG off unless TURBOTA_DEBUG=1 (``make run`` sets it), a development secret key.
"""

import os
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

# Lets ModelAdmin[Model], QuerySet[Model] etc. be written with their type at run time too.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("TURBOTA_DATA_DIR", BASE_DIR / "data"))


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("TURBOTA_DEBUG")
_DEV_SECRET = "dev-only-insecure-key-set-TURBOTA_SECRET_KEY-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("TURBOTA_SECRET_KEY", _DEV_SECRET)
if SECRET_KEY == _DEV_SECRET and env_flag("TURBOTA_PRODUCTION"):
    raise ImproperlyConfigured("TURBOTA_SECRET_KEY must be set in production.")
ALLOWED_HOSTS = os.environ.get("TURBOTA_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
CSRF_TRUSTED_ORIGINS = [
    origin for origin in os.environ.get("TURBOTA_CSRF_TRUSTED_ORIGINS", "").split(",") if origin
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "django_filters",
    "django_tables2",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "auditlog",
    "turbota.core",
    "turbota.accounts",
    "turbota.territories",
    "turbota.catalog",
    "turbota.providers",
    "turbota.people",
    "turbota.needs",
    "turbota.surveys",
    "turbota.strategy",
    "turbota.consultations",
    "turbota.oblast",
    "django_q",
    "turbota.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "turbota.core.context_processors.site",
                "turbota.people.context_processors.people_menu",
                "turbota.oblast.context_processors.oblast_menu",
            ],
        },
    },
]

DATABASES = {
    # An empty DATABASE_URL (``DATABASE_URL= make test``) means unset, as for the other
    # variables, not "no database".
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'turbota.sqlite3'}",
        conn_max_age=int(os.environ.get("TURBOTA_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        # A fresh clone has no data folder yet; SQLite creates the file but not its folder.
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets the development server read while a long import writes.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )
    DATABASES["default"]["TEST"] = {"NAME": ""}  # in-memory test database

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "uk"
LANGUAGES = [("uk", "Українська")]
TIME_ZONE = "Europe/Kyiv"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"
# Uploaded spreadsheets are kept on disk, not in memory, above this size.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20_000

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-less meta tag anyway
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if env_flag("TURBOTA_PRODUCTION"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_flag("TURBOTA_SSL_REDIRECT", True)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.BasicAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "turbota.core.api.Pagination",
    "PAGE_SIZE": 100,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Турбота API",
    "DESCRIPTION": (
        "JSON API системи соціальних послуг громади. Довідники (території, послуги, "
        "вразливі групи) відкриті; решта — з тими самими правами доступу, що й сторінки."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

DJANGO_TABLES2_TEMPLATE = "core/_table.html"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("TURBOTA_LOG_LEVEL", "WARNING")},
}

# Counts of people below this threshold are shown as "<5" in anything published.
TURBOTA_SMALL_COUNT_THRESHOLD = 5
# Behind a reverse proxy, public rate limits read the visitor's address from X-Forwarded-For.
TURBOTA_TRUSTED_PROXY = env_flag("TURBOTA_TRUSTED_PROXY")

# Background jobs (long imports): django-q2. The ORM broker needs nothing installed; set
# TURBOTA_REDIS_URL in production to use Redis for the queue and the shared cache.
# `make run` starts a worker (`turbota qcluster`) next to the web server.
REDIS_URL = os.environ.get("TURBOTA_REDIS_URL", "")
Q_CLUSTER: dict[str, object] = {
    "name": "turbota",
    "workers": int(os.environ.get("TURBOTA_WORKERS", "1")),
    "timeout": 3600,  # a million-row import takes minutes, not an hour
    "retry": 3660,
    "max_attempts": 1,  # an import is all or nothing: a failed one is re-run by a person
    "catch_up": False,
    "sync": os.environ.get("TURBOTA_JOBS_SYNC", "") == "1",  # run in the request (tests)
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"
# Progress of a job is read by the web process while the worker writes it: the cache must
# be shared between processes (files on one machine, Redis on several).
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
        }
    )
}
TURBOTA_SITE_NAME = "Турбота"

# The oblast's map (decision 0024): no background tiles unless a tile URL is set, e.g.
# "https://tile.openstreetmap.org/{z}/{x}/{y}.png" (mind the tile server's usage policy).
TURBOTA_MAP_TILE_URL = os.environ.get("TURBOTA_MAP_TILE_URL", "")
TURBOTA_MAP_TILE_ATTRIBUTION = os.environ.get("TURBOTA_MAP_TILE_ATTRIBUTION", "")
# A settlement farther than this from every provider of a basic service is in its
# "service desert"; the map lets its reader change it.
TURBOTA_SERVICE_DESERT_KM = float(os.environ.get("TURBOTA_SERVICE_DESERT_KM", "20"))
# Uploaded boundaries (GeoJSON) are refused above this size.
TURBOTA_BOUNDARIES_MAX_BYTES = int(os.environ.get("TURBOTA_BOUNDARIES_MAX_BYTES", "10000000"))
