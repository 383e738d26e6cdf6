"""Who may host and who may serve, from the database: confirmed and unconfirmed levels, closed
and regional institutions, experts working for the requesting state, and the officer's
exclusions through the service, the page and the API."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community.choices import InstitutionStatus
from community.tests.factories import InstitutionFactory, MemberStateFactory, PersonFactory
from matching import loaders, selectors, services
from matching.exceptions import MatchingError
from matching.models import MatchExclusion
from maturity.choices import AssessmentMethod
from maturity.selectors import CurrentLevel, level_confirmed
from maturity.tests.factories import AssessmentFactory
from portfolio.tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db

SELF, PEER, SECRETARIAT = AssessmentMethod.SELF, AssessmentMethod.PEER, AssessmentMethod.SECRETARIAT
LAST_YEAR = datetime.date(2025, 5, 12)


def level(value, method, on=LAST_YEAR):
    return CurrentLevel(value, method, on)


# --- what confirms a level ------------------------------------------------------------------


@pytest.mark.parametrize(
    "current,confirmed,expected",
    [
        (level(4, PEER), None, True),
        (level(4, SECRETARIAT), None, True),
        (level(4, SELF), None, False),  # nobody has confirmed it
        (level(4, SELF), level(3, PEER), False),  # claims more than was confirmed
        (level(3, SELF), level(3, PEER), True),  # claims what was confirmed
        (level(2, SELF), level(3, SECRETARIAT), True),  # claims less: taken at its word
    ],
)
def test_a_level_is_confirmed_by_the_secretariat_or_a_peer_review(current, confirmed, expected):
    assert level_confirmed(current, confirmed) is expected


@pytest.fixture
def community(approved, jamaica, trinidad, belize, accreditation):
    """Belize at level 1; Jamaica 4 by peer review; Trinidad 4 by its own word; Barbados 3 by its
    own word after a peer review at 3 (confirmed)."""
    barbados = MemberStateFactory.for_iso("BB")
    for state, value, method, on in [
        (belize, 1, SECRETARIAT, LAST_YEAR),
        (jamaica, 4, PEER, LAST_YEAR),
        (trinidad, 4, SELF, LAST_YEAR),
        (barbados, 3, PEER, datetime.date(2022, 3, 1)),
        (barbados, 3, SELF, LAST_YEAR),
    ]:
        AssessmentFactory(state=state, area=accreditation, level=value, method=method, assessed_on=on)
    return {"BZ": belize, "JM": jamaica, "TT": trinidad, "BB": barbados}


def hosts_of(matches):
    return [candidate.detail for candidate in matches.hosts]


def test_a_self_assessed_level_makes_a_host_only_once_confirmed_or_when_the_officer_asks(approved, community):
    matches = selectors.request_matches(assistance_request=approved)
    assert set(hosts_of(matches)) == {"JM", "BB"}
    reasons = {candidate.detail: candidate.excluded_because for candidate in matches.excluded}
    assert reasons["TT"].startswith("level 4 in Accreditation and equivalency is self-assessed, unconfirmed")
    barbados = next(candidate for candidate in matches.hosts if candidate.detail == "BB")
    assert "level 3 against Belize's 1 (self-assessed, " in barbados.reasons_text
    wider = selectors.request_matches(assistance_request=approved, include_unconfirmed=True)
    assert set(hosts_of(wider)) == {"JM", "BB", "TT"}
    trinidad = next(candidate for candidate in wider.hosts if candidate.detail == "TT")
    assert "(self-assessed, unconfirmed, " in trinidad.reasons_text


def test_the_officer_keeps_the_choice_to_include_unconfirmed_levels(approved, community, officer):
    services.match_weights_save(
        assistance_request_id=approved.pk, actor=officer, weights={}, include_developing=False, include_unconfirmed=True
    )
    assert "TT" in hosts_of(selectors.request_matches(assistance_request=approved))
    assert selectors.host_standing(assistance_request=approved, state_id=community["TT"].pk).rank is not None


# --- institutions: closed ones never, regional ones from their seat ---------------------------


def test_a_closed_institution_is_never_proposed_nor_speaks_through_its_practices(approved, community, accreditation):
    closed = InstitutionFactory(
        state=community["JM"],
        name="Jamaica Accreditation Board",
        description="Accreditation and equivalency of qualifications.",
        status=InstitutionStatus.CLOSED,
        closed_on=datetime.date(2024, 1, 31),
    )
    PracticeFactory(
        state=community["JM"], institution=closed, published=True, areas=[accreditation], title="Accreditation manual"
    )
    supply = loaders.load_host_supply()
    assert closed.pk not in supply.institution_ids
    assert "Accreditation manual" not in supply.docs.labels
    jamaica = next(c for c in selectors.request_matches(assistance_request=approved).hosts if c.detail == "JM")
    assert "Jamaica Accreditation Board" not in [institution.name for institution in jamaica.institutions]


def test_a_regional_institution_hosts_from_its_seat(approved, community):
    council = InstitutionFactory(
        state=None,
        seat=community["BB"],
        name="Caribbean Examinations Council",
        description="Regional examinations and the equivalency of qualifications; accreditation of programmes.",
    )
    InstitutionFactory(state=None, name="Caribbean Development Fund", description="Accreditation funding.")
    supply = loaders.load_host_supply()
    k = list(supply.institution_ids).index(council.pk)
    assert supply.names[supply.institution_state[k]] == "Barbados" and supply.institution_regional[k]
    assert len(supply.institution_ids) == 1  # a regional body without a seat hosts nowhere
    barbados = next(c for c in selectors.request_matches(assistance_request=approved).hosts if c.detail == "BB")
    proposal = barbados.institutions[0]
    assert proposal.name == "Caribbean Examinations Council" and proposal.regional


def test_an_institution_of_another_state_is_refused_as_host_institution_and_a_closed_one_too(
    approved, community, officer
):
    council = InstitutionFactory(state=None, seat=community["BB"], name="Caribbean Examinations Council")
    closed = InstitutionFactory(state=community["JM"], status=InstitutionStatus.CLOSED)
    with pytest.raises(MatchingError) as refused:
        services.host_invitation_create(
            assistance_request_id=approved.pk, state_id=community["JM"].pk, institution_id=council.pk, actor=officer
        )
    assert refused.value.field == "institution"
    with pytest.raises(MatchingError, match="is closed and cannot host") as refused:
        services.host_invitation_create(
            assistance_request_id=approved.pk, state_id=community["JM"].pk, institution_id=closed.pk, actor=officer
        )
    invitation = services.host_invitation_create(
        assistance_request_id=approved.pk, state_id=community["BB"].pk, institution_id=council.pk, actor=officer
    )
    assert invitation.institution == council


# --- experts working for the requesting state -------------------------------------------------


def test_an_expert_at_an_institution_of_the_requester_is_a_conflict_even_without_a_state(
    approved, community, accreditation, officer
):
    at_home = PersonFactory(
        expert=True, state=None, institution=InstitutionFactory(state=community["BZ"]), expertise_areas=[accreditation]
    )
    abroad = PersonFactory(
        expert=True, state=None, institution=InstitutionFactory(state=community["JM"]), expertise_areas=[accreditation]
    )
    matches = selectors.request_matches(assistance_request=approved)
    assert abroad.pk in [candidate.id for candidate in matches.experts]
    reasons = {candidate.id: candidate.excluded_because for candidate in matches.experts_excluded}
    assert reasons[at_home.pk] == "works for an institution of Belize, the requesting state: a conflict of interest"
    with pytest.raises(MatchingError, match="works for an institution of the requesting state"):
        services.expert_invitation_create(assistance_request_id=approved.pk, person_id=at_home.pk, actor=officer)


# --- the officer's exclusions -----------------------------------------------------------------


def history(request):
    entries = LogEntry.objects.get_for_object(request).order_by("pk")
    return [entry.additional_data for entry in entries if (entry.additional_data or {}).get("event")]


def test_an_exclusion_leaves_a_state_out_with_its_reason_and_is_kept_in_the_history(approved, community, officer):
    exclusion = services.match_exclusion_create(
        assistance_request_id=approved.pk, actor=officer, state_id=community["JM"].pk, reason="Elections in May."
    )
    matches = selectors.request_matches(assistance_request=approved)
    assert "JM" not in hosts_of(matches) and matches.exclusions == [exclusion]
    reasons = {candidate.detail: candidate.excluded_because for candidate in matches.excluded}
    assert reasons["JM"] == "left out of this ranking by the officer: Elections in May."
    assert selectors.host_standing(assistance_request=approved, state_id=community["JM"].pk).rank is None
    services.match_exclusion_remove(exclusion_id=exclusion.pk, actor=officer)
    assert "JM" in hosts_of(selectors.request_matches(assistance_request=approved))
    assert [entry["event"] for entry in history(approved)][-2:] == ["matching.excluded", "matching.exclusion_removed"]
    assert history(approved)[-1]["params"] == {"name": "Jamaica", "reason": "Elections in May."}


def test_the_matches_read_the_officers_exclusions_once(approved, community, officer):
    services.match_exclusion_create(
        assistance_request_id=approved.pk, actor=officer, state_id=community["JM"].pk, reason="Elections in May."
    )
    with CaptureQueriesContext(connection) as queries:
        matches = selectors.request_matches(assistance_request=approved)
    assert "JM" not in hosts_of(matches)
    assert sum("matching_matchexclusion" in query["sql"] for query in queries.captured_queries) == 1


def test_an_excluded_institution_and_expert_are_not_proposed(approved, community, accreditation, officer):
    council = InstitutionFactory(state=community["JM"], name="University Council of Jamaica")
    person = PersonFactory(expert=True, state=community["TT"], institution=None, expertise_areas=[accreditation])
    services.match_exclusion_create(
        assistance_request_id=approved.pk, actor=officer, institution_id=council.pk, reason="Under review."
    )
    services.match_exclusion_create(
        assistance_request_id=approved.pk, actor=officer, person_id=person.pk, reason="Advised Belize's council."
    )
    matches = selectors.request_matches(assistance_request=approved)
    jamaica = next(candidate for candidate in matches.hosts if candidate.detail == "JM")
    assert council.pk not in [institution.id for institution in jamaica.institutions]
    assert person.pk not in [candidate.id for candidate in matches.experts]
    reasons = {candidate.id: candidate.excluded_because for candidate in matches.experts_excluded}
    assert reasons[person.pk] == "left out of this ranking by the officer: Advised Belize's council."


@pytest.mark.parametrize(
    "arguments,field",
    [
        ({"reason": "No."}, None),  # nothing chosen
        ({"state_id": "JM", "person_id": 0, "reason": "Two at once."}, None),
        ({"state_id": 999999, "reason": "Gone."}, "state"),
        ({"institution_id": 999999, "reason": "Gone."}, "institution"),
        ({"person_id": 999999, "reason": "Gone."}, "person"),
        ({"state_id": "JM", "reason": "  "}, "reason"),
        ({"state_id": "BZ", "reason": "Itself."}, "state"),
    ],
)
def test_a_refused_exclusion_names_the_field_and_changes_nothing(approved, community, officer, arguments, field):
    arguments = {key: community[value].pk if value in community else value for key, value in arguments.items()}
    with pytest.raises(MatchingError) as refused:
        services.match_exclusion_create(assistance_request_id=approved.pk, actor=officer, **arguments)
    assert refused.value.field == field
    assert not MatchExclusion.objects.exists()


def test_a_state_is_left_out_once(approved, community, officer):
    arguments = {"assistance_request_id": approved.pk, "actor": officer, "state_id": community["JM"].pk}
    services.match_exclusion_create(**arguments, reason="Elections.")
    with pytest.raises(MatchingError, match="already left out") as refused:
        services.match_exclusion_create(**arguments, reason="Again.")
    assert refused.value.field == "state"


# --- the page -------------------------------------------------------------------------------


def exclude_url(request):
    return reverse("matching:exclusion_create", args=[request.pk])


def test_the_officer_leaves_a_state_out_on_the_page_and_puts_it_back(client_for, officer, approved, community):
    client = client_for(officer)
    response = client.post(exclude_url(approved), {"state": community["JM"].pk, "reason": "Elections in May."})
    assert response.status_code == 302
    page = client.get(reverse("matching:request_matches", args=[approved.pk])).content.decode()
    assert "left out of this ranking by the officer: Elections in May." in page
    assert f'data-exclusion="state-{community["JM"].pk}"' in page
    exclusion = MatchExclusion.objects.get()
    assert client.post(reverse("matching:exclusion_remove", args=[exclusion.pk])).status_code == 302
    assert not MatchExclusion.objects.exists()


def test_bad_input_on_the_page_comes_back_as_a_400_with_the_field(client_for, officer, approved, community):
    client = client_for(officer)
    response = client.post(exclude_url(approved), {"state": community["JM"].pk, "reason": ""})
    assert response.status_code == 400 and 'data-error-field="reason"' in response.content.decode()
    response = client.post(exclude_url(approved), {"state": "Jamaica", "reason": "Elections."})
    assert response.status_code == 400 and 'data-error-field="state"' in response.content.decode()
    assert not MatchExclusion.objects.exists()


@pytest.mark.parametrize("role", ["focal_bz", "focal_jm", "host_jm", "expert", "partner"])
def test_only_the_secretariat_leaves_candidates_out_on_the_page(role, persona, client_for, approved, community):
    response = client_for(persona(role)).post(exclude_url(approved), {"state": community["JM"].pk, "reason": "No."})
    assert response.status_code in (403, 404)
    assert not MatchExclusion.objects.exists()


def test_a_focal_point_cannot_put_a_candidate_back(client_for, focal_bz, officer, approved, community):
    exclusion = services.match_exclusion_create(
        assistance_request_id=approved.pk, actor=officer, state_id=community["JM"].pk, reason="Elections."
    )
    response = client_for(focal_bz).post(reverse("matching:exclusion_remove", args=[exclusion.pk]))
    assert response.status_code == 404  # the secretariat's record: not even seen
    assert MatchExclusion.objects.exists()


# --- the API --------------------------------------------------------------------------------


def api_url(request):
    return f"/api/v1/requests/{request.pk}/match-exclusions/"


def test_the_api_leaves_out_lists_and_puts_back(api_client_for, officer, approved, community):
    client = api_client_for(officer)
    response = client.post(api_url(approved), {"state": community["JM"].pk, "reason": "Elections."}, format="json")
    assert response.status_code == 201
    created = response.json()
    assert created["state"] == community["JM"].pk and created["target"] == "Jamaica"
    assert [row["id"] for row in client.get(api_url(approved)).json()] == [created["id"]]
    ranking = client.get(f"/api/v1/requests/{approved.pk}/matches/").json()
    assert ranking["exclusions"][0]["reason"] == "Elections."
    assert any(row["detail"] == "JM" and "by the officer: Elections." in row["reason"] for row in ranking["excluded"])
    assert any("unconfirmed" in row["reason"] for row in ranking["excluded"] if row["detail"] == "TT")
    assert ranking["include_unconfirmed"] is False
    wider = client.get(f"/api/v1/requests/{approved.pk}/matches/", {"include_unconfirmed": "true"}).json()
    assert "TT" in [host["detail"] for host in wider["hosts"]]
    assert client.delete(f"/api/v1/match-exclusions/{created['id']}/").status_code == 204
    assert not MatchExclusion.objects.exists()


def test_the_api_refuses_bad_input_with_field_errors(api_client_for, officer, approved, community):
    client = api_client_for(officer)
    response = client.post(api_url(approved), {"state": "Jamaica", "reason": "x"}, format="json")
    assert response.status_code == 400 and "state" in response.json()
    response = client.post(api_url(approved), {"person": 999999, "reason": "x"}, format="json")
    assert response.status_code == 400 and "person" in response.json()
    response = client.post(api_url(approved), {"state": community["JM"].pk, "reason": ""}, format="json")
    assert response.status_code == 400 and response.json()["reason"] == ["Say why it is left out."]
    assert not MatchExclusion.objects.exists()


def test_a_focal_point_cannot_create_exclusions_through_the_api(api_client_for, focal_bz, officer, approved, community):
    client = api_client_for(focal_bz)
    response = client.post(api_url(approved), {"state": community["JM"].pk, "reason": "No."}, format="json")
    assert response.status_code == 403
    exclusion = services.match_exclusion_create(
        assistance_request_id=approved.pk, actor=officer, state_id=community["JM"].pk, reason="Elections."
    )
    assert client.delete(f"/api/v1/match-exclusions/{exclusion.pk}/").status_code == 404
    assert MatchExclusion.objects.count() == 1


def test_the_kept_weights_carry_the_unconfirmed_switch(api_client_for, officer, approved, community):
    client = api_client_for(officer)
    url = f"/api/v1/requests/{approved.pk}/match-weights/"
    assert client.get(url).json()["include_unconfirmed"] is False
    assert client.put(url, {"include_unconfirmed": True}, format="json").json()["include_unconfirmed"] is True
    assert "TT" in [host["detail"] for host in client.get(f"/api/v1/requests/{approved.pk}/matches/").json()["hosts"]]


def test_the_page_includes_unconfirmed_levels_when_ticked_and_keeps_the_choice(
    client_for, officer, approved, community
):
    client = client_for(officer)
    url = reverse("matching:request_matches", args=[approved.pk])
    html = client.get(url).content.decode()
    assert 'data-candidate="TT"' not in html and "self-assessed, unconfirmed" in html
    assert 'data-candidate="TT"' in client.get(url, {"include_unconfirmed": "on"}).content.decode()
    response = client.post(reverse("matching:request_weights", args=[approved.pk]), {"include_unconfirmed": "on"})
    assert response.status_code == 302
    assert 'data-candidate="TT"' in client.get(url).content.decode()
