"""Pages kept for the person who asked for them, until something they show changes.

An officer opens the home page, the requests list or the board many times between two changes
of what they show. A view marked with `@kept_page` is rendered once and its HTML kept in the cache
for that signed-in session, with the tables its queries read (watched with a database execute
wrapper) and the change counters of those tables then (`core.data_version`). The next time the
same session asks for the same address in the same language, the kept page is answered if none
of those counters moved, without running the view; after a change of any record it showed, or
after `KEPT_FOR` seconds (relative times such as "3 hours ago" age), it is rendered again.

Never kept: anything but a 200 HTML answer to a GET; a page shown with a message (a message is
shown once); a page with a script nonce (each answer has its own); an answer that sets a cookie;
a page rendered in a transaction with changes not yet committed. What a page shows depends on
who reads it, so a kept page is only ever answered to the session it was rendered for (its key
holds the session and CSRF cookies, the user and their role's data through `accounts.user`).
`ATTACHE_KEPT_PAGES=False` turns keeping off (the page benchmark times renders that way).
"""

from __future__ import annotations

import hashlib
import re
import secrets
import struct
import threading
import zlib

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from core import data_version

KEPT_FOR = 120  # seconds
# Read by every signed-in page before the view runs (the middleware loads the user).
ALWAYS_READ = frozenset({"accounts.user"})
_TABLE = re.compile(r'(?:FROM|JOIN) "(\w+)"')
_local = threading.local()


def kept_page(view):
    """Mark `view` (a function, or a class-based view's `as_view()`) as one whose pages are kept."""
    view.kept_page = True
    return view


def note_read(*models) -> None:
    """Count `models` among what the page being kept shows, though no query of this request read
    them (what a process keeps by the counters, like a filter's options)."""
    reads = getattr(_local, "reads", None)
    if reads is not None:
        reads.update(data_version.label_of(model) for model in models)


class KeptPageMiddleware:
    """Answers a kept page when it is still right; keeps what a marked view renders. Last in
    MIDDLEWARE: the sign-in, two-factor, language and CSRF checks run before it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.get_response(request)
        finally:
            watched = _stop_watching(request)
        if watched is not None and _keepable(request, response):
            key, counters, reads = watched
            version = counters.get(data_version.EVERYTHING, 0) + sum(counters.get(label, 0) for label in reads)
            cache.set(key, {"reads": sorted(reads), "version": version, **_parts(response)}, KEPT_FOR)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not (getattr(view_func, "kept_page", False) and _may_keep(request)):
            return None
        key = _key(request)
        kept = cache.get(key)
        if kept is not None and kept["version"] == data_version.version_of(*kept["reads"]):
            return _answer(kept, request)
        # The counters before the view reads anything: a change meanwhile shows at the next view.
        request._kept_page = (key, data_version.versions())
        _local.reads = set(ALWAYS_READ)
        connection.execute_wrappers.append(_watch_tables)
        return None


def _stop_watching(request) -> tuple | None:
    """What the view read, once it has answered (None if it was not watched)."""
    watching = getattr(request, "_kept_page", None)
    if watching is None:
        return None
    connection.execute_wrappers.remove(_watch_tables)
    reads, _local.reads = _local.reads, None
    return (*watching, reads)


def _may_keep(request) -> bool:
    return (
        getattr(settings, "ATTACHE_KEPT_PAGES", True)
        and request.method == "GET"
        and request.user.is_authenticated
        and request.session.session_key is not None
        and not len(messages.get_messages(request))  # loaded, not consumed: the view still shows them
        and not data_version.pending()
    )


def _key(request) -> str:
    named = (
        request.session.session_key,
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
        request.user.pk,
        request.get_full_path(),
        get_language(),
        timezone.localdate().isoformat(),
        sorted((name, value) for name, value in request.headers.items() if name.lower().startswith("hx-")),
    )
    return "page:" + hashlib.sha256(repr(named).encode()).hexdigest()


def _watch_tables(execute, sql, params, many, context):
    reads = getattr(_local, "reads", None)
    if reads is not None:
        by_table = data_version.models_by_table()
        reads.update(by_table[table]._meta.label_lower for table in _TABLE.findall(sql) if table in by_table)
    return execute(sql, params, many, context)


def _keepable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and not hasattr(request, "_csp_nonce")
        and not len(messages.get_messages(request))
        and not data_version.pending()
    )


def _parts(response) -> dict:
    headers = {name: value for name, value in response.items() if name.lower() not in {"content-length"}}
    parts = {"content": response.content, "headers": headers}
    if _compressing() and len(response.content) >= 200:
        parts["gzip"] = _deflated(response.content)
    return parts


def _answer(kept: dict, request) -> HttpResponse:
    gzip = kept.get("gzip")
    accepts_gzip = gzip is not None and re_accepts_gzip.search(request.headers.get("Accept-Encoding", ""))
    response = HttpResponse(_gzip_member(gzip) if accepts_gzip else kept["content"])
    for name, value in kept["headers"].items():
        response[name] = value
    if accepts_gzip:
        # GZipMiddleware leaves an answer that says its encoding alone.
        response["Content-Encoding"] = "gzip"
        patch_vary_headers(response, ("Accept-Encoding",))
    return response


# A kept page is compressed once, not at each answer (a map's 450 kB took longer to compress than
# to fetch from the cache). Each answer still gets a gzip header of its own with a random-length
# file name, as Django's GZipMiddleware writes it, so its length varies as before (BREACH).


def _compressing() -> bool:
    return "django.middleware.gzip.GZipMiddleware" in settings.MIDDLEWARE


def _deflated(content: bytes) -> dict:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return {
        "deflated": compressor.compress(content) + compressor.flush(),
        "crc": zlib.crc32(content),
        "size": len(content),
    }


def _gzip_member(gzip: dict) -> bytes:
    name = b"a" * secrets.randbelow(GZipMiddleware.max_random_bytes) + b"\x00"
    # Magic, deflate, FNAME flag; no modification time; no extra flags; unknown system (255).
    header = b"\x1f\x8b\x08\x08" + b"\x00\x00\x00\x00" + b"\x00\xff" + name
    return header + gzip["deflated"] + struct.pack("<II", gzip["crc"], gzip["size"] & 0xFFFFFFFF)
