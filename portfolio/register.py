"""How the portfolio of practices plugs into the site: its menu entry, pages, API and demo data.

Called once from `PortfolioConfig.ready()`; see docs/adding-an-app.md."""

from django.utils.translation import gettext_lazy as _

from core.registry import api_routes_register, demo_loader_register, menu_item_register, page_routes_register
from portfolio import demo
from portfolio.api.urls import router
from portfolio.models import Practice


def register() -> None:
    menu_item_register(
        label=_("Practices"), url_name="portfolio:practice_list", order=50, permissions=[("view", Practice)]
    )
    page_routes_register(app="portfolio", prefix="practices/", urls="portfolio.urls")
    api_routes_register(app="portfolio", router=router)
    demo_loader_register(name="portfolio", load=demo.load_portfolio, depends_on=["community"])
