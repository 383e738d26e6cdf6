"""The demo, built once per test process and copied in for every later test that stands on it.

`core.demo.demo_load` builds the demo through every app's loader, two to five seconds a time; most
tests that use it only need it as scenery. The first load in a process is real: the rows it added
or changed are read table by table, and a later test starting from the same database (the same row
count and highest key in every table: what the migrations left, nothing else) gets those rows
written back in a few statements, the same changes counted and the same work left for the commit
(notifications), then the same `demo_loaded` signal, so caches hear of the change as after a real
load. A test that commits (`transactional_db`) flushes the tables after it, and rows written again
then have other keys: the next such test loads for real. While time stands still
(`time_machine.travel(..., tick=False)`) a copy is exactly what a load would write; otherwise its
rows carry the time of the first load, as if the demo had been loaded a few minutes before. Tests
of loading itself call `demo_load`.
"""

import copy
import datetime
import functools
import time
from dataclasses import dataclass

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from core import data_version
from core.demo import DemoResult, demo_load, demo_loaded


@dataclass
class TableChange:
    model: type
    table: str
    columns: list[str]
    removed: list[tuple]  # primary keys of rows the load removed or changed
    added: list[tuple]  # whole rows the load added or changed


@dataclass
class Snapshot:
    counts_before: tuple
    changes: list[TableChange]
    result: DemoResult
    counted: set[str]  # the kinds of record the load counted as changed (`core.data_version`)
    on_commit: list  # what else the load left to run when the transaction commits (notifications)


_snapshots: dict[tuple, Snapshot] = {}


def load_demo(*, today: datetime.date | None = None) -> DemoResult:
    """The demo as `demo_load(today=today)` leaves it, copied in when this process built it before."""
    frozen_at = timezone.now() if time.time_ns() == time.time_ns() else None
    today = today or timezone.localdate()
    key = (connection.vendor, connection.settings_dict["NAME"], today, frozen_at)
    counts = _row_counts()
    snapshot = _snapshots.get(key)
    if snapshot is not None and snapshot.counts_before == counts:
        _write_back(snapshot)
        data_version.changed(*snapshot.counted)
        for callback, robust in snapshot.on_commit:
            transaction.on_commit(callback, robust=robust)
        demo_loaded.send(sender=DemoResult, result=snapshot.result)
        return copy.deepcopy(snapshot.result)
    before = {table: _rows(table) for table in _tables()}
    counted_before, waiting_before = _counted(), len(connection.run_on_commit)
    result = demo_load(today=today)
    waiting = [
        (callback, robust)
        for _savepoints, callback, robust in connection.run_on_commit[waiting_before:]
        if not isinstance(callback, data_version._Batch)
    ]
    _snapshots[key] = Snapshot(counts, _changes(before), copy.deepcopy(result), _counted() - counted_before, waiting)
    return result


def _counted() -> set[str]:
    batch = data_version._pending_batch()
    return set(batch.labels) if batch else set()


@functools.cache
def _tables() -> dict[str, tuple[type, list[str]]]:
    """Every table a model owns, with its columns, the primary key first."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy and meta.db_table not in tables:
            columns = [meta.pk.column] + [f.column for f in meta.local_concrete_fields if f is not meta.pk]
            tables[meta.db_table] = (model, columns)
    return tables


def _row_counts() -> tuple:
    """Each table's row count and highest key: after a flush, rows written again (content types)
    have other keys, which the demo's rows would no longer point to."""
    quote = connection.ops.quote_name
    counts = ", ".join(
        f"(SELECT COUNT(*) FROM {quote(table)}), (SELECT MAX({_comparable(model, columns[0])}) FROM {quote(table)})"
        for table, (model, columns) in _tables().items()
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        return tuple(cursor.fetchone())


def _comparable(model, column: str) -> str:
    """The key column as PostgreSQL can take the highest of (it has no MAX of a UUID)."""
    key = model._meta.pk.target_field if model._meta.pk.is_relation else model._meta.pk
    column = connection.ops.quote_name(column)
    return column if isinstance(key, models.IntegerField) else f"CAST({column} AS TEXT)"


def _rows(table: str) -> set[tuple]:
    quote = connection.ops.quote_name
    _model, columns = _tables()[table]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(map(quote, columns))} FROM {quote(table)}")
        return {tuple(map(_writable, row)) for row in cursor.fetchall()}


def _writable(value):
    """A value as the database driver takes it back: Django reads SQLite's times as
    `datetime.time`, which the driver does not write (Django writes them as text)."""
    return value.isoformat() if isinstance(value, datetime.time) else value


def _changes(before: dict[str, set[tuple]]) -> list[TableChange]:
    changes = []
    for table, (model, columns) in _tables().items():
        after = _rows(table)
        added, gone = after - before[table], before[table] - after
        if added or gone:
            changes.append(TableChange(model, table, columns, [(row[0],) for row in gone], sorted(added, key=repr)))
    return changes


def _write_back(snapshot: Snapshot) -> None:
    """The snapshot's rows, in one transaction with the test's own (foreign keys are checked at
    its end, so the order of tables does not matter); sequences then follow the highest key."""
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for change in snapshot.changes:
            table, pk = quote(change.table), quote(change.columns[0])
            if change.removed:
                cursor.executemany(f"DELETE FROM {table} WHERE {pk} = %s", change.removed)
            marks = ", ".join(["%s"] * len(change.columns))
            cursor.executemany(
                f"INSERT INTO {table} ({', '.join(map(quote, change.columns))}) VALUES ({marks})", change.added
            )
        written = [change.model for change in snapshot.changes]
        for statement in connection.ops.sequence_reset_sql(no_style(), written):
            cursor.execute(statement)
