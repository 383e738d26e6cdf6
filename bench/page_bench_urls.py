"""The site's URLs plus the page benchmark's bare view: the cost of Django itself, the
middleware and the session, against which every page is compared."""

from django.http import HttpResponse
from django.urls import path

from config.urls import handler400, handler404, handler500
from config.urls import urlpatterns as site_urlpatterns

BARE_PATH = "/bench/bare/"


def bare(request):
    """A trivial view: a small response, no template, no query of its own."""
    return HttpResponse(b"<!doctype html><title>bare</title><p>bare", content_type="text/html; charset=utf-8")


urlpatterns = [path(BARE_PATH.strip("/") + "/", bare, name="bench_bare"), *site_urlpatterns]
__all__ = ["handler400", "handler404", "handler500", "urlpatterns"]
