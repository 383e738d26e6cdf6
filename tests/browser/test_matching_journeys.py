"""Brokering in a real browser, on the demo community: the officer reads the ranking and invites
a host; the host's focal point or coordinator answers from the Invitations link, names a contact,
and opens the request the host now hosts, even one restricted to Belize and the secretariat."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def belize_request(transactional_db):
    """The demo site; Belize's approved accreditation request, restricted to Belize and the
    secretariat (a host must still be able to open it)."""
    from activities.models import Activity
    from assistance.choices import Status
    from assistance.models import AssistanceRequest
    from core.demo import demo_load

    demo_load()
    # The demo plans Belize's attachment to Jamaica; this journey brokers the request before
    # that, so it takes the request back to where it stood when approved.
    assistance_request = AssistanceRequest.objects.get(state__iso_code="BZ", title__startswith="Make the National")
    Activity.objects.filter(requests=assistance_request).delete()
    AssistanceRequest.objects.filter(pk=assistance_request.pk).update(
        status=Status.APPROVED, host_state=None, host_institution=None
    )
    assistance_request.refresh_from_db()
    assistance_request.visibility = "restricted"
    assistance_request.save(update_fields=["visibility"])
    return assistance_request


@pytest.fixture
def switch_to(page, sign_in):
    def do(email: str):
        page.context.clear_cookies()
        sign_in(email)

    return do


def test_officer_ranks_and_invites_then_the_coordinator_accepts_names_a_contact_and_opens_the_request(
    page, live_server, belize_request, switch_to, snap
):
    matches_url = f"{live_server.url}/matching/requests/{belize_request.pk}/"

    # The officer reads the ranking and the reasons.
    switch_to("officer@demo.test")
    page.goto(matches_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text(belize_request.reference)
    hosts = page.locator("#hosts-heading ~ article.candidate")
    expect(hosts).to_have_count(4)
    assert {hosts.nth(k).get_attribute("data-candidate") for k in range(3)} == {"JM", "BB", "TT"}
    jamaica = page.locator('article[data-candidate="JM"]')
    expect(jamaica).to_contain_text("Accreditation and equivalency level 4 against Belize's 1")
    expect(jamaica.locator("[data-answerers]")).to_contain_text("University Council of Jamaica: Patricia Reid")
    barbados = page.locator('article[data-candidate="BB"]')
    barbados.get_by_text("Why not higher?").click()
    expect(barbados.get_by_role("table").last).to_contain_text("Points behind")
    page.get_by_text(re.compile(r"states not proposed, and why")).click()
    expect(page.locator("[data-excluded]")).to_contain_text("a state never hosts its own request")
    snap("ranking")

    # Moving a weight re-ranks in place (htmx); the address holds the weights, never a token.
    page.get_by_label("Cost", exact=True).fill("10")
    page.get_by_label("Cost", exact=True).press("Tab")
    expect(page.locator("#ranking")).to_contain_text("Ranked with the weights on this page.")
    expect(page).to_have_url(re.compile(r"cost=10"))
    assert "csrfmiddlewaretoken" not in page.url
    page.get_by_role("button", name="Keep for this request").click()
    expect(page.get_by_role("status").first).to_contain_text("Weights kept")
    assert "csrfmiddlewaretoken" not in page.url
    expect(page.get_by_label("Cost", exact=True)).to_have_value("10.0")

    # The officer invites Jamaica, through the University Council of Jamaica.
    jamaica = page.locator('article[data-candidate="JM"]')
    jamaica.get_by_label("Host institution").select_option(label="University Council of Jamaica")
    jamaica.get_by_label("Message (optional)").fill("Could the Council receive four officials for a week?")
    jamaica.get_by_role("button", name="Invite Jamaica").click()
    expect(page.get_by_role("status").first).to_contain_text("invitation sent")
    expect(page.locator("[data-status]").first).to_have_attribute("data-status", "matching")
    expect(page.locator("[data-invitations]")).to_contain_text("University Council of Jamaica")

    # The coordinator finds it from the navigation and the home page, and accepts with a contact.
    switch_to("host-jm@demo.test")
    expect(page.get_by_role("main")).to_contain_text("invitations waiting for your answer")
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Invitations").click()
    card = page.locator("article", has_text=belize_request.title)
    expect(card).to_contain_text("Could the Council receive four officials for a week?")
    card.get_by_label("Contact name").fill("Patricia Reid")
    card.get_by_label("Contact e-mail").fill("p.reid@ucj.demo.test")
    card.get_by_label("Contact telephone").fill("+1 876 555 0101")
    card.get_by_label("Proposed start").fill("2027-02-08")
    card.get_by_label("Proposed end").fill("2027-02-12")
    card.get_by_label("Dates or conditions you propose").fill("Four officials at most; our assessors lead.")
    snap("invitation")
    card.get_by_role("button", name="Accept").click()
    expect(page.get_by_role("status").first).to_contain_text("You accepted")
    card = page.locator("article", has_text=belize_request.title)
    expect(card.locator("[data-invitation-status]")).to_have_text("Accepted")

    # She opens the request she hosts: what to prepare, the confirmed host and her contact.
    card.get_by_role("link", name="Open the request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(belize_request.title)
    expect(page.locator("[data-status]").first).to_have_attribute("data-status", "host_confirmed")
    panel = page.locator("[data-host-panel]")
    expect(panel).to_contain_text("University Council of Jamaica")
    expect(panel.locator("[data-host-contact]")).to_contain_text("p.reid@ucj.demo.test")
    expect(panel.locator("[data-next-step]")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Number of officials")
    snap("hosted-request")

    # The officer sees the request confirmed, with the host's contact.
    switch_to("officer@demo.test")
    page.goto(f"{live_server.url}{belize_request.get_absolute_url()}")
    expect(page.locator("[data-status]").first).to_have_attribute("data-status", "host_confirmed")
    expect(page.locator("[data-host-panel]")).to_contain_text("+1 876 555 0101")


def test_officer_invites_an_institution_without_a_coordinator_and_the_focal_point_answers(
    page, live_server, belize_request, switch_to, snap
):
    matches_url = f"{live_server.url}/matching/requests/{belize_request.pk}/"
    switch_to("officer@demo.test")
    page.goto(matches_url)
    jamaica = page.locator('article[data-candidate="JM"]')
    answerers = jamaica.locator("[data-answerers]")
    # Told before sending: nobody signs in for the certificate unit; Jamaica's focal point answers for it.
    expect(answerers).to_contain_text(
        "CARICOM Skills Certificate Unit: no host-coordinator account; the state's focal points answer for it"
    )
    expect(answerers).to_contain_text("Focal points of Jamaica: Andre Campbell")
    jamaica.get_by_label("Host institution").select_option(label="CARICOM Skills Certificate Unit")
    snap("answerers")
    jamaica.get_by_role("button", name="Invite Jamaica").click()
    expect(page.get_by_role("status").first).to_contain_text("invitation sent")

    # The Jamaican focal point follows the link in the navigation and accepts.
    switch_to("focal-jm@demo.test")
    expect(page.get_by_role("main")).to_contain_text("invitations waiting for your answer")
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Invitations").click()
    card = page.locator("article", has_text=belize_request.title)
    expect(card).to_contain_text("CARICOM Skills Certificate Unit invited to host")
    contact = card.get_by_label("Contact person")
    contact.select_option(value=contact.locator("option", has_text="Bennett").get_attribute("value"))
    snap("focal-point-answers")
    card.get_by_role("button", name="Accept").click()
    expect(page.get_by_role("status").first).to_contain_text("You accepted")

    # The restricted request opens for the host's focal point, with the contact chosen.
    page.locator("article", has_text=belize_request.title).get_by_role("link", name="Open the request").click()
    expect(page.locator("[data-host-panel]")).to_contain_text("CARICOM Skills Certificate Unit")
    expect(page.locator("[data-host-contact]")).to_contain_text("m.bennett@mlss.demo.test")
    snap("focal-point-request")


def test_officer_leaves_a_state_out_of_the_ranking_with_a_reason_and_puts_it_back(
    page, live_server, belize_request, switch_to, snap
):
    switch_to("officer@demo.test")
    page.goto(f"{live_server.url}/matching/requests/{belize_request.pk}/")
    expect(page.locator('article[data-candidate="JM"]')).to_be_visible()
    exclusions = page.locator("#exclusions")
    exclusions.get_by_label("Member state").select_option(label="Jamaica")
    exclusions.get_by_label("Reason").fill("Jamaica hosted Belize's last attachment.")
    exclusions.get_by_role("button", name="Leave out").click()
    expect(page.get_by_role("status").first).to_contain_text("Jamaica is left out of this ranking.")
    expect(page.locator('article[data-candidate="JM"]')).to_have_count(0)
    expect(page.locator("[data-exclusions]")).to_contain_text("Jamaica hosted Belize's last attachment.")
    snap("left-out")

    page.locator("[data-exclusions]").get_by_role("button", name="Put back").click()
    expect(page.locator('article[data-candidate="JM"]')).to_be_visible()
    expect(page.locator("[data-exclusions]")).not_to_contain_text("Jamaica hosted")


def test_the_officer_pages_the_host_invitations_while_the_expert_invitations_stay(
    page, live_server, community, sign_in
):
    """The invitations page holds two lists, ten cards each at a time: each pages with its own
    parameter (`host-page`, `expert-page`), so moving one leaves the other where it was."""
    from assistance.tests.factories import AssistanceRequestFactory
    from matching.tests.factories import ExpertInvitationFactory, HostInvitationFactory

    for n in range(1, 13):
        HostInvitationFactory(request=AssistanceRequestFactory(title=f"Host wanted {n:02d}", status="matching"))
        ExpertInvitationFactory(request=AssistanceRequestFactory(title=f"Expert wanted {n:02d}", status="matching"))
    hosts = page.locator("section[aria-labelledby=host-heading]")
    experts = page.locator("section[aria-labelledby=expert-heading]")

    def titles(section) -> list[str]:
        return section.locator("article .card-body > p.mb-1").all_inner_texts()  # each card's request

    sign_in("officer@demo.test")
    page.goto(f"{live_server.url}/matching/invitations/")
    expect(hosts.locator("article")).to_have_count(10)
    expect(experts.locator("article")).to_have_count(10)
    first_hosts, first_experts = titles(hosts), titles(experts)

    # The next host invitations: the two left; the expert invitations are the same ten.
    hosts.get_by_role("link", name="Next").click()
    expect(page).to_have_url(re.compile(r"host-page=2"))
    expect(hosts.locator("article")).to_have_count(2)
    expect(hosts).to_contain_text("Page 2 of 2")
    assert not set(titles(hosts)) & set(first_hosts)
    assert set(first_hosts + titles(hosts)) == {f"Host wanted {n:02d}" for n in range(1, 13)}
    assert titles(experts) == first_experts
    expect(experts).to_contain_text("Page 1 of 2")

    # Now the experts' next page: the hosts stay on their second page.
    experts.get_by_role("link", name="Next").click()
    expect(page).to_have_url(re.compile(r"expert-page=2"))
    expect(page).to_have_url(re.compile(r"host-page=2"))
    expect(experts.locator("article")).to_have_count(2)
    expect(hosts.locator("article")).to_have_count(2)
    assert not set(titles(experts)) & set(first_experts)

    # Back to the first host page: the experts stay on their second page.
    hosts.get_by_role("link", name="Previous").click()
    expect(hosts.locator("article")).to_have_count(10)
    assert titles(hosts) == first_hosts
    expect(experts.locator("article")).to_have_count(2)
    expect(experts).to_contain_text("Page 2 of 2")
