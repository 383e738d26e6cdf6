"""How many changes each kind of record has seen, shared by every process through the database.

What a process keeps between requests (matching's loaded community, a filter's rendered list of
states or areas, a signed-in page in `core.kept_pages`) is valid while the records it was built
from are unchanged. Every save, delete or many-to-many change of a model adds one to that
model's counter (a `DataVersion` row keyed by its label, e.g. "community.memberstate") when its
transaction commits, once per transaction however many rows it wrote. A reader reads all
counters in one query, at most once per request, and keeps what it built with the counters of
the models it read (`version_of`).

Bulk writes, which send no signal (`QuerySet.update`, `bulk_create`), count through
`CountedQuerySet`, the base of every model's queryset; a table rewritten only in bulk (a model
with `changes_counted_in_bulk = True`) is not listened to, so its deletes stay fast; a load
that replaces everything (the demo, a restore, `refresh_derived`) moves the counter every version includes
(`EVERYTHING`). Until its transaction commits, a change is `pending`: what the
writer reads then may still be rolled back, so it is not kept for others.
"""

from __future__ import annotations

import functools
import threading
import time

from django.apps import apps as global_apps
from django.core.signals import request_finished, request_started
from django.db import models, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

EVERYTHING = "*"
# Rows whose changes nothing kept depends on (and the counters themselves).
IGNORED = frozenset(
    {
        "core.dataversion",
        "sessions.session",
        "axes.accessattempt",
        "axes.accesslog",
        "axes.accessfailurelog",
        "auditlog.logentry",
    }
)

_local = threading.local()


def label_of(model_or_label) -> str:
    return model_or_label if isinstance(model_or_label, str) else model_or_label._meta.label_lower


def changed(*models) -> None:
    """Count a change of each of `models` (classes or labels) when the open transaction commits
    (at once outside one)."""
    labels = {label_of(model) for model in models} - IGNORED
    if not labels:
        return
    batch = _pending_batch()
    if batch is None:
        batch = _Batch()
        transaction.on_commit(batch)
    batch.labels |= labels


class CountedQuerySet(models.QuerySet):
    """A queryset whose bulk writes count as changes of its model, as saves do: `update()`,
    `bulk_create()` and `bulk_update()` send no model signal. Every model of Attaché's own reads
    through one (core.models.ScopedQuerySet and the other querysets inherit it)."""

    def update(self, **kwargs):
        changed(self.model)
        return super().update(**kwargs)

    def bulk_create(self, objs, *args, **kwargs):
        changed(self.model)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, *args, **kwargs):
        changed(self.model)
        return super().bulk_update(objs, *args, **kwargs)


def changed_everything() -> None:
    """Count a change of every kind of record (a load that replaced them all)."""
    changed(EVERYTHING)


def pending(*models) -> bool:
    """Whether the open transaction changed any of `models` (any model at all if none given)."""
    batch = _pending_batch()
    if batch is None:
        return False
    wanted = {label_of(model) for model in models}
    return not wanted or EVERYTHING in batch.labels or bool(batch.labels & wanted)


def versions() -> dict[str, int]:
    """Every counter (one query; once per request while a request is served)."""
    memo = getattr(_local, "memo", None)
    if memo is not None:
        return memo
    from core.models import DataVersion

    counters = dict(DataVersion.objects.values_list("label", "changes"))
    if EVERYTHING not in counters:  # emptied (`flush`): start again where nothing can be kept
        DataVersion.objects.bulk_create([DataVersion(label=EVERYTHING, changes=_fresh_start())], ignore_conflicts=True)
        counters = dict(DataVersion.objects.values_list("label", "changes"))
    if getattr(_local, "in_request", False):
        _local.memo = counters
    return counters


def version_of(*models) -> int:
    """The version of what was built from `models`: it grows with every change of any of them."""
    counters = versions()
    return counters.get(EVERYTHING, 0) + sum(counters.get(label_of(model), 0) for model in models)


