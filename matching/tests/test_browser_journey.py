"""In a real browser: the officer reads the ranking for Belize's request and invites Jamaica; the
Jamaican host coordinator accepts; the request is host_confirmed.

Playwright drives Debian's Chromium (never a downloaded browser) against the live server."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DESKTOP = {"width": 1366, "height": 800}
PHONE = {"width": 390, "height": 844}
PASSWORD = "demo-attache"


@pytest.fixture
def demo_site(transactional_db):
    from assistance.choices import Status
    from assistance.models import AssistanceRequest
    from core.demo import demo_load

    demo_load()
    return AssistanceRequest.objects.get(state__iso_code="BZ", status=Status.APPROVED)


def snap(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(path=ARTIFACTS / f"matching-{name}-{label}.png", full_page=True)
    page.set_viewport_size(DESKTOP)


def sign_in(page, live_server, email):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")


def test_officer_invites_jamaica_and_the_host_coordinator_accepts(page, live_server, demo_site):
    request = demo_site
    matches_url = f"{live_server.url}/matching/requests/{request.pk}/"

    # The officer reads the ranking and the reasons.
    sign_in(page, live_server, "officer@demo.test")
    page.goto(matches_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text(request.reference)
    hosts = page.locator("#hosts-heading ~ article.candidate")
    expect(hosts).to_have_count(4)
    top_three = {hosts.nth(k).get_attribute("data-candidate") for k in range(3)}
    assert top_three == {"JM", "BB", "TT"}
    jamaica = page.locator('article[data-candidate="JM"]')
    expect(jamaica).to_contain_text("Accreditation and equivalency level 4 against Belize's 1")
    expect(jamaica).to_contain_text("University Council of Jamaica")
    barbados = page.locator('article[data-candidate="BB"]')
    barbados.get_by_text("Why not higher?").click()
    expect(barbados.get_by_role("table").last).to_contain_text("Points behind")
    page.get_by_text(re.compile(r"states not proposed, and why")).click()
    expect(page.locator("[data-excluded]")).to_contain_text("a state never hosts its own request")
    snap(page, "ranking")

    # Moving a weight re-ranks in place (htmx), without leaving the page.
    page.get_by_label("Cost", exact=True).fill("10")
    page.get_by_label("Cost", exact=True).press("Tab")
    expect(page.locator("#ranking")).to_contain_text("Ranked with the weights on this page.")
    expect(page).to_have_url(re.compile(r"cost=10"))

    # The officer invites Jamaica, through the University Council of Jamaica.
    page.goto(matches_url)
    jamaica = page.locator('article[data-candidate="JM"]')
    jamaica.get_by_label("Host institution").select_option(label="University Council of Jamaica")
    jamaica.get_by_label("Message (optional)").fill("Could the Council receive four officials for a week?")
    jamaica.get_by_role("button", name="Invite Jamaica").click()
    expect(page.get_by_role("status").first).to_contain_text("invitation sent")
    expect(page.locator("[data-status]").first).to_have_attribute("data-status", "matching")
    expect(page.locator("[data-invitations]")).to_contain_text("University Council of Jamaica")

    # The Jamaican host coordinator accepts.
    sign_in(page, live_server, "host-jm@demo.test")
    page.goto(f"{live_server.url}/matching/invitations/")
    card = page.locator("article", has_text=request.title)
    expect(card).to_contain_text("Could the Council receive four officials for a week?")
    snap(page, "invitation")
    card.get_by_role("button", name="Accept").click()
    expect(page.get_by_role("status").first).to_contain_text("You accepted")
    expect(page.locator("article", has_text=request.title).locator("[data-invitation-status]")).to_have_text("Accepted")

    # The officer sees the request confirmed.
    sign_in(page, live_server, "officer@demo.test")
    page.goto(f"{live_server.url}{request.get_absolute_url()}")
    expect(page.locator("[data-status]").first).to_have_attribute("data-status", "host_confirmed")
    expect(page.locator("body")).to_contain_text("Host confirmed")
    page.goto(matches_url)
    expect(page.locator("[data-status]").first).to_have_attribute("data-status", "host_confirmed")
    snap(page, "confirmed")
