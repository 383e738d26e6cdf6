"""How activities plug into the site: menu entry, pages, API, the panel on a request's page and
the home worklist.

Called once from `ActivitiesConfig.ready()`; see docs/adding-an-app.md."""

from django.utils.translation import gettext_lazy as _

from activities import demo, selectors, worklist
from activities.api.urls import router, urlpatterns
from activities.models import Activity
from core.registry import (
    api_routes_register,
    demo_loader_register,
    detail_panel_register,
    home_worklist_register,
    menu_item_register,
    page_routes_register,
)


def register() -> None:
    menu_item_register(
        label=_("Activities"), url_name="activities:activity_list", order=55, permissions=[("view", Activity)]
    )
    detail_panel_register(
        key="activities-serving",
        model="assistance.AssistanceRequest",
        template="activities/activity_request_panel.html",
        context=selectors.request_activities_panel,
        order=60,
    )
    home_worklist_register(app="activities", order=20, items=worklist.activity_worklist)
    page_routes_register(app="activities", prefix="activities/", urls="activities.urls")
    api_routes_register(app="activities", router=router, urls=urlpatterns)
    demo_loader_register(
        name="activities", load=demo.load_activities, depends_on=["community", "assistance", "matching"]
    )
