"""A draft request is its own state's workspace until it is submitted."""

import pytest

from assistance.choices import Status
from assistance.models import AssistanceRequest
from assistance.tests.factories import AssistanceRequestFactory
from community.tests.factories import MemberStateFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["focal_jm", "host_jm", "expert", "partner"])
def test_a_shared_draft_is_hidden_from_other_states(persona, request):
    user = request.getfixturevalue(persona)
    draft = AssistanceRequestFactory(state=MemberStateFactory.for_iso("BZ"), status=Status.DRAFT)
    submitted = AssistanceRequestFactory(state=draft.state, status=Status.SUBMITTED)
    visible = set(AssistanceRequest.objects.for_user(user))
    assert draft not in visible
    assert submitted in visible


@pytest.mark.parametrize("persona", ["focal_bz", "officer", "admin"])
def test_the_owning_state_and_the_secretariat_see_the_draft(persona, request):
    user = request.getfixturevalue(persona)
    draft = AssistanceRequestFactory(state=MemberStateFactory.for_iso("BZ"), status=Status.DRAFT)
    assert AssistanceRequest.objects.for_user(user).filter(pk=draft.pk).exists()


def test_a_draft_of_another_state_is_404_on_its_page(client, focal_jm):
    draft = AssistanceRequestFactory(state=MemberStateFactory.for_iso("BZ"), status=Status.DRAFT)
    client.force_login(focal_jm)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/requests/{draft.pk}/").status_code == 404


@pytest.mark.parametrize("persona", ["focal_bz", "focal_jm", "host_jm", "expert", "partner", "officer", "admin"])
@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED])
def test_in_status_keeps_the_draft_rule_of_for_user(status, persona, request):
    user = request.getfixturevalue(persona)
    for iso in ("BZ", "JM"):
        for in_status in (Status.DRAFT, Status.SUBMITTED):
            AssistanceRequestFactory(state=MemberStateFactory.for_iso(iso), status=in_status)
    visible = AssistanceRequest.objects.for_user(user)
    assert set(visible.in_status(status, user=user)) == set(visible.filter(status=status))


def test_a_focal_points_drafts_are_read_from_their_states_part_of_the_index(focal_bz):
    # The board's drafts column walks one state's drafts, not every state's to find them.
    drafts = AssistanceRequest.objects.for_user(focal_bz).in_status(Status.DRAFT, user=focal_bz)
    assert "request_state_board" in drafts.order_by("status_changed_at", "pk").explain()
