"""The agenda builder in a real browser, on the demo: the officer adds, moves and edits sessions
without a page reload; the host coordinator prepares the agenda; anyone who reads it prints it.
Screenshots at 1366×800 and 390×844 (test-artifacts/), and no sideways scrolling on a phone."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_activities(transactional_db):
    from activities.demo import ATTACHMENT_TITLE, PES_TITLE
    from activities.models import Activity
    from core.demo import demo_load

    demo_load()
    return {
        "attachment": Activity.objects.get(title=ATTACHMENT_TITLE),
        "workshop": Activity.objects.get(title=PES_TITLE),
    }


@pytest.fixture
def switch_to(page, sign_in):
    def do(email: str):
        page.context.clear_cookies()
        sign_in(email)

    return do


def test_the_officer_builds_the_agenda_in_place(page, live_server, demo_activities, switch_to, snap):
    attachment = demo_activities["attachment"]
    switch_to("officer@demo.test")
    page.goto(f"{live_server.url}/activities/{attachment.pk}/agenda/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Attachment of Belizean officials")
    snap("officer")
    page.evaluate("window.stillHere = true")  # gone if the page reloads

    friday = page.locator("section.col").nth(4)
    friday.get_by_role("link", name="Add a session").click()
    form = page.locator("#session-form")
    expect(form).to_be_visible()
    form.get_by_label("Starts").fill("16:15")
    form.get_by_label("Ends").fill("17:00")
    form.get_by_label("Title").fill("Evaluation of the week")
    form.get_by_label("Kind").select_option("group_work")
    form.get_by_role("button", name="Save").click()
    expect(page.locator("#agenda .alert-success")).to_contain_text("Evaluation of the week")
    expect(friday).to_contain_text("Evaluation of the week")

    # An overlap is refused where it was asked, and nothing is saved.
    friday.get_by_role("link", name="Add a session").click()
    form = page.locator("#session-form")
    form.get_by_label("Starts").fill("09:30")
    form.get_by_label("Ends").fill("10:00")
    form.get_by_label("Title").fill("Overlapping")
    form.get_by_role("button", name="Save").click()
    expect(page.locator("#session-form")).to_contain_text("overlaps")
    snap("refused", full_page=False)
    page.locator("#session-form").get_by_role("link", name="Cancel").click()
    expect(page.locator("#session-form")).to_have_count(0)

    # Up and down within a day; the times follow the order.
    last = friday.locator("article").last
    expect(last).to_contain_text("Evaluation of the week")
    last.get_by_role("button", name="Move “Evaluation of the week” up").click()
    expect(friday.locator("article").nth(1)).to_contain_text("Evaluation of the week")
    expect(friday.locator("article").nth(1)).to_contain_text("13:30–14:15")

    last = friday.locator("article", has_text="Evaluation of the week")
    last.get_by_role("button", name="Move “Evaluation of the week” down").click()
    expect(friday.locator("article").last).to_contain_text("16:15–17:00")

    # To another day, keeping its times.
    moved = friday.locator("article", has_text="Evaluation of the week")
    moved.get_by_label("Move “Evaluation of the week” to another day").select_option(index=3)
    moved.get_by_role("button", name="Move", exact=True).click()
    thursday = page.locator("section.col").nth(3)
    expect(thursday.locator("article").last).to_contain_text("Evaluation of the week")
    expect(friday).not_to_contain_text("Evaluation of the week")
    assert page.evaluate("window.stillHere") is True
    snap("officer-after")


def test_the_host_coordinator_prepares_the_agenda(page, live_server, demo_activities, switch_to, snap):
    attachment = demo_activities["attachment"]
    switch_to("host-jm@demo.test")
    page.goto(f"{live_server.url}/activities/{attachment.pk}/agenda/")
    expect(page.get_by_role("link", name="Add a session").first).to_be_visible()
    expect(page.locator("#experts")).to_have_count(0)  # the secretariat assigns experts
    page.locator("article").first.get_by_role("link", name=re.compile(r"^Edit ")).click()
    expect(page.locator("#session-form")).to_be_visible()
    snap("host")


def test_the_printable_agenda(page, live_server, demo_activities, switch_to, snap):
    workshop = demo_activities["workshop"]
    switch_to("officer@demo.test")
    page.goto(f"{live_server.url}/activities/{workshop.pk}/agenda/")
    expect(page.locator("article")).to_have_count(35)
    snap("workshop")
    page.get_by_role("link", name="Printable agenda").click()
    expect(page.get_by_role("heading", level=2)).to_have_count(5)
    expect(page.locator("nav")).to_have_count(0)
    snap("print")
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Print")).to_be_hidden()
