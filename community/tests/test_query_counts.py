"""Every registry list, page and API, runs as many queries for 30 rows as for 3."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community.tests.factories import (
    CapabilityAreaFactory,
    CommitteeMeetingFactory,
    InstitutionFactory,
    LanguageFactory,
    MemberStateFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    PersonFactory,
)
from tests.access.matrix import API_PATHS


def add_rows(model, n):
    """n more rows, each with its own related records, so a per-row query would show."""
    english, french = LanguageFactory(code="en"), LanguageFactory(code="fr")
    for i in range(n):
        restricted = i % 2 == 1
        if model == "memberstate":
            MemberStateFactory(official_languages=[english, french])
        elif model == "institution":
            InstitutionFactory(parent=InstitutionFactory(), restricted=restricted)
        elif model == "person":
            area = CapabilityAreaFactory(parent=CapabilityAreaFactory())
            PersonFactory(languages=[english, french], expertise_areas=[area], restricted=restricted)
        elif model == "committeemeeting":
            CommitteeMeetingFactory(restricted=restricted)
        elif model == "network":
            network = NetworkFactory(areas=[CapabilityAreaFactory(), CapabilityAreaFactory()])
            NetworkMembershipFactory.create_batch(2, network=network)
        elif model == "capabilityarea":
            CapabilityAreaFactory(parent=CapabilityAreaFactory())


def page(model):
    return reverse(f"community:{model}_list")


def api(model):
    return f"/api/v1/{API_PATHS[model]}/"


def count_queries(client, path, params=None, headers=None):
    client.get(path, params, headers=headers)  # warm up: session, content types, translations
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params, headers=headers)
    assert response.status_code == 200
    return len(queries), response


MODELS = list(API_PATHS)
CASES = [(model, kind) for model in MODELS for kind in ("page", "api")]


@pytest.mark.parametrize("role", ["officer", "focal_bz"])
@pytest.mark.parametrize("model,kind", CASES)
def test_list_query_count_does_not_grow_with_the_rows(request, client_for, api_client_for, model, kind, role):
    user = request.getfixturevalue(role)
    client = (client_for if kind == "page" else api_client_for)(user)
    path = page(model) if kind == "page" else api(model)

    add_rows(model, 3)
    few, response = count_queries(client, path)
    shown_few = len(response.context["object_list"]) if kind == "page" else response.data["count"]

    add_rows(model, 27)
    many, response = count_queries(client, path)
    shown_many = len(response.context["object_list"]) if kind == "page" else response.data["count"]

    assert shown_many > shown_few >= 1  # the lists really did grow
    assert many == few, f"{kind} list of {model}: {few} queries for a few rows, {many} for many"
    assert few <= 15, f"{kind} list of {model} runs {few} queries"


@pytest.mark.parametrize("model", MODELS)
def test_search_and_htmx_fragments_are_bounded_too(officer, client_for, model):
    client = client_for(officer)
    add_rows(model, 3)
    htmx = {"HX-Request": "true"}
    few, _ = count_queries(client, page(model), {"q": "a"})
    fragment_few, response = count_queries(client, page(model), {"q": "a"}, htmx)
    assert "<nav" not in response.content.decode()
    add_rows(model, 27)
    many, _ = count_queries(client, page(model), {"q": "a"})
    fragment_many, _ = count_queries(client, page(model), {"q": "a"}, htmx)
    assert many == few
    assert fragment_many == fragment_few


@pytest.mark.parametrize(
    "name",
    [
        "institution_add",
        "person_add",
        "committeemeeting_add",
        "person_detail",
        "person_edit",
        "institution_detail",
        "memberstate_detail",
        "network_detail",
    ],
)
def test_pages_offering_institutions_do_not_query_per_institution(admin, client_for, name):
    """Institution choices are labelled with their state's code; the states come with them."""
    person = PersonFactory()
    network = NetworkFactory()
    NetworkMembershipFactory(network=network, person=person)
    target = {
        "person": person,
        "institution": person.institution,
        "memberstate": person.state,
        "network": network,
    }
    model, action = name.split("_")
    path = reverse(f"community:{name}", args=[target[model].pk] if action != "add" else [])
    client = client_for(admin)

    def grow(n):  # institutions of other states, and people and meetings of this one
        for _ in range(n):
            InstitutionFactory(parent=person.institution)
            PersonFactory(institution=person.institution)
            CommitteeMeetingFactory(committee=person.institution)
            NetworkMembershipFactory(network=network)

    grow(3)
    few, _ = count_queries(client, path)
    grow(27)
    many, _ = count_queries(client, path)
    assert many == few, f"{name}: {few} queries, then {many}"
