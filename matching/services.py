"""Brokering: invite a host or an expert, record the answer, move the request along.

Every status change of the request goes through `assistance.services.request_transition`; every
invitation step is also written to the request's own change history (`matching.events`), so the
request page shows who was invited, who accepted or declined, and why. A rule refused here raises
`MatchingError` naming the input it is about, so the page and the API refuse alike."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assistance import selectors as assistance_selectors
from assistance.choices import Modality, Status
from assistance.services import request_transition
from community import selectors as community_selectors
from core.access import can, require
from core.workflow import SYSTEM, InvalidTransition
from matching import events, factors, notifications, selectors
from matching.choices import InvitationStatus
from matching.exceptions import MatchingError, NotYourInvitation
from matching.models import ExpertInvitation, HostInvitation, MatchExclusion, MatchWeights

HOST_INVITABLE = frozenset({Status.APPROVED, Status.MATCHING})
EXPERT_INVITABLE = frozenset({Status.APPROVED, Status.MATCHING, Status.HOST_CONFIRMED, Status.PLANNED})
# Modalities where the expert, not a host state, is the one who delivers.
EXPERT_LED = frozenset({Modality.EXPERT_MISSION, Modality.VIRTUAL})


def guard_host_confirmed(assistance_request, move):
    """`host_confirmed` needs an accepted host invitation (or, for an expert mission or a virtual
    session, an accepted expert invitation). Registered on the request workflow by MatchingConfig."""
    accepted = {"request": assistance_request, "status": InvitationStatus.ACCEPTED}
    if HostInvitation.objects.filter(**accepted).exists():
        return
    if assistance_request.modality in EXPERT_LED and ExpertInvitation.objects.filter(**accepted).exists():
        return
    raise InvalidTransition(_("A host can only be confirmed after a host has accepted an invitation."))


def confirmed_host(assistance_request, move) -> dict:
    """What entering host_confirmed writes on the request: the state and institution whose host
    invitation was accepted (none for an expert-led request), where its activity is planned."""
    accepted = (
        HostInvitation.objects.filter(request=assistance_request, status=InvitationStatus.ACCEPTED)
        .order_by("-responded_at", "-pk")
        .first()
    )
    if accepted is None:
        return {"host_state": None, "host_institution": None}
    return {"host_state": accepted.state, "host_institution": accepted.institution}


def invitations_open(assistance_request, *, user) -> dict[str, bool]:
    """Whether `user` may invite hosts and experts to this request now: the rule the invite
    services enforce, asked by the page before it offers the buttons."""
    brokers = can(user, "invite", HostInvitation) and can(user, "match", assistance_request)
    return {
        "hosts": brokers and assistance_request.status in HOST_INVITABLE,
        "experts": brokers and assistance_request.status in EXPERT_INVITABLE,
    }


def _refuse_unless_invitable(assistance_request, statuses, message: str) -> None:
    if assistance_request.status not in statuses:
        raise MatchingError(message % {"status": Status(assistance_request.status).label})


# --- hosts ----------------------------------------------------------------------------------


def _host_institution(institution_id: int | None, state):
    if institution_id is None:
        return None
    institution = community_selectors.institution_get(pk=institution_id)
    if institution is None or institution.host_state_id != state.pk:
        raise MatchingError(
            _("%(institution)s is not an institution of %(state)s.")
            % {"institution": institution.name if institution else institution_id, "state": state},
            field="institution",
        )
    if institution.is_closed:
        raise MatchingError(
            _("%(institution)s is closed and cannot host.") % {"institution": institution.name}, field="institution"
        )
    return institution


def _invitable_host_state(assistance_request, state_id: int | None):
    if state_id is None:
        raise MatchingError(_("Choose a host state."), field="state")
    state = community_selectors.memberstate_get(pk=state_id)
    if state is None:
        raise MatchingError(_("There is no such member state."), field="state")
    if state.pk == assistance_request.state_id:
        raise MatchingError(_("A state never hosts its own request."), field="state")
    already = _("%(invitee)s is already invited to host this request.")
    _refuse_a_second_invitation(
        HostInvitation.objects.filter(request=assistance_request, state=state), state, "state", already
    )
    return state


@transaction.atomic
def host_invitation_create(
    *,
    assistance_request_id: int,
    state_id: int | None,
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
    # Locked: two officers may invite at once.
    assistance_request = assistance_selectors.request_for_update(request_id=assistance_request_id)
    require(actor, "match", assistance_request, _("Only the secretariat brokers a request."))
    _refuse_unless_invitable(
        assistance_request, HOST_INVITABLE, _("Hosts are invited once a request is approved; this one is %(status)s.")
    )
    if HostInvitation.objects.filter(request=assistance_request, status=InvitationStatus.ACCEPTED).exists():
        raise MatchingError(_("A host has already accepted this request."))
    state = _invitable_host_state(assistance_request, state_id)
    institution = _host_institution(institution_id, state)
    standing = selectors.host_standing(assistance_request=assistance_request, state_id=state.pk, user=actor)
    try:
        with transaction.atomic():
            invitation = HostInvitation.objects.create(
                request=assistance_request,
                state=state,
                institution=institution,
                invited_by=actor,
                message=message.strip(),
                score=standing.score,
                rank=standing.rank,
            )
    except IntegrityError as error:  # the constraint caught a concurrent invitation
        raise MatchingError(
            _("%(state)s is already invited to host this request.") % {"state": state}, field="state"
        ) from error
    host = f"{state} ({institution.name})" if institution else str(state)
    events.request_event_log(assistance_request, actor=actor, event="host_invited", name=host)
    if assistance_request.status == Status.APPROVED:
        request_transition(
            request_id=assistance_request.pk,
            to=Status.MATCHING,
            actor=actor,
            **events.move("host_invited", name=host),
        )
    notifications.invitation_notify(invitation=invitation, event="invited")
    return invitation


def _contact_checked(invitation, *, contact_person_id, contact_email: str, proposed_start, proposed_end):
    """The contact and dates a host gives on accepting, checked: a chosen Person works in the host
    state, an e-mail is an e-mail, the proposed dates are in order."""
    person = None
    if contact_person_id is not None:
        person = community_selectors.person_get(pk=contact_person_id)
        if person is None or person.state_id != invitation.state_id:
            raise MatchingError(
                _("Choose a contact person of %(state)s.") % {"state": invitation.state}, field="contact_person"
            )
    if contact_email:
        try:
            validate_email(contact_email)
        except ValidationError as error:
            raise MatchingError(_("Enter a valid e-mail address."), field="contact_email") from error
    if proposed_start and proposed_end and proposed_end < proposed_start:
        raise MatchingError(_("The proposed end comes before the proposed start."), field="proposed_end")
    return person


def _answerable(model, invitation_id: int, actor, *, accept: bool):
    """The invitation and its request, both locked (the request first, as an invitation does, so
    the two never wait on each other), once the actor may give this answer to an open invitation."""
    assistance_request_id = model.objects.values_list("request_id", flat=True).get(pk=invitation_id)
    assistance_request = assistance_selectors.request_for_update(request_id=assistance_request_id)
    invitation = model.objects.select_for_update(of=("self",)).get(pk=invitation_id)
    invitation.request = assistance_request
    if not can(actor, "accept" if accept else "decline", invitation):
        raise NotYourInvitation(_("Only the invited host may answer this invitation."))
    if invitation.status != InvitationStatus.INVITED:
        raise MatchingError(
            _("This invitation was already answered (%(status)s).")
            % {"status": InvitationStatus(invitation.status).label}
        )
    return assistance_request, invitation


def _record_answer(invitation, *, actor, accept: bool, reason: str, fields=()) -> None:
    invitation.status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
    invitation.reason = reason
    invitation.responded_by, invitation.responded_at = actor, timezone.now()
    invitation.save(update_fields=["status", "reason", "responded_by", "responded_at", "updated_at", *fields])


@transaction.atomic
def host_invitation_answer(
    *,
    invitation_id: int,
    actor,
    accept: bool,
    reason: str = "",
    contact_person_id: int | None = None,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    proposed_start: datetime.date | None = None,
    proposed_end: datetime.date | None = None,
    conditions: str = "",
) -> HostInvitation:
    """Accept or decline an invitation to host.

    Accepting may name the host's contact person (a Person of the host state, or a name, e-mail
    and telephone) and propose dates or conditions; the request moves to `host_confirmed` and the
    other open invitations are withdrawn. Declining needs a reason; the state is left out of the
    ranking for this request from then on. The officer, the requesting state's focal points and
    the host are told either way."""
    assistance_request, invitation = _answerable(HostInvitation, invitation_id, actor, accept=accept)
    reason = reason.strip()
    if not accept and not reason:
        raise MatchingError(_("Say why the invitation is declined."), field="reason")
    if accept and assistance_request.status != Status.MATCHING:
        raise MatchingError(
            _("This request is %(status)s and no longer looking for a host.")
            % {"status": Status(assistance_request.status).label}
        )
    fields = []
    if accept:
        invitation.contact_person = _contact_checked(
            invitation,
            contact_person_id=contact_person_id,
            contact_email=contact_email.strip(),
            proposed_start=proposed_start,
            proposed_end=proposed_end,
        )
        invitation.contact_name, invitation.contact_email = contact_name.strip(), contact_email.strip()
        invitation.contact_phone, invitation.conditions = contact_phone.strip(), conditions.strip()
        invitation.proposed_start, invitation.proposed_end = proposed_start, proposed_end
        fields = [*HOST_ANSWER_FIELDS]
    _record_answer(invitation, actor=actor, accept=accept, reason=reason, fields=fields)
    host = invitation.host_name
    if not accept:
        events.request_event_log(assistance_request, actor=actor, event="host_declined", name=host, reason=reason)
        notifications.invitation_notify(invitation=invitation, event="declined")
        return invitation
    events.request_event_log(assistance_request, actor=actor, event="host_accepted", name=host)
    for other in HostInvitation.objects.filter(request=assistance_request, status=InvitationStatus.INVITED).exclude(
        pk=invitation.pk
    ):
        _withdraw(other, actor=actor, reason=_("Another host accepted."), superseded=True)
    # The acceptance confirms the host: the system moves the request on behalf of whoever
    # answered. If the move is refused (a guard), the acceptance is refused with it.
    request_transition(
        request_id=assistance_request.pk,
        to=Status.HOST_CONFIRMED,
        actor=SYSTEM,
        on_behalf_of=actor,
        **events.move("host_accepted", name=host, who=str(actor)),
    )
    notifications.invitation_notify(invitation=invitation, event="accepted")
    return invitation


HOST_ANSWER_FIELDS = (
    "contact_person",
    "contact_name",
    "contact_email",
    "contact_phone",
    "proposed_start",
    "proposed_end",
    "conditions",
)


def host_answer_arguments(data) -> dict:
    """A form's or a serializer's contact and proposal as `host_invitation_answer`'s arguments."""
    arguments = {name: data.get(name) for name in HOST_ANSWER_FIELDS}
    arguments["contact_person_id"] = arguments.pop("contact_person")
    for name in ("contact_name", "contact_email", "contact_phone", "conditions"):
        arguments[name] = arguments[name] or ""
    return arguments


