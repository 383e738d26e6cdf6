"""Helpers for migrations: data migrations that move stored files into core.Document (they take
the migration's historical `apps`, so they work whatever the models look like later), and the
lists' trigram search indexes on PostgreSQL."""

import mimetypes

from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction


def _size(name: str) -> int:
    try:
        return default_storage.size(name)
    except OSError:
        return 0


def document_from_file(apps, *, record_model: str, object_id: int, name: str, title: str, kind: str, **fields):
    """A Document for a file already in storage (`name`), attached to the record `record_model`
    ("app_label.model") `object_id`. The file is not copied; `created_at` may be passed to keep
    when it really came."""
    Document = apps.get_model("core", "Document")
    ContentType = apps.get_model("contenttypes", "ContentType")
    app_label, model = record_model.lower().split(".")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    created_at = fields.pop("created_at", None)
    document = Document.objects.create(
        content_type=content_type,
        object_id=object_id,
        title=title[:200],
        file=name,
        kind=kind,
        size=_size(name),
        mime_type=mimetypes.guess_type(name)[0] or "",
        **fields,
    )
    if created_at is not None:  # auto_now_add set today's date
        Document.objects.filter(pk=document.pk).update(created_at=created_at)
    return document


def documents_of(apps, *, record_model: str, **filters):
    """The Documents attached to records of `record_model`, for a migration's reverse step."""
    Document = apps.get_model("core", "Document")
    app_label, model = record_model.lower().split(".")
    return Document.objects.filter(content_type__app_label=app_label, content_type__model=model, **filters)


def trigram_search_indexes(table: str, columns: tuple[str, ...]):
    """A migration operation giving each column of `table` a trigram index on PostgreSQL, so a
    list's search box (`icontains`: UPPER(column) LIKE '%…%') reads an index instead of every
    row. Nothing on other databases; nothing either where the pg_trgm extension may not be
    created (the search then still works, reading every row)."""
    from django.db import migrations

    def name(column: str) -> str:
        return f"{table[:40]}_{column[:12]}_trgm"

    def create(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            try:
                with transaction.atomic(using=connection.alias):
                    cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            except DatabaseError:
                return
            for column in columns:
                cursor.execute(
                    f'CREATE INDEX IF NOT EXISTS "{name(column)}" ON "{table}" '
                    f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
                )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            for column in columns:
                cursor.execute(f'DROP INDEX IF EXISTS "{name(column)}"')

    return migrations.RunPython(create, drop, elidable=False)
