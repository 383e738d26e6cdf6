"""The community as matching reads it, kept in the process between rankings.

Loading the whole community and indexing its texts (`loaders.load_host_supply`,
`load_expert_supply`) takes seconds at global scale; ranking one request with them takes tens of
milliseconds. So each process keeps the supplies it built last, with the data version they were
built at, and a ranking pays for the load only when something matching reads has changed since.

The data version is the sum of the change counters (`core.data_version`) of the models the
loaders read (`INPUT_MODELS` and their many-to-many tables), read at most once per request:
every save, delete or many-to-many change of one of them counts when its transaction commits,
so every web process sees the change at its next ranking and loads again. Until then the
process that made the change ranks from a fresh load, not kept (its transaction may still be
rolled back). Writes that bypass the ORM's signals (bulk inserts of a data import,
`QuerySet.update`) call `bump()` themselves.

Only readers who see every record (the secretariat, `core.access.sees_everything`) share the
kept supplies; anyone else gets them loaded for them, so what a reader sees never depends on
whom the process served before. At most `KEEP` supplies are held (one per day ranked from: a
page ranks from today), the size of one community's arrays and indexes.
"""

from __future__ import annotations

import datetime
import functools
import threading
from dataclasses import dataclass

import numpy as np
from django.apps import apps
from django.conf import settings
from django.utils import timezone, translation

from core import data_version as counters
from core.access import sees_everything
from matching import loaders
from matching.scoring import ExpertSupply, HostSupply

# The models whose rows `load_host_supply` and `load_expert_supply` read (their many-to-many
# tables are watched with them). A test checks that every table the loaders query is here.
INPUT_MODELS = (
    "community.MemberState",
    "community.Language",
    "community.CapabilityArea",
    "community.Institution",
    "community.CommitteeMeeting",
    "community.RegionalMeeting",
    "community.Person",
    "community.NonWorkingDay",
    "maturity.MaturityAssessment",
    "portfolio.Practice",
    "activities.Activity",
    "followup.Evaluation",
    "followup.EvaluationAnswer",
)
# Read by the loaders but written only by maturity's services, in the same transaction as the
# assessments they derive from, whose changes are counted; a full rebuild follows a bulk load,
# which calls `bump()` (the demo and a restore count a change of everything) itself.
DERIVED_INPUTS = ("maturity.CurrentAssessment",)
KEEP = 2


@dataclass(frozen=True)
class Supplies:
    hosts: HostSupply
    experts: ExpertSupply
    version: int


_kept: dict[datetime.date, Supplies] = {}
_lock = threading.Lock()
_loading = threading.Lock()


def data_version() -> int:
    """How many changes matching's inputs have seen (one query per request)."""
    return counters.version_of(*watched_models())


def bump() -> None:
    """Count a change of matching's inputs: every process loads the community again at its next
    ranking (once the transaction commits)."""
    clear()
    counters.changed(*watched_models())


def _change_pending() -> bool:
    """Whether the open transaction changed matching's inputs (its count waits for the commit)."""
    return counters.pending(*watched_models())


def clear() -> None:
    """Drop the supplies this process keeps."""
    with _lock:
        _kept.clear()


def supplies(*, user=None, today: datetime.date | None = None) -> tuple[HostSupply, ExpertSupply]:
    """The host and expert supplies as `user` sees them on `today`: the kept ones when nothing
    matching reads has changed since they were loaded, else loaded now (and kept)."""
    reader = user or loaders.system_reader()
    today = today or timezone.localdate()
    if not sees_everything(reader) or _change_pending():
        # Not kept: another reader may see less, and what a transaction changed may yet be rolled back.
        hosts = loaders.load_host_supply(user=reader, today=today)
        return hosts, loaders.load_expert_supply(hosts, user=reader)
    version = data_version()  # read before the rows: what is loaded is at least this new
    kept = _kept_at(today, version)
    if kept is not None:
        return kept.hosts, kept.experts
    with _loading:  # one load at a time: threads that missed together wait for the first one's
        kept = _kept_at(today, version)
        if kept is not None:
            return kept.hosts, kept.experts
        return _load(reader, today, version)


def _kept_at(today: datetime.date, version: int) -> Supplies | None:
    with _lock:
        kept = _kept.get(today)
    # A newer copy (loaded by another thread since `version` was read) is just as good.
    return kept if kept is not None and kept.version >= version else None


def _load(reader, today: datetime.date, version: int) -> tuple[HostSupply, ExpertSupply]:
    # Loaded in the stored language whoever asks first: the supplies do not depend on the reader's
    # language (names in the reader's language come from `HostSupply.translations`).
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
        hosts = loaders.load_host_supply(user=reader, today=today)
        experts = loaders.load_expert_supply(hosts, user=reader)
    with _lock:
        if today in _kept and _kept[today].version > version:
            return hosts, experts
        _kept[today] = Supplies(hosts, experts, version)
        for day in sorted(_kept)[:-KEEP]:  # the oldest days go first
            del _kept[day]
    return hosts, experts


def held_bytes() -> int:
    """Bytes held by the kept supplies' NumPy arrays and BM25 indexes (texts and names aside)."""
    seen: set[int] = set()

    def size(value) -> int:
        if isinstance(value, np.ndarray):
            if id(value) in seen:
                return 0
            seen.add(id(value))
            return value.nbytes
        if hasattr(value, "__dataclass_fields__"):
            return sum(size(getattr(value, name)) for name in value.__dataclass_fields__)
        if getattr(value, "_bm25", None) is not None:
            return sum(size(array) for array in value._bm25.scores.values())
        if isinstance(value, dict):
            return sum(size(item) for item in value.values())
        return 0

    with _lock:
        return sum(size(kept.hosts) + size(kept.experts) for kept in _kept.values())


@functools.cache
def watched_models() -> tuple:
    """The input models and their many-to-many tables."""
    models = [apps.get_model(label) for label in INPUT_MODELS]
    through = [field.remote_field.through for model in models for field in model._meta.local_many_to_many]
    return (*models, *through)
