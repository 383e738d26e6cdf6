"""Who hears of what happens to a request; `core.notifications` writes and sends the e-mails."""

from accounts.choices import Role
from accounts.models import User
from assistance.choices import Status
from core.notifications import notify


def status_change_notify(*, change) -> None:
    """Tell the request's focal point and officer that it moved (every officer when it waits for
    triage), but not the person who moved it."""
    assistance_request = change.record
    people = {assistance_request.focal_point, assistance_request.assigned_officer}
    if change.to_status == Status.SUBMITTED:
        people.update(User.objects.filter(role=Role.OFFICER, is_active=True))
    people.discard(change.actor)
    notify(
        recipients=people,
        template="assistance/email/status_change",
        context={"change": change, "assistance_request": assistance_request},
    )


def assignment_notify(*, assistance_request) -> None:
    """Tell an officer a request was routed to them."""
    notify(
        recipients=[assistance_request.assigned_officer],
        template="assistance/email/assigned",
        context={"assistance_request": assistance_request},
    )
