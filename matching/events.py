"""What brokering writes on a request's history: one event code and its parameters per step.

Every line matching adds to a request's history ("Host invitation: Jamaica: invited → Jamaica:
accepted") and every comment it gives a status move ("Invited Jamaica to host.") is written here,
from an event code and plain parameters. The code and the parameters are kept with the entry
(`additional_data` of the audit log), and the text is written in the site's language, never in
the language of whoever caused it. When the history renders structured events in each reader's
language, this module is the one place to switch."""

from auditlog.models import LogEntry
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

# code → (history label, text before, text after); None: the step adds no line.
EVENTS = {
    "host_invited": (_("Host invitation"), "", _("%(name)s: invited")),
    "host_accepted": (_("Host invitation"), _("%(name)s: invited"), _("%(name)s: accepted")),
    "host_declined": (_("Host invitation"), _("%(name)s: invited"), _("%(name)s: declined (%(reason)s)")),
    "host_withdrawn": (_("Host invitation"), _("%(name)s: invited"), _("%(name)s: withdrawn (%(reason)s)")),
    "expert_invited": (_("Expert invitation"), "", _("%(name)s: invited")),
    "expert_accepted": (_("Expert invitation"), _("%(name)s: invited"), _("%(name)s: accepted")),
    "expert_declined": (_("Expert invitation"), _("%(name)s: invited"), _("%(name)s: declined (%(reason)s)")),
    "expert_withdrawn": (_("Expert invitation"), _("%(name)s: invited"), _("%(name)s: withdrawn (%(reason)s)")),
}

# Comments of the status moves brokering causes.
MOVES = {
    "host_invited": _("Invited %(name)s to host."),
    "expert_invited": _("Invited %(name)s as an expert."),
    "host_accepted": _("%(name)s accepted to host (answered by %(who)s)."),
    "expert_accepted": _("%(name)s accepted to serve as the expert."),
}


def _text(template, params: dict) -> str:
    return str(template) % params if template else ""


def move_comment(event: str, **params) -> str:
    """The comment of the status move that `event` causes, in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _text(MOVES[event], params)


def request_event_log(assistance_request, *, actor, event: str, **params) -> LogEntry:
    """Write `event` (a code of EVENTS, with its parameters: name, reason) on the request's
    history, as one change line, in the site's language, keeping the code and the parameters."""
    label, before, after = EVENTS[event]
    with translation.override(settings.LANGUAGE_CODE):
        changes = {str(label): [_text(before, params), _text(after, params)]}
    return LogEntry.objects.log_create(
        assistance_request,
        action=LogEntry.Action.UPDATE,
        changes=changes,
        actor=actor if getattr(actor, "pk", None) else None,
        additional_data={"event": event, "params": params},
    )
