"""Requests' documents become core Documents attached to the request; the files stay where they
are in storage (the same names), so nothing is copied on disk."""

from django.db import migrations

from core.migration_helpers import document_from_file, documents_of


def to_core(apps, schema_editor):
    RequestDocument = apps.get_model("assistance", "RequestDocument")
    for row in RequestDocument.objects.order_by("pk"):
        document_from_file(
            apps,
            record_model="assistance.AssistanceRequest",
            object_id=row.request_id,
            name=row.file.name,
            title=row.title,
            kind="attachment",
            uploaded_by_id=row.uploaded_by_id,
            created_at=row.created_at,
        )


def from_core(apps, schema_editor):
    RequestDocument = apps.get_model("assistance", "RequestDocument")
    for document in documents_of(apps, record_model="assistance.AssistanceRequest").order_by("pk"):
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
