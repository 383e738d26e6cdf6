"""Assessments' evidence files become core Documents (kind "evidence") attached to the
assessment; the files stay where they are in storage (the same names)."""

from django.db import migrations

from core.migration_helpers import document_from_file, documents_of


def to_core(apps, schema_editor):
    MaturityAssessment = apps.get_model("maturity", "MaturityAssessment")
    for row in MaturityAssessment.objects.exclude(evidence_file="").order_by("pk"):
        document_from_file(
            apps,
            record_model="maturity.MaturityAssessment",
            object_id=row.pk,
            name=row.evidence_file.name,
            title=row.evidence_file.name.rsplit("/", 1)[-1],
            kind="evidence",
            uploaded_by_id=row.recorded_by_id,
            created_at=row.created_at,
        )


def from_core(apps, schema_editor):
    MaturityAssessment = apps.get_model("maturity", "MaturityAssessment")
    for document in documents_of(apps, record_model="maturity.MaturityAssessment", kind="evidence").order_by("pk"):
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
