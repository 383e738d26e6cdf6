"""The change history shows what changed, including many-to-many changes."""

import pytest
from auditlog.models import LogEntry

from community.tests.factories import MemberStateFactory
from core.templatetags.history import history_changes

pytestmark = pytest.mark.django_db


def test_many_to_many_changes_name_the_records_added():
    from community.models import Language

    state = MemberStateFactory.for_iso("BZ")
    spanish, _ = Language.objects.get_or_create(code="es", defaults={"name": "Spanish"})
    state.official_languages.add(spanish)
    entry = LogEntry.objects.get_for_object(state).order_by("-pk").first()
    assert ("official languages", "added: Spanish") in history_changes(entry)


def test_field_changes_read_old_to_new():
    state = MemberStateFactory.for_iso("BZ")
    state.capital = "Belmopan City"
    state.save()
    entry = LogEntry.objects.get_for_object(state).order_by("-pk").first()
    assert any(label == "capital" and text.endswith("→ Belmopan City") for label, text in history_changes(entry))
