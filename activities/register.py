"""How activities plug into the site: menu entry, pages, API, home worklist and demo data.

Called once from `ActivitiesConfig.ready()`; see docs/adding-an-app.md."""

from activities.api.urls import router, urlpatterns
from core.registry import api_routes_register, page_routes_register


def register() -> None:
    page_routes_register(app="activities", prefix="activities/", urls="activities.urls")
    api_routes_register(app="activities", router=router, urls=urlpatterns)
