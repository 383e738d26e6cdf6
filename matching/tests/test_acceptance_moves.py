"""An acceptance moves the request to host_confirmed as the system, on behalf of whoever accepted:
never in an officer's name, never silently skipped. If the move is refused, so is the acceptance."""

import pytest

from assistance.choices import Modality, Status
from assistance.tests.factories import AssistanceRequestFactory
from assistance.workflow import request_workflow
from core.workflow import InvalidTransition, transitions_of
from matching import services
from matching.choices import InvitationStatus
from matching.models import HostInvitation

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited_without_an_active_officer(approved, officer, host_institution):
    """Jamaica's institution invited by an officer who has since left; nobody else is assigned."""
    invitation = services.host_invitation_create(
        assistance_request_id=approved.pk,
        state_id=host_institution.state_id,
        institution_id=host_institution.pk,
        actor=officer,
    )
    officer.is_active = False
    officer.save(update_fields=["is_active"])
    type(approved).objects.filter(pk=approved.pk).update(assigned_officer=None)
    return invitation


def test_acceptance_without_an_active_officer_still_confirms_the_host(
    invited_without_an_active_officer, approved, host_jm
):
    services.host_invitation_answer(invitation_id=invited_without_an_active_officer.pk, actor=host_jm, accept=True)
    approved.refresh_from_db()
    assert approved.status == Status.HOST_CONFIRMED
    record = transitions_of(approved).last()
    assert (record.from_status, record.to_status) == (Status.MATCHING, Status.HOST_CONFIRMED)
    assert (record.actor, record.by_system, record.on_behalf_of) == (None, True, host_jm)
    assert record.actor_display == "System, on behalf of Tanisha Brown"
    assert "Jamaica Customs Agency accepted" in record.event_text


def test_the_accepted_host_is_kept_on_the_request_where_its_activity_is_planned(
    invited_without_an_active_officer, approved, host_jm, host_institution
):
    assert (approved.host_state, approved.host_institution) == (None, None)
    services.host_invitation_answer(invitation_id=invited_without_an_active_officer.pk, actor=host_jm, accept=True)
    approved.refresh_from_db()
    assert (approved.host_state, approved.host_institution) == (host_institution.state, host_institution)


def test_when_the_move_is_refused_the_acceptance_is_refused_too(invited_without_an_active_officer, approved, host_jm):
    def not_now(assistance_request, move):
        raise InvalidTransition("The host cannot be confirmed while the budget is frozen.")

    request_workflow.add_guard(Status.HOST_CONFIRMED, not_now)
    try:
        with pytest.raises(InvalidTransition, match="budget is frozen"):
            services.host_invitation_answer(
                invitation_id=invited_without_an_active_officer.pk, actor=host_jm, accept=True
            )
    finally:
        request_workflow.remove_guard(Status.HOST_CONFIRMED, not_now)
    approved.refresh_from_db()
    assert approved.status == Status.MATCHING
    assert HostInvitation.objects.get().status == InvitationStatus.INVITED
    assert transitions_of(approved).last().to_status == Status.MATCHING


def test_an_expert_accepting_an_expert_mission_confirms_it_as_the_system(
    belize, officer, expert, expert_person, accreditation
):
    mission = AssistanceRequestFactory(
        state=belize, status=Status.APPROVED, modality=Modality.EXPERT_MISSION, areas=[accreditation]
    )
    invitation = services.expert_invitation_create(
        assistance_request_id=mission.pk, person_id=expert_person.pk, actor=officer
    )
    officer.is_active = False
    officer.save(update_fields=["is_active"])
    services.expert_invitation_answer(invitation_id=invitation.pk, actor=expert, accept=True)
    mission.refresh_from_db()
    assert mission.status == Status.HOST_CONFIRMED
    assert mission.host_state is None  # the expert travels: no host state to plan in
    record = transitions_of(mission).last()
    assert (record.actor, record.by_system, record.on_behalf_of) == (None, True, expert)
