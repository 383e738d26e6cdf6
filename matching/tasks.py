"""E-mails about invitations, sent in the background after the change is committed."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from accounts.choices import Role
from accounts.models import User


def _invitation(kind: str, invitation_id: int):
    from matching.models import ExpertInvitation, HostInvitation

    if kind == "host":
        return HostInvitation.objects.select_related(
            "request__state", "request__assigned_officer", "state", "institution", "invited_by", "responded_by"
        ).get(pk=invitation_id)
    return ExpertInvitation.objects.select_related(
        "request__state", "request__assigned_officer", "person__user", "invited_by", "responded_by"
    ).get(pk=invitation_id)


def _recipients(kind: str, invitation, event: str) -> list[str]:
    if event == "invited":
        if kind == "host":
            people = User.objects.filter(is_active=True, role=Role.FOCAL_POINT, member_state_id=invitation.state_id)
            if invitation.institution_id:
                people = people | User.objects.filter(
                    is_active=True, role=Role.HOST_COORDINATOR, institution_id=invitation.institution_id
                )
            return sorted({user.email for user in people})
        user = getattr(invitation.person, "user", None)
        if user is not None and user.is_active:
            return [user.email]
        return [invitation.person.email] if invitation.person.email else []
    # accepted or declined: the officers brokering the request hear of it
    officers = {invitation.invited_by, invitation.request.assigned_officer}
    officers.discard(None)
    officers.discard(invitation.responded_by)
    return sorted({officer.email for officer in officers if officer.is_active})


@task()
def notify_invitation(kind: str, invitation_id: int, event: str) -> int:
    """Tell the invitee of an invitation, or the officers of its answer; returns how many were told.

    kind: "host" or "expert"; event: "invited", "accepted" or "declined"."""
    invitation = _invitation(kind, invitation_id)
    recipients = _recipients(kind, invitation, event)
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "kind": kind,
            "event": event,
            "invitation": invitation,
            "request": invitation.request,
            "site_url": settings.SITE_URL,
        }
        subject = render_to_string("matching/email/invitation_subject.txt", context).strip()
        body = render_to_string("matching/email/invitation.txt", context)
    send_mail(subject, body, None, recipients)
    return len(recipients)
