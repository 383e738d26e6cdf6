"""What waits for each user among invitations, for the home page's worklist: whoever may answer
an invitation sees it to answer; whoever brokers (may invite) sees the invitations still
unanswered, due two weeks after they were sent. Asked of the access rules ("accept", "invite"),
never of the role; one query per kind of item, each capped at WORKLIST_LIMIT rows."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import NOTHING, can
from core.registry import WORKLIST_LIMIT, WorkItem
from matching.choices import InvitationStatus
from matching.models import ExpertInvitation, HostInvitation

# How long an invitee has to answer before the secretariat follows up.
ANSWER_WITHIN = datetime.timedelta(days=14)


def _invitee(invitation) -> str:
    if isinstance(invitation, HostInvitation):
        return invitation.institution.name if invitation.institution_id else invitation.state.name
    return invitation.person.full_name


def _item(invitation, label: str, today: datetime.date, *, answering: bool) -> WorkItem:
    """Answerers go to the invitation's card; brokers to the request's matches page."""
    due = timezone.localdate(invitation.created_at + ANSWER_WITHIN)
    kind = "host" if isinstance(invitation, HostInvitation) else "expert"
    if answering:
        url = reverse("matching:invitation_list") + f"#{kind}-invitation-{invitation.pk}"
    else:
        url = reverse("matching:request_matches", args=[invitation.request_id])
    return WorkItem(
        label=label,
        detail=invitation.request.title,
        url=url,
        due=due,
        overdue=due < today,
    )


def _open(queryset):
    related = ("request", "state", "institution") if queryset.model is HostInvitation else ("request", "person")
    return (
        queryset.filter(status=InvitationStatus.INVITED)
        .select_related(*related)
        .order_by("created_at", "pk")[:WORKLIST_LIMIT]
    )


def invitation_worklist(*, user) -> list[WorkItem]:
    today = timezone.localdate()
    items = []
    for model, to_answer, unanswered in (
        (HostInvitation, _("Answer the invitation to host"), _("Waiting for %(invitee)s to answer (host)")),
        (
            ExpertInvitation,
            _("Answer the invitation to serve as expert"),
            _("Waiting for %(invitee)s to answer (expert)"),
        ),
    ):
        answerable = model.access.action_q(user, "accept")
        if answerable != NOTHING and not can(user, "invite", model):
            waiting = _open(model.objects.filter(answerable))
            items += [_item(invitation, to_answer, today, answering=True) for invitation in waiting]
        elif can(user, "invite", model):
            items += [
                _item(invitation, unanswered % {"invitee": _invitee(invitation)}, today, answering=False)
                for invitation in _open(model.objects.for_user(user))
            ]
    return items
