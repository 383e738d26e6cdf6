"""The demo orchestrator: load every app's registered demo data, in dependency order, into a
database that holds no real data, and mark it as demo data.

Each app owns its demo data and registers a loader (`core.registry.demo_loader_register`); a
loader writes idempotently (`upsert`, `set_m2m`), so loading twice changes nothing. One marker
(`DatasetMarker`) says whether the database is a demo: a production marker, real user accounts
or real data found by an app's `non_demo_data()` refuse the load.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from django.conf import settings
from django.core.management.base import CommandError
from django.db import DatabaseError, transaction
from django.dispatch import Signal
from django.utils import timezone

from accounts.models import User
from core.models import DatasetMarker
from core.registry import demo_loaders, demo_loaders_in_order

DEMO_PASSWORD = "demo-attache"
DEMO_EMAIL_DOMAIN = "@demo.test"

T = TypeVar("T")


class DemoRefused(CommandError):
    """The database may not receive demo data."""


@dataclass
class DemoResult:
    """What the demo holds after loading, label → count, in the order the loaders ran."""

    today: datetime.date
    counts: dict[str, int] = field(default_factory=dict)


# --- writing helpers for the apps' loaders ---------------------------------------------


def _differs(obj, name, value) -> bool:
    model_field = obj._meta.get_field(name)
    if model_field.many_to_one or model_field.one_to_one:
        return getattr(obj, model_field.attname) != (value.pk if value is not None else None)
    return getattr(obj, name) != value


def upsert(model, lookup: dict, values: dict | None = None):
    """Create the record keyed by `lookup`, or bring it to `values`; save only what changed, so
    reloading writes no change history."""
    values = values or {}
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values)
    changed = [name for name, value in values.items() if _differs(obj, name, value)]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        derived = [name for name in ("path", "updated_at") if name in _field_names(model)]
        obj.save(update_fields=changed + derived)
    return obj


def _field_names(model) -> set[str]:
    return {model_field.name for model_field in model._meta.concrete_fields}


def set_m2m(obj, name: str, targets) -> None:
    """Set a many-to-many relation only if it differs, so reloading writes no change history."""
    manager = getattr(obj, name)
    wanted = {target.pk for target in targets}
    if set(manager.values_list("pk", flat=True)) != wanted:
        manager.set(wanted)


# --- guard -----------------------------------------------------------------------------


def _ask(query: Callable[[], T], *, default: T, migrated: bool) -> T:
    """Run a read; before the migrations ran, a table that does not exist yet holds nothing."""
    if migrated:
        return query()
    try:
        with transaction.atomic():  # a failed query must not spoil an outer transaction
            return query()
    except DatabaseError:
        return default


def _non_demo_users() -> bool:
    return User.objects.exclude(email__iendswith=DEMO_EMAIL_DOMAIN).exists()


def demo_check_allowed(*, migrated: bool = True) -> None:
    """Refuse (DemoRefused) unless demo data may be loaded here: DEMO_ALLOWED is on, and the
    database is marked as a demo or holds nothing but demo data. With `migrated=False` it can
    run before `migrate`, so a refused database is left exactly as it was."""
    if not settings.DEMO_ALLOWED:
        raise DemoRefused(
            "Demo data is not allowed here: DEMO_ALLOWED is False (it defaults to DEBUG). "
            "Demo data is flagged and is never loaded into a production site."
        )
    marked = _ask(
        lambda: set(DatasetMarker.objects.values_list("is_demo", flat=True)), default=set(), migrated=migrated
    )
    if False in marked:
        raise DemoRefused("This database is marked as production data; demo data cannot be loaded into it.")
    if True in marked:
        return
    found = ["user accounts"] if _ask(_non_demo_users, default=False, migrated=migrated) else []
    for loader in demo_loaders:
        if loader.non_demo_data is not None:
            found += _ask(loader.non_demo_data, default=[], migrated=migrated)
    if found:
        raise DemoRefused(
            "Demo data is flagged and cannot be loaded into a database that holds non-demo data "
            f"(found {', '.join(found)}). Use an empty database, e.g. "
            "DATABASE_URL=sqlite:////tmp/attache-demo.sqlite3."
        )


# --- loading ---------------------------------------------------------------------------

# Sent once every loader has run, inside the loading transaction: the loaders write with bulk
# inserts and queryset updates, which send no model signal, so what keeps copies of the data
# (matching's kept community) hears of the change here.
demo_loaded = Signal()


def _mark_demo() -> None:
    if not DatasetMarker.objects.filter(is_demo=True).exists():
        DatasetMarker.objects.create(is_demo=True)


@transaction.atomic
def demo_load(*, today: datetime.date | None = None) -> DemoResult:
    """Load (or refresh) every registered app's demo data in one transaction, each loader after
    those it depends on; refuse a database that holds real data. A failing loader leaves
    nothing behind."""
    demo_check_allowed()
    result = DemoResult(today=today or timezone.localdate())
    for loader in demo_loaders_in_order():
        result.counts.update(loader.load(today=result.today) or {})
    _mark_demo()
    demo_loaded.send(sender=DemoResult, result=result)
    return result


def demo_sign_ins() -> list[tuple[str, str]]:
    """(e-mail, who the account is) for each demo account the loaders made."""
    return [row for loader in demo_loaders_in_order() if loader.sign_ins for row in loader.sign_ins()]
