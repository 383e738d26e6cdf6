"""What happens next with a request, for the "what happens next" panel of the request page: for
each status, who acts now and what they need, said to the reader (the requesting state, the
secretariat, or anyone else who may read it)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from assistance.choices import Status
from core.access import can


@dataclass(frozen=True)
class NextStep:
    """Who acts now, and what they need (or what the reader can do)."""

    who: str
    what: str


SECRETARIAT = _("The secretariat")
REQUESTING_STATE = _("The requesting state")
HOST = _("The host")
NOBODY = _("Nobody")

# status → (who acts, what they need), as the requesting state reads it
FOR_THE_STATE = {
    Status.DRAFT: (
        REQUESTING_STATE,
        _(
            "Complete the draft and submit it: the secretariat needs the statement of need, the "
            "capability areas and the time window. Nobody outside your state sees a draft."
        ),
    ),
    Status.SUBMITTED: (
        SECRETARIAT,
        _("The secretariat registers the request and gives it a reference number. You can still correct it."),
    ),
    Status.REGISTERED: (
        SECRETARIAT,
        _(
            "An officer is assigned and assesses the need with your state: be ready to say who to "
            "consult. You can add documents such as the formal letter at any time."
        ),
    ),
    Status.ASSESSING: (
        SECRETARIAT,
        _("The needs assessment is under way; approval comes after it. Answer the officer's questions."),
    ),
    Status.ON_HOLD: (
        SECRETARIAT,
        _("The request waits for what the comment in the timeline names; the secretariat resumes it."),
    ),
    Status.APPROVED: (
        SECRETARIAT,
        _("The secretariat looks for a host state or an expert whose system already works."),
    ),
    Status.MATCHING: (
        HOST,
        _("A possible host has been invited and is considering it; you are told when it answers."),
    ),
    Status.HOST_CONFIRMED: (
        SECRETARIAT,
        _("The secretariat plans the activity with the host; you will be asked to nominate officials."),
    ),
    Status.PLANNED: (REQUESTING_STATE, _("Confirm the nominated officials and prepare for the activity.")),
    Status.IN_DELIVERY: (HOST, _("The activity is taking place.")),
    Status.DELIVERED: (
        SECRETARIAT,
        _("Participants and the host evaluate the activity; a follow-up comes about six months later."),
    ),
    Status.FOLLOW_UP: (REQUESTING_STATE, _("Answer the follow-up: what is now in place, and what is still missing.")),
    Status.CLOSED: (NOBODY, _("The request is closed. Its lessons stay with the record.")),
    Status.DECLINED: (NOBODY, _("The request was declined; the reason is in the timeline.")),
    Status.WITHDRAWN: (NOBODY, _("The request was withdrawn; the reason is in the timeline.")),
}

# Where the secretariat's own work differs from what the state is told.
FOR_THE_SECRETARIAT = {
    Status.DRAFT: (REQUESTING_STATE, _("The state is still writing this draft; it reaches you when submitted.")),
    Status.SUBMITTED: (SECRETARIAT, _("Register it to issue the reference number, then route it to an officer.")),
    Status.REGISTERED: (
        SECRETARIAT,
        _("Route it to an officer and record the needs assessment; attach the formal letter if it came by post."),
    ),
    Status.ASSESSING: (SECRETARIAT, _("Finish the needs assessment, then approve, decline or put it on hold.")),
    Status.APPROVED: (SECRETARIAT, _("Find a host or an expert and invite them.")),
    Status.MATCHING: (HOST, _("The invited host answers; you can invite another if it declines.")),
}


def next_step(assistance_request, user) -> NextStep:
    """What happens next, as this reader needs to hear it."""
    status = assistance_request.status
    if can(user, "correct", assistance_request) and status in FOR_THE_SECRETARIAT:
        who, what = FOR_THE_SECRETARIAT[status]
    else:
        who, what = FOR_THE_STATE[status]
    return NextStep(str(who), str(what))