def _withdraw(invitation, *, actor, reason: str, superseded: bool = False):
    """Withdraw an open invitation and tell the invitee, the officer and the requesting state
    (only the invitee when `superseded`: another host accepted, and everyone else is told so)."""
    invitation.status, invitation.reason = InvitationStatus.WITHDRAWN, reason
    invitation.save(update_fields=["status", "reason", "updated_at"])
    is_host = isinstance(invitation, HostInvitation)
    name = str(invitation.state) if is_host else str(invitation.person)
    event = "host_withdrawn" if is_host else "expert_withdrawn"
    events.request_event_log(invitation.request, actor=actor, event=event, name=name, reason=reason)
    notifications.invitation_notify(
        invitation=invitation, event="superseded" if superseded else "withdrawn", actor=actor
    )


def _withdrawable(model, invitation_id: int, actor, reason: str):
    invitation = model.objects.select_for_update(of=("self",)).select_related("request").get(pk=invitation_id)
    require(actor, "withdraw", invitation, _("Only the secretariat withdraws invitations."))
    if invitation.status != InvitationStatus.INVITED:
        raise MatchingError(_("Only an invitation waiting for an answer can be withdrawn."))
    if not reason.strip():
        raise MatchingError(_("Say why the invitation is withdrawn."), field="reason")
    return invitation


