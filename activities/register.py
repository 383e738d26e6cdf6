"""How activities plug into the site: menu entry, pages, API, home worklist and demo data.

Called once from `ActivitiesConfig.ready()`; see docs/adding-an-app.md."""

from activities import demo
from activities.api.urls import router, urlpatterns
from core.registry import api_routes_register, demo_loader_register, page_routes_register


def register() -> None:
    page_routes_register(app="activities", prefix="activities/", urls="activities.urls")
    api_routes_register(app="activities", router=router, urls=urlpatterns)
    demo_loader_register(name="activities", load=demo.load_activities, depends_on=["community", "assistance"])
