"""The invitations page at length: each list paged on its own, those the user may answer first, a
refused answer shown again on the page it came from, and a bounded cost."""

import re

import pytest
from django.urls import reverse

from assistance.choices import Status
from assistance.tests.factories import AssistanceRequestFactory
from matching.choices import InvitationStatus
from matching.models import HostInvitation
from matching.tables import HostInvitationTable
from matching.tests.factories import ExpertInvitationFactory, HostInvitationFactory

pytestmark = pytest.mark.django_db

LIST = reverse("matching:invitation_list")
PAGE_SIZE = HostInvitationTable._meta.per_page


def host_cards(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'id="host-invitation-(\d+)"', html)]


def expert_cards(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'id="expert-invitation-(\d+)"', html)]


def invite_hosts(count: int, *, state, institution=None, status=InvitationStatus.INVITED) -> list[HostInvitation]:
    return [
        HostInvitationFactory(
            request=AssistanceRequestFactory(status=Status.MATCHING),
            state=state,
            institution=institution,
            status=status,
        )
        for _ in range(count)
    ]


def test_each_list_pages_with_its_own_parameter(client_for, officer, jamaica):
    invitations = invite_hosts(PAGE_SIZE + 3, state=jamaica)
    experts = [ExpertInvitationFactory() for _ in range(2)]
    client = client_for(officer)
    first = client.get(LIST).content.decode()
    newest_first = [invitation.pk for invitation in reversed(invitations)]
    assert host_cards(first) == newest_first[:PAGE_SIZE]
    assert set(expert_cards(first)) == {invitation.pk for invitation in experts}
    assert "?host-page=2" in first and "expert-page" not in first
    second = client.get(LIST, {"host-page": 2}).content.decode()
    assert host_cards(second) == newest_first[PAGE_SIZE:]
    assert set(expert_cards(second)) == {invitation.pk for invitation in experts}  # the other list stays put
    assert "?host-page=1" in second


def test_open_invitations_the_user_may_answer_come_first(client_for, focal_jm, jamaica, belize):
    answerable = invite_hosts(1, state=jamaica)[0]
    # Newer, but not Jamaica's to answer: an invitation for Jamaica's own request, and one closed.
    own_request = HostInvitationFactory(
        request=AssistanceRequestFactory(state=jamaica, status=Status.MATCHING), state=belize
    )
    declined = invite_hosts(1, state=jamaica, status=InvitationStatus.DECLINED)[0]
    html = client_for(focal_jm).get(LIST).content.decode()
    assert host_cards(html) == [answerable.pk, declined.pk, own_request.pk]
    assert html.count("Reason for declining (required)") == 1
    assert "1 invitation waits for your answer." in html


def test_the_officer_sees_open_invitations_before_answered_ones(client_for, officer, jamaica):
    waiting = invite_hosts(1, state=jamaica)[0]
    answered = invite_hosts(2, state=jamaica, status=InvitationStatus.DECLINED)
    html = client_for(officer).get(LIST).content.decode()
    assert host_cards(html) == [waiting.pk, answered[1].pk, answered[0].pk]


def test_a_refused_answer_shows_again_on_the_page_it_came_from(client_for, host_jm, host_institution, jamaica):
    invitations = invite_hosts(PAGE_SIZE + 2, state=jamaica, institution=host_institution)
    oldest = invitations[0]  # on the second page
    client = client_for(host_jm)
    second = client.get(LIST, {"host-page": 2}).content.decode()
    action = reverse("matching:host_invitation_respond", args=[oldest.pk]) + "?host-page=2"
    assert f'action="{action}"' in second
    response = client.post(action, {"decision": "decline"})
    html = response.content.decode()
    assert response.status_code == 400
    assert host_cards(html) == [invitations[1].pk, oldest.pk]  # the second page again
    card = html[html.index(f'id="host-invitation-{oldest.pk}"') :]
    assert "Say why the invitation is declined." in card[: card.index("</article>")]
    oldest.refresh_from_db()
    assert oldest.status == InvitationStatus.INVITED
    response = client.post(action, {"decision": "decline", "reason": "No room."})
    assert response.status_code == 302 and response["Location"] == f"{LIST}?host-page=2"


def test_a_refused_answer_from_elsewhere_is_pinned_at_the_top_of_its_list(
    client_for, host_jm, host_institution, jamaica
):
    invitations = invite_hosts(PAGE_SIZE + 1, state=jamaica, institution=host_institution)
    oldest = invitations[0]  # not on the first page
    response = client_for(host_jm).post(
        reverse("matching:host_invitation_respond", args=[oldest.pk]), {"decision": "decline"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert host_cards(html)[0] == oldest.pk and len(host_cards(html)) == PAGE_SIZE + 1
    card = html[html.index(f'id="host-invitation-{oldest.pk}"') :]
    assert "Say why the invitation is declined." in card[: card.index("</article>")]


def test_the_waiting_count_stops_at_the_cap(client_for, officer, jamaica, monkeypatch):
    monkeypatch.setattr("core.paging.COUNT_CAP", 2)
    monkeypatch.setattr("matching.views.COUNT_CAP", 2)
    invite_hosts(2, state=jamaica)
    client = client_for(officer)
    assert "2 invitations wait for your answer." in client.get(LIST).content.decode()
    invite_hosts(1, state=jamaica)
    assert "More than 2 invitations wait for your answer." in client.get(LIST).content.decode()


@pytest.mark.parametrize("role", ["officer", "host_jm", "focal_jm"])
def test_the_page_costs_the_same_for_a_longer_list(
    role, persona, client_for, host_institution, jamaica, django_assert_max_num_queries
):
    client = client_for(persona(role))
    invite_hosts(PAGE_SIZE + 1, state=jamaica, institution=host_institution)  # already two pages
    ExpertInvitationFactory()
    with django_assert_max_num_queries(20) as first:
        client.get(LIST)
    invite_hosts(PAGE_SIZE + 5, state=jamaica, institution=host_institution)
    for _ in range(3):
        ExpertInvitationFactory()
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(LIST)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(LIST, {"host-page": 2})


def test_a_host_names_its_contact_among_its_states_people(client_for, host_jm, host_institution, jamaica, belize):
    from community.tests.factories import PersonFactory

    invitation = invite_hosts(1, state=jamaica, institution=host_institution)[0]
    colleague = PersonFactory(state=jamaica, full_name="Ann <Bell>", post="Registrar")
    PersonFactory(state=belize, full_name="Someone Elsewhere")
    html = client_for(host_jm).get(LIST).content.decode()
    select = html[html.index(f'id="contact-person-{invitation.pk}"') :]
    select = select[: select.index("</select>")]
    assert f'<option value="{colleague.pk}">Ann &lt;Bell&gt; — Registrar</option>' in select
    assert "Someone Elsewhere" not in select
