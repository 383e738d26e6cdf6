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
    for (label, values), (name, raw_values) in zip(entry.changes_display_dict.items(), raw.items(), strict=False):
        if isinstance(raw_values, dict) and raw_values.get("type") == "m2m":
            verb = {"add": _("added"), "delete": _("removed")}.get(raw_values.get("operation"), _("set to"))
            rows.append((label, f"{verb}: {', '.join(map(str, raw_values.get('objects', []))) or '—'}"))
        elif isinstance(values, list | tuple) and len(values) == 2:
            rows.append((label, f"{values[0] if values[0] not in (None, 'None', '') else '—'} → {values[1] if values[1] not in (None, 'None', '') else '—'}"))
        else:
            rows.append((label, str(values)))
    return rows
