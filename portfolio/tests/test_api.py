"""/api/v1/practices/: the same rules as the pages, field errors as 400, refusals as 403."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from community.tests.factories import InstitutionFactory, LanguageFactory, MemberStateFactory
from portfolio.choices import PracticeStatus as S
from portfolio.models import Practice
from portfolio.tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/practices/"


def detail(practice, action=""):
    return f"{LIST}{practice.pk}/" + (f"{action}/" if action else "")


def titles(response) -> set[str]:
    return {row["title"] for row in response.json()["results"]}


def payload(state, *areas, **changes):
    data = {
        "title": "Electronic labour exchange",
        "state": state.pk,
        "areas": [area.code for area in areas],
        "description": "Job seekers and employers register online; counsellors follow up.",
        "results": "Vacancies filled through referrals every month.",
        "in_operation_since": "2015-06-01",
        "target_population": "Job seekers and employers",
        "languages": ["en"],
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "user,expected",
    [
        (
            "officer",
            {"jm_published", "jm_draft", "jm_host_draft", "tt_needs_update", "bz_published"},
        ),
        (
            "focal_jm",
            {"jm_published", "jm_draft", "jm_host_draft", "tt_needs_update", "bz_published"},
        ),
        ("host_jm", {"jm_published", "jm_host_draft", "tt_needs_update", "bz_published"}),
        ("focal_bz", {"jm_published", "tt_needs_update", "bz_published"}),
        ("partner", {"jm_published", "tt_needs_update", "bz_published"}),
    ],
)
def test_the_list_shows_drafts_to_owners_and_the_secretariat_only(user, expected, persona, portfolio, api_client_for):
    response = api_client_for(persona(user)).get(LIST)
    assert response.status_code == 200
    assert titles(response) == {getattr(portfolio, key).title for key in expected}


def test_anonymous_callers_are_refused(portfolio, api_client_for, anonymous):
    assert api_client_for(anonymous).get(LIST).status_code in (401, 403)


def test_a_draft_is_not_found_by_others(portfolio, api_client_for, focal_bz, focal_jm):
    assert api_client_for(focal_bz).get(detail(portfolio.jm_draft)).status_code == 404
    response = api_client_for(focal_jm).get(detail(portfolio.jm_draft))
    assert response.status_code == 200
    assert response.json()["status"] == "draft"


def test_retrieve_gives_every_field(portfolio, api_client_for, partner):
    data = api_client_for(partner).get(detail(portfolio.jm_published)).json()
    assert data["state_code"] == "JM"
    assert data["areas"] == ["accreditation-equivalency"]
    assert sorted(data["languages"]) == ["en", "es"]
    assert data["institution"] == portfolio.ucj.pk
    for field in (
        "description",
        "results",
        "evidence",
        "in_operation_since",
        "target_population",
        "contact",
        "visibility",
        "status",
        "reviewed_at",
        "review_note",
    ):
        assert field in data


@pytest.mark.parametrize(
    "params,expected",
    [
        (lambda p, a: {"state": p.bz_published.state_id}, {"bz_published"}),
        (lambda p, a: {"within": a.labour.pk}, {"bz_published", "tt_needs_update"}),
        (lambda p, a: {"area": "public-employment-services"}, {"bz_published"}),
        (
            lambda p, a: {"area": ["public-employment-services", "accreditation-equivalency"]},
            {"bz_published", "jm_published"},
        ),
        (lambda p, a: {"population": "RESEARCHERS"}, {"tt_needs_update"}),
        (lambda p, a: {"language": "es"}, {"jm_published", "bz_published"}),
        (lambda p, a: {"q": "guyana"}, {"jm_published"}),
        (lambda p, a: {"status": "published"}, {"jm_published", "bz_published"}),
        (lambda p, a: {"institution": p.ucj.pk}, {"jm_published"}),
    ],
)
def test_list_filters(params, expected, portfolio, areas, api_client_for, partner):
    response = api_client_for(partner).get(LIST, params(portfolio, areas))
    assert response.status_code == 200
    assert titles(response) == {getattr(portfolio, key).title for key in expected}


def test_an_unknown_filter_value_is_a_400(portfolio, api_client_for, partner):
    response = api_client_for(partner).get(LIST, {"within": "999999"})
    assert response.status_code == 400
    assert "within" in response.json()


# --- writes -----------------------------------------------------------------------------------


def test_a_focal_point_creates_an_entry_for_their_state_as_a_draft(api_client_for, focal_jm, jamaica, areas):
    response = api_client_for(focal_jm).post(LIST, payload(jamaica, areas.pes, status="published"), format="json")
    assert response.status_code == 201, response.json()
    practice = Practice.objects.get()
    assert (practice.state, practice.status) == (jamaica, S.DRAFT)
    assert response.json()["status"] == "draft"
    assert [a.code for a in practice.areas.all()] == ["public-employment-services"]


def test_a_token_user_is_named_in_the_history(api_client_for, focal_jm, jamaica, areas):
    from auditlog.models import LogEntry
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=focal_jm).key}")
    response = client.post(LIST, payload(jamaica, areas.pes), format="json")
    assert response.status_code == 201
    entry = LogEntry.objects.get_for_object(Practice.objects.get()).order_by("pk").first()
    assert entry.actor == focal_jm


def test_another_states_entry_is_forbidden_and_nothing_is_saved(api_client_for, focal_jm, belize, areas):
    response = api_client_for(focal_jm).post(LIST, payload(belize, areas.pes), format="json")
    assert response.status_code == 403
    assert not Practice.objects.exists()


def test_a_host_coordinator_writes_for_their_institution_only(
    api_client_for, host_jm, host_institution, jamaica, areas
):
    client = api_client_for(host_jm)
    response = client.post(LIST, payload(jamaica, areas.lmi), format="json")
    assert response.status_code == 400 and "institution" in response.json()
    other = InstitutionFactory(state=jamaica)
    assert client.post(LIST, payload(jamaica, areas.lmi, institution=other.pk), format="json").status_code == 403
    assert not Practice.objects.exists()
    response = client.post(LIST, payload(jamaica, areas.lmi, institution=host_institution.pk), format="json")
    assert response.status_code == 201


@pytest.mark.parametrize("user", ["partner", "expert"])
def test_roles_without_a_state_cannot_create(user, persona, api_client_for, jamaica, areas):
    response = api_client_for(persona(user)).post(LIST, payload(jamaica, areas.pes), format="json")
    assert response.status_code == 403
    assert not Practice.objects.exists()


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"title": ""}, "title"),
        ({"areas": []}, "areas"),
        ({"areas": ["no-such-area"]}, "areas"),
        ({"description": ""}, "description"),
        ({"in_operation_since": "2999-01-01"}, "in_operation_since"),
        ({"in_operation_since": "soon"}, "in_operation_since"),
        ({"languages": ["xx"]}, "languages"),
        ({"visibility": "public"}, "visibility"),
        ({"state": 999999}, "state"),
    ],
)
def test_bad_input_is_a_400_with_field_errors_and_saves_nothing(
    changes, field, api_client_for, focal_jm, jamaica, areas
):
    data = payload(jamaica, areas.pes)
    data.update(changes)
    response = api_client_for(focal_jm).post(LIST, data, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Practice.objects.exists()


def test_institution_and_contact_must_belong_to_the_state(api_client_for, officer, jamaica, belize, areas):
    bz_institution = InstitutionFactory(state=belize)
    response = api_client_for(officer).post(
        LIST, payload(jamaica, areas.pes, institution=bz_institution.pk), format="json"
    )
    assert response.status_code == 400 and "institution" in response.json()
    assert not Practice.objects.exists()


def test_owners_update_and_the_status_is_read_only(portfolio, api_client_for, focal_jm):
    practice = portfolio.jm_draft
    response = api_client_for(focal_jm).patch(
        detail(practice), {"results": "More.", "status": "published"}, format="json"
    )
    assert response.status_code == 200
    practice.refresh_from_db()
    assert (practice.results, practice.status) == ("More.", S.DRAFT)


def test_an_owners_update_of_a_flagged_entry_sends_it_back_for_review(portfolio, api_client_for, trinidad):
    from accounts.tests.factories import UserFactory

    focal_tt = UserFactory(role="focal_point", member_state=trinidad)
    response = api_client_for(focal_tt).patch(detail(portfolio.tt_needs_update), {"results": "New."}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "draft"


@pytest.mark.parametrize("user", ["focal_bz", "partner"])
def test_others_may_not_update_or_delete(user, persona, portfolio, api_client_for):
    client = api_client_for(persona(user))
    practice = portfolio.jm_published
    assert client.patch(detail(practice), {"title": "Taken over"}, format="json").status_code == 403
    assert client.delete(detail(practice)).status_code == 403
    assert Practice.objects.filter(pk=practice.pk, title=practice.title).exists()


def test_an_owner_may_not_move_an_entry_to_another_state(portfolio, api_client_for, focal_jm, belize):
    response = api_client_for(focal_jm).patch(detail(portfolio.jm_draft), {"state": belize.pk}, format="json")
    assert response.status_code == 400 and "state" in response.json()  # refused on the field that moves it
    assert Practice.objects.get(pk=portfolio.jm_draft.pk).state.iso_code == "JM"


def test_owners_delete(portfolio, api_client_for, focal_jm):
    assert api_client_for(focal_jm).delete(detail(portfolio.jm_draft)).status_code == 204
    assert not Practice.objects.filter(pk=portfolio.jm_draft.pk).exists()


# --- review actions ---------------------------------------------------------------------------


def test_an_officer_publishes_then_asks_for_an_update(portfolio, api_client_for, officer):
    client = api_client_for(officer)
    response = client.post(detail(portfolio.jm_draft, "publish"))
    assert response.status_code == 200
    assert response.json()["status"] == "published" and response.json()["reviewed_by"] == officer.pk
    response = client.post(detail(portfolio.jm_draft, "request-update"), {"note": "Add 2025."}, format="json")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["review_note"]) == (
        "needs_update",
        "Add 2025.",
    )


def test_an_illegal_move_is_a_409(portfolio, api_client_for, officer):
    response = api_client_for(officer).post(detail(portfolio.jm_published, "publish"))
    assert response.status_code == 409
    assert "cannot go from Published to Published" in response.json()["detail"]


@pytest.mark.parametrize("user,status", [("focal_jm", 403), ("focal_bz", 404), ("partner", 404)])
def test_only_officers_publish(user, status, persona, portfolio, api_client_for):
    response = api_client_for(persona(user)).post(detail(portfolio.jm_draft, "publish"))
    assert response.status_code == status
    assert Practice.objects.get(pk=portfolio.jm_draft.pk).status == S.DRAFT


@pytest.mark.parametrize("user", ["focal_jm", "focal_bz", "partner"])
def test_only_officers_request_updates(user, persona, portfolio, api_client_for):
    response = api_client_for(persona(user)).post(detail(portfolio.jm_published, "request-update"), {}, format="json")
    assert response.status_code == 403
    assert Practice.objects.get(pk=portfolio.jm_published.pk).status == S.PUBLISHED


def test_a_too_long_note_is_a_400(portfolio, api_client_for, officer):
    response = api_client_for(officer).post(
        detail(portfolio.jm_published, "request-update"), {"note": "x" * 2001}, format="json"
    )
    assert response.status_code == 400 and "note" in response.json()
    assert Practice.objects.get(pk=portfolio.jm_published.pk).status == S.PUBLISHED


def test_the_list_query_count_does_not_grow_with_rows(api_client_for, partner, areas):
    english, spanish = LanguageFactory(code="en"), LanguageFactory(code="es")

    def make(n):
        for _ in range(n):
            PracticeFactory(
                state=MemberStateFactory(),
                published=True,
                areas=[areas.pes, areas.lmi],
                languages=[english, spanish],
            )

    def count():
        client = api_client_for(partner)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(LIST)
        assert response.status_code == 200
        return len(queries), len(response.json()["results"])

    make(3)
    few, rows = count()
    make(27)
    many, more_rows = count()
    assert (rows, more_rows) == (3, 30)
    assert many == few
    assert few <= 8
