"""Match weights become one mapping by factor name instead of a column per factor, so that a new
factor (registered in `matching.factors`) needs no migration. The weights officers kept are
carried over; going back writes them into the columns again."""

from django.db import migrations, models

import matching.models

# The factors that had a column, with the column's default.
COLUMNS = {
    "capability": 3.0,
    "fit": 2.0,
    "relevance": 3.0,
    "track_record": 1.0,
    "load": 1.0,
    "timing": 1.0,
    "cost": 1.0,
}


def columns_to_mapping(apps, schema_editor):
    MatchWeights = apps.get_model("matching", "MatchWeights")
    for row in MatchWeights.objects.all():
        row.weights = {factor: float(getattr(row, factor)) for factor in COLUMNS}
        row.save(update_fields=["weights"])


def mapping_to_columns(apps, schema_editor):
    MatchWeights = apps.get_model("matching", "MatchWeights")
    for row in MatchWeights.objects.all():
        for factor, default in COLUMNS.items():
            setattr(row, factor, float((row.weights or {}).get(factor, default)))
        row.save(update_fields=list(COLUMNS))


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="matchweights",
            name="weights",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="Relative weight of each host factor, from 0 to 10, by factor name.",
                validators=[matching.models.validate_host_weights],
                verbose_name="weights",
            ),
        ),
        migrations.RunPython(columns_to_mapping, mapping_to_columns),
        migrations.RemoveConstraint(
            model_name="matchweights",
            name="matchweights_in_range",
        ),
        *[migrations.RemoveField(model_name="matchweights", name=factor) for factor in COLUMNS],
    ]
