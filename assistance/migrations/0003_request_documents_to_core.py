"""Requests' documents become core Documents attached to the request; the files stay where they
are in storage (the same names), so nothing is copied on disk."""

import mimetypes

from django.core.files.storage import default_storage
from django.db import migrations


def _size(name: str) -> int:
    try:
        return default_storage.size(name)
    except OSError:
        return 0


def to_core(apps, schema_editor):
    RequestDocument = apps.get_model("assistance", "RequestDocument")
    Document = apps.get_model("core", "Document")
    ContentType = apps.get_model("contenttypes", "ContentType")
    rows = list(RequestDocument.objects.order_by("pk"))
    if not rows:
        return
    content_type, _created = ContentType.objects.get_or_create(app_label="assistance", model="assistancerequest")
    for row in rows:
        document = Document.objects.create(
            content_type=content_type,
            object_id=row.request_id,
            title=row.title,
            file=row.file.name,
            kind="attachment",
            size=_size(row.file.name),
            mime_type=mimetypes.guess_type(row.file.name)[0] or "",
            uploaded_by_id=row.uploaded_by_id,
        )
        # auto_now_add set today's date: keep when the document really came.
        Document.objects.filter(pk=document.pk).update(created_at=row.created_at)


def from_core(apps, schema_editor):
    RequestDocument = apps.get_model("assistance", "RequestDocument")
    Document = apps.get_model("core", "Document")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label="assistance", model="assistancerequest").first()
    if content_type is None:
        return
    for document in Document.objects.filter(content_type=content_type).order_by("pk"):
        RequestDocument.objects.create(
            request_id=document.object_id,
            title=document.title,
            file=document.file.name,
            uploaded_by_id=document.uploaded_by_id,
        )
        document.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("assistance", "0002_initial"),
        ("core", "0002_document"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(to_core, from_core),
        migrations.DeleteModel(name="RequestDocument"),
    ]
