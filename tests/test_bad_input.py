"""Input the site cannot use gets a clear 4xx, never a server error, on a page (a list with its
filters and search, a form) and in the API alike, on SQLite and PostgreSQL: a NUL byte, invalid
UTF-8, deeply nested or oversized JSON, very large numbers and ids, NaN and Infinity."""

import json

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from community.forms import MemberStateForm
from core.input import MAX_JSON_DEPTH, max_json_bytes
from portfolio.tests.factories import PracticeFactory

HUGE = 10**30  # beyond any integer column, 64-bit included
INSTITUTIONS_API = "/api/v1/institutions/"


def state_api(state) -> str:
    return f"/api/v1/member-states/{state.pk}/"


def assert_refused(response, status=400, *, says=None):
    """A 4xx with the API's error body `{"detail": …}` (its message containing `says`)."""
    assert response.status_code == status, response.content[:500]
    if response["Content-Type"].startswith("application/json"):
        body = response.json()
        assert "detail" in body, body
        assert says is None or says in body["detail"], body


def edit_form_data(state, **changes) -> dict:
    """What the member state's edit page posts back, unchanged but for `changes`."""
    data = model_to_dict(state, fields=MemberStateForm.Meta.fields)
    data["official_languages"] = [language.pk for language in data["official_languages"]]
    data = {name: value for name, value in data.items() if value is not None}
    return {**data, **changes}


# --- NUL bytes ---------------------------------------------------------------------------


def test_a_nul_byte_in_a_list_pages_search_is_refused(client_for, officer, registry):
    response = client_for(officer).get(reverse("community:institution_list") + "?q=a%00b")
    assert_refused(response)


def test_a_nul_byte_in_the_address_is_refused(client_for, api_client_for, officer, registry):
    assert_refused(client_for(officer).get("/community/institutions/%00/"))
    assert_refused(api_client_for(officer).get(f"{INSTITUTIONS_API}%00/"), says="Null characters")


def test_a_nul_byte_in_a_page_form_is_a_field_error(client_for, admin, belize):
    """As the API refuses it (below): by field, in the same words."""
    response = client_for(admin).post(
        reverse("community:memberstate_edit", args=[belize.pk]), edit_form_data(belize, capital="Bel\x00mopan")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["capital"] == ["Null characters are not allowed."]
    belize.refresh_from_db()
    assert belize.capital != "Bel\x00mopan"


def test_a_nul_byte_in_an_api_filter_is_refused(api_client_for, officer, registry):
    assert_refused(api_client_for(officer).get(INSTITUTIONS_API, {"q": "a\x00b"}), says="Null characters")


@pytest.mark.parametrize(
    "body, field",
    [
        ({"capital": "Bel\x00mopan"}, "capital"),
        ({"official_languages": ["e\x00n"]}, "official_languages"),
        ({"ca\x00pital": "Belmopan"}, "non_field_errors"),
        (["\x00"], "non_field_errors"),
    ],
)
def test_a_nul_byte_anywhere_in_a_json_body_is_a_field_error(api_client_for, admin, belize, body, field):
    response = api_client_for(admin).patch(state_api(belize), body, format="json")
    assert response.status_code == 400
    assert response.json()[field] == ["Null characters are not allowed."]


# --- invalid UTF-8 -----------------------------------------------------------------------


def test_invalid_utf8_in_a_query_string_is_refused(client_for, api_client_for, officer, registry):
    assert_refused(client_for(officer).get(reverse("community:institution_list") + "?q=%ff%fe"))
    assert_refused(api_client_for(officer).get(INSTITUTIONS_API + "?q=%C3%28"), says="UTF-8")


def test_invalid_utf8_in_a_form_post_is_refused(client_for, admin, belize):
    response = client_for(admin).post(
        reverse("community:memberstate_edit", args=[belize.pk]),
        b"name=%ff%fe&iso_code=BZ",
        content_type="application/x-www-form-urlencoded",
    )
    assert_refused(response)


def test_invalid_utf8_in_a_json_body_is_refused(api_client_for, admin, belize):
    response = api_client_for(admin).generic(
        "PATCH", state_api(belize), b'{"capital": "\xff\xfe"}', content_type="application/json"
    )
    assert_refused(response)


# --- deeply nested and oversized JSON -----------------------------------------------------


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 100_000])
def test_json_nested_too_deep_is_refused(api_client_for, admin, belize, depth):
    body = "[" * depth + "]" * depth
    response = api_client_for(admin).generic("PATCH", state_api(belize), body, content_type="application/json")
    assert_refused(response, says="nested")


