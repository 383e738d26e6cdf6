from django.db import migrations


class Migration(migrations.Migration):
    """Matching's data version is now the change counters of its input models (core.DataVersion)."""

    dependencies = [
        ("matching", "0011_invitations_waiting_longest"),
        ("core", "0007_data_version"),
    ]

    operations = [
        migrations.DeleteModel(name="MatchingInputsVersion"),
    ]
