"""Assessments' evidence files become core Documents (kind "evidence") attached to the
assessment; the files stay where they are in storage (the same names)."""

import mimetypes

from django.core.files.storage import default_storage
from django.db import migrations


def _size(name: str) -> int:
    try:
        return default_storage.size(name)
    except OSError:
        return 0


def to_core(apps, schema_editor):
    MaturityAssessment = apps.get_model("maturity", "MaturityAssessment")
    Document = apps.get_model("core", "Document")
    ContentType = apps.get_model("contenttypes", "ContentType")
    rows = list(MaturityAssessment.objects.exclude(evidence_file="").order_by("pk"))
    if not rows:
        return
    content_type, _created = ContentType.objects.get_or_create(app_label="maturity", model="maturityassessment")
    for row in rows:
        name = row.evidence_file.name
        document = Document.objects.create(
            content_type=content_type,
            object_id=row.pk,
            title=name.rsplit("/", 1)[-1][:200],
            file=name,
            kind="evidence",
            size=_size(name),
            mime_type=mimetypes.guess_type(name)[0] or "",
            uploaded_by_id=row.recorded_by_id,
        )
        Document.objects.filter(pk=document.pk).update(created_at=row.created_at)


def from_core(apps, schema_editor):
    MaturityAssessment = apps.get_model("maturity", "MaturityAssessment")
    Document = apps.get_model("core", "Document")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label="maturity", model="maturityassessment").first()
    if content_type is None:
        return
    for document in Document.objects.filter(content_type=content_type, kind="evidence").order_by("pk"):
        MaturityAssessment.objects.filter(pk=document.object_id).update(evidence_file=document.file.name)
        document.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("maturity", "0001_initial"),
        ("core", "0002_document"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(to_core, from_core),
        migrations.RemoveField(model_name="maturityassessment", name="evidence_file"),
    ]
