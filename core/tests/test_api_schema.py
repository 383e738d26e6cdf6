"""The OpenAPI document states every refusal an operation can answer, each with its one error
body, and the API answers JSON even where no route matches."""

import json

import pytest
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer

DETAIL = {"$ref": "#/components/schemas/Detail"}


@pytest.fixture(scope="module")
def document():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(schema, renderer_context={}))


def operations(document):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def body(response):
    return response["content"]["application/json"]["schema"]


def test_every_operation_documents_its_refusals(document):
    for path, method, operation in operations(document):
        responses = operation["responses"]
        assert {"400", "401", "403"} <= set(responses), (method, path)
        assert body(responses["401"]) == DETAIL and body(responses["403"]) == DETAIL
        assert {"$ref": "#/components/schemas/ValidationErrors"} in body(responses["400"])["anyOf"]
        if "{" in path:
            assert body(responses["404"]) == DETAIL, (method, path)
        if "requestBody" in operation:
            assert "415" in responses, (method, path)
        if method == "delete":
            assert body(responses["409"]) == DETAIL, (method, path)


def test_a_list_documents_its_pages_and_a_missing_page(document):
    listing = document["paths"]["/api/v1/institutions/"]["get"]
    page = document["components"]["schemas"]["PaginatedInstitutionList"]
    assert {"count", "next", "previous", "results"} <= set(page["properties"])
    assert page["properties"]["next"]["nullable"] and page["properties"]["previous"]["nullable"]
    assert "404" in listing["responses"]


def test_the_error_bodies_are_components(document):
    schemas = document["components"]["schemas"]
    assert schemas["Detail"]["required"] == ["detail"]
    assert schemas["ValidationErrors"]["type"] == "object"


def test_an_api_address_no_route_matches_answers_json(api_client_for, client_for, officer):
    response = api_client_for(officer).get("/api/v1/no-such-records/1.2/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    page = client_for(officer).get("/no-such-page/")
    assert page.status_code == 404
    assert page["Content-Type"].startswith("text/html")