@transaction.atomic
def host_invitation_withdraw(*, invitation_id: int, actor, reason: str) -> HostInvitation:
    """The secretariat withdraws an invitation that is still waiting for an answer."""
    invitation = _withdrawable(HostInvitation, invitation_id, actor, reason)
    _withdraw(invitation, actor=actor, reason=reason.strip())
    return invitation


# --- experts --------------------------------------------------------------------------------


def _invitable_expert(assistance_request, person_id: int | None, allow_same_state: bool):
    from matching.conf import options

    if person_id is None:
        raise MatchingError(_("Choose an expert."), field="person")
    person = community_selectors.person_get(pk=person_id)
    if person is None or not person.is_expert:
        raise MatchingError(
            _("%(person)s is not available as an expert.") % {"person": person or person_id}, field="person"
        )
    allowed = allow_same_state or options()["experts_from_requesting_state"]
    if person.state_id == assistance_request.state_id and not allowed:
        raise MatchingError(
            _("%(person)s is from the requesting state: a conflict of interest.") % {"person": person},
            field="person",
        )
    if person.institution_id and person.institution.state_id == assistance_request.state_id and not allowed:
        raise MatchingError(
            _("%(person)s works for an institution of the requesting state: a conflict of interest.")
            % {"person": person},
            field="person",
        )
    already = _("%(invitee)s is already invited to this request.")
    _refuse_a_second_invitation(
        ExpertInvitation.objects.filter(request=assistance_request, person=person), person, "person", already
    )
    return person


