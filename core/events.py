"""Entries the system writes itself in a history ("Needs assessment started.", "Invited Jamaica
to host."), stored as an event code and its parameters and worded only when someone reads them,
in the reader's interface language.

The app that writes an event registers its wording once (from its AppConfig.ready or services
module), with `%(name)s` placeholders for the parameters:

    event_register(code="assistance.assessment_started", text=gettext_lazy("Needs assessment started."))

then passes `event=` and `event_params=` to `Workflow.move` (the TransitionRecord keeps them).
Parameters are plain strings (names of states, institutions, people) frozen at the time of the
event; what a person typed stays in the record's `comment`, as typed.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.functional import Promise

from core.registry import Registry


@dataclass(frozen=True)
class EventText:
    """The wording of one event: a lazy translation with `%(name)s` placeholders; `label`
    names the line it makes in a change history (e.g. "Host invitation"), when it makes one."""

    code: str
    text: Promise | str
    label: Promise | str = ""


_EVENTS: Registry[EventText] = Registry("history event")


def event_register(*, code: str, text: Promise | str, label: Promise | str = "") -> EventText:
    """Say how the event `code` reads (`text`: gettext_lazy, with `%(name)s` placeholders;
    `label`: the change-history line it is shown under, for events written to the change log)."""
    return _EVENTS.add(code, EventText(code, text, label))


def event_change(code: str, params: Mapping | None = None) -> tuple[str, str] | None:
    """(label, text) of a change-log event in the active language; None for an unknown code."""
    if code not in _EVENTS:
        return None
    return str(_EVENTS.get(code).label or code), event_render(code, params)


def event_render(code: str, params: Mapping | None = None) -> str:
    """The event in the active language. An unknown code or a missing parameter never breaks a
    page: the code, or the text with the placeholder left in, is shown instead."""
    if code not in _EVENTS:
        return code
    text = str(_EVENTS.get(code).text)
    try:
        return text % dict(params or {})
    except (KeyError, TypeError, ValueError):
        return text
