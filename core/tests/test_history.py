"""One history selector for every page: what changed, readable, in a bounded number of queries."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.db.models import Q

from community.models import Language
from community.tests.factories import CapabilityAreaFactory, MemberStateFactory
from core.history import history_for
from decisions.choices import Timeframe
from decisions.tests.factories import DecisionFactory, RequiredActionFactory

pytestmark = pytest.mark.django_db


def changes(entry) -> dict:
    return dict(entry.shown_changes)


def test_many_to_many_changes_name_the_records_added():
    state = MemberStateFactory.for_iso("BZ")
    spanish, _ = Language.objects.get_or_create(code="es", defaults={"name": "Spanish"})
    state.official_languages.add(spanish)
    assert changes(history_for(state)[0])["official languages"] == "added: Spanish"


def test_field_changes_read_old_to_new_newest_first():
    state = MemberStateFactory.for_iso("BZ")
    state.capital = "Belmopan City"
    state.save()
    entries = history_for(state)
    latest, created = entries[0], entries[-1]
    assert (latest.action, created.action) == (LogEntry.Action.UPDATE, LogEntry.Action.CREATE)
    assert changes(latest)["capital"].endswith("→ Belmopan City")


def test_related_records_choices_and_dates_read_as_people_say_them():
    old_area, new_area = CapabilityAreaFactory(name="Labour inspection"), CapabilityAreaFactory(name="Accreditation")
    action = RequiredActionFactory(area=old_area, timeframe=Timeframe.MEDIUM, due_date=datetime.date(2026, 3, 1))
    action.area, action.timeframe, action.due_date = new_area, Timeframe.LONG, None
    action.save()
    shown = changes(history_for(action)[0])
    assert shown["capability area"] == "Labour inspection → Accreditation"
    assert shown["timeframe"] == "Medium term → Long term"
    assert shown["due date"].endswith("→ —") and "2026" in shown["due date"]


def test_several_records_and_their_deletions_in_one_list(django_assert_max_num_queries):
    decision = DecisionFactory(reference="CHOG/2026/001")
    kept, gone = RequiredActionFactory(decision=decision), RequiredActionFactory(decision=decision)
    other = RequiredActionFactory()
    gone_pk = gone.pk
    gone.delete()
    deleted = Q(action=LogEntry.Action.DELETE, object_repr__startswith="CHOG/2026/001 §")
    for action in RequiredActionFactory.create_batch(5, decision=decision):
        action.area = CapabilityAreaFactory()
        action.save()
    # The entries, the content type and one query per related model, however many entries.
    with django_assert_max_num_queries(4):
        entries = history_for(decision.actions.all(), also=deleted)
    ids = {entry.object_id for entry in entries}
    assert kept.pk in ids and gone_pk in ids and other.pk not in ids
    assert entries[0].action == LogEntry.Action.UPDATE
    assert len(history_for(decision.actions.all(), limit=3)) == 3


def test_an_empty_list_of_records_has_no_history():
    assert history_for([]) == []


def test_the_page_shows_values_only_to_editors(client, focal_bz, officer):
    state = MemberStateFactory.for_iso("BZ")
    state.capital = "Belmopan City"
    state.save()
    client.force_login(officer)
    assert "→ Belmopan City" in client.get(state.get_absolute_url()).content.decode()
    client.force_login(focal_bz)
    html = client.get(state.get_absolute_url()).content.decode()
    assert "Change history" in html and "→ Belmopan City" not in html
    assert "Changed capital." in html


def test_each_change_reads_as_one_sentence():
    state = MemberStateFactory.for_iso("BZ")
    state.capital, state.sub_region = "Belmopan City", "Caribbean Sea"
    state.save()
    entries = history_for(state)
    assert entries[0].summary.startswith("Changed ")
    assert " and " in entries[0].summary and entries[0].summary.endswith(".")
    assert entries[-1].summary == "Created."
