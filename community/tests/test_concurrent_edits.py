"""Two people edit the same institution at once: the second save is refused with what the first
changed, on the registry's generic edit page and in the API (core.versions)."""

import pytest
from django.urls import reverse

from accounts.choices import Role
from accounts.tests.factories import UserFactory
from community.tests.factories import InstitutionFactory
from core.testing import NON_FIELD, form_version, page_errors

pytestmark = pytest.mark.django_db


@pytest.fixture
def ministry(belize):
    return InstitutionFactory(name="Ministry of Labour", acronym="MOL", state=belize)


@pytest.fixture
def colleague(db):
    return UserFactory(role=Role.OFFICER, full_name="Marisol Chen")


def institution_form(institution, **changes) -> dict:
    data = {
        "name": institution.name,
        "acronym": institution.acronym,
        "kind": institution.kind,
        "state": institution.state_id,
        "visibility": institution.visibility,
    }
    return {**data, **changes}


def test_the_generic_edit_page_refuses_a_stale_form_and_keeps_the_input(ministry, officer, colleague, client_for):
    url = reverse("community:institution_edit", args=[ministry.pk])
    mine, theirs = client_for(officer), client_for(colleague)
    my_version, their_version = form_version(mine.get(url)), form_version(theirs.get(url))

    assert theirs.post(url, institution_form(ministry, acronym="MLSD", version=their_version)).status_code == 302

    refused = mine.post(
        url, institution_form(ministry, name="Ministry of Labour and Social Security", version=my_version)
    )
    assert refused.status_code == 200
    [message] = page_errors(refused)[NON_FIELD]
    assert "Marisol Chen at " in message
    assert "acronym: MOL → MLSD" in message
    assert 'value="Ministry of Labour and Social Security"' in refused.content.decode()
    ministry.refresh_from_db()
    assert (ministry.name, ministry.acronym) == ("Ministry of Labour", "MLSD")

    again = mine.post(
        url,
        institution_form(
            ministry, name="Ministry of Labour and Social Security", acronym="MLSD", version=form_version(refused)
        ),
    )
    assert again.status_code == 302
    ministry.refresh_from_db()
    assert (ministry.name, ministry.acronym) == ("Ministry of Labour and Social Security", "MLSD")


def test_the_api_refuses_a_stale_put_with_412(ministry, officer, colleague, api_client_for):
    url = f"/api/v1/institutions/{ministry.pk}/"
    mine, theirs = api_client_for(officer), api_client_for(colleague)
    etag = mine.get(url)["ETag"]
    assert theirs.patch(url, {"acronym": "MLSD"}, format="json", HTTP_IF_MATCH=etag).status_code == 200

    stale = mine.put(
        url, institution_form(ministry, name="Ministry of Labour, Social Security"), format="json", HTTP_IF_MATCH=etag
    )
    assert stale.status_code == 412
    [change] = stale.json()["changes"]
    assert change["by"] == "Marisol Chen"
    assert {"field": "acronym", "change": "MOL → MLSD"} in change["fields"]

    data = institution_form(ministry, name="Ministry of Labour, Social Security", acronym="MLSD")
    fresh = mine.put(url, data, format="json", HTTP_IF_MATCH=stale["ETag"])
    assert fresh.status_code == 200
    assert fresh["ETag"] == f'"{stale.json()["version"] + 1}"'
