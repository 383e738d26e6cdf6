"""Brokering: invite a host or an expert, record the answer, move the request along.

Every status change of the request goes through `assistance.services.request_transition`; every
invitation step is also written to the request's own change history (the audit log), so the
request page shows who was invited, who accepted or declined, and why."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assistance import selectors as assistance_selectors
from assistance.choices import Modality, Status
from assistance.exceptions import InvalidTransition
from assistance.services import request_transition
from community import selectors as community_selectors
from core.access import can, require
from core.workflow import SYSTEM
from matching import factors, notifications, selectors
from matching.choices import InvitationStatus
from matching.exceptions import MatchingError, NotYourInvitation
from matching.models import ExpertInvitation, HostInvitation, MatchWeights

HOST_INVITABLE = frozenset({Status.APPROVED, Status.MATCHING})
EXPERT_INVITABLE = frozenset({Status.APPROVED, Status.MATCHING, Status.HOST_CONFIRMED, Status.PLANNED})
# Modalities where the expert, not a host state, is the one who delivers.
EXPERT_LED = frozenset({Modality.EXPERT_MISSION, Modality.VIRTUAL})


def guard_host_confirmed(request, comment):
    """`host_confirmed` needs an accepted host invitation (or, for an expert mission or a virtual
    session, an accepted expert invitation). Registered on the request workflow by MatchingConfig."""
    if HostInvitation.objects.filter(request=request, status=InvitationStatus.ACCEPTED).exists():
        return
    if (
        request.modality in EXPERT_LED
        and ExpertInvitation.objects.filter(request=request, status=InvitationStatus.ACCEPTED).exists()
    ):
        return
    raise InvalidTransition(_("A host can only be confirmed after a host has accepted an invitation."))


def _log_on_request(request, *, actor, label: str, before: str, after: str) -> None:
    """One line in the request's change history: e.g. "Host invitation: — → Jamaica: invited"."""
    LogEntry.objects.log_create(
        request,
        action=LogEntry.Action.UPDATE,
        changes={label: [before, after]},
        actor=actor if actor.pk else None,
    )


# --- hosts ----------------------------------------------------------------------------------


@transaction.atomic
def invite_host(
    *,
    request_id: int,
    state_id: int,
    actor,
    institution_id: int | None = None,
    message: str = "",
) -> HostInvitation:
    """Invite a member state (and one of its institutions) to host a request.

    The first invitation moves an approved request to `matching`. A state never hosts its own
    request, a state that declined is not invited again, and a state has one invitation at a time.
    The score and rank kept on the invitation are the state's standing in the request's ranking
    now (the saved weights, else the defaults), computed here, never taken from the caller."""
    require(actor, "invite", HostInvitation, _("Only the secretariat invites hosts and experts."))
    request = assistance_selectors.request_for_update(request_id=request_id)  # two officers may invite at once
    if request.status not in HOST_INVITABLE:
        raise MatchingError(
            _("Hosts are invited once a request is approved; this one is %(status)s.")
            % {"status": Status(request.status).label}
        )
    state = community_selectors.memberstate_get(pk=state_id)
    if state is None:
        raise MatchingError(_("There is no such member state."))
    if state.pk == request.state_id:
        raise MatchingError(_("A state never hosts its own request."))
    earlier = HostInvitation.objects.filter(request=request, state=state)
    if earlier.filter(status=InvitationStatus.DECLINED).exists():
        raise MatchingError(_("%(state)s declined this request and is not invited again.") % {"state": state})
    if earlier.filter(status__in=InvitationStatus.active()).exists():
        raise MatchingError(_("%(state)s is already invited to host this request.") % {"state": state})
    if HostInvitation.objects.filter(request=request, status=InvitationStatus.ACCEPTED).exists():
        raise MatchingError(_("A host has already accepted this request."))
    institution = None
    if institution_id is not None:
        institution = community_selectors.institution_get(pk=institution_id)
        if institution is None or institution.state_id != state.pk:
            raise MatchingError(
                _("%(institution)s is not an institution of %(state)s.")
                % {"institution": institution.name if institution else institution_id, "state": state}
            )
    standing = selectors.host_standing(request=request, state_id=state.pk, user=actor)
    try:
        with transaction.atomic():
            invitation = HostInvitation.objects.create(
                request=request,
                state=state,
                institution=institution,
                invited_by=actor,
                message=message,
                score=standing.score,
                rank=standing.rank,
            )
    except IntegrityError as error:  # the constraint caught a concurrent invitation
        raise MatchingError(_("%(state)s is already invited to host this request.") % {"state": state}) from error
    host = f"{state} ({institution.name})" if institution else str(state)
    _log_on_request(
        request, actor=actor, label=_("Host invitation"), before="", after=_("%(host)s: invited") % {"host": host}
    )
    if request.status == Status.APPROVED:
        request_transition(
            request_id=request.pk,
            to=Status.MATCHING,
            actor=actor,
            comment=_("Invited %(host)s to host.") % {"host": host},
        )
    notifications.invitation_notify(invitation=invitation, event="invited")
    return invitation


