"""The "related record shown" and "file download" columns of the access table: a record a role
sees shows another scoped record it points to (its name in the page, its key in the API) only if
the role may see that one too, and its files download exactly where it is seen."""

import pytest
from django.urls import reverse

from activities.tests.factories import ActivityFactory, SessionFactory
from assistance.choices import Status
from assistance.tests.factories import AssistanceRequestFactory
from community.tests.factories import PersonFactory
from core.models import VisibilityChoices
from portfolio.choices import PracticeStatus
from portfolio.tests.factories import PracticeFactory
from tests.access.matrix import ROLES, VISIBLE

SHARED = VisibilityChoices.SHARED
HIDDEN_INSTITUTION = "jm_restricted"  # Jamaica Financial Investigations Division
HIDDEN_PERSON = "jm_restricted"  # Shanique Bailey


@pytest.fixture
def pointing(world):
    """Shared records, each pointing at a restricted record of Jamaica (made in the test's own
    savepoint: the module's world is left as it was built)."""
    institution, person = world.records["institution"][HIDDEN_INSTITUTION], world.person_jm_restricted
    area = world.records["capabilityarea"]["root"]
    activity = ActivityFactory(shared=True, host_state=world.jm, host_institution=institution, states=[world.bz])
    return {
        # model → (a shared record, the field pointing at the restricted record)
        "person": (
            PersonFactory(full_name="Keisha Ramdial", institution=institution, visibility=SHARED),
            "institution",
        ),
        "assistancerequest": (
            AssistanceRequestFactory(
                state=world.jm, institution=institution, status=Status.APPROVED, visibility=SHARED, areas=[area]
            ),
            "institution",
        ),
        "practice": (
            PracticeFactory(
                state=world.jm,
                institution=institution,
                status=PracticeStatus.PUBLISHED,
                visibility=SHARED,
                areas=[area],
            ),
            "institution",
        ),
        "activity": (activity, "host_institution"),
        "session": (SessionFactory(activity=activity, facilitator=person), "facilitator"),
    }


API_NAMES = {
    "person": "api:person-detail",
    "assistancerequest": "api:assistancerequest-detail",
    "practice": "api:practice-detail",
    "activity": "api:activity-detail",
    "session": "api:session-detail",
}


def related_seen(role, related) -> bool:
    model = type(related)._meta.model_name
    key = HIDDEN_INSTITUTION if model == "institution" else HIDDEN_PERSON
    return key in VISIBLE[model][role]


def related_name(related) -> str:
    return getattr(related, "full_name", None) or related.name


@pytest.mark.parametrize("role", ROLES)
def test_the_api_shows_a_related_record_only_to_those_who_see_it(world, pointing, api_client_for, role):
    client = api_client_for(world.users[role])
    for model, (record, field) in pointing.items():
        related = getattr(record, field)
        response = client.get(reverse(API_NAMES[model], args=[record.pk]))
        if response.status_code == 404:
            continue  # the record itself is not theirs to see (a draft, an activity they do not take part in)
        assert response.status_code == 200, (model, response.status_code)
        body = response.json()
        expected = related.pk if related_seen(role, related) else None
        assert body[field] == expected, (role, model, field, body[field])
        if not related_seen(role, related):
            assert related_name(related) not in response.content.decode(), (role, model)


@pytest.mark.parametrize("role", ROLES)
def test_pages_name_a_related_record_only_to_those_who_see_it(world, pointing, client_for, role):
    client = client_for(world.users[role])
    for model, (record, field) in pointing.items():
        if model == "session":
            url = reverse("activities:activity_agenda", args=[record.activity_id])
        else:
            url = record.get_absolute_url()
        response = client.get(url)
        if response.status_code in (403, 404):
            continue
        assert response.status_code == 200, (model, url, response.status_code)
        related = getattr(record, field)
        if not related_seen(role, related):
            assert related_name(related) not in response.content.decode(), (role, model, url)


@pytest.mark.parametrize("role", ROLES)
def test_documents_download_through_the_checked_view_exactly_where_their_record_is_seen(world, client_for, role):
    from tests.access.matrix import DOWNLOADABLE

    client = client_for(world.users[role])
    for key, document in world.records["document"].items():
        response = client.get(reverse("core:document_download", args=[document.pk]))
        assert response.status_code == (200 if key in DOWNLOADABLE[role] else 404), (role, key)
        if response.status_code == 200:
            assert response["Content-Disposition"].startswith("attachment")
            assert response["X-Content-Type-Options"] == "nosniff"
            assert "sandbox" in response["Content-Security-Policy"]
        assert client.get(f"/media/{document.file.name}").status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_a_search_matches_a_related_record_s_name_only_for_those_who_see_it(world, pointing, api_client_for, role):
    request, _field = pointing["assistancerequest"]
    client = api_client_for(world.users[role])
    answer = client.get(reverse("api:assistancerequest-list"), {"q": "Financial Investigations"})
    assert answer.status_code == 200
    rows = answer.json()
    found = {row["id"] for row in (rows["results"] if isinstance(rows, dict) else rows)}
    assert (request.pk in found) == related_seen(role, request.institution), role


LIST_PAGES = (
    ("community:person_list", {"columns": ["post", "institution"]}),
    ("activities:activity_list", {"columns": ["host_institution"]}),
    ("portfolio:practice_list", {}),
    ("assistance:request_list", {}),
)


@pytest.mark.parametrize("role", ROLES)
def test_lists_name_a_related_record_only_to_those_who_see_it(world, pointing, client_for, role):
    institution = world.records["institution"][HIDDEN_INSTITUTION]
    if related_seen(role, institution):
        return
    client = client_for(world.users[role])
    for name, query in LIST_PAGES:
        response = client.get(reverse(name), query)
        assert response.status_code == 200, (name, response.status_code)
        assert institution.name not in response.content.decode(), (role, name)