def restart(using: str = "default") -> None:
    """Start the counters at a value no process can hold from before (after a restore, whose
    archive leaves them out): microseconds since the epoch."""
    from core.models import DataVersion

    DataVersion.objects.using(using).all().delete()
    DataVersion.objects.using(using).create(label=EVERYTHING, changes=_fresh_start())
    forget()


def _fresh_start() -> int:
    return time.time_ns() // 1000


def queryset_version(queryset) -> tuple[str, int, set]:
    """What `queryset` asks (its SQL and parameters), the version of the models whose tables it
    reads (its own and every joined one) and those models: together they name what it returns."""
    query = queryset.query.chain()
    sql, params = query.get_compiler(queryset.db).as_sql()  # compiling adds select_related's joins
    models = {models_by_table().get(join.table_name) for join in query.alias_map.values()} - {None} | {queryset.model}
    return f"{sql} {params!r}", version_of(*models), models


@functools.cache
def models_by_table() -> dict:
    """Every model, many-to-many tables included, by the name of its table."""
    return {model._meta.db_table: model for model in global_apps.get_models(include_auto_created=True)}


def forget() -> None:
    """Read the counters afresh next time (this process changed them)."""
    _local.memo = None


class _Batch:
    """The labels a transaction changed, counted once when it commits."""

    def __init__(self):
        self.labels: set[str] = set()

    def __call__(self) -> None:
        from core.models import DataVersion

        labels = sorted(self.labels)  # the same order in every process: no deadlock between two
        counted = DataVersion.objects.filter(label__in=labels).update(changes=F("changes") + 1)
        if counted < len(labels):
            known = set(DataVersion.objects.filter(label__in=labels).values_list("label", flat=True))
            DataVersion.objects.bulk_create(
                [DataVersion(label=label, changes=1) for label in labels if label not in known], ignore_conflicts=True
            )
        forget()


def _pending_batch() -> _Batch | None:
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return None
    return next((item[1] for item in connection.run_on_commit if isinstance(item[1], _Batch)), None)


def _saved_or_deleted(sender, update_fields=None, **kwargs) -> None:
    # A sign-in writes only `last_login`, which a model lists in `unversioned_fields`: nothing
    # kept shows that bookkeeping, and counting it made every kept page render again after
    # anyone signed in.
    if update_fields and update_fields <= getattr(sender, "unversioned_fields", frozenset()):
        return
    changed(sender)


def _relinked(sender, action, **kwargs) -> None:
    # A migration's historical models write before the counters' table may exist; a new
    # database's counters start where no process can have kept anything (migration 0007).
    if action.startswith("post_") and sender._meta.apps is global_apps:  # signalled before and after
        changed(sender, kwargs["model"], type(kwargs["instance"]))


def start_request(**kwargs) -> None:
    """Read the counters at most once from now until `end_request` (a request's start)."""
    _local.in_request, _local.memo = True, None


def end_request(**kwargs) -> None:
    """Read the counters afresh at every call again (a request's end)."""
    _local.in_request, _local.memo = False, None


def _loaded_everything(**kwargs) -> None:
    changed_everything()


def _restored(sender, using, **kwargs) -> None:
    restart(using)


def connect() -> None:
    """Count every model's changes and read the counters once per request (`CoreConfig.ready`)."""
    from core.backup import restored
    from core.demo import demo_loaded

    demo_loaded.connect(_loaded_everything, dispatch_uid="data-version-demo")
    restored.connect(_restored, dispatch_uid="data-version-restore")
    for model in global_apps.get_models(include_auto_created=True):
        # Connected per model: a model nobody listens to keeps Django's fast bulk delete.
        label = label_of(model)
        if label not in IGNORED and not getattr(model, "changes_counted_in_bulk", False):
            post_save.connect(_saved_or_deleted, sender=model, dispatch_uid=f"data-version-save-{label}")
            post_delete.connect(_saved_or_deleted, sender=model, dispatch_uid=f"data-version-delete-{label}")
    m2m_changed.connect(_relinked, dispatch_uid="data-version-m2m")
    request_started.connect(start_request, dispatch_uid="data-version-request-started")
    request_finished.connect(end_request, dispatch_uid="data-version-request-finished")
