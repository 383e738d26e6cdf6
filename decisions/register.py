"""How the decisions tracker plugs into the site: its menu entries, pages, API and demo data.

Called once from `DecisionsConfig.ready()`; see docs/adding-an-app.md."""

from django.utils.translation import gettext_lazy as _

from core.registry import api_routes_register, demo_loader_register, menu_item_register, page_routes_register
from decisions import demo
from decisions.api.urls import router
from decisions.models import Decision, ImplementationReport


def register() -> None:
    menu_item_register(
        label=_("Implementation"),
        url_name="decisions:implementation_heatmap",
        order=30,
        permissions=[("view", ImplementationReport)],
    )
    menu_item_register(
        label=_("Decisions"), url_name="decisions:decision_list", order=40, permissions=[("view", Decision)]
    )
    page_routes_register(app="decisions", prefix="decisions/", urls="decisions.urls")
    api_routes_register(app="decisions", router=router)
    demo_loader_register(name="decisions", load=demo.load_decisions, depends_on=["community"])
