"""The matching API: the ranking with contributions, and invitations with answer actions."""

import pytest

from assistance.choices import Status
from assistance.models import AssistanceRequest
from assistance.tests.factories import AssistanceRequestFactory
from matching import services
from matching.choices import InvitationStatus
from matching.models import ExpertInvitation, HostInvitation

pytestmark = pytest.mark.django_db

HOSTS = "/api/v1/host-invitations/"
EXPERTS = "/api/v1/expert-invitations/"


def matches(request):
    return f"/api/v1/requests/{request.pk}/matches/"


def test_the_ranking_comes_with_contributions_reasons_and_exclusions(api_client_for, demo_officer, belize_request):
    response = api_client_for(demo_officer).get(matches(belize_request), {"top": 3})
    assert response.status_code == 200
    data = response.json()
    assert data["request"]["reference"] == belize_request.reference and data["window"]["given"] is True
    assert {host["detail"] for host in data["hosts"]} == {"JM", "BB", "TT"} and data["host_count"] == 4
    top = data["hosts"][0]
    assert [f["factor"] for f in top["factors"]] == [
        "capability",
        "fit",
        "relevance",
        "track_record",
        "load",
        "timing",
        "cost",
        "burden",
    ]
    assert sum(f["points"] for f in top["factors"]) == pytest.approx(top["score"])
    assert sum(f["weight"] for f in top["factors"]) == pytest.approx(1.0)
    assert top["reasons"] and top["why_not_higher"] == [] and data["hosts"][1]["why_not_higher"]
    jamaica = next(host for host in data["hosts"] if host["detail"] == "JM")
    assert "University Council of Jamaica" in [institution["name"] for institution in jamaica["institutions"]]
    assert any(row["detail"] == "BZ" and "own request" in row["reason"] for row in data["excluded"])
    assert data["experts"] and all(expert["invitation"] is None for expert in data["experts"])


def test_weights_in_the_query_re_rank(api_client_for, demo_officer, belize_request):
    client = api_client_for(demo_officer)
    data = client.get(matches(belize_request), {"cost": 10, "capability": 0, "relevance": 0, "fit": 0}).json()
    assert data["weights"]["cost"] == 10 and data["weights"]["timing"] == 1
    assert client.get(matches(belize_request), {"cost": 11}).status_code == 400
    assert client.get(matches(belize_request), {"top": 0}).status_code == 400


@pytest.mark.parametrize("role,status", [("officer", 200), ("focal_bz", 403), ("host_jm", 403), ("partner", 403)])
def test_the_ranking_is_the_secretariats(role, status, persona, api_client_for, approved):
    assert api_client_for(persona(role)).get(matches(approved)).status_code == status


def test_the_ranking_of_an_invisible_request_is_404_and_anonymous_is_refused(
    api_client_for, focal_jm, belize, anonymous
):
    restricted = AssistanceRequestFactory(state=belize, status=Status.APPROVED, restricted=True)
    assert api_client_for(focal_jm).get(matches(restricted)).status_code == 404
    assert api_client_for(anonymous).get(matches(restricted)).status_code in (401, 403)


