"""The demo copied in by `tests.demo_snapshot.load_demo` is the demo `demo_load` builds."""

import datetime
import itertools

import pytest
import time_machine
from django.core import mail
from django.db import transaction

from accounts.models import User
from assistance.models import AssistanceRequest
from community.models import MemberState
from core.backup import table_digests
from core.demo import demo_loaded
from core.inbox import Notification
from core.models import DataVersion
from core.testing import commit
from tests import demo_snapshot

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 23)
# Each test stands at its own moment, so no other test's snapshot is found.
_moments = itertools.count()


@pytest.fixture
def frozen():
    moment = datetime.datetime(2026, 11, 23, 9, next(_moments), tzinfo=datetime.UTC)
    with time_machine.travel(moment, tick=False):
        yield


@pytest.fixture
def real_loads(monkeypatch):
    calls = []

    def counted(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    real = demo_snapshot.demo_load
    monkeypatch.setattr(demo_snapshot, "demo_load", counted)
    return calls


def loaded_then_rolled_back(check=lambda result: None):
    """Load the demo in a transaction, look at it, and leave the database as it was."""
    with transaction.atomic():
        result = demo_snapshot.load_demo(today=TODAY)
        seen = table_digests(), result, check(result)
        transaction.set_rollback(True)
    return seen


def committed(_result):
    """What the load left for the commit: the kinds of record counted, notifications, mail."""
    mail.outbox.clear()
    commit()
    counted = set(DataVersion.objects.exclude(changes=0).values_list("label", flat=True))
    return counted, Notification.objects.count(), len(mail.outbox)


def test_a_second_load_copies_the_first_ones_rows_and_announces_the_load(frozen, real_loads):
    heard = []

    def hear(**kwargs):
        heard.append(kwargs)

    demo_loaded.connect(hear)
    try:
        built, built_result, built_after_commit = loaded_then_rolled_back(committed)
        copied, copied_result, copied_after_commit = loaded_then_rolled_back(committed)
    finally:
        demo_loaded.disconnect(hear)
    assert len(real_loads) == 1
    assert copied == built
    assert copied_after_commit == built_after_commit
    counted, notified, mailed = built_after_commit
    assert "community.person" in counted and notified > 0 and mailed > 0
    assert copied_result.counts == built_result.counts and copied_result.today == TODAY
    assert built["assistance.assistancerequest"].rows > 0 and built["auditlog.logentry"].rows > 0
    assert len(heard) == 2 and heard[1]["result"].counts == built_result.counts


def test_records_made_after_a_copy_get_new_keys(frozen, real_loads):
    loaded_then_rolled_back()

    def add_a_state(_result):
        highest = MemberState.objects.order_by("-pk").values_list("pk", flat=True).first()
        added = MemberState.objects.create(name="Atlantis", iso_code="AT")
        assert added.pk > highest
        assert AssistanceRequest.objects.exists()

    loaded_then_rolled_back(add_a_state)
    assert len(real_loads) == 1


def test_a_database_holding_anything_else_gets_a_real_load(frozen, real_loads):
    loaded_then_rolled_back()
    with transaction.atomic():
        User.objects.create_user(email="someone@demo.test", password="x" * 12)
        loaded_then_rolled_back()
        transaction.set_rollback(True)
    assert len(real_loads) == 2


def test_while_time_runs_a_copy_differs_from_a_load_only_in_the_time_rows_were_written(real_loads):
    with time_machine.travel(datetime.datetime(2026, 11, 23, 8, 0, tzinfo=datetime.UTC), tick=True):
        built, _, _ = loaded_then_rolled_back()
        copied, _, _ = loaded_then_rolled_back()
    assert len(real_loads) == 1
    assert copied == built
