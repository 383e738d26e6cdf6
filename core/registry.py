"""The registries through which an app plugs into the site, so `core` and `config` name no app.

Each domain app registers, from its `AppConfig.ready()`, with one explicit call per thing:

- its menu entries (`menu_group_register`, `menu_item_register`): a label, a URL name, an order
  and the permissions that show it, asked through `core.access.can()`, never by role;
- its home counters (`home_counters_register`): a callable taking the user and returning
  labelled counts with links, in a bounded number of queries;
- its home work items (`home_worklist_register`): what waits for the user now, each with where
  it is done and by when, in a bounded number of queries;
- its pages and API routes (`page_routes_register`, `api_routes_register`): mounted by
  `config/urls.py`, the API under one root that lists every endpoint group;
- panels on another app's record page (`detail_panel_register`): a template and a callable giving
  its context for the record and the user (None: nothing to show), drawn by the page's one
  `{% include "core/detail_panels.html" %}` line;
- its demo data (`demo_loader_register`): a name, the loaders it depends on and the function,
  run in dependency order by `core.demo.demo_load`.

Entries are keyed (by URL name, app or loader name), so registering the same key again replaces
the entry rather than showing it twice.
"""

import datetime
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model
from django.urls import URLPattern, URLResolver, get_resolver, get_script_prefix, get_urlconf, include, path, reverse
from rest_framework.routers import BaseRouter, DefaultRouter

from core.access import can

T = TypeVar("T")


class Registry(Generic[T]):
    """Entries keyed by name, kept in registration order (INSTALLED_APPS order at start-up)."""

    def __init__(self, kind: str):
        self.kind = kind
        self._entries: dict[str, T] = {}

    def add(self, key: str, entry: T) -> T:
        self._entries[key] = entry
        return entry

    @contextmanager
    def restored(self, *, empty: bool = False) -> Iterator["Registry[T]"]:
        """Put the entries back as they were afterwards, whatever was registered meanwhile (for
        tests that register a throw-away app); `empty` starts the block with no entries."""
        saved = dict(self._entries)
        if empty:
            self._entries = {}
        try:
            yield self
        finally:
            self._entries = saved

    def get(self, key: str) -> T:
        try:
            return self._entries[key]
        except KeyError:
            raise ImproperlyConfigured(f"No {self.kind} named {key!r} is registered.") from None

    def __contains__(self, key: str) -> bool:
        return key in self._entries

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._entries.values()))


# --- menu ------------------------------------------------------------------------------

Permission = tuple[str, type[Model]]


@dataclass(frozen=True)
class MenuItem:
    """A link in the main navigation, shown to a user who may take any of `permissions`
    (action, model) — e.g. ("view", Practice) — on some record. `group` names the drop-down
    it sits in (None: the top bar)."""

    label: str
    url_name: str
    order: int
    permissions: tuple[Permission, ...]
    group: str | None = None

    def allows(self, user) -> bool:
        return any(can(user, action, model) for action, model in self.permissions)

    @property
    def url(self) -> str:
        return menu_url(self.url_name)


@dataclass(frozen=True)
class MenuGroup:
    """A drop-down in the main navigation; shown when one of its items is."""

    key: str
    label: str
    url_name: str
    order: int

    @property
    def url(self) -> str:
        return menu_url(self.url_name)


def menu_url(url_name: str) -> str:
    """The address of a menu link: the same on every page, so it is worked out once per set of
    URLs (the resolver, built anew when the URLs change) and address prefix."""
    urlconf = get_urlconf()
    return _reversed(url_name, get_resolver(urlconf), urlconf, get_script_prefix())


@lru_cache(maxsize=256)
def _reversed(url_name: str, resolver: URLResolver, urlconf, script_prefix: str) -> str:
    return reverse(url_name, urlconf=urlconf)


@dataclass(frozen=True)
class MenuEntry:
    """What the navigation template draws: a link, or a drop-down with its links."""

    label: str
    url: str
    items: tuple["MenuEntry", ...] = ()


menu_groups: Registry[MenuGroup] = Registry("menu group")
menu_items: Registry[MenuItem] = Registry("menu item")


def menu_group_register(*, key: str, label: str, url_name: str, order: int) -> MenuGroup:
    """Add a drop-down to the main navigation (its items register with `group=key`)."""
    return menu_groups.add(key, MenuGroup(key=key, label=label, url_name=url_name, order=order))


