"""The data migrations keep what a secretariat already recorded, there and back: requests'
documents and assessments' evidence files become Documents (assistance 0003, maturity 0002),
status history becomes the one workflow history (assistance 0004, 0005), and timeline entries the
system wrote as text become events worded in the reader's language (assistance 0007).

One journey through the history, as an upgrade and a downgrade run it: every migration of the
project is applied and unapplied (Django re-renders its model states at each step, most of a
minute each way), so the three conversions are checked on one trip rather than a trip each."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from core.models import Document, TransitionRecord

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.long]

AT = datetime.datetime(2025, 3, 4, 10, 0, tzinfo=datetime.UTC)
BEFORE = [("assistance", "0002_initial"), ("maturity", "0001_initial")]


def migrate(targets=None):
    """Migrate to `targets` (the latest migrations when None) and give the historical models there."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def migrate_to_latest_afterwards():
    """Whatever the test leaves, the next test finds the schema up to date."""
    yield
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        migrate()


def old_records(old, officer, belize):
    """A request with a letter and a status history, and an assessment with its evidence file, as
    the first releases stored them."""
    request = old.get_model("assistance", "AssistanceRequest").objects.create(
        state_id=belize.pk, title="Old", need="Old need", modality="attachment", officials_count=2
    )
    old.get_model("assistance", "RequestDocument").objects.create(
        request=request, title="Letter of 1 May.pdf", file="requests/2025/letter.pdf", uploaded_by_id=officer.pk
    )
    area = old.get_model("community", "CapabilityArea").objects.create(code="X", name="X", path="X")
    assessment = old.get_model("maturity", "MaturityAssessment").objects.create(
        state_id=belize.pk,
        area=area,
        level=2,
        method="secretariat",
        assessed_on="2025-01-01",
        evidence_file="maturity/evidence/2025/review.pdf",
        recorded_by_id=officer.pk,
    )
    with translation.override("fr"):
        french = translation.gettext("Needs assessment started.")
    history = [
        ("", "draft", ""),
        ("draft", "submitted", "Sent with the letter"),
        ("submitted", "registered", "Registered on receipt."),
        ("registered", "assessing", "Needs assessment started."),
        ("assessing", "assessing", french),
        ("assessing", "assessing", "Needs assessment started, we hope soon."),
    ]
    StatusChange = old.get_model("assistance", "StatusChange")
    for minutes, (from_status, to_status, comment) in enumerate(history):
        StatusChange.objects.create(
            request=request,
            from_status=from_status,
            to_status=to_status,
            actor_id=officer.pk,
            comment=comment,
            at=AT + datetime.timedelta(minutes=minutes),
        )
    return request, assessment, history


def test_documents_history_and_system_comments_survive_an_upgrade_and_a_downgrade(officer, belize):
    request, assessment, history = old_records(migrate(BEFORE), officer, belize)

    migrate()
    letter = Document.objects.get(file="requests/2025/letter.pdf")
    assert (letter.object_id, letter.title, letter.kind, letter.uploaded_by_id) == (
        request.pk,
        "Letter of 1 May.pdf",
        "attachment",
        officer.pk,
    )
    assert letter.content_type.model == "assistancerequest"
    review = Document.objects.get(file="maturity/evidence/2025/review.pdf")
    assert (review.object_id, review.kind, review.mime_type) == (assessment.pk, "evidence", "application/pdf")
    assert review.content_type.model == "maturityassessment"
    records = list(
        TransitionRecord.objects.filter(object_id=request.pk, workflow="request")
        .order_by("at")
        .values_list("from_status", "to_status", "actor_id", "comment", "event", "content_type__model")
    )
    # What the system wrote, in English or in French, is an event now; what a person typed stays.
    assert records == [
        ("", "draft", officer.pk, "", "", "assistancerequest"),
        ("draft", "submitted", officer.pk, "Sent with the letter", "", "assistancerequest"),
        ("submitted", "registered", officer.pk, "", "assistance.registered_on_receipt", "assistancerequest"),
        ("registered", "assessing", officer.pk, "", "assistance.assessment_started", "assistancerequest"),
        ("assessing", "assessing", officer.pk, "", "assistance.assessment_started", "assistancerequest"),
        ("assessing", "assessing", officer.pk, "Needs assessment started, we hope soon.", "", "assistancerequest"),
    ]
    french = history[4][2]
    with translation.override("fr"):
        assert TransitionRecord.objects.filter(event="assistance.assessment_started").first().event_text == french

    # And back: the old rows return with the same files and history (system entries in English).
    restored = migrate(BEFORE)
    assert list(restored.get_model("assistance", "RequestDocument").objects.values_list("file", flat=True)) == [
        "requests/2025/letter.pdf"
    ]
    assert restored.get_model("maturity", "MaturityAssessment").objects.get().evidence_file.name == (
        "maturity/evidence/2025/review.pdf"
    )
    changes = restored.get_model("assistance", "StatusChange").objects.order_by("at")
    assert list(changes.values_list("from_status", "to_status", "comment")) == [
        *history[:4],
        ("assessing", "assessing", "Needs assessment started."),
        history[5],
    ]
    assert not Document.objects.exists()
    assert not TransitionRecord.objects.filter(workflow="request").exists()
