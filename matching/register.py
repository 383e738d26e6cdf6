"""How peer matching plugs into the site: its menu entry, pages and API.

Called once from `MatchingConfig.ready()`; see docs/adding-an-app.md."""

from django.utils.translation import gettext_lazy as _

from core.registry import api_routes_register, menu_item_register, page_routes_register
from matching.api.urls import router, urlpatterns
from matching.models import ExpertInvitation, HostInvitation


def register() -> None:
    # Whoever may send invitations or answer one: the secretariat, host coordinators, focal
    # points of an invited state, experts.
    menu_item_register(
        label=_("Invitations"),
        url_name="matching:invitation_list",
        order=60,
        permissions=[("invite", HostInvitation), ("accept", HostInvitation), ("accept", ExpertInvitation)],
    )
    page_routes_register(app="matching", prefix="matching/", urls="matching.urls")
    api_routes_register(app="matching", router=router, urls=urlpatterns)
