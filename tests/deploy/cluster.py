"""Attaché as production runs it, on this machine: `attache serve` web servers and `attache
db_worker` task workers, as separate processes sharing only one PostgreSQL database, one Redis
and one folder of files. Used by the scale-out test."""

import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import psycopg
import redis
import requests

ROOT = Path(__file__).resolve().parents[2]
# A server database to create test databases from, and a Redis database of their own.
POSTGRES_URL = os.getenv("ATTACHE_DEPLOY_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.getenv("ATTACHE_DEPLOY_REDIS", "redis://127.0.0.1:6379/5")
# Runs the `attache` command from this checkout, whichever checkout the virtualenv points to.
ATTACHE = [sys.executable, "-c", "from config.cli import main; main()"]


def unreachable_reason() -> str | None:
    """Why the test cannot run here, or None when PostgreSQL and Redis both answer."""
    try:
        psycopg.connect(POSTGRES_URL, connect_timeout=2).close()
    except psycopg.Error as error:
        return f"PostgreSQL at {POSTGRES_URL} is not reachable ({error.__class__.__name__})"
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        return f"Redis at {REDIS_URL} is not reachable ({error.__class__.__name__})"
    return None


def _admin(sql: str) -> list[tuple]:
    with psycopg.connect(POSTGRES_URL, autocommit=True) as connection:
        cursor = connection.execute(sql)
        return cursor.fetchall() if cursor.description else []


def _database_url(name: str) -> str:
    return POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"


def _migrations_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("*/migrations/*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def migrated_template(env: dict) -> str:
    """A database migrated to this checkout's migrations, kept between runs (migrating takes most
    of a minute; copying a template takes a second)."""
    name = f"attache_deploy_tpl_{_migrations_digest()}"
    if _admin(f"SELECT 1 FROM pg_database WHERE datname = '{name}'"):
        return name
    for (old,) in _admin("SELECT datname FROM pg_database WHERE datname LIKE 'attache_deploy_tpl_%'"):
        _admin(f'DROP DATABASE IF EXISTS "{old}"')
    building = f"{name}_building"
    _admin(f'CREATE DATABASE "{building}"')
    attache(["migrate", "--no-input", "-v0"], env={**env, "DATABASE_URL": _database_url(building)})
    _admin(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
    return name


# The digest of every file collectstatic would collect, as Django's finders list them.
STATIC_SOURCES_DIGEST = """
import hashlib, django
django.setup()
from django.contrib.staticfiles.finders import get_finders
digest = hashlib.sha256()
for finder in get_finders():
    for path, storage in sorted(finder.list([]), key=lambda found: found[0]):
        digest.update(path.encode() + storage.open(path).read())
print(digest.hexdigest()[:12])
"""


def collected_static(env: dict) -> Path:
    """The static files as collectstatic leaves them for production (hashed names, gzip and
    brotli copies), kept between runs in the system's temporary folder: compressing them takes
    most of two minutes, and the result depends only on the files collected."""
    digest = subprocess.run(
        [sys.executable, "-c", STATIC_SOURCES_DIGEST], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    folder = Path(tempfile.gettempdir()) / f"attache_deploy_static_{digest}"
    if (folder / "staticfiles.json").exists():
        return folder
    for old in folder.parent.glob("attache_deploy_static_*"):
        shutil.rmtree(old, ignore_errors=True)
    building = folder.with_name(f"{folder.name}_building_{uuid.uuid4().hex[:10]}")
    attache(["collectstatic", "--no-input", "-v0"], env={**env, "STATIC_ROOT": str(building)})
    building.rename(folder)
    return folder


def attache(args: list[str], *, env: dict) -> str:
    done = subprocess.run([*ATTACHE, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"attache {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the web server on {url} exited with {process.returncode}"
        try:
            if requests.get(f"{url}/healthz", timeout=5).status_code == 200:
                return
        except requests.RequestException:  # not listening yet, or still loading Django
            pass
        time.sleep(0.3)
    raise AssertionError(f"the web server on {url} did not answer /healthz within {timeout} s")


class Cluster:
    """What a running cluster offers the test: its servers' addresses, what was seeded, and
    read access to the shared database and outbox folder."""

    def __init__(self, *, database_url: str, outbox: Path, servers: list[str], seeded: dict):
        self.database_url = database_url
        self.outbox = outbox
        self.servers = servers
        self.seeded = seeded

    def query(self, sql: str) -> list[tuple]:
        with psycopg.connect(self.database_url) as connection:
            return connection.execute(sql).fetchall()


@contextmanager
def cluster(tmp_path: Path, *, web_servers: int = 2, workers: int = 2):
    """Start `web_servers` gunicorn servers and `workers` task workers on a fresh copy of the
    migrated database; stop them and drop the database afterwards."""
    run = uuid.uuid4().hex[:10]
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith(("PYTEST", "DJANGO"))},
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "False",
        "ATTACHE_DEMO": "False",
        "SECRET_KEY": f"deploy-test-{uuid.uuid4().hex}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "False",
        "SECURE_COOKIES": "False",
        "SECURE_HSTS_SECONDS": "0",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": f"deploy-{run}",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_BACKEND": "core.mail.OutboxBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "LOG_LEVEL": "WARNING",
        "WEB_CONCURRENCY": "2",
    }
    env["STATIC_ROOT"] = str(collected_static(env))
    template = migrated_template(env)
    name = f"attache_deploy_{run}"
    _admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    env["DATABASE_URL"] = _database_url(name)
    processes: list[subprocess.Popen] = []
    try:
        seed = "import django; django.setup(); from tests.deploy.seed import seed; seed()"
        seeded = json.loads(
            subprocess.run(
                [sys.executable, "-c", seed], cwd=ROOT, env=env, capture_output=True, text=True, check=True
            ).stdout
        )
        logs = tmp_path / "logs"
        logs.mkdir()
        servers = []
        for n in range(web_servers):
            port = free_port()
            log = open(logs / f"web-{n}.log", "w")  # noqa: SIM115 - closed with the process
            processes.append(
                subprocess.Popen(
                    [*ATTACHE, "serve", "--bind", f"127.0.0.1:{port}"], cwd=ROOT, env=env, stdout=log, stderr=log
                )
            )
            servers.append(f"http://127.0.0.1:{port}")
        for n in range(workers):
            log = open(logs / f"worker-{n}.log", "w")  # noqa: SIM115 - closed with the process
            worker = ["db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2", "--worker-id", f"w{n}"]
            processes.append(subprocess.Popen([*ATTACHE, *worker], cwd=ROOT, env=env, stdout=log, stderr=log))
        for url, process in zip(servers, processes, strict=False):
            wait_until_healthy(url, process)
        yield Cluster(database_url=env["DATABASE_URL"], outbox=tmp_path / "mail", servers=servers, seeded=seeded)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        keys = redis.Redis.from_url(REDIS_URL)
        for key in keys.scan_iter(f"deploy-{run}:*"):
            keys.delete(key)