def menu_item_register(
    *, label: str, url_name: str, order: int, permissions: Sequence[Permission], group: str | None = None
) -> MenuItem:
    """Add a link to the main navigation, shown to whoever `can()` take one of `permissions`."""
    if not permissions:
        raise ImproperlyConfigured(f"Menu item {url_name!r} must say who sees it (permissions).")
    item = MenuItem(label=label, url_name=url_name, order=order, permissions=tuple(permissions), group=group)
    return menu_items.add(url_name, item)


def menu_for(user) -> list[MenuEntry]:
    """The main navigation for this user, in order: the links they may follow, and the
    drop-downs that hold at least one of them."""
    if not user.is_authenticated:
        return []
    visible = sorted((item for item in menu_items if item.allows(user)), key=lambda item: item.order)
    slots: list[tuple[int, MenuEntry]] = []
    for item in visible:
        if item.group is None:
            slots.append((item.order, MenuEntry(label=item.label, url=item.url)))
    for group in menu_groups:
        links = tuple(MenuEntry(label=item.label, url=item.url) for item in visible if item.group == group.key)
        if links:
            slots.append((group.order, MenuEntry(label=group.label, url=group.url, items=links)))
    return [entry for _order, entry in sorted(slots, key=lambda slot: slot[0])]


# --- home counters ---------------------------------------------------------------------


@dataclass(frozen=True)
class HomeCounter:
    """One figure on the home page: how many records of a kind the user may see, and where
    to list them."""

    label: str
    count: int
    url: str
    capped: bool = False  # there are more than `count`: the figure stopped counting there

    @classmethod
    def counted(cls, label: str, count: int, url: str, *, cap: int) -> "HomeCounter":
        """A figure counted up to cap + 1 (`core.paging.capped_count`): past `cap`, "cap+"."""
        return cls(label, cap, url, capped=True) if count > cap else cls(label, count, url)


@dataclass(frozen=True)
class HomeCounters:
    app: str
    order: int
    counters: Callable[..., Sequence[HomeCounter]]


home_counters: Registry[HomeCounters] = Registry("home counters")


def home_counters_register(*, app: str, order: int, counters: Callable[..., Sequence[HomeCounter]]) -> None:
    """Add an app's figures to the home page: `counters(user=...)` returns them, in a bounded
    number of queries (one per figure at most)."""
    home_counters.add(app, HomeCounters(app=app, order=order, counters=counters))


def home_counters_for(user) -> list[HomeCounter]:
    """Every app's figures for this user, apps in order."""
    ordered = sorted(home_counters, key=lambda entry: entry.order)
    return [counter for entry in ordered for counter in entry.counters(user=user)]


# --- home worklist ---------------------------------------------------------------------


@dataclass(frozen=True)
class WorkItem:
    """One thing waiting for the user on the home page: what to do (`label`), on what
    (`detail`), where it is done (`url`) and by when (`due`, None: no date)."""

    label: str
    detail: str
    url: str
    due: datetime.date | None = None
    overdue: bool = False


@dataclass(frozen=True)
class HomeWorklist:
    app: str
    order: int
    items: Callable[..., Sequence[WorkItem]]


home_worklists: Registry[HomeWorklist] = Registry("home worklist")
# The most items one app puts on the home page; the lists they link to hold the rest.
WORKLIST_LIMIT = 8


def home_worklist_register(*, app: str, order: int, items: Callable[..., Sequence[WorkItem]]) -> None:
    """Add an app's work items to the home page: `items(user=...)` returns what waits for this
    user now (at most WORKLIST_LIMIT of each kind), in a bounded number of queries."""
    home_worklists.add(app, HomeWorklist(app=app, order=order, items=items))


def home_worklist_for(user) -> list[WorkItem]:
    """Every app's work items for this user: the overdue first, then by due date (undated last),
    apps in order within the same day."""
    ordered = sorted(home_worklists, key=lambda entry: entry.order)
    items = [item for entry in ordered for item in entry.items(user=user)]
    return sorted(items, key=lambda item: (not item.overdue, item.due is None, item.due or datetime.date.min))


# --- pages and API routes --------------------------------------------------------------


@dataclass(frozen=True)
class PageRoutes:
    app: str
    prefix: str
    urls: str


@dataclass(frozen=True)
class ApiRoutes:
    """An app's API: the viewsets registered on its router, and any other paths."""

    app: str
    router: BaseRouter
    urls: tuple[URLPattern | URLResolver, ...] = ()


page_routes: Registry[PageRoutes] = Registry("page routes")
api_routes: Registry[ApiRoutes] = Registry("API routes")


