"""How the maturity map plugs into the site: its menu entry, pages, API and demo data.

Called once from `MaturityConfig.ready()`; see docs/adding-an-app.md."""

from django.utils.translation import gettext_lazy as _

from core.registry import api_routes_register, demo_loader_register, menu_item_register, page_routes_register
from maturity import demo
from maturity.api.urls import router
from maturity.models import MaturityAssessment


def register() -> None:
    menu_item_register(
        label=_("Maturity map"), url_name="maturity:heatmap", order=20, permissions=[("view", MaturityAssessment)]
    )
    page_routes_register(app="maturity", prefix="maturity/", urls="maturity.urls")
    api_routes_register(app="maturity", router=router)
    demo_loader_register(name="maturity", load=demo.load_maturity, depends_on=["community"])
