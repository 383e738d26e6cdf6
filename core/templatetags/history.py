"""Render one change-log entry as readable rows."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def history_changes(entry) -> list[tuple[str, str]]:
    """(field label, what happened) for each change; auditlog's display dict loses many-to-many
    changes (it keeps only their keys), so those are read from the raw changes."""
    raw = entry.changes_dict
    rows = []
    for (label, values), raw_values in zip(entry.changes_display_dict.items(), raw.values(), strict=False):
        if isinstance(raw_values, dict) and raw_values.get("type") == "m2m":
            verb = {"add": _("added"), "delete": _("removed")}.get(raw_values.get("operation"), _("set to"))
            rows.append((label, f"{verb}: {', '.join(map(str, raw_values.get('objects', []))) or '—'}"))
        elif isinstance(values, list | tuple) and len(values) == 2:
            old, new = (value if value not in (None, "None", "") else "—" for value in values)
            rows.append((label, f"{old} → {new}"))
        else:
            rows.append((label, str(values)))
    return rows
