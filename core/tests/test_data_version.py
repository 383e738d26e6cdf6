"""The change counters (`core.data_version`) and what is kept by them: a filter's options."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import PASSWORD
from community.filtersets import PersonFilterSet
from community.models import MemberState, Person
from community.tests.factories import CapabilityAreaFactory, MemberStateFactory, PersonFactory
from core import data_version
from core.backup import Manifest, restored
from core.demo import DemoResult, demo_loaded
from core.models import DataVersion
from core.testing import commit

pytestmark = pytest.mark.django_db


def counter(label: str) -> int:
    return DataVersion.objects.filter(label=label).values_list("changes", flat=True).first() or 0


def test_a_transaction_counts_each_model_it_changed_once_when_it_commits(belize):
    commit()
    states, people = counter("community.memberstate"), counter("community.person")
    for name in ("One", "Two", "Three"):
        PersonFactory(full_name=name, state=belize)
    belize.save()
    assert counter("community.person") == people  # nothing before the commit
    assert data_version.pending(Person) and data_version.pending(MemberState) and data_version.pending()
    commit()
    assert (counter("community.person"), counter("community.memberstate")) == (people + 1, states + 1)
    assert not data_version.pending()


def test_a_delete_and_a_many_to_many_change_count(belize):
    person, area = PersonFactory(state=belize), CapabilityAreaFactory()
    commit()
    before = {label: counter(label) for label in ("community.person", "community.person_expertise_areas")}
    person.expertise_areas.add(area)
    commit()
    assert {label: counter(label) for label in before} == {label: value + 1 for label, value in before.items()}
    person.delete()
    commit()
    assert counter("community.person") == before["community.person"] + 2


def test_a_sign_in_is_not_counted_as_a_change_of_the_account(officer, client):
    """Only `last_login` is written (User.unversioned_fields); an edit of the account counts."""
    commit()
    before = counter("accounts.user")
    client.post(reverse("accounts:login"), {"username": officer.email, "password": PASSWORD})
    officer.refresh_from_db()
    assert officer.last_login is not None
    commit()
    assert counter("accounts.user") == before
    officer.full_name = "Renamed Officer"
    officer.save()
    commit()
    assert counter("accounts.user") == before + 1


def test_a_change_rolled_back_is_not_counted(belize):
    commit()
    before = counter("community.memberstate")
    with pytest.raises(RuntimeError), transaction.atomic():
        MemberStateFactory(name="Rolled back")
        raise RuntimeError
    assert not data_version.pending(MemberState)
    commit()
    assert counter("community.memberstate") == before


def test_the_counters_are_read_once_per_request(django_assert_num_queries, belize):
    commit()
    # A transactional test run before this one empties the table (flush), and the first read
    # then starts the counters again (two more queries); read once so that they exist.
    data_version.versions()
    # The receivers of request_started and request_finished (sending the signals themselves
    # would also close the test's database connection).
    data_version.start_request()
    try:
        with django_assert_num_queries(1):
            assert data_version.versions() == data_version.versions()
    finally:
        data_version.end_request()
    with django_assert_num_queries(1):
        data_version.versions()


def test_a_version_grows_with_any_of_its_models_and_with_everything(belize):
    commit()
    before = data_version.version_of(MemberState, Person)
    PersonFactory(state=belize)
    commit()
    assert data_version.version_of(MemberState, Person) > before
    states = data_version.version_of(MemberState)
    demo_loaded.send(sender=DemoResult, result=None)  # a load that replaced everything
    commit()
    assert data_version.version_of(MemberState) == states + 1


def test_a_restore_or_an_emptied_table_starts_where_no_process_can_have_kept_anything(db):
    held = data_version.version_of(MemberState)
    restored.send(sender=Manifest, using="default")
    assert data_version.version_of(MemberState) > max(held, 10**15)
    DataVersion.objects.all().delete()
    data_version.forget()
    assert data_version.versions()[data_version.EVERYTHING] > 10**15


def test_a_querysets_version_covers_the_tables_it_joins(belize):
    people = Person.objects.select_related("state").filter(state=belize)
    commit()
    query, version, models = data_version.queryset_version(people)
    assert "community_memberstate" in query and str(belize.pk) in query and models == {Person, MemberState}
    belize.save()
    commit()
    assert data_version.queryset_version(people) == (query, version + 1, models)


def states_options(user) -> str:
    form = PersonFilterSet(data={}, queryset=Person.objects.none(), request=None).form
    return str(form["state"])


def test_a_filters_options_are_read_once_and_kept_until_a_state_changes(belize, jamaica, django_assert_num_queries):
    commit()
    first = states_options(None)
    assert "Belize" in first and "Jamaica" in first
    with django_assert_num_queries(1):  # the counters; no states read
        assert states_options(None) == first
    belize.name = "Belize (renamed)"
    belize.save()
    assert "Belize (renamed)" in states_options(None)  # uncommitted: read, not kept
    commit()
    assert "Belize (renamed)" in states_options(None) and "Belize (renamed)" in states_options(None)


def test_kept_options_are_named_by_language_and_query(belize, jamaica):
    commit()
    states_options(None)
    with translation.override("fr"):
        states_options(None)
    assert len(cache._cache) >= 2  # one entry per language
    form = PersonFilterSet(data={}, queryset=Person.objects.none(), request=None).form
    form.fields["state"].queryset = MemberState.objects.filter(pk=belize.pk)
    only_belize = str(form["state"])
    assert "Belize" in only_belize and "Jamaica" not in only_belize


def test_the_selected_option_is_marked_on_kept_options(belize, jamaica):
    commit()
    states_options(None)
    form = PersonFilterSet(data={"state": str(jamaica.pk)}, queryset=Person.objects.none(), request=None).form
    assert f'<option value="{jamaica.pk}" selected>' in str(form["state"])


def test_kept_options_are_the_markup_django_writes(belize, jamaica):
    """A kept list, with a state chosen, is the <select> Django's templates write for it."""
    from django import forms
    from django.forms.renderers import DjangoTemplates
    from django.test.html import parse_html

    commit()
    states_options(None)
    field = PersonFilterSet(data={"state": str(jamaica.pk)}, queryset=Person.objects.none(), request=None).form["state"]
    kept = str(field)
    widget = field.field.widget
    attrs = field.build_widget_attrs({"id": field.auto_id}, widget)
    django = forms.Select.render(widget, field.html_name, field.value(), attrs, DjangoTemplates())
    assert parse_html(kept) == parse_html(django)
    assert "\n  " not in kept, "the options came from the cache, not from a render"


def test_bulk_writes_count_as_changes_of_their_model(belize, jamaica):
    commit()
    before = counter("community.memberstate")
    MemberState.objects.filter(pk=belize.pk).update(name="Belize (updated)")
    assert data_version.pending(MemberState)
    commit()
    after_update = counter("community.memberstate")
    MemberState.objects.bulk_update([jamaica], ["name"])
    commit()
    assert (after_update, counter("community.memberstate")) == (before + 1, before + 2)


def test_a_table_rewritten_in_bulk_counts_its_bulk_writes_and_keeps_fast_deletes(db):
    from django.db.models.signals import post_delete

    from decisions.models import ActionTally
    from maturity.models import CurrentAssessment

    for model in (CurrentAssessment, ActionTally):
        assert not post_delete.has_listeners(model)  # Django deletes their rows without loading them
        model.objects.bulk_create([])
        assert data_version.pending(model)
