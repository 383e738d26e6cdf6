"""Brokering services: who may invite and answer, what each step does to the request, and the
rules (own state, declined, one invitation at a time, the host_confirmed guard)."""

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError

from assistance.choices import Modality, Status
from assistance.exceptions import InvalidTransition
from assistance.services import request_transition
from assistance.tests.factories import AssistanceRequestFactory
from community.tests.factories import PersonFactory
from core.workflow import transitions_of
from matching import selectors, services
from matching.choices import InvitationStatus
from matching.exceptions import MatchingError, NotYourInvitation
from matching.models import HostInvitation, MatchWeights
from matching.tests.factories import ExpertInvitationFactory, HostInvitationFactory

pytestmark = pytest.mark.django_db

ROLES = ["admin", "officer", "focal_bz", "focal_jm", "host_jm", "expert", "partner"]
REASON = "Our assessors are on site visits for the whole window."


def invite_jamaica(request, officer, institution=None, **kwargs):
    return services.host_invitation_create(
        assistance_request_id=request.pk,
        state_id=institution.state_id if institution else kwargs.pop("state").pk,
        institution_id=institution.pk if institution else None,
        actor=officer,
        **kwargs,
    )


# --- invite_host ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_only_the_secretariat_invites_a_host(role, persona, approved, host_institution):
    actor = persona(role)
    if role in ("admin", "officer"):
        invitation = invite_jamaica(approved, actor, host_institution)
        assert invitation.status == InvitationStatus.INVITED and invitation.invited_by == actor
    else:
        with pytest.raises(PermissionDenied):
            invite_jamaica(approved, actor, host_institution)
        assert not HostInvitation.objects.exists()


def test_the_first_invitation_moves_the_request_to_matching_and_into_its_history(
    approved, officer, host_institution, trinidad
):
    invite_jamaica(approved, officer, host_institution, message="Four officials for a week?")
    approved.refresh_from_db()
    assert approved.status == Status.MATCHING
    change = transitions_of(approved).get()
    assert (change.from_status, change.to_status, change.actor) == (Status.APPROVED, Status.MATCHING, officer)
    assert "Jamaica" in change.event_text and "Jamaica Customs Agency" in change.event_text

    services.host_invitation_create(assistance_request_id=approved.pk, state_id=trinidad.pk, actor=officer)
    approved.refresh_from_db()
    assert approved.status == Status.MATCHING and transitions_of(approved).count() == 1
    logged = [entry.changes_dict for entry in LogEntry.objects.get_for_object(approved)]
    assert any("Trinidad and Tobago: invited" in str(change) for change in logged)


def test_a_state_never_hosts_its_own_request(approved, officer, belize):
    with pytest.raises(MatchingError, match="never hosts its own"):
        services.host_invitation_create(assistance_request_id=approved.pk, state_id=belize.pk, actor=officer)


@pytest.mark.parametrize("status", [Status.DRAFT, Status.ASSESSING, Status.HOST_CONFIRMED, Status.WITHDRAWN])
def test_hosts_are_invited_only_while_approved_or_matching(status, officer, belize, jamaica):
    request = AssistanceRequestFactory(state=belize, status=status)
    with pytest.raises(MatchingError, match="once a request is approved"):
        services.host_invitation_create(assistance_request_id=request.pk, state_id=jamaica.pk, actor=officer)


def test_a_state_is_invited_once_at_a_time_and_never_again_after_declining(approved, officer, jamaica):
    invitation = services.host_invitation_create(assistance_request_id=approved.pk, state_id=jamaica.pk, actor=officer)
    with pytest.raises(MatchingError, match="already invited"):
        services.host_invitation_create(assistance_request_id=approved.pk, state_id=jamaica.pk, actor=officer)
    services.host_invitation_answer(invitation_id=invitation.pk, actor=officer, accept=False, reason=REASON)
    with pytest.raises(MatchingError, match="declined this request"):
        services.host_invitation_create(assistance_request_id=approved.pk, state_id=jamaica.pk, actor=officer)


def test_the_institution_must_belong_to_the_invited_state(approved, officer, trinidad, host_institution):
    with pytest.raises(MatchingError, match="not an institution of Trinidad"):
        services.host_invitation_create(
            assistance_request_id=approved.pk, state_id=trinidad.pk, institution_id=host_institution.pk, actor=officer
        )


def test_the_database_allows_one_active_invitation_per_state(approved, jamaica):
    HostInvitationFactory(request=approved, state=jamaica)
    with pytest.raises(IntegrityError):
        HostInvitationFactory(request=approved, state=jamaica, status=InvitationStatus.ACCEPTED)


# --- host_respond ---------------------------------------------------------------------------

MAY_ANSWER = {"admin", "officer", "focal_jm", "host_jm"}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_answer_an_invitation_to_host(role, persona, approved, officer, host_institution):
    invitation = invite_jamaica(approved, officer, host_institution)
    actor = persona(role)
    if role in MAY_ANSWER:
        services.host_invitation_answer(invitation_id=invitation.pk, actor=actor, accept=True)
        invitation.refresh_from_db()
        assert invitation.status == InvitationStatus.ACCEPTED and invitation.responded_by == actor
    else:
        with pytest.raises(NotYourInvitation):
            services.host_invitation_answer(invitation_id=invitation.pk, actor=actor, accept=True)
        invitation.refresh_from_db()
        assert invitation.status == InvitationStatus.INVITED


