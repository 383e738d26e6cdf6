"""What brokering writes on a request's history: one event code and its parameters per step,
worded only when someone reads it, in the reader's language (`core.events`).

Two kinds: lines of the change history ("Host invitation: Jamaica: accepted", written to the
audit log with the code and parameters in `additional_data`) and the reasons of the status moves
brokering causes ("Invited Jamaica to host.", kept on the TransitionRecord as `event`)."""

from auditlog.models import LogEntry
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.events import event_register

HOST, EXPERT = _("Host invitation"), _("Expert invitation")
EXCLUSION = _("Left out of the ranking")

# code → (change-history line, what it says; the stored text before it, for readers of the raw log)
CHANGES = {
    "host_invited": (HOST, _("%(name)s: invited"), ""),
    "host_accepted": (HOST, _("%(name)s: accepted"), _("%(name)s: invited")),
    "host_declined": (HOST, _("%(name)s: declined (%(reason)s)"), _("%(name)s: invited")),
    "host_withdrawn": (HOST, _("%(name)s: withdrawn (%(reason)s)"), _("%(name)s: invited")),
    "expert_invited": (EXPERT, _("%(name)s: invited"), ""),
    "expert_accepted": (EXPERT, _("%(name)s: accepted"), _("%(name)s: invited")),
    "expert_declined": (EXPERT, _("%(name)s: declined (%(reason)s)"), _("%(name)s: invited")),
    "expert_withdrawn": (EXPERT, _("%(name)s: withdrawn (%(reason)s)"), _("%(name)s: invited")),
    "excluded": (EXCLUSION, _("%(name)s: left out (%(reason)s)"), ""),
    "exclusion_removed": (EXCLUSION, _("%(name)s: back in the ranking"), _("%(name)s: left out (%(reason)s)")),
}

# Reasons of the status moves brokering causes.
MOVES = {
    "host_invited": _("Invited %(name)s to host."),
    "expert_invited": _("Invited %(name)s as an expert."),
    "host_accepted": _("%(name)s accepted to host (answered by %(who)s)."),
    "expert_accepted": _("%(name)s accepted to serve as the expert."),
}


def _code(event: str, kind: str = "") -> str:
    return f"matching.{kind}{event}"


def events_register() -> None:
    """Say how brokering's events read (called once from matching/register.py)."""
    for event, (label, text, _before) in CHANGES.items():
        event_register(code=_code(event), text=text, label=label)
    for event, text in MOVES.items():
        event_register(code=_code(event, "move."), text=text)


def move(event: str, **params) -> dict:
    """The keyword arguments that give the status move `event` causes its reason."""
    return {"event": _code(event, "move."), "event_params": {key: str(value) for key, value in params.items()}}


def request_event_log(assistance_request, *, actor, event: str, **params) -> LogEntry:
    """Write `event` (a code of CHANGES, with its parameters: name, reason) on the request's
    change history. The code and parameters are what the page reads; the stored text, in the
    site's language, is for the raw audit log."""
    label, after, before = CHANGES[event]
    params = {key: str(value) for key, value in params.items()}
    with translation.override(settings.LANGUAGE_CODE):
        changes = {str(label): [str(before) % params if before else "", str(after) % params]}
    return LogEntry.objects.log_create(
        assistance_request,
        action=LogEntry.Action.UPDATE,
        changes=changes,
        actor=actor if getattr(actor, "pk", None) else None,
        additional_data={"event": _code(event), "params": params},
    )