def test_json_nested_within_the_limit_is_read(api_client_for, admin, belize):
    body = json.dumps(
        {"capital": "Belmopan", "extra": json.loads("[" * (MAX_JSON_DEPTH - 1) + "]" * (MAX_JSON_DEPTH - 1))}
    )
    response = api_client_for(admin).generic("PATCH", state_api(belize), body, content_type="application/json")
    assert response.status_code == 200, response.content[:300]


def test_brackets_inside_strings_do_not_count_as_nesting(api_client_for, admin, belize):
    response = api_client_for(admin).patch(state_api(belize), {"capital": "[" * 200 + '"{'}, format="json")
    assert response.status_code == 400  # too long for the field, but read
    assert "capital" in response.json()


def test_an_oversized_json_body_is_refused(api_client_for, admin, belize):
    body = json.dumps({"capital": "x" * (max_json_bytes() + 1)})
    response = api_client_for(admin).generic("PATCH", state_api(belize), body, content_type="application/json")
    assert_refused(response, says="larger than")


# --- very large numbers and ids -----------------------------------------------------------


def test_a_huge_id_in_the_address_is_not_found(client_for, api_client_for, officer, registry):
    assert client_for(officer).get(f"/community/institutions/{HUGE}/").status_code == 404
    assert_refused(api_client_for(officer).get(f"{INSTITUTIONS_API}{HUGE}/"), 404)
    assert_refused(api_client_for(officer).get(f"{INSTITUTIONS_API}-1/"), 404)


def test_a_huge_id_in_a_nested_address_is_refused(api_client_for, officer, registry):
    response = api_client_for(officer).get(f"/api/v1/activities/{HUGE}/calendar/{HUGE}.ics")
    assert 400 <= response.status_code < 500
    assert response["Content-Type"] == "application/json"


def test_a_huge_id_in_a_filter_is_refused(client_for, api_client_for, officer, registry):
    page = client_for(officer).get(reverse("community:institution_list"), {"state": HUGE})
    assert page.status_code < 500
    response = api_client_for(officer).get(INSTITUTIONS_API, {"state": HUGE})
    assert response.status_code == 400
    assert "state" in response.json()


def test_a_huge_page_number_is_not_a_server_error(client_for, api_client_for, officer, registry):
    assert client_for(officer).get(reverse("community:institution_list"), {"page": HUGE}).status_code < 500
    assert_refused(api_client_for(officer).get(INSTITUTIONS_API, {"page": HUGE}), 404)


def test_a_huge_number_in_a_form_is_a_field_error(client_for, admin, belize):
    response = client_for(admin).post(
        reverse("community:memberstate_edit", args=[belize.pk]), edit_form_data(belize, population=HUGE)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["population"]


def test_a_huge_number_or_id_in_the_api_is_a_field_error(api_client_for, admin, belize):
    for field, value in (("population", HUGE), ("population", -HUGE), ("latitude", HUGE), ("latitude", "1e400")):
        response = api_client_for(admin).patch(state_api(belize), {field: value}, format="json")
        assert response.status_code == 400, (field, value)
        assert field in response.json()
    response = api_client_for(admin).post(INSTITUTIONS_API, {"name": "Agency", "state": HUGE}, format="json")
    assert response.status_code == 400
    assert "state" in response.json()


def test_an_integer_too_long_to_read_is_refused(api_client_for, admin, belize):
    body = '{"population": ' + "9" * 5000 + "}"
    response = api_client_for(admin).generic("PATCH", state_api(belize), body, content_type="application/json")
    assert_refused(response, says="JSON")


# --- NaN and Infinity ---------------------------------------------------------------------


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_json(api_client_for, admin, belize, literal):
    body = '{"latitude": ' + literal + "}"
    response = api_client_for(admin).generic("PATCH", state_api(belize), body, content_type="application/json")
    assert_refused(response)


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-inf", "1e400"])
def test_nan_and_infinity_as_text_are_field_errors(client_for, api_client_for, admin, belize, text):
    response = api_client_for(admin).patch(state_api(belize), {"latitude": text}, format="json")
    assert response.status_code == 400
    assert "latitude" in response.json()
    page = client_for(admin).post(
        reverse("community:memberstate_edit", args=[belize.pk]), edit_form_data(belize, latitude=text)
    )
    assert page.status_code == 200
    assert page.context["form"].errors["latitude"]


# --- a body of the wrong shape --------------------------------------------------------------


def test_a_list_where_fields_are_expected_is_refused(api_client_for, officer):
    practice = PracticeFactory()
    response = api_client_for(officer).post(f"/api/v1/practices/{practice.pk}/request-update/", ["note"], format="json")
    assert response.status_code == 400
    assert "Expected a dictionary" in response.json()["non_field_errors"][0]


def test_a_file_download_refuses_in_json_whatever_format_was_asked(api_client_for, officer):
    response = api_client_for(officer).get("/api/v1/activities/999999/calendar.ics", {"format": "ics"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()
