"""The production settings read from the environment: Redis for the cache and sessions, uploads
on local disk or an S3-compatible bucket, page compression; and `attache serve`'s gunicorn
command line."""

import json
import subprocess
import sys

import pytest

from config.serve import gunicorn_argv
from tests.deploy.cluster import ROOT

READ = (
    "import json, config.settings as s; print(json.dumps({'caches': s.CACHES, 'storages': s.STORAGES, "
    "'session': getattr(s, 'SESSION_ENGINE', None), 'middleware': s.MIDDLEWARE}, default=str))"
)


def settings_with(**env) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", READ],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "True", **env},
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise RuntimeError(done.stderr.strip().splitlines()[-1])
    return json.loads(done.stdout)


def test_redis_holds_the_cache_and_sessions_for_every_server():
    read = settings_with(REDIS_URL="redis://cache.internal:6379/0", CACHE_KEY_PREFIX="site-a")
    assert read["caches"]["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.internal:6379/0",
        "KEY_PREFIX": "site-a",
    }
    assert read["session"] == "django.contrib.sessions.backends.cached_db"


def test_without_redis_each_process_caches_alone_and_sessions_stay_in_the_database():
    read = settings_with()
    assert read["caches"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert read["session"] is None


def test_uploads_go_to_a_private_s3_compatible_bucket():
    read = settings_with(
        ATTACHE_STORAGE="s3",
        S3_BUCKET="attache-files",
        S3_ENDPOINT_URL="https://objects.example.org",
        S3_ACCESS_KEY_ID="key",
        S3_SECRET_ACCESS_KEY="secret",
    )
    default = read["storages"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    options = default["OPTIONS"]
    assert options["bucket_name"] == "attache-files"
    assert options["endpoint_url"] == "https://objects.example.org"
    assert options["default_acl"] == "private"
    assert options["querystring_auth"] is True


def test_the_s3_storage_builds_from_those_options():
    from storages.backends.s3 import S3Storage

    storage = S3Storage(bucket_name="attache-files", default_acl="private", endpoint_url="https://objects.example.org")
    assert storage.bucket_name == "attache-files"
    assert storage.default_acl == "private"


def test_s3_without_a_bucket_or_an_unknown_storage_is_refused():
    with pytest.raises(RuntimeError, match="S3_BUCKET must be set"):
        settings_with(ATTACHE_STORAGE="s3")
    with pytest.raises(RuntimeError, match="ATTACHE_STORAGE must be local or s3"):
        settings_with(ATTACHE_STORAGE="ftp")


def test_uploads_stay_on_local_disk_by_default():
    assert settings_with()["storages"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_pages_are_compressed_unless_the_proxy_does_it():
    assert "django.middleware.gzip.GZipMiddleware" in settings_with()["middleware"]
    assert "django.middleware.gzip.GZipMiddleware" not in settings_with(ATTACHE_COMPRESS_PAGES="False")["middleware"]


def test_serve_runs_gunicorn_with_defaults_that_given_options_override(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "7")
    argv = gunicorn_argv([])
    assert argv[argv.index("--workers") + 1] == "7"
    assert argv[argv.index("--bind") + 1] == "127.0.0.1:8000"
    assert argv[argv.index("--timeout") + 1] == "30"
    assert argv[-1] == "config.wsgi:application"

    given = gunicorn_argv(["--bind", "0.0.0.0:9000"])
    assert given.count("--bind") == 1, "gunicorn would listen on both addresses"
    assert given[given.index("--bind") + 1] == "0.0.0.0:9000"
