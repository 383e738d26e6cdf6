"""Keep Python's full garbage collections short in a long-running web process.

A full collection (generation 2) walks every object the collector tracks. A web process holds
some 200,000 that live as long as it does (modules, URL patterns, compiled templates, translation
catalogues, the kept matching community and filter options), and walking them took 100–200 ms
inside whatever request was being answered: one page view in ten at the page benchmark's p95.

So what a process holds is moved out of the collector's sight (`gc.freeze()`): after its first
request, and after any request during which a full collection took longer than
`SLOW_FULL_COLLECTION_MS` (what survived it lives long: compiled templates, kept caches filling
up). A full collection then walks only what was made since. The freeze is done once the response
has gone (Django's `request_finished`) and after a collection, so that the request's garbage is
not frozen with the living. Frozen objects are still freed when nothing refers to them any more;
only a reference cycle among them waits for the process to be replaced (gunicorn's
`--max-requests`).
"""

import gc
import time

from django.conf import settings
from django.core.signals import request_finished

SLOW_FULL_COLLECTION_MS = 10


class LongLivedFreezer:
    """Watches full collections; freezes what the process holds after its first request and
    after a request during which a full collection was slow."""

    def __init__(self, slow_ms: float = SLOW_FULL_COLLECTION_MS):
        self.slow_ms = slow_ms
        self.answered = 0
        self.due = False
        self._started = 0.0

    def on_collection(self, phase: str, info: dict) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        elif (time.perf_counter() - self._started) * 1000 > self.slow_ms:
            self.due = True

    def on_request_finished(self, **kwargs) -> None:
        self.answered += 1
        if self.answered == 1 or self.due:
            gc.collect()
            gc.freeze()
            self.due = False  # after the collection, which reports itself too


freezer = LongLivedFreezer()


def connect() -> None:
    """Freeze long-lived objects in this process when ATTACHE_FREEZE_LONG_LIVED is on (production;
    the test suite leaves it off, as its processes answer thousands of unrelated requests)."""
    if settings.ATTACHE_FREEZE_LONG_LIVED and freezer.on_collection not in gc.callbacks:
        gc.callbacks.append(freezer.on_collection)
        request_finished.connect(freezer.on_request_finished, dispatch_uid="core.long_lived")
