"""The invitations on the home page's worklist: to answer for the invitee, unanswered for the
secretariat, due two weeks after they were sent."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from community.tests.factories import MemberStateFactory
from matching.choices import InvitationStatus
from matching.tests.factories import HostInvitationFactory
from matching.worklist import invitation_worklist

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(approved, host_institution):
    with time_machine.travel(datetime.datetime(2026, 11, 2, 12, tzinfo=datetime.UTC), tick=False):
        return HostInvitationFactory(request=approved, state=host_institution.state, institution=host_institution)


def test_the_officer_sees_the_invitation_still_unanswered_and_when_it_is_overdue(invited, officer):
    with time_machine.travel(datetime.datetime(2026, 11, 30, 12, tzinfo=datetime.UTC), tick=False):
        (item,) = invitation_worklist(user=officer)
    assert item.label == f"Waiting for {invited.institution.name} to answer (host)"
    assert item.detail == invited.request.title
    assert item.url == reverse("matching:request_matches", args=[invited.request_id])
    assert (item.due, item.overdue) == (datetime.date(2026, 11, 16), True)


def test_the_host_coordinator_sees_it_to_answer_on_its_card(invited, host_jm):
    (item,) = invitation_worklist(user=host_jm)
    assert item.label == "Answer the invitation to host"
    assert item.url == reverse("matching:invitation_list") + f"#host-invitation-{invited.pk}"


def test_an_answered_invitation_leaves_every_worklist(invited, officer, host_jm):
    invited.status = InvitationStatus.ACCEPTED
    invited.save(update_fields=["status"])
    assert invitation_worklist(user=officer) == invitation_worklist(user=host_jm) == []


def test_nobody_else_sees_it(invited, focal_bz, expert, partner):
    for user in (focal_bz, expert, partner):
        assert invitation_worklist(user=user) == []


def test_the_worklist_reads_in_a_fixed_number_of_queries(approved, officer, django_assert_max_num_queries):
    for iso in ("JM", "TT"):
        HostInvitationFactory(request=approved, state=MemberStateFactory.for_iso(iso))
    with django_assert_max_num_queries(2):
        assert len(invitation_worklist(user=officer)) == 2
