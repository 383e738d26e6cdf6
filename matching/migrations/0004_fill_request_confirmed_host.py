"""Requests already past host_confirmed learn their confirmed host from the accepted invitation."""

from django.db import migrations

CONFIRMED_OR_LATER = ["host_confirmed", "planned", "in_delivery", "delivered", "follow_up", "closed"]


def fill(apps, schema_editor):
    HostInvitation = apps.get_model("matching", "HostInvitation")
    AssistanceRequest = apps.get_model("assistance", "AssistanceRequest")
    accepted = HostInvitation.objects.filter(status="accepted", request__status__in=CONFIRMED_OR_LATER)
    for invitation in accepted.order_by("request_id", "responded_at", "pk"):
        AssistanceRequest.objects.filter(pk=invitation.request_id).update(
            host_state_id=invitation.state_id, host_institution_id=invitation.institution_id
        )


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0003_host_contact_and_proposal"),
        ("assistance", "0008_request_confirmed_host"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