def test_a_host_coordinator_of_another_institution_may_not_answer(approved, officer, host_jm, jamaica):
    invitation = services.host_invitation_create(
        assistance_request_id=approved.pk, state_id=jamaica.pk, actor=officer
    )  # no institution named
    with pytest.raises(NotYourInvitation):
        services.host_invitation_answer(invitation_id=invitation.pk, actor=host_jm, accept=True)


def test_accepting_confirms_the_host_withdraws_the_others_and_tells_the_officer(
    approved, officer, host_jm, host_institution, trinidad, django_capture_on_commit_callbacks
):
    accepted = invite_jamaica(approved, officer, host_institution)
    other = services.host_invitation_create(assistance_request_id=approved.pk, state_id=trinidad.pk, actor=officer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.host_invitation_answer(invitation_id=accepted.pk, actor=host_jm, accept=True)
    approved.refresh_from_db()
    assert approved.status == Status.HOST_CONFIRMED
    change = transitions_of(approved).last()
    # Made by the system on behalf of the host coordinator who accepted, never in an officer's name.
    assert (change.to_status, change.actor, change.by_system, change.on_behalf_of) == (
        Status.HOST_CONFIRMED,
        None,
        True,
        host_jm,
    )
    assert change.actor_display == f"System, on behalf of {host_jm}"
    assert "Jamaica Customs Agency accepted" in change.event_text and str(host_jm) in change.event_text
    other.refresh_from_db()
    assert (other.status, other.reason) == (InvitationStatus.WITHDRAWN, "Another host accepted.")
    assert any(officer.email in message.to and "Accepted" in message.subject for message in mail.outbox)


def test_declining_needs_a_reason(approved, officer, host_jm, host_institution):
    invitation = invite_jamaica(approved, officer, host_institution)
    with pytest.raises(MatchingError, match="Say why"):
        services.host_invitation_answer(invitation_id=invitation.pk, actor=host_jm, accept=False, reason="  ")


def test_declining_tells_the_officer_and_leaves_the_state_out_of_the_ranking(
    approved, officer, host_jm, host_institution, django_capture_on_commit_callbacks
):
    invitation = invite_jamaica(approved, officer, host_institution)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.host_invitation_answer(invitation_id=invitation.pk, actor=host_jm, accept=False, reason=REASON)
    approved.refresh_from_db()
    assert approved.status == Status.MATCHING
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [officer.email] and "Declined" in message.subject and REASON in message.body
    assert "/matching/requests/" in message.body
    matches = selectors.request_matches(assistance_request=approved)
    assert "JM" not in [candidate.detail for candidate in matches.hosts]
    assert any(candidate.detail == "JM" and "declined" in candidate.excluded_because for candidate in matches.excluded)


def test_an_invitation_is_answered_once(approved, officer, host_jm, host_institution):
    invitation = invite_jamaica(approved, officer, host_institution)
    services.host_invitation_answer(invitation_id=invitation.pk, actor=host_jm, accept=False, reason=REASON)
    with pytest.raises(MatchingError, match="already answered"):
        services.host_invitation_answer(invitation_id=invitation.pk, actor=host_jm, accept=True)


def test_a_withdrawn_request_cannot_be_accepted(approved, officer, host_jm, host_institution):
    invitation = invite_jamaica(approved, officer, host_institution)
    request_transition(request_id=approved.pk, to=Status.WITHDRAWN, actor=officer, comment="Funding found at home.")
    with pytest.raises(MatchingError, match="no longer looking for a host"):
        services.host_invitation_answer(invitation_id=invitation.pk, actor=host_jm, accept=True)


def test_the_invitee_is_told_by_email(
    approved, officer, host_jm, focal_jm, host_institution, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invite_jamaica(approved, officer, host_institution, message="Four officials for a week?")
    invited = [message for message in mail.outbox if "Invitation to host" in message.subject]
    # One message each, so that each is written in its reader's language.
    assert sorted(address for message in invited for address in message.to) == sorted([host_jm.email, focal_jm.email])
    assert all("Four officials for a week?" in m.body and "/matching/invitations/" in m.body for m in invited)


def test_the_secretariat_withdraws_an_open_invitation_with_a_reason(approved, officer, host_jm, host_institution):
    invitation = invite_jamaica(approved, officer, host_institution)
    with pytest.raises(PermissionDenied):
        services.host_invitation_withdraw(invitation_id=invitation.pk, actor=host_jm, reason="No")
    with pytest.raises(MatchingError):
        services.host_invitation_withdraw(invitation_id=invitation.pk, actor=officer, reason=" ")
    services.host_invitation_withdraw(invitation_id=invitation.pk, actor=officer, reason="Dates moved.")
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.WITHDRAWN
    services.host_invitation_create(
        assistance_request_id=approved.pk, state_id=invitation.state_id, actor=officer
    )  # may be invited again


# --- the guard ------------------------------------------------------------------------------


def test_host_confirmed_needs_an_accepted_invitation(approved, officer, jamaica):
    request_transition(request_id=approved.pk, to=Status.MATCHING, actor=officer)
    with pytest.raises(InvalidTransition, match="accepted an invitation"):
        request_transition(request_id=approved.pk, to=Status.HOST_CONFIRMED, actor=officer)
    HostInvitationFactory(request=approved, state=jamaica, status=InvitationStatus.INVITED)
    with pytest.raises(InvalidTransition):
        request_transition(request_id=approved.pk, to=Status.HOST_CONFIRMED, actor=officer)
    HostInvitation.objects.filter(request=approved).update(status=InvitationStatus.ACCEPTED)
    moved = request_transition(request_id=approved.pk, to=Status.HOST_CONFIRMED, actor=officer)
    assert moved.status == Status.HOST_CONFIRMED


def test_an_expert_mission_is_confirmed_by_its_expert(belize, officer, expert, expert_person, accreditation):
    request = AssistanceRequestFactory(
        state=belize, status=Status.APPROVED, modality=Modality.EXPERT_MISSION, areas=[accreditation]
    )
    invitation = services.expert_invitation_create(
        assistance_request_id=request.pk, person_id=expert_person.pk, actor=officer
    )
    request.refresh_from_db()
    assert request.status == Status.MATCHING
    services.expert_invitation_answer(invitation_id=invitation.pk, actor=expert, accept=True)
    request.refresh_from_db()
    assert request.status == Status.HOST_CONFIRMED


# --- experts --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_who_may_answer_an_invitation_to_serve_as_an_expert(role, persona, approved, officer, expert_person):
    invitation = services.expert_invitation_create(
        assistance_request_id=approved.pk, person_id=expert_person.pk, actor=officer
    )
    actor = persona(role)
    if role in {"admin", "officer", "expert"}:
        services.expert_invitation_answer(
            invitation_id=invitation.pk, actor=actor, accept=False, reason="Teaching that term."
        )
        invitation.refresh_from_db()
        assert invitation.status == InvitationStatus.DECLINED
    else:
        with pytest.raises(NotYourInvitation):
            services.expert_invitation_answer(invitation_id=invitation.pk, actor=actor, accept=True)


def test_an_expert_of_the_requesting_state_is_a_conflict_of_interest(approved, officer, belize):
    person = PersonFactory(expert=True, state=belize, institution=None)
    with pytest.raises(MatchingError, match="conflict of interest"):
        services.expert_invitation_create(assistance_request_id=approved.pk, person_id=person.pk, actor=officer)


def test_an_attachment_stays_in_matching_when_its_expert_accepts(approved, officer, expert, expert_person):
    invitation = services.expert_invitation_create(
        assistance_request_id=approved.pk, person_id=expert_person.pk, actor=officer
    )
    services.expert_invitation_answer(invitation_id=invitation.pk, actor=expert, accept=True)
    approved.refresh_from_db()
    assert approved.status == Status.MATCHING


def test_an_expert_who_declined_is_not_invited_again(approved, officer, expert_person):
    ExpertInvitationFactory(request=approved, person=expert_person, status=InvitationStatus.DECLINED)
    with pytest.raises(MatchingError, match="declined"):
        services.expert_invitation_create(assistance_request_id=approved.pk, person_id=expert_person.pk, actor=officer)


# --- weights --------------------------------------------------------------------------------


def test_an_officer_keeps_weights_for_a_request(approved, officer, focal_bz):
    with pytest.raises(PermissionDenied):
        services.match_weights_save(
            assistance_request_id=approved.pk, actor=focal_bz, weights={"cost": 5}, include_developing=True
        )
    saved = services.match_weights_save(
        assistance_request_id=approved.pk, actor=officer, weights={"cost": 5, "fit": 0}, include_developing=True
    )
    weights = saved.as_dict()
    assert (weights["cost"], weights["fit"], weights["capability"], saved.include_developing) == (5, 0, 3, True)
    assert saved.weights == {"cost": 5, "fit": 0}  # the defaults are not copied: they may change
    for refused in ({"cost": 11}, {"cost": -1}, {"no_such_factor": 1}, {"cost": "high"}):
        with pytest.raises(MatchingError):
            services.match_weights_save(
                assistance_request_id=approved.pk, actor=officer, weights=refused, include_developing=False
            )
    assert MatchWeights.objects.get().weights["cost"] == 5


def test_invitations_open_says_what_the_invite_services_allow(approved, officer, focal_bz):
    from matching.services import invitations_open

    assert invitations_open(approved, user=officer) == {"hosts": True, "experts": True}
    assert invitations_open(approved, user=focal_bz) == {"hosts": False, "experts": False}
    approved.status = Status.HOST_CONFIRMED
    assert invitations_open(approved, user=officer) == {"hosts": False, "experts": True}
    approved.status = Status.DELIVERED
    assert invitations_open(approved, user=officer) == {"hosts": False, "experts": False}
