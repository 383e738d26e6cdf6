from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from core.views_site import healthz

api_v1 = [
    path("", include("community.api.urls")),
    path("", include("maturity.api.urls")),
    path("", include("decisions.api.urls")),
    path("", include("assistance.api.urls")),
    path("", include("portfolio.api.urls")),
    path("", include("matching.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include((api_v1, "api"), namespace="api")),
    path("", include("core.urls")),
    path("accounts/", include("accounts.urls")),
    path("registry/", include("community.urls")),
    path("maturity/", include("maturity.urls")),
    path("decisions/", include("decisions.urls")),
    path("requests/", include("assistance.urls")),
    path("practices/", include("portfolio.urls")),
    path("matching/", include("matching.urls")),
    path("admin/", admin.site.urls),
]
