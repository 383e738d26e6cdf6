"""Site-wide pages: the home page and the health check."""

import logging
import sys

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views import defaults
from django.views.decorators.cache import never_cache

from core.middleware import UNAVAILABLE, database_unavailable_response, drop_broken_connections
from core.registry import home_counters_for, home_worklist_for

logger = logging.getLogger(__name__)


@login_required
def home(request):
    """What waits for the user now (`core.registry.home_worklist_register`) and the figures every
    registered app shows them (`core.registry.home_counters_register`)."""
    context = {"worklist": home_worklist_for(request.user), "counters": home_counters_for(request.user)}
    return render(request, "core/home.html", context)


@never_cache
def healthz(request):
    """Load balancers ask this: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        # The error can name internal hosts: it goes to the log, not to the public.
        logger.exception("Health check: the database did not answer")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def server_error(request):
    """Django's 500 page, except for a database that cannot be reached: a 503 saying nothing was saved."""
    if isinstance(sys.exc_info()[1], UNAVAILABLE):
        drop_broken_connections()
        return database_unavailable_response(request)
    return defaults.server_error(request)
