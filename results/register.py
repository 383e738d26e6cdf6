"""How results frameworks plug into the site: menu entry, pages, API, computed sources, demo.

Called once from `ResultsConfig.ready()`; see docs/adding-an-app.md."""

from django.utils.translation import gettext_lazy as _

from core.registry import (
    api_routes_register,
    demo_loader_register,
    detail_panel_register,
    menu_item_register,
    page_routes_register,
)
from results import computed, demo, selectors
from results.api.urls import router, urlpatterns
from results.models import Programme


def register() -> None:
    # In the follow-up drop-down: what the cooperation changed, beside how it was rated.
    menu_item_register(
        label=_("Results frameworks"),
        url_name="results:programme_list",
        order=30,
        permissions=[("view", Programme)],
        group="followup",
    )
    page_routes_register(app="results", prefix="results/", urls="results.urls")
    api_routes_register(app="results", router=router, urls=urlpatterns)
    computed.register()
    # The outputs an activity serves, on the activity's page.
    detail_panel_register(
        key="results_outputs",
        model="activities.Activity",
        template="results/activity_outputs_panel.html",
        context=selectors.activity_outputs_panel,
        order=60,
    )
    demo_loader_register(
        name="results", load=demo.load_results, depends_on=["community"], non_demo_data=demo.non_demo_data
    )
