"""Settings for the test suite: the production settings with a development key and fast hashing."""

import os

os.environ.setdefault("DEBUG", "True")
os.environ.setdefault("SECURE_COOKIES", "False")
os.environ.setdefault("SECURE_SSL_REDIRECT", "False")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
