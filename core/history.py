"""The change history of records, read from the audit log: one selector for every page.

`history_for` returns the latest log entries of one record, or of several records of one model
(a series of assessments, a decision's required actions), each with `shown_changes`: the field
changes ready to show as (field label, "old → new"), and `summary`: one sentence a reader
who may not see the old values understands ("Changed the title and the statement of need.").
Related records are named with one query per related model for the whole page, not one per change.
"""

from collections import defaultdict
from collections.abc import Iterable

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils import formats
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from core.events import event_change

HISTORY_LIMIT = 50
EMPTY = "—"


def history_for(target, *, limit: int = HISTORY_LIMIT, also: Q | None = None) -> list[LogEntry]:
    """The latest `limit` changes, newest first, of `target`: a model instance, or a queryset or
    list of instances of one model. `also` adds entries of the same model that are no longer
    linked to the target (e.g. deletions, found by their recorded name)."""
    if isinstance(target, models.Model):
        model, ids = type(target), [target.pk]
    elif isinstance(target, models.QuerySet):
        model, ids = target.model, target.order_by().values("pk")
    else:
        records = list(target)
        if not records and also is None:
            return []
        model, ids = (type(records[0]) if records else None), [record.pk for record in records]
    if model is None:
        return []
    wanted = Q(object_id__in=ids)
    if also is not None:
        wanted |= also
    entries = list(
        LogEntry.objects.filter(wanted, content_type=ContentType.objects.get_for_model(model))
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")[:limit]
    )
    describe(entries, model)
    return entries


def describe(entries: Iterable[LogEntry], model) -> None:
    """Set `shown_changes` on each entry, naming related records with one query per model."""
    entries = list(entries)
    wanted: dict[type, set[str]] = defaultdict(set)
    for entry in entries:
        for name, values in entry.changes_dict.items():
            field = _field(model, name)
            if field is not None and field.many_to_one and isinstance(values, list | tuple):
                wanted[field.related_model].update(str(value) for value in values if _present(value))
    names = {
        related: {str(pk): str(obj) for pk, obj in related._base_manager.in_bulk(list(ids)).items()}
        for related, ids in wanted.items()
    }
    for entry in entries:
        entry.shown_changes = _event_changes(entry) or [
            _change(model, name, values, names) for name, values in entry.changes_dict.items()
        ]
        entry.summary = summary(entry)


def _event_changes(entry: LogEntry) -> list[tuple[str, str]]:
    """An entry the system wrote as an event (`additional_data` = {"event", "params"}) reads in
    the reader's language, not in the words stored when it happened."""
    data = entry.additional_data if isinstance(entry.additional_data, dict) else {}
    change = event_change(data["event"], data.get("params")) if data.get("event") else None
    return [change] if change else []


def summary(entry: LogEntry) -> str:
    """One sentence per change, naming the fields but no values (which may name records the
    reader may not see): "Created.", "Changed the title and the capability areas.", "Deleted."."""
    if entry.action == LogEntry.Action.CREATE:
        return _("Created.")
    if entry.action == LogEntry.Action.DELETE:
        return _("Deleted.")
    labels = [label for label, _text in getattr(entry, "shown_changes", [])]
    if not labels:
        return _("Updated.")
    return _("Changed %(fields)s.") % {"fields": get_text_list(labels, _("and"))}


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _present(value) -> bool:
    return value not in (None, "None", "")


def _change(model, name, values, names) -> tuple[str, str]:
    field = _field(model, name)
    label = str(field.verbose_name) if field is not None and hasattr(field, "verbose_name") else name
    if isinstance(values, dict) and values.get("type") == "m2m":
        verb = {"add": _("added"), "delete": _("removed")}.get(values.get("operation"), _("set to"))
        return label, f"{verb}: {', '.join(map(str, values.get('objects', []))) or EMPTY}"
    if not isinstance(values, list | tuple) or len(values) != 2:
        return label, str(values)
    old, new = (_show(field, value, names) for value in values)
    return label, f"{old} → {new}"


def _show(field, value, names) -> str:
    """One recorded value as a reader would say it: a choice's label, a record's name, a date."""
    if not _present(value):
        return EMPTY
    value = str(value)
    if field is None:
        return value
    if field.many_to_one:
        return names.get(field.related_model, {}).get(value, f"#{value}")
    if field.choices:
        return str({str(key): label for key, label in field.flatchoices}.get(value, value))
    if isinstance(field, models.DateTimeField):
        parsed = parse_datetime(value)
        return formats.date_format(parsed, "DATETIME_FORMAT") if parsed else value
    if isinstance(field, models.DateField):
        parsed = parse_date(value)
        return formats.date_format(parsed, "DATE_FORMAT") if parsed else value
    if isinstance(field, models.BooleanField):
        return str(_("Yes") if value == "True" else _("No"))
    return value
