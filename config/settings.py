"""Attaché settings, read from the environment (see .env.example for every variable)."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: str = "False") -> bool:
    value = os.getenv(name, default)
    if value not in ("True", "False"):
        raise ImproperlyConfigured(f"{name} must be True or False, got {value!r}")
    return value == "True"


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


def env_secret(name: str, *, fallback: str | None) -> str:
    """Read a secret from NAME or from the file named by NAME_FILE; fail loudly if missing."""
    if path := os.getenv(f"{name}_FILE"):
        return Path(path).read_text().strip()
    if value := os.getenv(name):
        return value
    if fallback is None:
        raise ImproperlyConfigured(f"{name} must be set when DEBUG is off")
    return fallback


DEBUG = env_bool("DEBUG")
# The demo site (`attache demo` turns it on): served on this machine over plain HTTP with DEBUG
# off, so people see the site's own error pages; tasks run at once and mail goes to var/mail/.
DEMO = env_bool("ATTACHE_DEMO")
# Development or the demo: a site on this machine, not a public one.
LOCAL = DEBUG or DEMO
# A development key is only acceptable on this machine (the demo and the tests).
SECRET_KEY = env_secret("SECRET_KEY", fallback="attache-development-key-not-secret" if LOCAL else None)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if LOCAL else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.getenv("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    # Before the admin: it adds the translated columns of the taxonomy's names (community/translation.py).
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "auditlog",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django_bootstrap5",
    "bootstrap",
    "core",
    "accounts",
    "community",
    "maturity",
    "decisions",
    "assistance",
    "portfolio",
    "activities",
    "results",
    "followup",
    "matching",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.HealthCheckMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.input.RefuseUnreadableInputMiddleware",
    # Pages are compressed here; Django's GZipMiddleware pads every compressed response with random
    # bytes and CSRF tokens are masked anew on each response, the defences against BREACH. Turn it
    # off (ATTACHE_COMPRESS_PAGES=False) when the reverse proxy compresses. Whitenoise answers
    # static files above this line, from the compressed copies collectstatic made.
    *(["django.middleware.gzip.GZipMiddleware"] if env_bool("ATTACHE_COMPRESS_PAGES", "True") else []),
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorRequiredMiddleware",
    "accounts.middleware.NoStoreForSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
    # A lost database connection answers 503 "nothing was saved", not 500.
    "core.middleware.DatabaseUnavailableMiddleware",
    # Last: answers a kept page (core.kept_pages) only after every check above has run.
    "core.kept_pages.KeptPageMiddleware",
]
# Pages marked @kept_page are kept per session until what they show changes (core.kept_pages).
ATTACHE_KEPT_PAGES = env_bool("ATTACHE_KEPT_PAGES", "True")
# What a process holds after its first request and after a slow full garbage collection is kept
# out of later ones (core/long_lived.py), which otherwise paused a request 100-200 ms now and then.
ATTACHE_FREEZE_LONG_LIVED = env_bool("ATTACHE_FREEZE_LONG_LIVED", "True")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

# Selects and plain inputs written in Python, as Django's templates write them (core/widgets_written.py).
FORM_RENDERER = "core.widgets_written.WrittenWidgetsRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.getenv("DATABASE_URL", f"sqlite:///{BASE_DIR / 'attache.sqlite3'}"),
        conn_max_age=int(os.getenv("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6's default, adopted early

if redis_url := os.getenv("REDIS_URL"):
    # Shared by every web server and worker: throttling counts and sessions hold across machines.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            # Several Attaché sites (or test runs) may share one Redis.
            "KEY_PREFIX": os.getenv("CACHE_KEY_PREFIX", "attache"),
        }
    }
    # Sessions are read from Redis and written through to the database, so a Redis restart signs
    # nobody out and any web server reads a session another one started.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # Only a speed-up: nothing another app server needs is kept here (sessions stay in the database).
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "accounts.lockout.SprayLockoutBackend",
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Days an invitation link (set your password and sign in) stays valid.
ATTACHE_INVITATION_MAX_AGE_DAYS = int(os.getenv("ATTACHE_INVITATION_MAX_AGE_DAYS", "7"))
# Password-reset links asked for, per address and per client address, within the window; past
# that the form says to wait (whether or not the address has an account).
ATTACHE_PASSWORD_RESETS_PER_ADDRESS = int(os.getenv("ATTACHE_PASSWORD_RESETS_PER_ADDRESS", "3"))
ATTACHE_PASSWORD_RESETS_PER_IP = int(os.getenv("ATTACHE_PASSWORD_RESETS_PER_IP", "20"))
ATTACHE_PASSWORD_RESET_WINDOW_MINUTES = int(os.getenv("ATTACHE_PASSWORD_RESET_WINDOW_MINUTES", "60"))
# Days an API token lasts after it is issued (`attache create_token` issues a new one then).
ATTACHE_API_TOKEN_DAYS = int(os.getenv("ATTACHE_API_TOKEN_DAYS", "30"))
# Two-factor sign-in (TOTP with recovery codes) is open to everyone; the roles listed here
# (e.g. "admin,officer") must set it up before they can use Attaché.
ATTACHE_2FA_REQUIRED_ROLES = env_list("ATTACHE_2FA_REQUIRED_ROLES")
OTP_TOTP_ISSUER = os.getenv("OTP_TOTP_ISSUER", "Attaché")
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Repeated failed sign-ins lock the e-mail address out for a while (django-axes), counted by
# the normalised address; a client address that fails against this many different accounts
# within the cool-off (one password sprayed across the community) is locked out as a whole.
AXES_FAILURE_LIMIT = int(os.getenv("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.getenv("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.lockout.axes_username"
ATTACHE_SIGNIN_ACCOUNTS_PER_IP = int(os.getenv("ATTACHE_SIGNIN_ACCOUNTS_PER_IP", "10"))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish")), ("nl", _("Dutch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Translatable data (community/translation.py): English is stored and is the fallback of the others.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
MODELTRANSLATION_AUTO_POPULATE = "default"
# One date format per language: English reads day, month, year like the other three
# (config/formats/en); every template writes dates with "DATE_FORMAT" or "DATETIME_FORMAT".
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = os.getenv("TIME_ZONE", "America/Barbados")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.getenv("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded documents (core.documents): the largest accepted, and the kinds of file accepted.
DOCUMENT_MAX_MB = int(os.getenv("DOCUMENT_MAX_MB", "20"))
DOCUMENT_EXTENSIONS = env_list(
    "DOCUMENT_EXTENSIONS", "pdf,doc,docx,odt,rtf,txt,xls,xlsx,ods,csv,ppt,pptx,odp,png,jpg,jpeg,eml,msg"
)


def uploaded_files_storage() -> dict:
    """Where uploaded documents live: MEDIA_ROOT on local disk, or an S3-compatible bucket shared
    by every web server and worker (`ATTACHE_STORAGE=s3`). Either way the files are private: they
    are read through the storage by the permission-checked download view, never linked to."""
    kind = os.getenv("ATTACHE_STORAGE", "local")
    if kind == "local":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if kind != "s3":
        raise ImproperlyConfigured(f"ATTACHE_STORAGE must be local or s3, got {kind!r}")
    if not os.getenv("S3_BUCKET"):
        raise ImproperlyConfigured("S3_BUCKET must be set when ATTACHE_STORAGE is s3")
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.getenv("S3_BUCKET"),
            # Any S3-compatible service (MinIO, Ceph, a cloud's object storage); unset for AWS.
            "endpoint_url": os.getenv("S3_ENDPOINT_URL") or None,
            "region_name": os.getenv("S3_REGION") or None,
            # Unset keys leave boto3 to its own chain (instance role, ~/.aws, AWS_* variables).
            "access_key": os.getenv("S3_ACCESS_KEY_ID") or None,
            "secret_key": env_secret("S3_SECRET_ACCESS_KEY", fallback="") or None,
            "location": os.getenv("S3_PREFIX", ""),
            "default_acl": "private",
            "querystring_auth": True,  # no unsigned URL ever reaches a file
            "file_overwrite": False,  # two uploads of report.pdf keep both
        },
    }


STORAGES = {
    "default": uploaded_files_storage(),
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if LOCAL
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# On this machine whitenoise serves the apps' static files as they are, with no collectstatic.
WHITENOISE_USE_FINDERS = LOCAL
# Source maps (half the collected bytes) are read only by developers' tools: not worth the
# gzip and brotli copies, which took most of collectstatic's two minutes.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")

if DEMO:
    # One .eml file per message under var/mail/, also listed on the secretariat's outbox page.
    _DEFAULT_EMAIL_BACKEND = "core.mail.OutboxBackend"
elif DEBUG:
    _DEFAULT_EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    _DEFAULT_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_BACKEND = os.getenv("EMAIL_BACKEND", _DEFAULT_EMAIL_BACKEND)
EMAIL_FILE_PATH = Path(os.getenv("EMAIL_FILE_PATH", BASE_DIR / "var" / "mail"))
EMAIL_HOST = os.getenv("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.getenv("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.getenv("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.getenv("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "Attaché <attache@localhost>")

# The database-backed queue (worked by `attache db_worker`); the demo runs each task at once,
# so its notifications are sent with no worker to start.
_DEFAULT_TASKS_BACKEND = (
    "django_tasks.backends.immediate.ImmediateBackend" if DEMO else "django_tasks_db.DatabaseBackend"
)
TASKS = {"default": {"BACKEND": os.getenv("TASKS_BACKEND", _DEFAULT_TASKS_BACKEND)}}
# How long a questionnaire link (signed, no account needed) stays valid after it is sent, in days.
EVALUATION_LINK_DAYS = int(os.getenv("EVALUATION_LINK_DAYS", "60"))

# A filter left empty reads "Any" in every filter set, never django-filter's "---------".
FILTERS_EMPTY_CHOICE_LABEL = _("Any")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.api_auth.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["core.api_permissions.ScopedObjectPermissions"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    # JSON with a size and nesting limit, a NUL refused by field (core.input), then forms and files.
    "DEFAULT_PARSER_CLASSES": [
        "core.input.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.api_pagination.CappedPageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "core.api_schema.VersionedAutoSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Attaché API",
    "DESCRIPTION": "Peer-to-peer technical cooperation among member states.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Made once per language and version in each process (core.api_schema).
    "DEFAULT_GENERATOR_CLASS": "core.api_schema.RememberedSchemaGenerator",
    # The refusals every operation can answer, with their one error body each (core.api_refusals).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api_refusals.document_refusals",
    ],
    # Several models have a `status`; name each set of choices after what it is.
    "ENUM_NAME_OVERRIDES": {
        "InvitationStatusEnum": "matching.choices.InvitationStatus",
        "PracticeStatusEnum": "portfolio.choices.PracticeStatus",
        "RequestStatusEnum": "assistance.choices.Status",
        "ImplementationStatusEnum": "decisions.choices.ImplementationStatus",
    },
}

BOOTSTRAP5 = {
    "css_url": {"url": "/static/bootstrap/css/bootstrap.min.css"},
    "javascript_url": {"url": "/static/bootstrap/js/bootstrap.bundle.min.js"},
}

# Only our own origin: htmx, Bootstrap and Swagger UI are all served from static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        # No injected <base> may redirect relative links, and forms post only back to Attaché.
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", str(not LOCAL))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", str(not LOCAL))
SECURE_HSTS_SECONDS = int(os.getenv("SECURE_HSTS_SECONDS", "0" if LOCAL else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not LOCAL
SECURE_HSTS_PRELOAD = not LOCAL
# The load balancer's health check asks over plain HTTP and must get its answer, not a redirect.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"

# Demo data may only be loaded where this is on (development and the demo site).
DEMO_ALLOWED = env_bool("DEMO_ALLOWED", str(LOCAL))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "INFO")},
}

# Requests: reference prefix (TA/2026/0042) and how many days a request may wait in a status
# before it is flagged overdue.
# Peer matching: the deployment's default weight of each factor (officers adjust them per request).
ATTACHE_MATCH_WEIGHTS = {
    "capability": 3.0,
    "fit": 2.0,
    "relevance": 3.0,
    "track_record": 1.0,
    "load": 1.0,
    "timing": 1.0,
    "cost": 1.0,
}
ATTACHE_MATCH_EXPERT_WEIGHTS = {
    "expertise": 3.0,
    "relevance": 2.0,
    "languages": 1.0,
    "availability": 1.0,
    "track_record": 1.0,
}
# Processes re-ranking the open requests (`attache rematch`); 0: every core available.
ATTACHE_MATCH_WORKERS = int(os.getenv("ATTACHE_MATCH_WORKERS", "0"))

# Published practices not reviewed or updated for this many days are flagged "needs update".
ATTACHE_PRACTICE_MAX_AGE_DAYS = int(os.getenv("ATTACHE_PRACTICE_MAX_AGE_DAYS", "365"))
ATTACHE_REFERENCE_PREFIX = os.getenv("ATTACHE_REFERENCE_PREFIX", "TA")
ATTACHE_STATUS_DEADLINES = {
    "submitted": int(os.getenv("DEADLINE_SUBMITTED_DAYS", "5")),
    "registered": int(os.getenv("DEADLINE_REGISTERED_DAYS", "10")),
    "assessing": int(os.getenv("DEADLINE_ASSESSING_DAYS", "30")),
    "on_hold": int(os.getenv("DEADLINE_ON_HOLD_DAYS", "60")),
    "approved": int(os.getenv("DEADLINE_APPROVED_DAYS", "30")),
}
