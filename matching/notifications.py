"""Who hears of an invitation and its answer; `core.notifications` writes and sends the e-mails,
each in its recipient's language."""

from accounts.choices import Role
from accounts.models import User
from core.notifications import notify
from matching.models import HostInvitation


def _invitees(invitation) -> list:
    """A host invitation goes to the state's focal points and the institution's coordinators; an
    expert invitation to the expert's account, or to the address on their profile."""
    if isinstance(invitation, HostInvitation):
        people = User.objects.filter(is_active=True, role=Role.FOCAL_POINT, member_state_id=invitation.state_id)
        if invitation.institution_id:
            people = people | User.objects.filter(
                is_active=True, role=Role.HOST_COORDINATOR, institution_id=invitation.institution_id
            )
        return list(people)
    user = getattr(invitation.person, "user", None)
    if user is not None and user.is_active:
        return [user]
    return [invitation.person.email]


def _officers(invitation) -> list:
    return [invitation.invited_by, invitation.request.assigned_officer]


def _requesters(invitation) -> list:
    """The requesting state's focal point who filed the request, else the state's focal points."""
    assistance_request = invitation.request
    if assistance_request.focal_point_id:
        return [assistance_request.focal_point]
    return list(User.objects.filter(is_active=True, role=Role.FOCAL_POINT, member_state_id=assistance_request.state_id))


# Who is told of each step: the invitee of an invitation; the officers of a refusal (they invite
# the next candidate); everyone concerned of a confirmed host or a withdrawal.
AUDIENCES = {
    "invited": (_invitees,),
    "declined": (_officers,),
    "accepted": (_officers, _requesters, _invitees),
    "withdrawn": (_officers, _requesters, _invitees),
    "superseded": (_invitees,),  # withdrawn because another host accepted: only the invitee
}


def invitation_notify(*, invitation, event: str, actor=None) -> None:
    """Tell the people concerned that an invitation was sent, accepted, declined or withdrawn
    (`superseded`: withdrawn because another host accepted), leaving out whoever took the step
    (they see it on the page)."""
    people = {person for audience in AUDIENCES[event] for person in audience(invitation)}
    people.discard(None)
    people.discard(actor if actor is not None else invitation.responded_by)
    kind = "host" if isinstance(invitation, HostInvitation) else "expert"
    notify(
        recipients=people,
        template="matching/email/invitation",
        context={"kind": kind, "event": event, "invitation": invitation, "assistance_request": invitation.request},
    )
