"""A lost database connection answers 503 with a clear message, never a 500.

Every write runs in one transaction (the generic views save inside `transaction.atomic()`, the
services are atomic), so when the connection drops or the database restarts in the middle of a
request, PostgreSQL rolls back whatever that request had written: nothing half-written remains,
and the person is told that nothing was saved. The broken
connection is closed here, so the next request opens a fresh one (CONN_HEALTH_CHECKS checks a
kept one before it is reused)."""

import logging

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# Errors a driver raises when it cannot talk to the database (connection lost, server restarting,
# too many clients, a lock wait that timed out), as opposed to a bad query, which stays a 500.
UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 5


def database_unavailable_response(request) -> HttpResponse:
    """The 503 answer: JSON `{"detail": …}` for the API, a page (rendered without the database) otherwise."""
    message = _("The database is unavailable; nothing was saved. Please try again in a moment.")
    if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
        response = JsonResponse({"detail": message}, status=503)
    else:
        response = HttpResponse(render_to_string("503.html", {"message": message}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def drop_broken_connections() -> None:
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, UNAVAILABLE):
            return None
        logger.error("Database unavailable during %s %s", request.method, request.path, exc_info=exception)
        drop_broken_connections()
        return database_unavailable_response(request)
