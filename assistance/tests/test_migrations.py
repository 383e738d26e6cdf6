"""The data migrations of requests: status history into the one workflow history (0004), and
system-written comments into events worded in the reader's language (0007)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from core.models import TransitionRecord

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.long]

AT = datetime.datetime(2025, 3, 4, 10, 0, tzinfo=datetime.UTC)


def migrate(targets):
    """Migrate to `targets` and give the historical models there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def migrate_to_latest_afterwards():
    """Whatever a test does to the schema, the next test finds it up to date."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_status_changes_become_transition_records_and_come_back(officer, belize):
    before = [("assistance", "0003_request_documents_to_core"), ("core", "0003_transition_record")]
    old = migrate(before)
    request = old.get_model("assistance", "AssistanceRequest").objects.create(
        state_id=belize.pk, title="Old", need="Old need", modality="attachment", officials_count=2
    )
    StatusChange = old.get_model("assistance", "StatusChange")
    StatusChange.objects.create(request=request, from_status="", to_status="draft", actor_id=officer.pk, at=AT)
    StatusChange.objects.create(
        request=request,
        from_status="draft",
        to_status="submitted",
        actor_id=officer.pk,
        comment="Sent with the letter",
        at=AT + datetime.timedelta(days=1),
    )
    migrate([("assistance", "0005_drop_status_change")])
    records = list(
        TransitionRecord.objects.filter(object_id=request.pk, workflow="request")
        .order_by("at")
        .values_list("from_status", "to_status", "actor_id", "comment", "at", "content_type__model")
    )
    assert records == [
        ("", "draft", officer.pk, "", AT, "assistancerequest"),
        (
            "draft",
            "submitted",
            officer.pk,
            "Sent with the letter",
            AT + datetime.timedelta(days=1),
            "assistancerequest",
        ),
    ]
    # And back: the old rows return, the records go.
    restored = migrate(before)
    assert list(
        restored.get_model("assistance", "StatusChange").objects.order_by("at").values_list("to_status", "comment")
    ) == [("draft", ""), ("submitted", "Sent with the letter")]
    assert not TransitionRecord.objects.filter(workflow="request").exists()


def test_system_comments_become_events_and_people_comments_stay(officer, belize):
    before = [
        ("assistance", "0006_request_draft_fields_restricted_by_default"),
        ("core", "0005_transition_record_event"),
    ]
    old = migrate(before)
    request = old.get_model("assistance", "AssistanceRequest").objects.create(
        state_id=belize.pk, title="Old", need="Old need", modality="attachment", officials_count=2
    )
    content_type = old.get_model("contenttypes", "ContentType").objects.get(
        app_label="assistance", model="assistancerequest"
    )
    Record = old.get_model("core", "TransitionRecord")

    def record(comment, to="assessing"):
        return Record.objects.create(
            content_type=content_type, object_id=request.pk, workflow="request", to_status=to, comment=comment, at=AT
        ).pk

    with translation.override("fr"):
        french = translation.gettext("Needs assessment started.")
    english_pk, french_pk = record("Needs assessment started."), record(french)
    receipt_pk = record("Registered on receipt.", to="registered")
    typed_pk = record("Needs assessment started, we hope soon.")
    migrate([("assistance", "0007_system_comments_to_events")])
    rows = dict(TransitionRecord.objects.filter(object_id=request.pk).values_list("pk", "event"))
    assert rows[english_pk] == rows[french_pk] == "assistance.assessment_started"
    assert rows[receipt_pk] == "assistance.registered_on_receipt"
    assert rows[typed_pk] == ""
    assert TransitionRecord.objects.get(pk=typed_pk).comment == "Needs assessment started, we hope soon."
    with translation.override("fr"):
        assert TransitionRecord.objects.get(pk=english_pk).event_text == french
    migrate(before)
    assert Record.objects.get(pk=french_pk).comment == "Needs assessment started."
