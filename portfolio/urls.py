from django.urls import path

from core.urls_helpers import crud_urls
from portfolio import views

app_name = "portfolio"


def _at_mount_point(patterns, prefix: str):
    """crud_urls builds `practices/...`; this app is already mounted at /practices/."""
    return [path(str(p.pattern).removeprefix(prefix), p.callback, name=p.name) for p in patterns]


urlpatterns = [
    *_at_mount_point(crud_urls(views, "practice"), "practices/"),
    path("<int:pk>/publish/", views.practice_publish, name="practice_publish"),
    path("<int:pk>/request-update/", views.practice_request_update, name="practice_request_update"),
]
