"""The programme page in a real browser, on the demo data: the officer sees the results tree
with its charts and the figure awaiting approval; the partner signs in and sees only its
programme, with approved figures. Screenshots at 1366×800 and 390×844."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db):
    from core.demo import DEMO_PASSWORD, demo_load
    from results.demo import PROGRAMME
    from results.models import Programme
    from results.tests.factories import ProgrammeFactory, partner_institution

    demo_load()
    ProgrammeFactory(name="A programme of another partner", funders=[partner_institution()])
    return Programme.objects.get(name=PROGRAMME), DEMO_PASSWORD


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/accounts/login/"))


def open_results(page):
    """The results frameworks, from the follow-up drop-down of the main navigation."""
    nav = page.get_by_role("navigation", name="Main navigation")
    nav.get_by_role("button", name="Follow-up").click()
    nav.get_by_role("link", name="Results frameworks").click()


def test_programme_page_as_officer_and_partner(page, live_server, sign_in, snap, demo):
    programme, password = demo
    sign_in("officer@demo.test", password)
    open_results(page)
    expect(page.get_by_role("link", name="A programme of another partner")).to_be_visible()
    page.get_by_role("link", name=programme.name).click()
    expect(page.get_by_role("heading", name="Results and progress")).to_be_visible()
    expect(page.locator("svg[role=img]").first).to_be_visible()
    expect(page.get_by_text("Lock (certify)").first).to_be_visible()
    snap("officer")
    # The officer approves the last year's training figure from the indicator's page.
    page.get_by_role("link", name="Officials trained through attachments").click()
    expect(page.get_by_role("heading", name="Values and targets per period")).to_be_visible()
    snap("indicator")
    page.get_by_role("link", name="11", exact=True).click()
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("The value is now approved.")).to_be_visible()
    snap("value")
    sign_out(page)

    sign_in("partner@demo.test", password)
    open_results(page)
    expect(page.get_by_role("link", name=programme.name)).to_be_visible()
    expect(page.get_by_role("link", name="A programme of another partner")).to_have_count(0)
    page.get_by_role("link", name=programme.name).click()
    expect(page.locator("[data-progress]").first).to_be_visible()
    expect(page.get_by_text("Lock (certify)")).to_have_count(0)
    expect(page.get_by_text("Submitted")).to_have_count(0)
    expect(page.get_by_text("60 in 2007–08")).to_be_visible()  # 49 to date + the 11 just approved
    snap("partner")