def _refuse_a_second_invitation(earlier, invitee, field: str, already: str) -> None:
    """Whoever declined is not asked again, and nobody is invited twice at once."""
    if earlier.filter(status=InvitationStatus.DECLINED).exists():
        raise MatchingError(
            _("%(invitee)s declined this request and is not invited again.") % {"invitee": invitee}, field=field
        )
    if earlier.filter(status__in=InvitationStatus.active()).exists():
        raise MatchingError(already % {"invitee": invitee}, field=field)


@transaction.atomic
def expert_invitation_create(
    *,
    assistance_request_id: int,
    person_id: int | None,
    actor,
    message: str = "",
    allow_same_state: bool = False,
) -> ExpertInvitation:
    """Invite an expert to serve on a request; the first invitation moves an approved request to
    `matching`. An expert from the requesting state is refused (a conflict of interest) unless
    the deployment allows it. Score and rank are computed here, as for hosts."""
    require(actor, "invite", ExpertInvitation, _("Only the secretariat invites hosts and experts."))
    assistance_request = assistance_selectors.request_for_update(request_id=assistance_request_id)
    require(actor, "match", assistance_request, _("Only the secretariat brokers a request."))
    _refuse_unless_invitable(
        assistance_request,
        EXPERT_INVITABLE,
        _("Experts are invited once a request is approved; this one is %(status)s."),
    )
    person = _invitable_expert(assistance_request, person_id, allow_same_state)
    standing = selectors.expert_standing(assistance_request=assistance_request, person_id=person.pk, user=actor)
    try:
        with transaction.atomic():
            invitation = ExpertInvitation.objects.create(
                request=assistance_request,
                person=person,
                invited_by=actor,
                message=message.strip(),
                score=standing.score,
                rank=standing.rank,
            )
    except IntegrityError as error:
        raise MatchingError(
            _("%(person)s is already invited to this request.") % {"person": person}, field="person"
        ) from error
    events.request_event_log(assistance_request, actor=actor, event="expert_invited", name=str(person))
    if assistance_request.status == Status.APPROVED:
        request_transition(
            request_id=assistance_request.pk,
            to=Status.MATCHING,
            actor=actor,
            **events.move("expert_invited", name=str(person)),
        )
    notifications.invitation_notify(invitation=invitation, event="invited")
    return invitation


@transaction.atomic
def expert_invitation_answer(*, invitation_id: int, actor, accept: bool, reason: str = "") -> ExpertInvitation:
    """Accept or decline an invitation to serve as an expert. For an expert mission or a virtual
    session still in `matching`, the expert's acceptance confirms the request as a host's would."""
    assistance_request, invitation = _answerable(ExpertInvitation, invitation_id, actor, accept=accept)
    reason = reason.strip()
    if not accept and not reason:
        raise MatchingError(_("Say why the invitation is declined."), field="reason")
    _record_answer(invitation, actor=actor, accept=accept, reason=reason)
    name = str(invitation.person)
    if not accept:
        events.request_event_log(assistance_request, actor=actor, event="expert_declined", name=name, reason=reason)
        notifications.invitation_notify(invitation=invitation, event="declined")
        return invitation
    events.request_event_log(assistance_request, actor=actor, event="expert_accepted", name=name)
    if assistance_request.status == Status.MATCHING and assistance_request.modality in EXPERT_LED:
        request_transition(
            request_id=assistance_request.pk,
            to=Status.HOST_CONFIRMED,
            actor=SYSTEM,
            on_behalf_of=actor,
            **events.move("expert_accepted", name=name),
        )
    notifications.invitation_notify(invitation=invitation, event="accepted")
    return invitation


@transaction.atomic
def expert_invitation_withdraw(*, invitation_id: int, actor, reason: str) -> ExpertInvitation:
    """The secretariat withdraws an expert invitation that is still waiting for an answer."""
    invitation = _withdrawable(ExpertInvitation, invitation_id, actor, reason)
    _withdraw(invitation, actor=actor, reason=reason.strip())
    return invitation


