"""How the community registry plugs into the site: its menu, home figures, pages, API and demo data.

Called once from `CommunityConfig.ready()`; see docs/adding-an-app.md."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from community import demo, models, selectors
from community.api.urls import router
from core import calendar
from core.paging import COUNT_CAP
from core.registry import (
    HomeCounter,
    api_routes_register,
    demo_loader_register,
    home_counters_register,
    menu_group_register,
    menu_item_register,
    page_routes_register,
)

# label, URL name, model whose "view" permission shows the link
REGISTRY_MENU = [
    (_("Member states"), "community:memberstate_list", models.MemberState),
    (_("Institutions"), "community:institution_list", models.Institution),
    (_("People"), "community:person_list", models.Person),
    (_("Meetings"), "community:committeemeeting_list", models.CommitteeMeeting),
    (_("Regional meetings"), "community:regionalmeeting_list", models.RegionalMeeting),
    (_("Non-working days"), "community:nonworkingday_list", models.NonWorkingDay),
    (_("Networks"), "community:network_list", models.Network),
    (_("Capability areas"), "community:capabilityarea_list", models.CapabilityArea),
]


def home_counters(*, user) -> list[HomeCounter]:
    """The registry's figures on the home page: four counts, four queries."""
    counts = selectors.home_counts(user=user)
    figures = [
        (_("Member states"), "states", "community:memberstate_list"),
        (_("Institutions"), "institutions", "community:institution_list"),
        (_("People"), "people", "community:person_list"),
        (_("Networks"), "networks", "community:network_list"),
    ]
    return [HomeCounter.counted(label, counts[key], reverse(url), cap=COUNT_CAP) for label, key, url in figures]


def register() -> None:
    menu_group_register(key="registry", label=_("Registry"), url_name="community:memberstate_list", order=90)
    for order, (label, url_name, model) in enumerate(REGISTRY_MENU, start=1):
        menu_item_register(label=label, url_name=url_name, order=order, permissions=[("view", model)], group="registry")
    home_counters_register(app="community", order=10, counters=home_counters)
    page_routes_register(app="community", prefix="registry/", urls="community.urls")
    api_routes_register(app="community", router=router)
    calendar.extra_days_source_register(selectors.non_working_day_rows)
    demo_loader_register(
        name="community",
        load=demo.load_community,
        non_demo_data=demo.non_demo_data,
        sign_ins=demo.demo_sign_ins,
    )
