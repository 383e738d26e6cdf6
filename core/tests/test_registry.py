"""The app registry: menus shown by the access rules, home counters, pages and API under one root,
and demo loaders in dependency order."""

from dataclasses import replace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from rest_framework import viewsets
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from accounts.choices import Role
from accounts.models import User
from core.access import AccessRule, secretariat_or_owner
from core.registry import (
    HomeCounter,
    api_routes,
    api_routes_register,
    api_urlpatterns,
    demo_loader_register,
    demo_loaders,
    demo_loaders_in_order,
    home_counters,
    home_counters_for,
    home_counters_register,
    menu_for,
    menu_group_register,
    menu_groups,
    menu_item_register,
    menu_items,
)


class Report:
    """Stands for a model of an app being added: a state's own reports, which its focal points
    and the secretariat publish."""

    access = AccessRule(state="state", owners_edit=False, actions={"publish": secretariat_or_owner(Role.FOCAL_POINT)})


def persona(role: str, **fields) -> User:
    return User(email=f"{role}@example.test", role=role, is_active=True, **fields)


OFFICER = persona(Role.OFFICER)
FOCAL_POINT = persona(Role.FOCAL_POINT, member_state_id=1)
PARTNER = persona(Role.PARTNER)


def labels(menu) -> list[str]:
    return [str(entry.label) for entry in menu]


@pytest.fixture
def own_menu():
    """The menu registries with nothing but what the test registers."""
    with menu_items.restored(empty=True), menu_groups.restored(empty=True):
        yield


# --- menu ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "user, shown",
    [(OFFICER, True), (FOCAL_POINT, True), (PARTNER, False), (AnonymousUser(), False)],
)
def test_a_registered_item_shows_to_the_users_its_rule_allows(own_menu, user, shown):
    menu_item_register(label="Reports", url_name="core:home", order=10, permissions=[("publish", Report)])
    assert labels(menu_for(user)) == (["Reports"] if shown else [])


def test_an_item_shows_when_any_of_its_permissions_allows(own_menu):
    menu_item_register(
        label="Reports", url_name="core:home", order=10, permissions=[("delete", Report), ("publish", Report)]
    )
    assert labels(menu_for(FOCAL_POINT)) == ["Reports"]  # may publish, though not delete


def test_items_and_groups_follow_their_order_and_empty_groups_disappear(own_menu):
    menu_group_register(key="reports", label="Reports", url_name="core:home", order=20)
    menu_item_register(
        label="Own reports", url_name="healthz", order=2, permissions=[("publish", Report)], group="reports"
    )
    menu_item_register(
        label="All reports", url_name="core:home", order=1, permissions=[("change", Report)], group="reports"
    )
    menu_item_register(label="Later", url_name="accounts:profile", order=30, permissions=[("view", Report)])
    menu_item_register(label="First", url_name="accounts:login", order=5, permissions=[("view", Report)])

    officer_menu = menu_for(OFFICER)
    assert labels(officer_menu) == ["First", "Reports", "Later"]
    group = officer_menu[1]
    assert [str(item.label) for item in group.items] == ["All reports", "Own reports"]
    assert [item.url for item in group.items] == [reverse("core:home"), reverse("healthz")]

    focal_menu = menu_for(FOCAL_POINT)  # owners may not change reports here, only publish their own
    assert [str(item.label) for item in focal_menu[1].items] == ["Own reports"]
    assert menu_for(PARTNER) == []  # partners see no report, so no "Reports" drop-down either


def test_registering_an_item_again_replaces_it(own_menu):
    menu_item_register(label="Reports", url_name="core:home", order=10, permissions=[("view", Report)])
    menu_item_register(label="My reports", url_name="core:home", order=10, permissions=[("view", Report)])
    assert labels(menu_for(OFFICER)) == ["My reports"]


def test_a_menu_item_must_say_who_sees_it(own_menu):
    with pytest.raises(ImproperlyConfigured, match="permissions"):
        menu_item_register(label="Reports", url_name="core:home", order=10, permissions=[])


TOP_MENU = ["Requests", "Maturity map", "Implementation", "Decisions", "Practices", "Activities", "Follow-up"]
REGISTRY_MENU = [
    "Member states",
    "Institutions",
    "People",
    "Meetings",
    "Regional meetings",
    "Non-working days",
    "Networks",
    "Capability areas",
]