# --- weights --------------------------------------------------------------------------------


@transaction.atomic
def match_weights_save(
    *,
    assistance_request_id: int,
    actor,
    weights: dict[str, float],
    include_developing: bool,
    include_unconfirmed: bool = False,
) -> MatchWeights:
    """Keep an officer's weights for one request's ranking, by factor name (registered host
    factors only, each from 0 to 10)."""
    require(actor, "set_weights", MatchWeights, _("Only the secretariat sets the weights of a ranking."))
    try:
        factors.validate_weights(weights, factors.HOST)
    except ValidationError as error:
        raise MatchingError(error.messages[0], field=(error.params or {}).get("factor")) from error
    values = {factor: float(value) for factor, value in weights.items()}
    saved, _created = MatchWeights.objects.update_or_create(
        request_id=assistance_request_id,
        defaults={
            "weights": values,
            "include_developing": include_developing,
            "include_unconfirmed": include_unconfirmed,
            "updated_by": actor,
        },
    )
    return saved


# --- exclusions -----------------------------------------------------------------------------

EXCLUSION_TARGETS = ("state", "institution", "person")


def _exclusion_target(assistance_request, *, state_id, institution_id, person_id):
    """The one state, institution or expert to leave out, found and checked: (field, record)."""
    given = {
        field: pk
        for field, pk in zip(EXCLUSION_TARGETS, (state_id, institution_id, person_id), strict=True)
        if pk is not None
    }
    if len(given) != 1:
        raise MatchingError(_("Choose one state, institution or expert to leave out."))
    ((field, pk),) = given.items()
    if field == "state":
        record = community_selectors.memberstate_get(pk=pk)
        missing = _("There is no such member state.")
    elif field == "institution":
        record = community_selectors.institution_get(pk=pk)
        missing = _("There is no such institution.")
    else:
        record = community_selectors.person_get(pk=pk)
        record = record if record is not None and record.is_expert else None
        missing = _("Choose an expert from the list.")
    if record is None:
        raise MatchingError(missing, field=field)
    if field == "state" and record.pk == assistance_request.state_id:
        raise MatchingError(_("The requesting state is never proposed: there is nothing to leave out."), field=field)
    if MatchExclusion.objects.filter(request=assistance_request, **{field: record}).exists():
        raise MatchingError(_("%(target)s is already left out of this ranking.") % {"target": record}, field=field)
    return field, record


@transaction.atomic
def match_exclusion_create(
    *,
    assistance_request_id: int,
    actor,
    reason: str,
    state_id: int | None = None,
    institution_id: int | None = None,
    person_id: int | None = None,
) -> MatchExclusion:
    """Leave one state, institution or expert out of one request's ranking, with a reason kept on
    the request's history. Only the secretariat brokering the request does so."""
    require(actor, "exclude", MatchExclusion, _("Only the secretariat leaves candidates out of a ranking."))
    assistance_request = assistance_selectors.request_for_update(request_id=assistance_request_id)
    require(actor, "match", assistance_request, _("Only the secretariat brokers a request."))
    reason = (reason or "").strip()
    field, record = _exclusion_target(
        assistance_request, state_id=state_id, institution_id=institution_id, person_id=person_id
    )
    if not reason:
        raise MatchingError(_("Say why it is left out."), field="reason")
    try:
        with transaction.atomic():
            exclusion = MatchExclusion.objects.create(
                request=assistance_request, reason=reason, excluded_by=actor, **{field: record}
            )
    except IntegrityError as error:  # an officer left it out at the same moment
        raise MatchingError(
            _("%(target)s is already left out of this ranking.") % {"target": record}, field=field
        ) from error
    events.request_event_log(assistance_request, actor=actor, event="excluded", name=str(record), reason=reason)
    return exclusion


@transaction.atomic
def match_exclusion_remove(*, exclusion_id: int, actor) -> MatchExclusion:
    """Put a left-out state, institution or expert back in the request's ranking; the history
    keeps both steps."""
    require(actor, "exclude", MatchExclusion, _("Only the secretariat leaves candidates out of a ranking."))
    exclusion = (
        MatchExclusion.objects.select_for_update(of=("self",))
        .select_related("request", "state", "institution", "person")
        .get(pk=exclusion_id)
    )
    require(actor, "match", exclusion.request, _("Only the secretariat brokers a request."))
    name = str(exclusion.target)
    events.request_event_log(
        exclusion.request, actor=actor, event="exclusion_removed", name=name, reason=exclusion.reason
    )
    exclusion.delete()
    return exclusion
