"""Record versions: every save counts, and an edit that started from an older version is refused
(core.versions, core.models.BaseModel.save, core.forms.VersionedFormMixin)."""

import threading

import pytest
from auditlog.context import set_actor
from django.db import IntegrityError, connection, transaction

from community.forms import InstitutionForm
from community.models import Institution
from community.tests.factories import InstitutionFactory
from core.testing import edit_data
from core.versions import (
    RecordChanged,
    changes_since,
    claim,
    etag,
    refusal_message,
    version_of,
    versions_in_if_match,
)

pytestmark = pytest.mark.django_db


def test_a_new_record_starts_at_version_one():
    assert InstitutionFactory().version == 1


def test_every_save_adds_one_in_the_database_and_on_the_instance():
    institution = InstitutionFactory()
    institution.name = "Ministry of Labour"
    institution.save()
    assert (institution.version, version_of(institution)) == (2, 2)
    institution.save(update_fields=["name"])  # a save of some fields counts too
    assert (institution.version, version_of(institution)) == (3, 3)


def test_saves_from_the_same_version_are_each_counted():
    institution = InstitutionFactory()
    first, second = Institution.objects.get(pk=institution.pk), Institution.objects.get(pk=institution.pk)
    first.save()
    second.save()  # a stale instance still adds one: the database counts, not the instance
    assert version_of(institution) == 3


def test_a_failed_save_leaves_the_instance_at_its_version():
    institution = InstitutionFactory()
    institution.name = None  # NOT NULL
    with pytest.raises(IntegrityError), transaction.atomic():
        institution.save()
    assert institution.version == 1


def test_each_change_log_entry_names_the_version_it_made(officer):
    institution = InstitutionFactory(name="Old name")
    institution.name = "New name"
    institution.save()
    [change] = changes_since(institution, 1)
    assert ("name", "Old name → New name") in change.fields
    assert changes_since(institution, 2) == []


def test_claim_holds_the_current_version_and_refuses_an_older_one():
    institution = InstitutionFactory()
    with transaction.atomic():
        claim(institution, 1)
    institution.save()
    with pytest.raises(RecordChanged) as refused, transaction.atomic():
        claim(institution, 1)
    assert (refused.value.started_from, refused.value.current) == (1, 2)


@pytest.mark.django_db(transaction=True)
def test_claim_works_only_inside_a_transaction():
    with pytest.raises(RuntimeError):
        claim(InstitutionFactory(), 1)


def test_of_two_saves_from_one_version_only_the_first_passes():
    """The race, one after the other: each claims version 1 in its own transaction."""
    institution = InstitutionFactory()
    first, second = Institution.objects.get(pk=institution.pk), Institution.objects.get(pk=institution.pk)
    with transaction.atomic():
        claim(first, 1)
        first.name = "First"
        first.save()
    with pytest.raises(RecordChanged), transaction.atomic():
        claim(second, 1)
        second.name = "Second"
        second.save()
    institution.refresh_from_db()
    assert (institution.name, institution.version) == ("First", 2)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)")
def test_two_concurrent_saves_at_the_same_version_cannot_both_pass():
    institution = InstitutionFactory()
    barrier, outcomes = threading.Barrier(2), []

    def save_as(name):
        try:
            record = Institution.objects.get(pk=institution.pk)
            barrier.wait()
            with transaction.atomic():
                claim(record, 1)
                record.name = name
                record.save()
            outcomes.append("saved")
        except RecordChanged:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=save_as, args=(name,)) for name in ("First", "Second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == ["refused", "saved"]
    assert version_of(institution) == 2


def test_the_refusal_says_who_changed_what_and_when(officer):
    institution = InstitutionFactory(name="Old name")
    with set_actor(officer):
        institution.name = "New name"
        institution.save()
    message = refusal_message(changes_since(institution, 1))
    assert message.startswith("Someone else changed this record while you were editing it: ")
    assert str(officer) in message
    assert "name: Old name → New name" in message
    assert message.endswith("Your changes are kept below; check them and save again.")


def test_if_match_names_versions_or_any():
    assert versions_in_if_match('"3"') == [3]
    assert versions_in_if_match('"3", "4"') == [3, 4]
    assert versions_in_if_match("*") is None
    assert versions_in_if_match("") is None
    assert versions_in_if_match('W/"3"') == [3]  # as weakened by a compressing server
    assert versions_in_if_match('"abc"') == []  # not one of ours: matches no version
    assert etag(3) == '"3"'


def test_an_edit_form_carries_the_version_hidden(officer):
    institution = InstitutionFactory()
    form = InstitutionForm(instance=institution, user=officer)
    assert form.fields["version"].widget.is_hidden
    assert form["version"].value() == 1
    assert "version" not in InstitutionForm(instance=Institution(), user=officer).fields


def test_an_edit_form_posted_without_its_version_is_refused_above_the_form(officer):
    institution = InstitutionFactory()
    data = {"name": "Renamed", "kind": institution.kind, "state": institution.state_id, "visibility": "shared"}
    form = InstitutionForm(data, instance=institution, user=officer)
    assert not form.is_valid()
    assert "out of date" in form.non_field_errors()[0]
    form = InstitutionForm(edit_data(institution, data), instance=institution, user=officer)
    assert form.is_valid(), form.errors
    assert form.started_version == 1
    assert "version" not in form.cleaned_data  # services get the record's fields only


def test_a_reader_who_may_not_change_the_record_is_told_the_fields_not_the_values(officer, focal_jm, belize):
    institution = InstitutionFactory(name="Old name", state=belize)
    with transaction.atomic(), set_actor(officer):
        institution.name = "New name"
        institution.save()
    with pytest.raises(RecordChanged) as refused, transaction.atomic():
        claim(institution, 1)
    assert "Old name" in refused.value.message_for(officer)
    message = refused.value.message_for(focal_jm)
    assert "name" in message and "Old name" not in message and "New name" not in message
