"""How the follow-up plugs into the site: menu entries, the panel on a member state's page, the
activity's Evaluation tab (registered by `followup.views.evaluation`), pages, API and demo data.

Called once from `FollowupConfig.ready()`; see docs/adding-an-app.md."""

from django.utils.translation import gettext_lazy as _

from core.registry import (
    api_routes_register,
    demo_loader_register,
    detail_panel_register,
    menu_group_register,
    menu_item_register,
    page_routes_register,
)
from followup import demo, indicators, selectors
from followup.api.urls import router, urlpatterns
from followup.models import ActionPlan, Evaluation
from followup.views import evaluation  # noqa: F401  (registers the activity's Evaluation tab)


def register() -> None:
    menu_group_register(key="followup", label=_("Follow-up"), url_name="followup:actionplan_list", order=57)
    menu_item_register(
        label=_("Action plans"),
        url_name="followup:actionplan_list",
        order=10,
        permissions=[("view", ActionPlan)],
        group="followup",
    )
    menu_item_register(
        label=_("Evaluation results"),
        url_name="followup:evaluation_breakdown",
        order=20,
        permissions=[("view", Evaluation)],
        group="followup",
    )
    detail_panel_register(
        key="followup-state",
        model="community.MemberState",
        template="followup/state_panel.html",
        context=selectors.state_panel,
    )
    detail_panel_register(
        key="followup-review",
        model="assistance.AssistanceRequest",
        template="followup/request_review_panel.html",
        context=selectors.request_review_panel,
        order=70,
    )
    indicators.register()
    page_routes_register(app="followup", prefix="followup/", urls="followup.urls")
    api_routes_register(app="followup", router=router, urls=urlpatterns)
    demo_loader_register(name="followup", load=demo.load_followup, depends_on=["community", "assistance", "activities"])
