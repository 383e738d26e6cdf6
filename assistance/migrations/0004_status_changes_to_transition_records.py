"""Copy each request's status history (assistance.StatusChange) into the one workflow history
(core.TransitionRecord) before the old table is dropped."""

from django.db import migrations


def copy_forward(apps, schema_editor):
    StatusChange = apps.get_model("assistance", "StatusChange")
    TransitionRecord = apps.get_model("core", "TransitionRecord")
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not StatusChange.objects.exists():
        return
    request_type, _created = ContentType.objects.get_or_create(app_label="assistance", model="assistancerequest")
    batch = []
    for change in StatusChange.objects.order_by("pk").iterator(chunk_size=2000):
        batch.append(
            TransitionRecord(
                content_type_id=request_type.pk,
                object_id=change.request_id,
                workflow="request",
                from_status=change.from_status,
                to_status=change.to_status,
                actor_id=change.actor_id,
                comment=change.comment,
                at=change.at,
            )
        )
        if len(batch) >= 2000:
            TransitionRecord.objects.bulk_create(batch)
            batch = []
    TransitionRecord.objects.bulk_create(batch)


def copy_back(apps, schema_editor):
    StatusChange = apps.get_model("assistance", "StatusChange")
    TransitionRecord = apps.get_model("core", "TransitionRecord")
    StatusChange.objects.bulk_create(
        StatusChange(
            request_id=record.object_id,
            from_status=record.from_status,
            to_status=record.to_status,
            actor_id=record.actor_id or record.on_behalf_of_id,
            comment=record.comment,
            at=record.at,
        )
        for record in TransitionRecord.objects.filter(workflow="request").order_by("at", "pk")
    )
    TransitionRecord.objects.filter(workflow="request").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("assistance", "0003_request_documents_to_core"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0003_transition_record"),
    ]

    operations = [migrations.RunPython(copy_forward, copy_back)]
