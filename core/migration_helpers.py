"""Helpers for data migrations that move stored files into core.Document.

They take the migration's historical `apps`, so they work whatever the models look like later."""

import mimetypes

from django.core.files.storage import default_storage


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