def test_the_apps_menus_keep_their_labels_and_order(registry):
    for role in ("admin", "officer", "focal_bz", "host_jm", "expert", "partner"):
        menu = [entry for entry in menu_for(registry.users[role]) if str(entry.label) != "Invitations"]
        # Only the administrator manages accounts.
        users = ["Users"] if role == "admin" else []
        assert labels(menu) == [*TOP_MENU, "Registry", *users], role
        registry_menu = next(entry for entry in menu if str(entry.label) == "Registry")
        assert [str(item.label) for item in registry_menu.items] == REGISTRY_MENU, role


@pytest.fixture
def invitation_actions(monkeypatch):
    """The invitations' named actions as matching declares them: the secretariat invites; the
    invited side (focal points of the state, host coordinators of the institution, the expert)
    accepts."""
    from matching.models import ExpertInvitation, HostInvitation

    invite = secretariat_or_owner()
    host = {"invite": invite, "accept": secretariat_or_owner(Role.FOCAL_POINT, Role.HOST_COORDINATOR)}
    expert = {"invite": invite, "accept": secretariat_or_owner(Role.EXPERT)}
    monkeypatch.setattr(HostInvitation, "access", replace(HostInvitation.access, actions=host))
    monkeypatch.setattr(ExpertInvitation, "access", replace(ExpertInvitation.access, actions=expert))


@pytest.mark.parametrize(
    "role, shown",
    [("admin", True), ("officer", True), ("focal_bz", True), ("host_jm", True), ("expert", True), ("partner", False)],
)
def test_invitations_show_to_whoever_may_send_or_answer_one(registry, invitation_actions, role, shown):
    menu = labels(menu_for(registry.users[role]))
    assert ("Invitations" in menu) is shown
    if shown:
        assert menu.index("Invitations") == menu.index("Follow-up") + 1 == menu.index("Activities") + 2


def test_the_page_draws_the_menu_from_the_registry(registry, client_for):
    html = client_for(registry.users["partner"]).get(reverse("core:home")).content.decode()
    links = [
        "assistance:request_list",
        "maturity:heatmap",
        "decisions:implementation_heatmap",
        "decisions:decision_list",
        "portfolio:practice_list",
    ]
    positions = [html.index(f'class="nav-link text-nowrap" href="{reverse(name)}"') for name in links]
    assert positions == sorted(positions)
    assert f'href="{reverse("matching:invitation_list")}"' not in html
    for name in ("memberstate", "institution", "person", "committeemeeting", "network", "capabilityarea"):
        assert f'class="dropdown-item" href="{reverse(f"community:{name}_list")}"' in html


# --- home counters ---------------------------------------------------------------------


def test_registered_counters_appear_on_the_home_page_in_order(registry, client_for):
    partner = registry.users["partner"]
    seen = []

    def counters(*, user):
        seen.append(user)
        return [HomeCounter("Reports due", 7, reverse("healthz"))]

    with home_counters.restored():
        home_counters_register(app="reports", order=1, counters=counters)
        response = client_for(partner).get(reverse("core:home"))
    assert seen == [partner]
    figures = [(str(counter.label), counter.count) for counter in response.context["counters"]]
    assert figures[0] == ("Reports due", 7)
    community = ["Member states", "Institutions", "People", "Networks"]
    assert [label for label, _count in figures if label in community] == community
    assert f'href="{reverse("healthz")}"><div class="card-body"><div class="display-6">7</div>Reports due' in (
        response.content.decode()
    )


def test_the_registry_counters_cost_one_query_each(registry, django_assert_num_queries):
    # The registry's four figures, one query each; the requests' figures, one query together.
    with django_assert_num_queries(5):
        assert len(home_counters_for(registry.users["partner"])) == 5


# --- pages and API ---------------------------------------------------------------------

API_GROUPS = {
    "member-states",
    "regional-meetings",
    "non-working-days",
    "institutions",
    "people",
    "meetings",
    "networks",
    "capability-areas",
    "maturity-assessments",
    "decisions",
    "actions",
    "implementation-reports",
    "requests",
    "needs-assessments",
    "practices",
    "host-invitations",
    "expert-invitations",
    "activities",
    "nominations",
    "attendance",
    "certificates",
    "sessions",
    "budget-lines",
    "evaluations",
    "action-plans",
    "action-items",
    # results frameworks
    "programmes",
    "result-nodes",
    "indicators",
    "reporting-periods",
    "targets",
    "measured-values",
}


