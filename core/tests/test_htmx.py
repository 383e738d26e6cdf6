"""One page-or-fragment helper: htmx gets the fragment, a boosted or plain request the page."""

import pytest
from django.test import RequestFactory
from django_htmx.middleware import HtmxMiddleware

from core.htmx import render_page_or_partial, wants_partial

pytestmark = pytest.mark.django_db


def _request(user, **headers):
    request = RequestFactory().get("/", headers=headers)
    request.user = user
    HtmxMiddleware(lambda r: None)(request)
    return request


@pytest.mark.parametrize(
    "headers,partial",
    [({}, False), ({"HX-Request": "true"}, True), ({"HX-Request": "true", "HX-Boosted": "true"}, False)],
)
def test_only_a_non_boosted_htmx_request_gets_the_fragment(officer, headers, partial):
    request = _request(officer, **headers)
    assert wants_partial(request) is partial
    context = {"panel_message": "", "panel_error": ""}
    response = render_page_or_partial(request, "maturity/heatmap.html", {"heatmap": None, **context}, partial="heatmap")
    html = response.content.decode()
    assert ("<html" not in html) is partial
    assert "HX-Request" in response["Vary"]


def test_the_list_pages_answer_htmx_with_their_results(client, officer):
    client.force_login(officer)
    page = client.get("/registry/states/")
    fragment = client.get("/registry/states/", headers={"HX-Request": "true"})
    assert page.status_code == fragment.status_code == 200
    assert "<html" in page.content.decode() and "<html" not in fragment.content.decode()
    assert "HX-Request" in fragment["Vary"]