@transaction.atomic
def host_respond(*, invitation_id: int, actor, accept: bool, reason: str = "") -> HostInvitation:
    """Accept or decline an invitation to host.

    On accept the request moves to `host_confirmed` and the other open invitations are withdrawn;
    on decline (a reason is required) the officer is told by e-mail, and the state is left out of
    the ranking for this request from then on."""
    # Lock the request first, as invite_host does, so the two never wait on each other.
    request_id = HostInvitation.objects.values_list("request_id", flat=True).get(pk=invitation_id)
    request = assistance_selectors.request_for_update(request_id=request_id)
    invitation = (
        HostInvitation.objects.select_for_update(of=("self",))
        .select_related("request", "state", "institution")
        .get(pk=invitation_id)
    )
    if not can(actor, "accept" if accept else "decline", invitation):
        raise NotYourInvitation(_("Only the invited host may answer this invitation."))
    if invitation.status != InvitationStatus.INVITED:
        raise MatchingError(
            _("This invitation was already answered (%(status)s).")
            % {"status": InvitationStatus(invitation.status).label}
        )
    reason = reason.strip()
    if not accept and not reason:
        raise MatchingError(_("Say why the invitation is declined."))
    if accept and request.status != Status.MATCHING:
        raise MatchingError(
            _("This request is %(status)s and no longer looking for a host.") % {"status": Status(request.status).label}
        )
    invitation.status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
    invitation.reason = reason
    invitation.responded_by, invitation.responded_at = actor, timezone.now()
    invitation.save(update_fields=["status", "reason", "responded_by", "responded_at", "updated_at"])
    host = invitation.institution.name if invitation.institution_id else str(invitation.state)
    who = str(actor)
    if accept:
        _log_on_request(
            request,
            actor=actor,
            label=_("Host invitation"),
            before=_("%(host)s: invited") % {"host": host},
            after=_("%(host)s: accepted") % {"host": host},
        )
        for other in HostInvitation.objects.filter(request=request, status=InvitationStatus.INVITED).exclude(
            pk=invitation.pk
        ):
            _withdraw(other, actor=actor, reason=_("Another host accepted."))
        # The acceptance confirms the host: the system moves the request on behalf of whoever
        # answered. If the move is refused (a guard), the acceptance is refused with it.
        comment = _("%(host)s accepted to host (answered by %(who)s).") % {"host": host, "who": who}
        request_transition(
            request_id=request.pk, to=Status.HOST_CONFIRMED, actor=SYSTEM, on_behalf_of=actor, comment=comment
        )
        notifications.invitation_notify(invitation=invitation, event="accepted")
    else:
        _log_on_request(
            request,
            actor=actor,
            label=_("Host invitation"),
            before=_("%(host)s: invited") % {"host": host},
            after=_("%(host)s: declined (%(reason)s)") % {"host": host, "reason": reason},
        )
        notifications.invitation_notify(invitation=invitation, event="declined")
    return invitation


