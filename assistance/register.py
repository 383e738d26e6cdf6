"""How requests for assistance plug into the site: their menu entry, pages, API and demo data.

Called once from `AssistanceConfig.ready()`; see docs/adding-an-app.md."""

from django.utils.translation import gettext_lazy as _

from assistance import demo, selectors
from assistance.api.urls import router
from assistance.models import AssistanceRequest
from core.registry import (
    api_routes_register,
    demo_loader_register,
    home_counters_register,
    home_worklist_register,
    menu_item_register,
    page_routes_register,
)


def register() -> None:
    menu_item_register(
        label=_("Requests"), url_name="assistance:request_list", order=10, permissions=[("view", AssistanceRequest)]
    )
    home_counters_register(app="assistance", order=5, counters=selectors.request_home_counters)
    home_worklist_register(app="assistance", order=5, items=selectors.request_worklist)
    page_routes_register(app="assistance", prefix="requests/", urls="assistance.urls")
    api_routes_register(app="assistance", router=router)
    # Demo requests cite the demo decisions.
    demo_loader_register(name="assistance", load=demo.load_requests, depends_on=["community", "decisions"])