def test_an_officer_invites_through_the_api(api_client_for, officer, approved, host_institution):
    response = api_client_for(officer).post(
        HOSTS,
        {"request": approved.pk, "state": host_institution.state_id, "institution": host_institution.pk, "rank": 1},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == InvitationStatus.INVITED and response.json()["invited_by"] == officer.pk
    approved.refresh_from_db()
    assert approved.status == Status.MATCHING


@pytest.mark.parametrize("role", ["focal_bz", "focal_jm", "host_jm", "expert", "partner"])
def test_only_the_secretariat_invites_through_the_api(role, persona, api_client_for, approved, jamaica):
    response = api_client_for(persona(role)).post(HOSTS, {"request": approved.pk, "state": jamaica.pk}, format="json")
    assert response.status_code == 403
    assert not HostInvitation.objects.exists()


def test_a_refused_invitation_is_a_400_naming_the_field(api_client_for, officer, approved, belize):
    client = api_client_for(officer)
    response = client.post(HOSTS, {"request": approved.pk, "state": belize.pk}, format="json")
    assert response.status_code == 400 and response.json() == {"state": ["A state never hosts its own request."]}
    response = client.post(HOSTS, {"request": approved.pk}, format="json")
    assert response.status_code == 400 and response.json() == {"state": ["Choose a host state."]}
    assert client.post(HOSTS, {"request": 99999, "state": belize.pk}, format="json").status_code == 400


def test_the_host_accepts_through_the_api(api_client_for, officer, host_jm, approved, host_institution):
    invitation = services.host_invitation_create(
        assistance_request_id=approved.pk,
        state_id=host_institution.state_id,
        institution_id=host_institution.pk,
        actor=officer,
    )
    client = api_client_for(host_jm)
    assert [row["id"] for row in client.get(HOSTS).json()["results"]] == [invitation.pk]
    response = client.post(f"{HOSTS}{invitation.pk}/accept/", {}, format="json")
    assert response.status_code == 200 and response.json()["status"] == InvitationStatus.ACCEPTED
    approved.refresh_from_db()
    assert approved.status == Status.HOST_CONFIRMED
    assert (
        client.post(f"{HOSTS}{invitation.pk}/decline/", {"reason": "Changed our mind"}, format="json").status_code
        == 400
    )


def test_declining_through_the_api_needs_a_reason(api_client_for, officer, host_jm, approved, host_institution):
    invitation = services.host_invitation_create(
        assistance_request_id=approved.pk,
        state_id=host_institution.state_id,
        institution_id=host_institution.pk,
        actor=officer,
    )
    client = api_client_for(host_jm)
    assert client.post(f"{HOSTS}{invitation.pk}/decline/", {}, format="json").status_code == 400
    response = client.post(f"{HOSTS}{invitation.pk}/decline/", {"reason": "No assessors free."}, format="json")
    assert response.status_code == 200 and response.json()["reason"] == "No assessors free."


def test_answering_through_the_api_follows_the_same_rules(
    api_client_for, officer, focal_bz, partner, approved, host_institution
):
    invitation = services.host_invitation_create(
        assistance_request_id=approved.pk,
        state_id=host_institution.state_id,
        institution_id=host_institution.pk,
        actor=officer,
    )
    assert api_client_for(focal_bz).post(f"{HOSTS}{invitation.pk}/accept/", {}, format="json").status_code == 403
    assert api_client_for(partner).post(f"{HOSTS}{invitation.pk}/accept/", {}, format="json").status_code == 404
    assert api_client_for(partner).get(f"{HOSTS}{invitation.pk}/").status_code == 404
    assert (
        api_client_for(focal_bz).post(f"{HOSTS}{invitation.pk}/withdraw/", {"reason": "x"}, format="json").status_code
        == 403
    )
    response = api_client_for(officer).post(
        f"{HOSTS}{invitation.pk}/withdraw/", {"reason": "Dates moved."}, format="json"
    )
    assert response.status_code == 200 and response.json()["status"] == InvitationStatus.WITHDRAWN


def test_invitations_cannot_be_edited_or_deleted_directly(api_client_for, officer, approved, jamaica):
    invitation = services.host_invitation_create(assistance_request_id=approved.pk, state_id=jamaica.pk, actor=officer)
    client = api_client_for(officer)
    assert client.patch(f"{HOSTS}{invitation.pk}/", {"status": "accepted"}, format="json").status_code == 405
    assert client.delete(f"{HOSTS}{invitation.pk}/").status_code == 405


def test_experts_are_invited_and_answer_through_the_api(
    api_client_for, officer, expert, approved, expert_person, belize
):
    client = api_client_for(officer)
    response = client.post(EXPERTS, {"request": approved.pk, "person": expert_person.pk}, format="json")
    assert response.status_code == 201
    invitation = ExpertInvitation.objects.get()
    response = api_client_for(expert).post(f"{EXPERTS}{invitation.pk}/accept/", {}, format="json")
    assert response.status_code == 200 and response.json()["status"] == InvitationStatus.ACCEPTED
    from community.tests.factories import PersonFactory

    local = PersonFactory(expert=True, state=belize, institution=None)
    response = client.post(EXPERTS, {"request": approved.pk, "person": local.pk}, format="json")
    assert response.status_code == 400 and "conflict of interest" in response.json()["person"][0]


def test_a_score_and_rank_sent_to_the_api_are_ignored(api_client_for, demo_officer, belize_request):
    """The invitation keeps the standing the server computes, as the ranking endpoint shows it."""
    client = api_client_for(demo_officer)
    ranking = client.get(matches(belize_request)).json()
    jamaica = next(host for host in ranking["hosts"] if host["detail"] == "JM")
    response = client.post(
        HOSTS, {"request": belize_request.pk, "state": jamaica["id"], "score": 1.0, "rank": 99}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["rank"] == jamaica["rank"] != 99
    assert response.json()["score"] == pytest.approx(jamaica["score"])
    expert = ranking["experts"][0]
    response = client.post(
        EXPERTS, {"request": belize_request.pk, "person": expert["id"], "score": 0, "rank": 42}, format="json"
    )
    assert response.status_code == 201, response.content
    assert (response.json()["rank"], response.json()["score"]) == (1, pytest.approx(expert["score"]))


def test_the_invitation_lists_come_in_capped_pages(api_client_for, officer, jamaica, monkeypatch):
    from core.api_pagination import CappedPageNumberPagination
    from matching.tests.factories import ExpertInvitationFactory, HostInvitationFactory

    monkeypatch.setattr(CappedPageNumberPagination, "page_size", 2)
    waiting = HostInvitationFactory(state=jamaica)
    answered = [HostInvitationFactory(state=jamaica, status=InvitationStatus.DECLINED) for _ in range(2)]
    for _ in range(3):
        ExpertInvitationFactory()
    client = api_client_for(officer)
    first = client.get(HOSTS).json()
    assert [row["id"] for row in first["results"]] == [waiting.pk, answered[1].pk]  # open first, then newest
    assert first["next"] and first["count"] == 3
    assert [row["id"] for row in client.get(first["next"]).json()["results"]] == [answered[0].pk]
    assert len(client.get(EXPERTS).json()["results"]) == 2


@pytest.mark.parametrize("url", [HOSTS, EXPERTS])
def test_a_focal_points_invitation_list_costs_the_same_queries_for_any_number_of_rows(
    url, api_client_for, focal_jm, jamaica, django_assert_max_num_queries
):
    """Whether the focal point may see each invitation's request is learnt once for the page."""
    from matching.tests.factories import ExpertInvitationFactory, HostInvitationFactory

    def invite(restricted: bool):
        if url == HOSTS:  # Jamaica invited to host another state's request
            request = AssistanceRequestFactory(status=Status.MATCHING, restricted=restricted)
            return HostInvitationFactory(state=jamaica, request=request)
        request = AssistanceRequestFactory(state=jamaica, status=Status.MATCHING, restricted=restricted)
        return ExpertInvitationFactory(request=request)

    client = api_client_for(focal_jm)
    for restricted in (True, False):
        invite(restricted)
    with django_assert_max_num_queries(30) as few:
        assert len(client.get(url).json()["results"]) == 2
    for k in range(6):
        invite(restricted=k % 2 == 0)
    with django_assert_max_num_queries(len(few.captured_queries)):
        rows = client.get(url).json()["results"]
    assert len(rows) == 8
    model = HostInvitation if url == HOSTS else ExpertInvitation
    requests = dict(model.objects.values_list("pk", "request_id"))
    seen = set(AssistanceRequest.objects.for_user(focal_jm).values_list("pk", flat=True))
    assert {row["id"]: row["request"] for row in rows} == {
        pk: (request if request in seen else None) for pk, request in requests.items()
    }
