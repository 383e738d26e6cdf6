"""A request from intake to approval in a real browser: the Belize focal point files and submits,
the officer registers, routes, assesses and approves, and the focal point sees the outcome."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from core.testing import choose

pytestmark = pytest.mark.browser

PASSWORD = "Soursop-Breadfruit-42"


@pytest.fixture
def people(transactional_db):
    from accounts.choices import Role
    from accounts.tests.factories import UserFactory
    from community.choices import InstitutionKind
    from community.tests.factories import (
        CapabilityAreaFactory,
        InstitutionFactory,
        MemberStateFactory,
    )
    from maturity.tests.factories import AssessmentFactory

    belize = MemberStateFactory.for_iso("BZ")
    MemberStateFactory.for_iso("JM")
    accreditation = CapabilityAreaFactory(code="accreditation", name="Accreditation and equivalency")
    CapabilityAreaFactory(code="programme-accreditation", name="Programme accreditation", parent=accreditation)
    CapabilityAreaFactory(code="labour-inspection", name="Labour inspection")
    InstitutionFactory(
        name="National Accreditation Council", acronym="NAC", kind=InstitutionKind.ACCREDITATION_BODY, state=belize
    )
    AssessmentFactory(
        state=belize,
        area=accreditation,
        level=1,
        method="peer",
        assessed_on=datetime.date(2025, 6, 2),
        assessor="Barbados Accreditation Council",
    )
    return {
        "officer": UserFactory(
            email="officer@demo.test", full_name="Dwayne Clarke", role=Role.OFFICER, password=PASSWORD
        ),
        "focal": UserFactory(
            email="focal-bz@demo.test",
            full_name="Elena Castillo",
            role=Role.FOCAL_POINT,
            member_state=belize,
            password=PASSWORD,
        ),
    }


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/accounts/login/"))


def test_a_request_from_filing_to_approval(sign_in, page, live_server, people, snap):
    from assistance.models import AssistanceRequest

    start = datetime.date.today() + datetime.timedelta(days=45)

    # The Belize focal point files and submits.
    sign_in("focal-bz@demo.test", PASSWORD)
    page.goto(f"{live_server.url}/requests/")
    page.get_by_role("link", name="File a request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("File a request for technical assistance")
    choose(page.get_by_label("Requesting institution"), "Accred", "National Accreditation Council (BZ)")
    page.get_by_label("Title", exact=True).fill("Accreditation procedures for the National Accreditation Council")
    page.get_by_label("Statement of need").fill(
        "The Council was appointed but has no procedures; its officers need to see a working accreditation system."
    )
    page.get_by_label("Accreditation and equivalency", exact=True).check()
    page.get_by_label("Preferred modality").select_option(label="Attachment")
    page.get_by_label("Number of officials").fill("3")
    page.get_by_label("Earliest start").fill(start.isoformat())
    page.get_by_label("Latest end").fill((start + datetime.timedelta(days=30)).isoformat())
    page.get_by_label("Urgency").select_option(label="High")
    snap("1-file")
    page.get_by_role("button", name="Submit").click()
    expect(page.locator("#status-panel [data-status]")).to_have_text("Submitted")
    expect(page.get_by_role("status").first).to_contain_text("Request submitted")
    snap("2-submitted")
    request = AssistanceRequest.objects.get()
    sign_out(page)

    # The officer registers it, routes it to themself, records the needs assessment and approves.
    sign_in("officer@demo.test", PASSWORD)
    page.goto(f"{live_server.url}/requests/")
    snap("3-list")
    page.goto(f"{live_server.url}/requests/board/")
    expect(page.locator('[data-status="submitted"]')).to_contain_text("Accreditation procedures")
    snap("4-board")
    page.get_by_role("link", name="Accreditation procedures for the National Accreditation Council").click()
    panel = page.locator("#status-panel")
    panel.get_by_role("button", name="Register").click()  # htmx swaps the panel
    year = datetime.date.today().year
    expect(panel.locator("[data-reference]")).to_have_text(f"TA/{year}/0001")
    expect(panel.locator("[data-status]")).to_have_text("Registered")
    panel.get_by_label("Route to officer").select_option(label="Dwayne Clarke")
    panel.get_by_role("button", name="Assign").click()
    expect(panel.locator("[data-officer]")).to_have_text("Dwayne Clarke")
    snap("5-registered")

    panel.get_by_role("link", name="Record needs assessment").click()
    baseline = page.get_by_label("Baseline: Accreditation and equivalency")
    expect(baseline).to_have_value("1")  # from the maturity map
    page.get_by_label("Stakeholders consulted").fill(
        "Ministry of Education; National Accreditation Council; University of Belize"
    )
    page.get_by_label("Gaps").fill("No accreditation manual, no trained assessors, no register of programmes.")
    page.get_by_label("Recommended modality").select_option(label="Attachment")
    snap("6-assessment")
    page.get_by_role("button", name="Save needs assessment").click()
    expect(panel.locator("[data-status]")).to_have_text("Needs assessment")
    expect(page.locator("#needs-assessment")).to_contain_text("University of Belize")

    panel.get_by_label("Comment for “Approve”").fill("A clear need; Jamaica's council can host.")
    panel.get_by_role("button", name="Approve").click()
    expect(panel.locator("[data-status]")).to_have_text("Approved")
    expect(panel.get_by_role("status")).to_contain_text("The request is now Approved.")
    snap("7-approved")
    sign_out(page)

    # The focal point sees the outcome and how it got there.
    sign_in("focal-bz@demo.test", PASSWORD)
    page.goto(f"{live_server.url}{request.get_absolute_url()}")
    expect(panel.locator("[data-status]")).to_have_text("Approved")
    expect(panel.locator("[data-reference]")).to_have_text(f"TA/{year}/0001")
    timeline = page.locator("[data-timeline] > li")
    expect(timeline).to_have_count(5)
    expect(timeline.last).to_contain_text("Needs assessment → Approved")
    expect(timeline.last).to_contain_text("A clear need; Jamaica's council can host.")
    expect(panel.get_by_role("button", name="Approve")).to_have_count(0)
    expect(panel.get_by_role("button", name="Withdraw")).to_be_visible()
    snap("8-focal-point-sees-approval")
    # What the focal point sees first: reference, status and the way it came.
    snap("9-focal-point-first-screen", full_page=False)


def test_the_officer_attaches_a_letter_to_a_registered_request(sign_in, page, live_server, people, snap, tmp_path):
    from assistance.choices import Status
    from assistance.tests.factories import AssistanceRequestFactory

    request = AssistanceRequestFactory(
        state=people["focal"].member_state,
        status=Status.REGISTERED,
        reference="TA/2026/0042",
        title="Accreditation procedures for the National Accreditation Council",
    )
    letter = tmp_path / "Letter from the Permanent Secretary.pdf"
    letter.write_bytes(b"%PDF-1.4 letter")

    sign_in("officer@demo.test", PASSWORD)
    page.goto(f"{live_server.url}{request.get_absolute_url()}")
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_contain_text("TA/2026/0042")
    expect(page.locator("[data-next-step]")).to_contain_text("What happens next")
    page.get_by_label("Documents to add").set_input_files(str(letter))
    page.get_by_role("button", name="Add documents").click()
    expect(page.get_by_role("status").first).to_contain_text("1 document added.")
    documents = page.locator("#documents")
    expect(documents.get_by_role("link", name="Letter from the Permanent Secretary.pdf")).to_be_visible()
    snap("10-letter-attached")

    # The officer also completes the request after registration; its state reads it as a sentence.
    page.get_by_role("link", name="Edit request").click()
    page.get_by_label("Number of officials").fill("4")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(request.title)
    # The print view leaves controls and history out; a Print button is there for people.
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Print")).to_be_hidden()
    expect(page.get_by_role("heading", name="Change history")).to_be_hidden()
    snap("11-print-preview")
    page.emulate_media(media="screen")
    sign_out(page)

    sign_in("focal-bz@demo.test", PASSWORD)
    page.goto(f"{live_server.url}{request.get_absolute_url()}")
    expect(page.locator("[data-summary]").first).to_contain_text("Changed number of officials.")
    snap("12-focal-point-reads-the-change")


def test_a_focal_point_saves_a_half_filled_draft_and_comes_back_to_it(sign_in, page, live_server, people, snap):
    from assistance.models import AssistanceRequest

    sign_in("focal-bz@demo.test", PASSWORD)
    page.goto(f"{live_server.url}/requests/add/")
    # Shared only on purpose: a new request stays with the state and the secretariat.
    expect(page.get_by_label("Visibility")).to_have_value("restricted")
    page.get_by_label("Title", exact=True).fill("Labour inspection in construction")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_role("status").first).to_contain_text("Draft saved")
    draft = AssistanceRequest.objects.get()
    expect(page.locator("[data-next-step]")).to_contain_text("Complete the draft")
    snap("13-draft-saved")

    page.goto(f"{live_server.url}/requests/")
    page.get_by_role("link", name="Labour inspection in construction").click()
    page.get_by_role("link", name="Edit request").click()
    expect(page.get_by_label("Title", exact=True)).to_have_value("Labour inspection in construction")
    page.get_by_role("button", name="Submit").click()
    # Submitting asks for what is missing, beside each field; the draft stays a draft.
    expect(page.get_by_text("Describe the need before submitting the request.")).to_be_visible()
    expect(page.locator("#id_need")).to_have_class(re.compile(r"is-invalid"))
    snap("14-submit-asks-for-the-rest")
    page.get_by_label("Statement of need").fill("Inspectors need a risk-based inspection plan for building sites.")
    page.get_by_label("Labour inspection", exact=True).check()
    start = datetime.date.today() + datetime.timedelta(days=50)
    page.get_by_label("Earliest start").fill(start.isoformat())
    page.get_by_label("Latest end").fill((start + datetime.timedelta(days=20)).isoformat())
    page.get_by_role("button", name="Submit").click()
    expect(page.locator("#status-panel [data-status]")).to_have_text("Submitted")
    expect(page.locator("[data-next-step]")).to_contain_text("The secretariat")
    draft.refresh_from_db()
    assert draft.status == "submitted"
    snap("15-submitted-what-next")


def test_a_form_error_asks_again_for_the_chosen_file(sign_in, page, live_server, people, snap, tmp_path):
    from decisions.tests.factories import RequiredActionFactory

    RequiredActionFactory(description="Enact legislation on the free movement of skilled community nationals")
    RequiredActionFactory(description="Establish a national accreditation body with published procedures")
    terms = tmp_path / "Terms of reference.pdf"
    terms.write_bytes(b"%PDF-1.4 terms")
    sign_in("focal-bz@demo.test", PASSWORD)
    page.goto(f"{live_server.url}/requests/add/")
    page.get_by_label("Title", exact=True).fill("Accreditation procedures")
    start = datetime.date.today() + datetime.timedelta(days=50)
    page.get_by_label("Earliest start").fill(start.isoformat())
    page.get_by_label("Latest end").fill((start - datetime.timedelta(days=5)).isoformat())
    page.get_by_label("Attachments").set_input_files(str(terms))
    page.get_by_role("button", name="Save as draft").click()
    expect(page.locator("[data-files-again]")).to_contain_text("Choose them again")
    attachments = page.get_by_label("Attachments")
    expect(attachments).not_to_have_class(re.compile(r"is-valid"))
    expect(page.locator("#id_window_end")).to_have_class(re.compile(r"is-invalid"))
    snap("16-file-asked-again")
    # The pickers filter as one types, and keep the full text of each option.
    actions = page.locator("[data-filter-list]").nth(1)
    actions.get_by_role("searchbox").fill("accreditation body")
    expect(actions.get_by_label(re.compile("Establish a national accreditation body"))).to_be_visible()
    expect(actions.get_by_label(re.compile("Enact legislation"))).to_be_hidden()
    actions.get_by_label(re.compile("Establish a national accreditation body")).check()
    actions.get_by_role("searchbox").fill("")
    expect(actions.get_by_label(re.compile("Enact legislation"))).to_be_visible()


def test_the_officer_reads_a_long_board_column_ten_cards_at_a_time(sign_in, page, live_server, people):
    from assistance.choices import Status
    from assistance.tests.factories import AssistanceRequestFactory
    from community.models import MemberState

    belize = MemberState.objects.get(iso_code="BZ")
    for n in range(13):
        AssistanceRequestFactory(state=belize, status=Status.SUBMITTED, title=f"Waiting request {n + 1}")
    sign_in("officer@demo.test", PASSWORD)
    page.goto(f"{live_server.url}/requests/board/")
    column = page.locator("section[data-status='submitted']")
    expect(column.locator("article")).to_have_count(10)
    column.get_by_role("link", name=re.compile("^More")).click()  # htmx fetches this column's next cards
    expect(column.locator("article")).to_have_count(13)
    expect(column.get_by_role("link", name=re.compile("^More"))).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/requests/board/$"))  # in place, not a new page
