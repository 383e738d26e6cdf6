"""`attache serve`: the production web server, gunicorn, with Attaché's defaults.

Every option gunicorn has can still be given after `serve` (they win over these defaults), and
gunicorn's own environment variables keep working: WEB_CONCURRENCY (worker processes),
FORWARDED_ALLOW_IPS (the proxies whose X-Forwarded-* headers are believed) and GUNICORN_CMD_ARGS.
"""

import os
import sys


def default_workers() -> int:
    """Two sync workers per core plus one, gunicorn's rule of thumb for requests that wait on the
    database; WEB_CONCURRENCY overrides it."""
    return int(os.getenv("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1) + 1)


def gunicorn_argv(extra: list[str]) -> list[str]:
    """The gunicorn command line: Attaché's defaults first, so that anything in `extra` wins."""
    # gunicorn adds up the addresses of every --bind, so the default one goes only when none is given.
    given_bind = any(arg in ("-b", "--bind") or arg.startswith("--bind=") for arg in extra)
    bind = [] if given_bind else ["--bind", os.getenv("ATTACHE_BIND", "127.0.0.1:8000")]
    return [
        "gunicorn",
        *bind,
        "--workers",
        str(default_workers()),
        # A page that takes longer than this is killed and answered 502 by the proxy.
        "--timeout",
        os.getenv("ATTACHE_WEB_TIMEOUT", "30"),
        "--graceful-timeout",
        "30",
        # Matches a proxy's idle keep-alive towards its upstreams.
        "--keep-alive",
        "5",
        # A worker is replaced after this many requests (with jitter, not all at once), so
        # memory a page once needed is given back.
        "--max-requests",
        "2000",
        "--max-requests-jitter",
        "200",
        "--access-logfile",
        "-",
        "--error-logfile",
        "-",
        *extra,
        "config.wsgi:application",
    ]


def serve(extra: list[str]) -> None:
    """Run gunicorn in this process (a process manager sees one process to stop and restart)."""
    from gunicorn.app.wsgiapp import run

    sys.argv = gunicorn_argv(extra)
    run()
