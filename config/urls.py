"""The site's URLs: core's own pages, then every app's pages and API routes from the registry
(`core.registry`), so adding an app touches no line here."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from core.registry import api_urlpatterns, page_urlpatterns
from core.views_site import healthz

api_v1 = [
    *api_urlpatterns(),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view loads its start-up script from this same address (?script=), so the page
    # needs no inline script and the site's content security policy stays as strict as elsewhere.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]

# A lost database connection outside a view (e.g. in a middleware) is a 503 too.
handler500 = "core.views_site.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include((api_v1, "api"), namespace="api")),
    path("", include("core.urls")),
    path("accounts/", include("accounts.urls")),
    *page_urlpatterns(),
    path("admin/", admin.site.urls),
]

# The API answers JSON even for an address no route matches, or a request Django refuses.
handler400 = "core.input.bad_request"
handler404 = "core.input.page_not_found"
