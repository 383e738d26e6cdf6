"""The tabs along the top of an activity's pages. Each page module registers its own tab, so the
record page does not need to know which parts exist."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from core.access import can


@dataclass(frozen=True)
class Tab:
    key: str
    label: str
    url_name: str
    order: int
    action: str = "view"  # the action on the activity a user needs to see the tab
    # A finer test where an action on the activity does not say it (who reads the money):
    # `shows(user=, activity=)` → bool, asked after the action.
    shows: Callable | None = None


_TABS: dict[str, Tab] = {}


def tab_register(
    *, key: str, label, url_name: str, order: int, action: str = "view", shows: Callable | None = None
) -> None:
    _TABS[key] = Tab(key, label, url_name, order, action, shows)


def tabs_for(*, activity, user, current: str) -> list[dict]:
    """The tabs `user` may open on `activity`, in order, with the current one marked."""
    return [
        {"label": tab.label, "url": reverse(tab.url_name, args=[activity.pk]), "active": tab.key == current}
        for tab in sorted(_TABS.values(), key=lambda tab: tab.order)
        if (tab.action == "view" or can(user, tab.action, activity))
        and (tab.shows is None or tab.shows(user=user, activity=activity))
    ]
