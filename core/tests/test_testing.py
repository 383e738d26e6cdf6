"""The parity helper itself must be able to fail: a page and an API that disagree are caught."""

import json

import pytest
from django.http import HttpResponse

from core.testing import NON_FIELD, assert_refused_alike, page_errors


def page(html: str = "", status: int = 400) -> HttpResponse:
    response = HttpResponse(html, status=status)
    response.context = {}
    return response


def api(body: dict, status: int = 400) -> HttpResponse:
    return type("Answer", (HttpResponse,), {"json": lambda self: body})(json.dumps(body), status=status)


LISTED = '<ul><li data-error-field="state">State: Choose a state.</li></ul>'


def test_listed_page_errors_lose_their_field_label():
    assert page_errors(page(LISTED)) == {"state": ["Choose a state."]}
    assert page_errors(page('<li data-error-field="">Not now.</li>')) == {NON_FIELD: ["Not now."]}


def test_the_same_refusal_passes():
    assert assert_refused_alike(page(LISTED), api({"state": ["Choose a state."]}), field="state") == ["Choose a state."]


@pytest.mark.parametrize(
    "body",
    [
        {"state": ["Select a valid choice."]},  # other words
        {"institution": ["Choose a state."]},  # other field
        {"detail": "Choose a state."},  # the whole step
    ],
)
def test_a_different_refusal_fails(body):
    with pytest.raises(AssertionError):
        assert_refused_alike(page(LISTED), api(body), field="state")


def test_an_api_that_accepts_fails():
    with pytest.raises(AssertionError):
        assert_refused_alike(page(LISTED), api({"id": 1}, status=201), field="state")
