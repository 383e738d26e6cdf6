"""The matches page and the invitations page: who sees them, re-ranking, inviting and answering."""

import re

import pytest
from django.urls import reverse

from assistance.choices import Status
from assistance.tests.factories import AssistanceRequestFactory
from matching import selectors, services
from matching.choices import InvitationStatus
from matching.models import HostInvitation, MatchWeights

pytestmark = pytest.mark.django_db


def matches_url(request):
    return reverse("matching:request_matches", args=[request.pk])


@pytest.mark.parametrize(
    "role,status",
    [
        ("admin", 200),
        ("officer", 200),
        ("focal_bz", 403),
        ("focal_jm", 403),
        ("host_jm", 403),
        ("expert", 403),
        ("partner", 403),
    ],
)
def test_the_matches_page_is_the_secretariats(role, status, persona, client_for, approved):
    assert client_for(persona(role)).get(matches_url(approved)).status_code == status


def test_a_request_the_user_cannot_see_is_404(client_for, focal_jm, belize, officer):
    restricted = AssistanceRequestFactory(state=belize, status=Status.APPROVED, restricted=True)
    assert client_for(focal_jm).get(matches_url(restricted)).status_code == 404
    assert client_for(officer).get(reverse("matching:request_matches", args=[99999])).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, approved):
    response = client.get(matches_url(approved))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_page_shows_ranked_hosts_with_bars_reasons_and_invite_buttons(client_for, demo_officer, belize_request):
    response = client_for(demo_officer).get(matches_url(belize_request))
    html = response.content.decode()
    assert response.status_code == 200
    assert set(re.findall(r'data-candidate="([A-Z]{2})"', html)[:3]) == {"JM", "BB", "TT"}
    assert 'data-factor="capability"' in html and "level 4 against Belize&#x27;s 1" in html
    assert "Why not higher?" in html and "Invite Jamaica" in html
    assert "University Council of Jamaica" in html
    assert "never hosts its own request" in html
    assert 'id="weights-form"' in html and "HX-Request" in response["Vary"]


