"""What a web process holds is frozen out of full garbage collections (`core.long_lived`)."""

import gc
import weakref

import pytest
from django.core.signals import request_finished
from django.test import override_settings

from core import long_lived
from core.long_lived import LongLivedFreezer


@pytest.fixture
def unfrozen():
    """Every test starts and ends with nothing frozen, as the rest of the suite expects."""
    gc.unfreeze()
    yield
    gc.unfreeze()


class Holder:
    """An object the collector tracks (a plain instance with a __dict__)."""


def full_collection(freezer, ms: float) -> None:
    """Report a full collection that took `ms` milliseconds to the freezer."""
    freezer.on_collection("start", {"generation": 2})
    freezer._started -= ms / 1000
    freezer.on_collection("stop", {"generation": 2, "collected": 0, "uncollectable": 0})


def test_the_first_request_freezes_what_the_process_holds_and_leaves_its_garbage_out(unfrozen):
    freezer = LongLivedFreezer()
    kept = Holder()
    garbage = Holder()
    garbage.cycle = garbage  # only a collection frees a reference cycle
    garbage_alive = weakref.ref(garbage)
    del garbage
    freezer.on_request_finished()
    assert gc.get_freeze_count() > 0
    assert garbage_alive() is None  # collected before the freeze, not frozen with the living
    assert kept not in gc.get_objects()  # frozen: out of the collector's sight, still alive


def test_later_requests_freeze_only_after_a_slow_full_collection(unfrozen):
    freezer = LongLivedFreezer(slow_ms=10)
    freezer.on_request_finished()
    gc.unfreeze()
    made_since = Holder()

    full_collection(freezer, ms=3)
    freezer.on_request_finished()
    assert gc.get_freeze_count() == 0 and made_since in gc.get_objects()

    full_collection(freezer, ms=40)
    freezer.on_collection("start", {"generation": 1})  # younger generations do not count
    freezer.on_request_finished()
    assert gc.get_freeze_count() > 0 and made_since not in gc.get_objects()
    assert not freezer.due  # the freezer's own collection does not call for another freeze


def test_only_production_settings_connect_it(db, unfrozen, monkeypatch):
    monkeypatch.setattr(gc, "callbacks", [])
    monkeypatch.setattr(long_lived, "freezer", LongLivedFreezer())
    try:
        with override_settings(ATTACHE_FREEZE_LONG_LIVED=False):
            long_lived.connect()
        request_finished.send(sender=None)
        assert gc.callbacks == [] and long_lived.freezer.answered == 0
        with override_settings(ATTACHE_FREEZE_LONG_LIVED=True):
            long_lived.connect()
            long_lived.connect()  # connecting twice registers once
        assert gc.callbacks == [long_lived.freezer.on_collection]
        request_finished.send(sender=None)
        assert long_lived.freezer.answered == 1 and gc.get_freeze_count() > 0
    finally:
        request_finished.disconnect(dispatch_uid="core.long_lived")
