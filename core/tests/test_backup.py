"""`attache backup` and `attache restore`: a round trip gives the same tables on either engine,
exact timestamps, the uploaded files, no change history; a refused or damaged restore changes nothing."""

import datetime
import io
import json
import tarfile
import tempfile

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.core import mail
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import QuerySet

from community.models import MemberState
from community.tests.factories import MemberStateFactory
from core import backup
from core.backup import BackupError, restore, table_digests
from core.demo import demo_load
from core.tests.factories import DocumentFactory

OTHER = "other"
needs_other_engine = pytest.mark.skipif(
    OTHER not in settings.DATABASES,
    reason="no second database: set DATABASE_URL_OTHER to a PostgreSQL database to run SQLite → PostgreSQL",
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(scope="session")
def other_database(django_db_setup, django_db_blocker):
    """The second database, at the default's migration state (its tables came from the models),
    recorded once, outside any test's transaction (SQLite creates no table inside one)."""
    with django_db_blocker.unblock():
        recorder = MigrationRecorder(connections[OTHER])
        recorder.ensure_schema()
        applied = set(recorder.applied_migrations())
        for app, name in MigrationRecorder(connections["default"]).applied_migrations():
            if (app, name) not in applied:
                recorder.record_applied(app, name)
    return OTHER


def _backup(tmp_path, name="backup.tar.gz", database="default"):
    path = tmp_path / name
    call_command("backup", str(path), database=database, stdout=io.StringIO())
    return path


def _manifest(path):
    with tarfile.open(path) as archive:
        return json.loads(archive.extractfile("manifest.json").read())


def _rewrite(path, member, change):
    """A copy of the archive with one member's content changed by `change(bytes) -> bytes`."""
    copy = path.with_name("changed.tar.gz")
    with tarfile.open(path) as source, tarfile.open(copy, "w:gz") as target:
        for info in source.getmembers():
            content = source.extractfile(info).read()
            if info.name == member:
                content = change(content)
                info.size = len(content)
            target.addfile(info, io.BytesIO(content))
    return copy


@pytest.mark.django_db(databases=["default", OTHER])
@needs_other_engine
def test_a_round_trip_to_the_other_engine_and_back_keeps_every_table(tmp_path, other_database):
    demo_load()
    DocumentFactory(record=MemberState.objects.first())
    before = table_digests()
    first = _backup(tmp_path, "first.tar.gz")

    call_command("restore", str(first), database=OTHER, stdout=io.StringIO())
    assert table_digests(using=OTHER) == before
    second = _backup(tmp_path, "second.tar.gz", database=OTHER)
    assert _manifest(second)["tables"] == _manifest(first)["tables"]
    assert _manifest(second)["engine"] != _manifest(first)["engine"]

    call_command("restore", str(second), force=True, stdout=io.StringIO())
    assert table_digests() == before


@pytest.mark.django_db
def test_a_round_trip_of_the_demo_on_the_suite_s_engine_keeps_every_table(tmp_path):
    demo_load()
    before = table_digests()
    entries = LogEntry.objects.count()
    path = _backup(tmp_path)
    manifest = _manifest(path)
    assert manifest["tables"]["activities.activity_areas"]["rows"] > 0, "many-to-many tables are included"
    assert manifest["tables"]["auditlog.logentry"]["rows"] == entries

    call_command("restore", str(path), force=True, stdout=io.StringIO())
    assert table_digests() == before
    assert LogEntry.objects.count() == entries, "a restore writes no change history"


@pytest.mark.django_db
def test_timestamps_stay_exact_and_no_history_or_mail_is_added(tmp_path):
    state = MemberStateFactory()
    exact = datetime.datetime(2021, 3, 4, 5, 6, 7, 891011, tzinfo=datetime.UTC)
    MemberState.objects.filter(pk=state.pk).update(created_at=exact, updated_at=exact)
    path = _backup(tmp_path)
    MemberState.objects.filter(pk=state.pk).update(name="Changed")
    entries = LogEntry.objects.count()

    restore(path, force=True)

    state = MemberState.objects.get(pk=state.pk)
    assert (state.created_at, state.updated_at) == (exact, exact), "auto_now fields keep the backed-up time"
    assert state.name != "Changed"
    assert LogEntry.objects.count() == entries
    assert mail.outbox == []


@pytest.mark.django_db
def test_uploaded_files_travel_with_the_backup(tmp_path):
    document = DocumentFactory(record=MemberStateFactory())
    content = document.file.read()
    path = _backup(tmp_path)
    assert document.file.name in _manifest(path)["files"]
    default_storage.delete(document.file.name)

    restore(path, force=True)

    with default_storage.open(document.file.name, "rb") as handle:
        assert handle.read() == content


@pytest.mark.django_db
def test_a_database_that_is_not_empty_is_refused(tmp_path):
    MemberStateFactory()
    path = _backup(tmp_path)
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(path), stdout=io.StringIO())