def _withdraw(invitation, *, actor, reason: str):
    invitation.status, invitation.reason = InvitationStatus.WITHDRAWN, reason
    invitation.save(update_fields=["status", "reason", "updated_at"])
    label = _("Host invitation") if isinstance(invitation, HostInvitation) else _("Expert invitation")
    name = str(invitation.state) if isinstance(invitation, HostInvitation) else str(invitation.person)
    _log_on_request(
        invitation.request,
        actor=actor,
        label=label,
        before=_("%(name)s: invited") % {"name": name},
        after=_("%(name)s: withdrawn (%(reason)s)") % {"name": name, "reason": reason},
    )


@transaction.atomic
def withdraw_host_invitation(*, invitation_id: int, actor, reason: str) -> HostInvitation:
    """The secretariat withdraws an invitation that is still waiting for an answer."""
    invitation = (
        HostInvitation.objects.select_for_update(of=("self",)).select_related("request", "state").get(pk=invitation_id)
    )
    require(actor, "withdraw", invitation, _("Only the secretariat withdraws invitations."))
    if invitation.status != InvitationStatus.INVITED:
        raise MatchingError(_("Only an invitation waiting for an answer can be withdrawn."))
    if not reason.strip():
        raise MatchingError(_("Say why the invitation is withdrawn."))
    _withdraw(invitation, actor=actor, reason=reason.strip())
    return invitation


# --- experts --------------------------------------------------------------------------------


@transaction.atomic
def invite_expert(
    *,
    request_id: int,
    person_id: int,
    actor,
    message: str = "",
    allow_same_state: bool = False,
) -> ExpertInvitation:
    """Invite an expert to serve on a request; the first invitation moves an approved request to
    `matching`. An expert from the requesting state is refused (a conflict of interest) unless
    the deployment allows it. Score and rank are computed here, as for hosts."""
    from matching.conf import options

    require(actor, "invite", ExpertInvitation, _("Only the secretariat invites hosts and experts."))
    request = assistance_selectors.request_for_update(request_id=request_id)
    if request.status not in EXPERT_INVITABLE:
        raise MatchingError(
            _("Experts are invited once a request is approved; this one is %(status)s.")
            % {"status": Status(request.status).label}
        )
    person = community_selectors.person_get(pk=person_id)
    if person is None or not person.is_expert:
        raise MatchingError(_("%(person)s is not available as an expert.") % {"person": person or person_id})
    if person.state_id == request.state_id and not (allow_same_state or options()["experts_from_requesting_state"]):
        raise MatchingError(_("%(person)s is from the requesting state: a conflict of interest.") % {"person": person})
    earlier = ExpertInvitation.objects.filter(request=request, person=person)
    if earlier.filter(status=InvitationStatus.DECLINED).exists():
        raise MatchingError(_("%(person)s declined this request and is not invited again.") % {"person": person})
    if earlier.filter(status__in=InvitationStatus.active()).exists():
        raise MatchingError(_("%(person)s is already invited to this request.") % {"person": person})
    standing = selectors.expert_standing(request=request, person_id=person.pk, user=actor)
    try:
        with transaction.atomic():
            invitation = ExpertInvitation.objects.create(
                request=request,
                person=person,
                invited_by=actor,
                message=message,
                score=standing.score,
                rank=standing.rank,
            )
    except IntegrityError as error:
        raise MatchingError(_("%(person)s is already invited to this request.") % {"person": person}) from error
    _log_on_request(
        request, actor=actor, label=_("Expert invitation"), before="", after=_("%(name)s: invited") % {"name": person}
    )
    if request.status == Status.APPROVED:
        request_transition(
            request_id=request.pk,
            to=Status.MATCHING,
            actor=actor,
            comment=_("Invited %(name)s as an expert.") % {"name": person},
        )
    notifications.invitation_notify(invitation=invitation, event="invited")
    return invitation