def test_the_api_root_lists_every_endpoint_group(api_client_for, officer):
    response = api_client_for(officer).get("/api/v1/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == API_GROUPS
    assert body["practices"].endswith("/api/v1/practices/")


def test_every_app_keeps_its_addresses(db):
    assert reverse("community:memberstate_list") == "/registry/states/"
    assert reverse("maturity:heatmap") == "/maturity/"
    assert reverse("decisions:decision_list") == "/decisions/"
    assert reverse("assistance:request_list") == "/requests/"
    assert reverse("portfolio:practice_list") == "/practices/"
    assert reverse("matching:invitation_list") == "/matching/invitations/"
    assert reverse("api:memberstate-list") == "/api/v1/member-states/"
    assert reverse("api:maturityassessment-list") == "/api/v1/maturity-assessments/"
    assert reverse("api:request-matches", args=[7]) == "/api/v1/requests/7/matches/"
    assert reverse("api:schema") == "/api/v1/schema/"


class PingViewSet(viewsets.ViewSet):
    def list(self, request):
        return Response([])


def test_a_registered_router_joins_the_api_root():
    router = SimpleRouter()
    router.register("pings", PingViewSet, basename="ping")
    with api_routes.restored():
        api_routes_register(app="pings", router=router)
        patterns = api_urlpatterns()
    assert "ping-list" in {pattern.name for pattern in patterns}
    root = next(pattern for pattern in patterns if pattern.name == "api-root")
    assert root.callback.initkwargs["api_root_dict"]["pings"] == "ping-list"


# --- demo loaders ----------------------------------------------------------------------


def _loader(name):
    return lambda *, today: {name: 1}


def test_demo_loaders_run_after_those_they_depend_on():
    with demo_loaders.restored(empty=True):
        demo_loader_register(name="activities", load=_loader("activities"), depends_on=["requests"])
        demo_loader_register(name="community", load=_loader("community"))
        demo_loader_register(name="requests", load=_loader("requests"), depends_on=["community"])
        demo_loader_register(name="funding", load=_loader("funding"))
        order = [loader.name for loader in demo_loaders_in_order()]
    assert order == ["community", "requests", "activities", "funding"]


def test_a_demo_loader_may_not_depend_on_an_unknown_one():
    with demo_loaders.restored(empty=True):
        demo_loader_register(name="activities", load=_loader("activities"), depends_on=["requests"])
        with pytest.raises(ImproperlyConfigured, match="unknown requests"):
            demo_loaders_in_order()


def test_demo_loaders_may_not_depend_on_each_other_in_a_circle():
    with demo_loaders.restored(empty=True):
        demo_loader_register(name="a", load=_loader("a"), depends_on=["b"])
        demo_loader_register(name="b", load=_loader("b"), depends_on=["a"])
        with pytest.raises(ImproperlyConfigured, match="circle"):
            demo_loaders_in_order()


def test_the_apps_demo_loaders_run_community_first_and_requests_after_decisions():
    order = [loader.name for loader in demo_loaders_in_order()]
    assert order[0] == "community"
    assert set(order) == {
        *("community", "maturity", "decisions", "assistance", "portfolio", "matching", "activities", "followup"),
        "results",
    }
    assert order.index("assistance") < order.index("matching") < order.index("activities") < order.index("followup")
    assert order.index("decisions") < order.index("assistance")


# --- panels on record pages ------------------------------------------------------------


def test_detail_panels_show_in_order_only_when_they_have_something_to_show():
    from django.contrib.auth.models import Group

    from core.registry import detail_panel_register, detail_panels, detail_panels_for

    record = Group(pk=7, name="Reviewers")
    with detail_panels.restored(empty=True):
        detail_panel_register(
            key="late", model="auth.Group", template="late.html", order=90, context=lambda **kw: {"n": 2}
        )
        detail_panel_register(
            key="early", model="auth.Group", template="early.html", order=10, context=lambda **kw: {"n": 1}
        )
        detail_panel_register(key="empty", model="auth.Group", template="empty.html", context=lambda **kw: None)
        detail_panel_register(key="other", model="auth.Permission", template="other.html", context=lambda **kw: {})
        assert detail_panels_for(record, OFFICER) == [("early.html", {"n": 1}), ("late.html", {"n": 2})]


# --- home worklist ---------------------------------------------------------------------


def test_work_items_come_overdue_first_then_by_due_date(db):
    import datetime

    from core.registry import WorkItem, home_worklist_for, home_worklist_register, home_worklists

    day = datetime.date(2027, 6, 7)
    with home_worklists.restored(empty=True):
        home_worklist_register(
            app="later",
            order=2,
            items=lambda *, user: [WorkItem("Undated", "", "/u"), WorkItem("Late", "", "/l", day, True)],
        )
        home_worklist_register(app="sooner", order=1, items=lambda *, user: [WorkItem("Soon", "", "/s", day)])
        assert [item.label for item in home_worklist_for(OFFICER)] == ["Late", "Soon", "Undated"]
