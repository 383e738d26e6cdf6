"""Demo brokering: Jamaica's University Council invited to host Belize's request on the
equivalency of foreign qualifications, and accepting, through the real services, so the request
reaches host_confirmed with its confirmed host as it would in use (the activities demo then plans
the attachment). Belize's accreditation request stays approved: the matching page's example.

Idempotent: nothing is written when the request already has a host invitation."""

import datetime

from accounts.models import User
from assistance import selectors as assistance_selectors
from community import selectors as community_selectors
from matching import services
from matching.models import HostInvitation

REQUEST = ("BZ", "Equivalency of foreign qualifications")
HOST = ("JM", "University Council of Jamaica")
OFFICER_EMAIL = "officer@demo.test"
HOST_COORDINATOR_EMAIL = "host-jm@demo.test"


def load_matching(*, today: datetime.date) -> dict[str, int]:
    assistance_request = assistance_selectors.request_by_title(state_iso=REQUEST[0], title=REQUEST[1])
    institution = community_selectors.institution_by_name(state_iso=HOST[0], name=HOST[1])
    officer = User.objects.filter(email=OFFICER_EMAIL).first()
    coordinator = User.objects.filter(email=HOST_COORDINATOR_EMAIL).first()
    if None in (assistance_request, institution, officer, coordinator):
        return {"host invitations": 0}
    if not HostInvitation.objects.filter(request=assistance_request).exists():
        invitation = services.host_invitation_create(
            assistance_request_id=assistance_request.pk,
            state_id=institution.state_id,
            institution_id=institution.pk,
            actor=officer,
            message="Would the Council receive three Belizean officials for a week at its equivalency desk?",
        )
        services.host_invitation_answer(invitation_id=invitation.pk, actor=coordinator, accept=True)
    return {"host invitations": HostInvitation.objects.filter(request=assistance_request).count()}