@transaction.atomic
def expert_respond(*, invitation_id: int, actor, accept: bool, reason: str = "") -> ExpertInvitation:
    """Accept or decline an invitation to serve as an expert. For an expert mission or a virtual
    session still in `matching`, the expert's acceptance confirms the request as a host's would."""
    request_id = ExpertInvitation.objects.values_list("request_id", flat=True).get(pk=invitation_id)
    request = assistance_selectors.request_for_update(request_id=request_id)
    invitation = (
        ExpertInvitation.objects.select_for_update(of=("self",))
        .select_related("request", "person")
        .get(pk=invitation_id)
    )
    if not can(actor, "accept" if accept else "decline", invitation):
        raise NotYourInvitation(_("Only the invited expert may answer this invitation."))
    if invitation.status != InvitationStatus.INVITED:
        raise MatchingError(
            _("This invitation was already answered (%(status)s).")
            % {"status": InvitationStatus(invitation.status).label}
        )
    reason = reason.strip()
    if not accept and not reason:
        raise MatchingError(_("Say why the invitation is declined."))
    invitation.status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
    invitation.reason = reason
    invitation.responded_by, invitation.responded_at = actor, timezone.now()
    invitation.save(update_fields=["status", "reason", "responded_by", "responded_at", "updated_at"])
    name = str(invitation.person)
    if accept:
        _log_on_request(
            request,
            actor=actor,
            label=_("Expert invitation"),
            before=_("%(name)s: invited") % {"name": name},
            after=_("%(name)s: accepted") % {"name": name},
        )
        if request.status == Status.MATCHING and request.modality in EXPERT_LED:
            request_transition(
                request_id=request.pk,
                to=Status.HOST_CONFIRMED,
                actor=SYSTEM,
                on_behalf_of=actor,
                comment=_("%(name)s accepted to serve as the expert.") % {"name": name},
            )
    else:
        _log_on_request(
            request,
            actor=actor,
            label=_("Expert invitation"),
            before=_("%(name)s: invited") % {"name": name},
            after=_("%(name)s: declined (%(reason)s)") % {"name": name, "reason": reason},
        )
    event = "accepted" if accept else "declined"
    notifications.invitation_notify(invitation=invitation, event=event)
    return invitation


@transaction.atomic
def withdraw_expert_invitation(*, invitation_id: int, actor, reason: str) -> ExpertInvitation:
    """The secretariat withdraws an expert invitation that is still waiting for an answer."""
    invitation = (
        ExpertInvitation.objects.select_for_update(of=("self",))
        .select_related("request", "person")
        .get(pk=invitation_id)
    )
    require(actor, "withdraw", invitation, _("Only the secretariat withdraws invitations."))
    if invitation.status != InvitationStatus.INVITED:
        raise MatchingError(_("Only an invitation waiting for an answer can be withdrawn."))
    if not reason.strip():
        raise MatchingError(_("Say why the invitation is withdrawn."))
    _withdraw(invitation, actor=actor, reason=reason.strip())
    return invitation


# --- weights --------------------------------------------------------------------------------


@transaction.atomic
def match_weights_save(*, request_id: int, actor, weights: dict[str, float], include_developing: bool) -> MatchWeights:
    """Keep an officer's weights for one request's ranking, by factor name (registered host
    factors only, each from 0 to 10)."""
    require(actor, "set_weights", MatchWeights, _("Only the secretariat sets the weights of a ranking."))
    try:
        factors.validate_weights(weights, factors.HOST)
    except ValidationError as error:
        raise MatchingError(error.messages[0]) from error
    values = {factor: float(value) for factor, value in weights.items()}
    saved, _created = MatchWeights.objects.update_or_create(
        request_id=request_id,
        defaults={"weights": values, "include_developing": include_developing, "updated_by": actor},
    )
    return saved
