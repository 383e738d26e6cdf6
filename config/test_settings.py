"""Settings for the test suite: the production settings with a development key and fast hashing."""

import os

os.environ.setdefault("DEBUG", "True")
os.environ.setdefault("SECURE_COOKIES", "False")
os.environ.setdefault("SECURE_SSL_REDIRECT", "False")

import dj_database_url  # noqa: E402

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# A test process answers thousands of unrelated requests: nothing it holds is long-lived.
ATTACHE_FREEZE_LONG_LIVED = False
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405

# A second database on the other engine, for the backup round trip (core/tests/test_backup.py):
# SQLite when the suite runs on PostgreSQL; PostgreSQL when the suite runs on SQLite and
# DATABASE_URL_OTHER names one (that part is skipped otherwise). Only tests that ask for
# "other" create it.
_OTHER_URL = os.getenv("DATABASE_URL_OTHER") or (
    "sqlite://:memory:" if DATABASES["default"]["ENGINE"].endswith("postgresql") else ""  # noqa: F405
)
if _OTHER_URL:
    DATABASES["other"] = dj_database_url.parse(_OTHER_URL)  # noqa: F405
    # Its tables come from the models (the data migrations read the default database); the
    # backup test records the default's migrations there, as `attache migrate` would.
    DATABASES["other"]["TEST"] = {"MIGRATE": False}  # noqa: F405
# Static files are looked up when asked for: at start-up whitenoise would walk every app's static
# folder again for each test client, a fifth of a page test's time.
WHITENOISE_AUTOREFRESH = True