@pytest.mark.django_db
def test_a_damaged_table_fails_loudly_and_changes_nothing(tmp_path):
    state = MemberStateFactory(name="Belize")
    path = _backup(tmp_path)
    damaged = _rewrite(path, "data/community.memberstate.jsonl", lambda text: text.replace(b"Belize", b"Belise"))
    MemberState.objects.filter(pk=state.pk).update(name="Kept")

    with pytest.raises(BackupError, match="community.memberstate"):
        restore(damaged, force=True)
    assert MemberState.objects.get().name == "Kept"


@pytest.mark.django_db
def test_a_database_at_another_migration_state_is_refused(tmp_path):
    path = _backup(tmp_path)

    def add_migration(text):
        manifest = json.loads(text)
        manifest["migrations"].append("core.9999_from_the_future")
        return json.dumps(manifest).encode()

    with pytest.raises(BackupError, match="not migrated to the backup's state"):
        restore(_rewrite(path, "manifest.json", add_migration))


def test_a_file_that_is_no_backup_is_refused(tmp_path):
    path = tmp_path / "not-a-backup.tar.gz"
    path.write_bytes(b"hello")
    with pytest.raises(BackupError, match="Cannot read"):
        restore(path)


def _members(path) -> dict[str, bytes]:
    with tarfile.open(path) as archive:
        return {info.name: archive.extractfile(info).read() for info in archive.getmembers()}


@pytest.mark.django_db
def test_the_writer_streams_each_table_in_chunks_and_writes_the_same_archive(tmp_path, monkeypatch):
    for name in ("Belize", "Jamaica", "Barbados", "Guyana", "Suriname"):
        MemberStateFactory(name=name)
    DocumentFactory(record=MemberState.objects.first())
    whole = _members(_backup(tmp_path, "whole.tar.gz"))

    chunk_sizes, spools = [], []
    iterator, spooled = QuerySet.iterator, tempfile.SpooledTemporaryFile

    def counted_iterator(queryset, chunk_size=None):
        chunk_sizes.append(chunk_size)
        return iterator(queryset, chunk_size=chunk_size)

    def kept_spool(*args, **kwargs):
        spools.append(spooled(*args, **kwargs))
        return spools[-1]

    monkeypatch.setattr(backup, "CHUNK_ROWS", 2)
    monkeypatch.setattr(backup, "SPOOL_BYTES", 64)
    monkeypatch.setattr(backup, "COPY_BYTES", 4)
    monkeypatch.setattr(QuerySet, "iterator", counted_iterator)
    monkeypatch.setattr(backup.tempfile, "SpooledTemporaryFile", kept_spool)
    chunked = _members(_backup(tmp_path, "chunked.tar.gz"))

    assert set(chunk_sizes) == {2}, "every table is read two rows at a time"
    assert any(spool._rolled for spool in spools), "a table larger than the spool went to disk, not memory"
    manifest = json.loads(chunked.pop("manifest.json"))
    expected = json.loads(whole.pop("manifest.json"))
    assert (manifest["tables"], manifest["files"]) == (expected["tables"], expected["files"])
    assert chunked == whole


@pytest.mark.django_db
def test_a_restore_inserts_a_table_in_chunks(tmp_path, monkeypatch):
    for name in ("Belize", "Jamaica", "Barbados", "Guyana", "Suriname"):
        MemberStateFactory(name=name)
    document = DocumentFactory(record=MemberState.objects.first())
    content = document.file.read()
    before = table_digests()
    path = _backup(tmp_path)
    default_storage.delete(document.file.name)

    inserted = []
    insert = backup._insert

    def counted_insert(model, objs, columns, using):
        inserted.append((model._meta.label_lower, len(objs)))
        insert(model, objs, columns, using)

    monkeypatch.setattr(backup, "CHUNK_ROWS", 2)
    monkeypatch.setattr(backup, "COPY_BYTES", 4)
    monkeypatch.setattr(backup, "_insert", counted_insert)
    restore(path, force=True)

    assert [rows for label, rows in inserted if label == "community.memberstate"] == [2, 2, 1]
    assert table_digests() == before
    with default_storage.open(document.file.name, "rb") as handle:
        assert handle.read() == content
