"""How peer matching plugs into the site: its menu entry, home figure, panel on the request page,
pages and API.

Called once from `MatchingConfig.ready()`; see docs/adding-an-app.md."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.registry import (
    HomeCounter,
    api_routes_register,
    demo_loader_register,
    detail_panel_register,
    home_counters_register,
    home_worklist_register,
    menu_item_register,
    page_routes_register,
)
from matching import demo, events, selectors, worklist
from matching.api.urls import router, urlpatterns
from matching.models import ExpertInvitation, HostInvitation


def home_counters(*, user) -> list[HomeCounter]:
    """For whoever answers invitations (a host state's focal points, host coordinators, experts):
    how many wait for their answer, two queries at most."""
    count = selectors.waiting_invitations_count(user=user)
    if count is None:
        return []
    return [HomeCounter(_("invitations waiting for your answer"), count, reverse("matching:invitation_list"))]


def register() -> None:
    events.events_register()
    # Whoever may send invitations or answer one: the secretariat, host coordinators, focal
    # points of an invited state, experts.
    menu_item_register(
        label=_("Invitations"),
        url_name="matching:invitation_list",
        order=60,
        permissions=[("invite", HostInvitation), ("accept", HostInvitation), ("accept", ExpertInvitation)],
    )
    home_counters_register(app="matching", order=30, counters=home_counters)
    detail_panel_register(
        key="matching-host",
        model="assistance.AssistanceRequest",
        template="matching/request_host_panel.html",
        context=selectors.request_host_panel,
    )
    page_routes_register(app="matching", prefix="matching/", urls="matching.urls")
    api_routes_register(app="matching", router=router, urls=urlpatterns)
    home_worklist_register(app="matching", order=15, items=worklist.invitation_worklist)
    demo_loader_register(name="matching", load=demo.load_matching, depends_on=["community", "assistance"])
