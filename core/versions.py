"""Concurrent edits: an edit that started from an older version of a record is refused.

Every record carries `version` (core.models.BaseModel), which each save adds one to. A page form
carries the version it was opened at (a hidden field, core.forms.ScopedModelForm), an API
update the one it read (`If-Match: "<version>"` or `version` in the body, core.api). Before the
save, in the same transaction, `claim` holds the record's row and checks its version in one
conditional UPDATE, so two saves from the same version can never both pass; the one that comes
second is refused with `RecordChanged`, which says who changed what meanwhile (read from the
change history), and the page keeps the user's input for them to check and save again.
"""

import datetime
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import formats, timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from core.history import history_for


class RecordChanged(Exception):
    """Someone else saved the record since the version an edit started from."""

    def __init__(self, record, started_from: int, current: int):
        super().__init__(f"{type(record).__name__} {record.pk}: version {current}, not {started_from}")
        self.record, self.started_from, self.current = record, started_from, current

    def changes_for(self, reader) -> list["Change"]:
        """What changed, with the old and new values only for a reader who may change the record
        (as its change history shows them): old values can name records others may not see."""
        may_change = reader is None or self.record.can_change(reader)
        return changes_since(self.record, self.started_from, with_values=may_change)

    def message_for(self, reader) -> str:
        return refusal_message(self.changes_for(reader))

    def move_message_for(self, reader) -> str:
        return move_refusal_message(self.changes_for(reader))


@dataclass(frozen=True)
class Change:
    """One save by someone else: who, when, and the fields as (label, "old → new")."""

    by: str
    at: datetime.datetime
    fields: list[tuple[str, str]]

    @property
    def text(self) -> str:
        fields = "; ".join(f"{label}: {values}" if values else label for label, values in self.fields)
        fields = fields or _("no field shown")
        when = formats.date_format(timezone.localtime(self.at), "DATETIME_FORMAT")
        return _("%(who)s at %(when)s changed %(fields)s") % {"who": self.by, "when": when, "fields": fields}


def version_of(record) -> int | None:
    """The record's version as the database holds it now (None: the record is gone)."""
    return type(record)._base_manager.filter(pk=record.pk).values_list("version", flat=True).first()


def claim(record, started_from: int) -> None:
    """Hold the record's row until the transaction ends, if it is still at `started_from`;
    otherwise raise RecordChanged. One conditional UPDATE checks and locks at once, so of two
    saves from the same version only one passes (the other waits for it, then finds a newer
    version), on PostgreSQL and SQLite alike."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("claim() holds the row only inside a transaction")
    held = type(record)._base_manager.filter(pk=record.pk, version=started_from).update(version=models.F("version"))
    if not held:
        raise RecordChanged(record, started_from, version_of(record) or started_from)


def changes_since(record, version: int, *, with_values: bool = True) -> list[Change]:
    """The changes recorded since `version`, oldest first (each change-log entry of a save names
    the version it made: core.models.BaseModel.get_additional_data); `with_values=False` names
    the fields only."""
    entries = [
        entry
        for entry in history_for(record)
        if isinstance(entry.additional_data, dict) and (entry.additional_data.get("version") or 0) > version
    ]
    return [
        Change(
            by=str(entry.actor) if entry.actor_id else _("the system"),
            at=entry.timestamp,
            fields=[(label, values if with_values else "") for label, values in entry.shown_changes],
        )
        for entry in reversed(entries)
    ]


def refusal_message(changes: list[Change]) -> str:
    if not changes:
        return _(
            "Someone else changed this record while you were editing it. "
            "Your changes are kept below; check them and save again."
        )
    return _(
        "Someone else changed this record while you were editing it: %(changes)s. "
        "Your changes are kept below; check them and save again."
    ) % {"changes": get_text_list([change.text for change in changes], _("and"))}


def move_refusal_message(changes: list[Change]) -> str:
    """For a button (a workflow move) pressed on a page shown before someone else's change."""
    if not changes:
        return _("Someone else changed this record since you opened it: check it, then try again.")
    return _("Someone else changed this record since you opened it: %(changes)s. Check it, then try again.") % {
        "changes": get_text_list([change.text for change in changes], _("and"))
    }


def etag(version: int) -> str:
    """The strong entity tag of a record's version: `"7"`."""
    return f'"{version}"'


def versions_in_if_match(header: str) -> list[int] | None:
    """The versions an `If-Match` header accepts (None: any, `*` or no header); a tag that is
    not one of ours accepts none. `W/"7"` counts as `"7"`: a compressing server or proxy weakens
    the ETag it passes on, and the tag names the record's version, not the bytes sent."""
    if not header or header.strip() == "*":
        return None
    versions = []
    for tag in header.split(","):
        tag = tag.strip().removeprefix("W/")
        if len(tag) > 2 and tag[0] == tag[-1] == '"' and tag[1:-1].isdigit():
            versions.append(int(tag[1:-1]))
    return versions
