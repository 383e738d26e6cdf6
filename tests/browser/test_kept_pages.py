"""Kept pages (`core.kept_pages`) in a real browser: the officer's home page and requests list are
kept between views, and show a change the officer makes at once."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def submitted(community):
    from assistance.choices import Status
    from assistance.tests.factories import AssistanceRequestFactory

    return AssistanceRequestFactory(
        state=community["belize"], status=Status.SUBMITTED, title="Accreditation manuals for the council"
    )


def test_a_kept_page_shows_the_officers_change_at_once(page, live_server, submitted, sign_in, snap):
    sign_in("officer@demo.test")
    submitted_list = f"{live_server.url}/requests/?status=submitted"
    for _ in range(2):  # rendered, then the kept page (compressed when it was kept)
        home = page.goto(f"{live_server.url}/")
        expect(page.get_by_role("link", name="Waiting for registration")).to_contain_text("1")
        listed = page.goto(submitted_list)
        expect(page.get_by_role("link", name="Accreditation manuals for the council")).to_be_visible()
        assert home.headers.get("content-encoding") == listed.headers.get("content-encoding") == "gzip"

    page.get_by_role("link", name="Accreditation manuals for the council").click()
    page.get_by_role("button", name="Register").click()  # swapped in place by htmx
    expect(page.get_by_role("button", name="Register")).to_have_count(0)
    submitted.refresh_from_db()
    assert submitted.status == "registered"

    page.goto(submitted_list)
    expect(page.get_by_text("Nothing matches these filters.")).to_be_visible()
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("link", name="Waiting for registration")).to_contain_text("0")
    snap("home-after-registering")
