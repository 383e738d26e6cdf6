import time

from django.db import migrations, models


def start_counters(apps, schema_editor):
    """A new database starts its counters at a value no process can hold from another database
    (microseconds since the epoch), so nothing kept for another one is taken for its own."""
    data_version = apps.get_model("core", "DataVersion")
    data_version.objects.using(schema_editor.connection.alias).create(label="*", changes=time.time_ns() // 1000)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_field_limits"),
    ]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                (
                    "label",
                    models.CharField(max_length=100, primary_key=True, serialize=False, verbose_name="kind of record"),
                ),
                ("changes", models.BigIntegerField(default=0, verbose_name="changes")),
            ],
            options={
                "verbose_name": "data version",
                "verbose_name_plural": "data versions",
            },
        ),
        migrations.RunPython(start_counters, migrations.RunPython.noop),
    ]
