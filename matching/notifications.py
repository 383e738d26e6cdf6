"""Who hears of an invitation and its answer; `core.notifications` writes and sends the e-mails."""

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


def invitation_notify(*, invitation, event: str) -> None:
    """Tell the invitee of an invitation ("invited"), or the officers brokering the request of
    its answer ("accepted", "declined"), leaving out whoever answered."""
    if event == "invited":
        people = _invitees(invitation)
    else:
        people = {invitation.invited_by, invitation.request.assigned_officer}
        people.discard(invitation.responded_by)
    kind = "host" if isinstance(invitation, HostInvitation) else "expert"
    notify(
        recipients=people,
        template="matching/email/invitation",
        context={"kind": kind, "event": event, "invitation": invitation, "assistance_request": invitation.request},
    )