def test_htmx_re_ranks_with_the_weights_on_the_page(client_for, demo_officer, belize_request):
    client = client_for(demo_officer)
    response = client.get(
        matches_url(belize_request),
        {
            "capability": 0,
            "fit": 0,
            "relevance": 0,
            "track_record": 0,
            "load": 0,
            "timing": 0,
            "cost": 10,
            "include_developing": "on",
        },
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert not html.lstrip().startswith("<!doctype") and html.lstrip().startswith('<div id="ranking">')
    assert "Ranked with the weights on this page." in html
    assert "Grenada" in html  # below level 3, shown because the officer asked


def test_invalid_weights_fall_back_to_the_saved_or_default_ones(client_for, officer, approved):
    response = client_for(officer).get(matches_url(approved), {"cost": "lots"})
    assert response.status_code == 200


def test_the_officer_keeps_weights_for_the_request(client_for, officer, approved):
    data = {"capability": 4, "fit": 1, "relevance": 3, "track_record": 0, "load": 1, "timing": 2, "cost": 0.5}
    response = client_for(officer).post(reverse("matching:request_weights", args=[approved.pk]), data)
    assert response.status_code == 302
    saved = MatchWeights.objects.get(request=approved)
    assert (saved.weights["capability"], saved.weights["cost"], saved.include_developing, saved.updated_by) == (
        4,
        0.5,
        False,
        officer,
    )
    page = client_for(officer).get(matches_url(approved)).content.decode()
    assert "Starting from the weights kept for this request." in page


def test_inviting_from_the_page(client_for, officer, approved, host_institution):
    response = client_for(officer).post(
        reverse("matching:host_invite", args=[approved.pk]),
        {"state": host_institution.state_id, "institution": host_institution.pk},
    )
    assert response.status_code == 302 and response["Location"] == matches_url(approved)
    invitation = HostInvitation.objects.get()
    assert invitation.institution == host_institution
    approved.refresh_from_db()
    assert approved.status == Status.MATCHING


def test_a_refused_invitation_says_why(client_for, officer, approved, belize):
    client = client_for(officer)
    response = client.post(reverse("matching:host_invite", args=[approved.pk]), {"state": belize.pk}, follow=True)
    assert "never hosts its own request" in response.content.decode()
    assert not HostInvitation.objects.exists()


def test_only_the_secretariat_may_invite_from_the_page(client_for, focal_bz, approved, jamaica):
    response = client_for(focal_bz).post(reverse("matching:host_invite", args=[approved.pk]), {"state": jamaica.pk})
    assert response.status_code == 403


def test_the_host_coordinator_sees_and_accepts_the_invitation(client_for, officer, host_jm, approved, host_institution):
    invitation = services.host_invitation_create(
        assistance_request_id=approved.pk,
        state_id=host_institution.state_id,
        institution_id=host_institution.pk,
        actor=officer,
    )
    client = client_for(host_jm)
    page = client.get(reverse("matching:invitation_list")).content.decode()
    assert approved.title in page and "Accept" in page and "Reason for declining (required)" in page
    response = client.post(reverse("matching:host_invitation_respond", args=[invitation.pk]), {"decision": "accept"})
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.status == Status.HOST_CONFIRMED


def test_declining_without_a_reason_changes_nothing(client_for, officer, host_jm, approved, host_institution):
    invitation = services.host_invitation_create(
        assistance_request_id=approved.pk,
        state_id=host_institution.state_id,
        institution_id=host_institution.pk,
        actor=officer,
    )
    client = client_for(host_jm)
    response = client.post(
        reverse("matching:host_invitation_respond", args=[invitation.pk]), {"decision": "decline"}, follow=True
    )
    assert "Say why the invitation is declined." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.INVITED
    client.post(
        reverse("matching:host_invitation_respond", args=[invitation.pk]), {"decision": "decline", "reason": "No room."}
    )
    invitation.refresh_from_db()
    assert (invitation.status, invitation.reason) == (InvitationStatus.DECLINED, "No room.")


def test_answering_an_invitation_one_cannot_see_is_404_and_one_cannot_answer_is_403(
    client_for, officer, partner, focal_bz, approved, host_institution
):
    invitation = services.host_invitation_create(
        assistance_request_id=approved.pk,
        state_id=host_institution.state_id,
        institution_id=host_institution.pk,
        actor=officer,
    )
    url = reverse("matching:host_invitation_respond", args=[invitation.pk])
    assert client_for(partner).post(url, {"decision": "accept"}).status_code == 404
    assert (
        client_for(focal_bz).post(url, {"decision": "accept"}).status_code == 403
    )  # the requester sees it, may not answer
    page = client_for(focal_bz).get(reverse("matching:invitation_list")).content.decode()
    assert approved.title in page and "Reason for declining" not in page


def test_the_officer_withdraws_from_the_page(client_for, officer, approved, jamaica):
    invitation = services.host_invitation_create(assistance_request_id=approved.pk, state_id=jamaica.pk, actor=officer)
    client_for(officer).post(
        reverse("matching:host_invitation_withdraw", args=[invitation.pk]), {"reason": "Dates moved."}
    )
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.WITHDRAWN


def test_the_expert_answers_from_the_invitations_page(client_for, officer, expert, approved, expert_person):
    invitation = services.expert_invitation_create(
        assistance_request_id=approved.pk, person_id=expert_person.pk, actor=officer
    )
    client = client_for(expert)
    assert "Invitations to serve as an expert" in client.get(reverse("matching:invitation_list")).content.decode()
    client.post(reverse("matching:expert_invitation_respond", args=[invitation.pk]), {"decision": "accept"})
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED


def test_the_invitations_page_needs_no_more_queries_for_more_invitations(
    client_for, officer, approved, django_assert_max_num_queries
):
    from community.tests.factories import MemberStateFactory
    from matching.tests.factories import HostInvitationFactory

    client = client_for(officer)
    HostInvitationFactory(request=approved, state=MemberStateFactory.for_iso("JM"))
    with django_assert_max_num_queries(12) as first:
        client.get(reverse("matching:invitation_list"))
    for iso in ("BB", "TT", "GD", "LC"):
        HostInvitationFactory(request=approved, state=MemberStateFactory.for_iso(iso))
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(reverse("matching:invitation_list"))


def test_the_score_and_rank_of_an_invitation_are_the_servers_not_the_browsers(client_for, demo_officer, belize_request):
    """A forged score and rank in the form are ignored: the invitation keeps the state's standing
    in the ranking the page shows (the demo's Jamaica, an eligible host)."""
    shown = {c.detail: c for c in selectors.request_matches(assistance_request=belize_request, user=demo_officer).hosts}
    jamaica = shown["JM"]
    assert jamaica.rank is not None and jamaica.rank != 99
    response = client_for(demo_officer).post(
        reverse("matching:host_invite", args=[belize_request.pk]),
        {"state": jamaica.id, "rank": 99, "score": "1.0"},
    )
    assert response.status_code == 302
    invitation = HostInvitation.objects.get(request=belize_request, state_id=jamaica.id)
    assert invitation.rank == jamaica.rank
    assert invitation.score == pytest.approx(jamaica.score)
