"""The site mounted below /elsewhere/ (test_record_url)."""

from django.urls import include, path

urlpatterns = [path("elsewhere/", include("config.urls"))]