def page_routes_register(*, app: str, prefix: str, urls: str) -> None:
    """Mount an app's page URLs (`urls`, a module path with `app_name`) under `prefix`."""
    page_routes.add(app, PageRoutes(app=app, prefix=prefix, urls=urls))


def api_routes_register(*, app: str, router: BaseRouter, urls: Sequence[URLPattern | URLResolver] = ()) -> None:
    """Add an app's viewsets (its router) and other API paths under /api/v1/."""
    api_routes.add(app, ApiRoutes(app=app, router=router, urls=tuple(urls)))


def page_urlpatterns() -> list[URLResolver]:
    return [path(routes.prefix, include(routes.urls)) for routes in page_routes]


def api_urlpatterns() -> list[URLPattern | URLResolver]:
    """Every app's API paths, then one router holding every app's viewsets, whose root page
    (/api/v1/) lists every endpoint group."""
    root = DefaultRouter()
    extra: list[URLPattern | URLResolver] = []
    for routes in api_routes:
        extra += routes.urls
        for prefix, viewset, basename in routes.router.registry:
            root.register(prefix, viewset, basename=basename)
    return [*extra, *root.urls]


# --- panels on record pages ------------------------------------------------------------


@dataclass(frozen=True)
class DetailPanel:
    """A panel an app adds to the page of a record of another app's `model` ("app_label.Model"):
    `template` rendered with `context(record=..., user=...)`, or nothing when that returns None."""

    key: str
    model: str
    order: int
    template: str
    context: Callable[..., Mapping | None]


detail_panels: Registry[DetailPanel] = Registry("detail panel")


def detail_panel_register(
    *, key: str, model: str, template: str, context: Callable[..., Mapping | None], order: int = 50
) -> None:
    """Add a panel to the detail page of `model`'s records (e.g. matching's confirmed host on a
    request's page), without the owning app's template naming the app."""
    detail_panels.add(key, DetailPanel(key=key, model=model, order=order, template=template, context=context))


def detail_panels_for(record, user) -> list[tuple[str, Mapping]]:
    """(template, context) of each panel registered for the record's model that has something to
    show this user, in order."""
    label = record._meta.label
    panels = sorted((panel for panel in detail_panels if panel.model == label), key=lambda panel: panel.order)
    shown = []
    for panel in panels:
        context = panel.context(record=record, user=user)
        if context is not None:
            shown.append((panel.template, context))
    return shown


# --- demo data -------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoLoader:
    """An app's demo data.

    load(today=...) writes it idempotently and returns what it holds, label → count, for the
    report (or None). non_demo_data() lists what in the database is real data of this app
    (empty when the demo may be loaded). sign_ins() lists the demo accounts it made, as
    (e-mail, who) pairs."""

    name: str
    load: Callable[..., Mapping[str, int] | None]
    depends_on: tuple[str, ...] = ()
    non_demo_data: Callable[[], list[str]] | None = None
    sign_ins: Callable[[], list[tuple[str, str]]] | None = None


demo_loaders: Registry[DemoLoader] = Registry("demo loader")


def demo_loader_register(
    *,
    name: str,
    load: Callable[..., Mapping[str, int] | None],
    depends_on: Sequence[str] = (),
    non_demo_data: Callable[[], list[str]] | None = None,
    sign_ins: Callable[[], list[tuple[str, str]]] | None = None,
) -> None:
    """Add an app's demo data, loaded after the loaders named in `depends_on`."""
    demo_loaders.add(
        name,
        DemoLoader(name=name, load=load, depends_on=tuple(depends_on), non_demo_data=non_demo_data, sign_ins=sign_ins),
    )


def demo_loaders_in_order() -> list[DemoLoader]:
    """Every loader after the loaders it depends on; otherwise in registration order."""
    pending = list(demo_loaders)
    known = {loader.name for loader in pending}
    for loader in pending:
        if missing := [name for name in loader.depends_on if name not in known]:
            raise ImproperlyConfigured(f"Demo loader {loader.name!r} depends on unknown {', '.join(missing)}.")
    done: list[DemoLoader] = []
    names: set[str] = set()
    while pending:
        ready = next((loader for loader in pending if names.issuperset(loader.depends_on)), None)
        if ready is None:
            cycle = ", ".join(loader.name for loader in pending)
            raise ImproperlyConfigured(f"Demo loaders depend on each other in a circle: {cycle}.")
        pending.remove(ready)
        done.append(ready)
        names.add(ready.name)
    return done
