"""`make load`: 200 simulated people for 2 minutes against `attache serve` on this machine,
with the demo data on PostgreSQL, then the figures (requests, errors, median, p95).

LOAD_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/attache_load, created if missing),
REDIS_URL (optional: the shared cache and sessions), LOAD_USERS, LOAD_SECONDS, LOAD_SPAWN_RATE,
LOAD_PORT. The figures are those of the LOAD_SECONDS after every simulated person has signed in
(Locust's --reset-stats)."""

import csv
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ATTACHE = [sys.executable, "-c", "from config.cli import main; main()"]
DATABASE_URL = os.getenv("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/attache_load")
USERS = int(os.getenv("LOAD_USERS", "200"))
# Seconds of load once everyone has signed in; the figures cover those seconds only.
DURATION = int(os.getenv("LOAD_SECONDS", "120"))
# People signing in per second while the load builds up: each sign-in checks a password hash
# made slow on purpose (about half a second of CPU), so a burst of them is a load of its own.
SPAWN_RATE = float(os.getenv("LOAD_SPAWN_RATE", "4"))
PORT = os.getenv("LOAD_PORT", "8765")


def server_env(static_root: str) -> dict:
    """Production settings (DEBUG off), on plain HTTP because the load runs on loopback."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "False",
        "SECRET_KEY": os.getenv("SECRET_KEY", "attache-load-test-key"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "False",
        "SECURE_COOKIES": "False",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": DATABASE_URL,
        "DEMO_ALLOWED": "True",
        "STATIC_ROOT": static_root,
        "LOG_LEVEL": "WARNING",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }


def create_database() -> None:
    import psycopg

    server, name = DATABASE_URL.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def wait_for(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {timeout} s")


def figures(prefix: str) -> None:
    with open(f"{prefix}_stats.csv") as stats:
        rows = list(csv.DictReader(stats))
    print(f"\n{'page':<28}{'requests':>10}{'errors':>8}{'median ms':>11}{'p95 ms':>8}{'req/s':>8}")
    for row in rows:
        print(
            f"{row['Name']:<28}{row['Request Count']:>10}{row['Failure Count']:>8}"
            f"{row['50%']:>11}{row['95%']:>8}{float(row['Requests/s']):>8.1f}"
        )


def main() -> None:
    create_database()
    with tempfile.TemporaryDirectory() as scratch:
        env = server_env(f"{scratch}/static")
        for step in (["migrate", "--no-input", "-v0"], ["load_demo", "-v0"], ["collectstatic", "--no-input", "-v0"]):
            subprocess.run([*ATTACHE, *step], cwd=ROOT, env=env, check=True)
        server = subprocess.Popen(
            [*ATTACHE, "serve", "--bind", f"127.0.0.1:{PORT}", "--access-logfile", "/dev/null"], cwd=ROOT, env=env
        )
        try:
            host = f"http://127.0.0.1:{PORT}"
            wait_for(f"{host}/healthz")
            print(f"load average before: {os.getloadavg()}")
            prefix = f"{scratch}/load"
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "locust",
                    "-f",
                    str(ROOT / "bench" / "locustfile.py"),
                    "--headless",
                    "--users",
                    str(USERS),
                    "--spawn-rate",
                    str(SPAWN_RATE),
                    "--run-time",
                    f"{int(USERS / SPAWN_RATE) + DURATION}s",
                    "--reset-stats",
                    "--host",
                    host,
                    "--csv",
                    prefix,
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                ],
                cwd=ROOT,
                check=False,
            )
            print(f"load average after: {os.getloadavg()}")
            figures(prefix)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
