"""The two maps show a window at a time (a page of states × a page of areas or actions, narrowed
by area family or sub-region): the officer moves the window and sees other states and areas,
swapped in place by htmx, and with JavaScript off through the same links as whole pages."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.browser.screens import PASSWORD

pytestmark = pytest.mark.browser

KEPT = "window.__sameDocument"  # set before a move: still there after an htmx swap, gone after a load


@pytest.fixture
def five_states(community):
    """Barbados, Belize, Haiti, Jamaica, Trinidad and Tobago: two of them in the Greater Antilles."""
    from community.tests.factories import MemberStateFactory

    for code in ("BB", "HT", "TT"):
        MemberStateFactory.for_iso(code)
    return community


@pytest.fixture
def two_families(five_states):
    """Two area families of two areas each: accreditation, and labour inspection."""
    from community.tests.factories import CapabilityAreaFactory

    accreditation = CapabilityAreaFactory(code="accreditation", name="Accreditation and equivalency")
    programmes = CapabilityAreaFactory(code="programmes", name="Programme accreditation", parent=accreditation)
    inspection = CapabilityAreaFactory(code="labour-inspection", name="Labour inspection")
    safety = CapabilityAreaFactory(code="safety", name="Occupational safety and health", parent=inspection)
    return {"accreditation": accreditation, "programmes": programmes, "inspection": inspection, "safety": safety}


def state(code: str):
    from community.models import MemberState

    return MemberState.objects.get(iso_code=code)


def rows(page, table) -> list[str]:
    return page.locator(f"{table} tbody th[scope=row]").all_inner_texts()


def mark_document(page) -> None:
    page.evaluate(f"{KEPT} = true")


def same_document(page) -> bool:
    return page.evaluate(f"{KEPT} === true")


@pytest.fixture
def without_javascript(browser, live_server):
    """A second browser with JavaScript off, signed in through the same form as the officer."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1366, "height": 800})
    plain = context.new_page()

    def sign_in(email: str):
        plain.goto(f"{live_server.url}/accounts/login/")
        plain.get_by_label("E-mail address").fill(email)
        plain.get_by_label("Password").fill(PASSWORD)
        plain.get_by_role("button", name="Sign in").click()
        plain.wait_for_url(f"{live_server.url}/")
        return plain

    yield sign_in
    context.close()


def test_the_officer_moves_the_maturity_map_to_other_states_and_areas(
    page, live_server, two_families, sign_in, without_javascript, monkeypatch, snap
):
    from maturity import selectors
    from maturity.tests.factories import AssessmentFactory

    monkeypatch.setattr(selectors, "STATES_PER_PAGE", 2)
    monkeypatch.setattr(selectors, "AREAS_PER_PAGE", 2)
    # The leaves have a column each; the families (not assessed themselves) none.
    AssessmentFactory(state=state("BZ"), area=two_families["programmes"], level=3)
    AssessmentFactory(state=state("JM"), area=two_families["safety"], level=4)
    table = ".maturity-heatmap"
    heads = f"{table} thead"

    sign_in("officer@demo.test")
    page.goto(f"{live_server.url}/maturity/")
    expect(page.get_by_text("Member states 1–2 of 5")).to_be_visible()
    assert rows(page, table) == ["Barbados", "Belize"]
    expect(page.locator(heads)).to_contain_text("Programme accreditation")
    expect(page.locator(heads)).not_to_contain_text("Occupational safety and health")

    # The next states, in place: the address follows, the document stays.
    mark_document(page)
    page.get_by_role("link", name="Next states").first.click()
    expect(page.get_by_text("Member states 3–4 of 5")).to_be_visible()
    assert rows(page, table) == ["Haiti", "Jamaica"]
    expect(page).to_have_url(re.compile(r"[?&]page=2"))
    assert same_document(page)

    # The next areas: the other family, the same states.
    page.get_by_role("link", name="Next areas").click()
    expect(page.locator(heads)).to_contain_text("Occupational safety and health")
    expect(page.locator(heads)).not_to_contain_text("Programme accreditation")
    assert rows(page, table) == ["Haiti", "Jamaica"]
    expect(page.locator(f"{table} tbody")).to_contain_text("4")  # Jamaica's level in safety
    expect(page).to_have_url(re.compile(r"areas=2"))
    assert same_document(page)
    snap("next-areas")

    # One family: its areas only, from the first page of them.
    page.get_by_role("navigation", name="Area families").get_by_role(
        "link", name="Accreditation and equivalency"
    ).click()
    expect(page.locator(heads)).to_contain_text("Programme accreditation")
    expect(page.locator(heads)).not_to_contain_text("Occupational safety and health")
    expect(page).to_have_url(re.compile(rf"within={two_families['accreditation'].pk}"))

    # One sub-region: its states only, chosen in the filters and swapped in place.
    mark_document(page)
    page.get_by_label("Sub-region").select_option("Greater Antilles")
    expect(page.get_by_text("Member states 1–2 of 2")).to_be_visible()
    assert rows(page, table) == ["Haiti", "Jamaica"]
    assert same_document(page)

    # Without JavaScript the same links move the window, a whole page at a time.
    plain = without_javascript("officer@demo.test")
    plain.goto(f"{live_server.url}/maturity/")
    assert rows(plain, table) == ["Barbados", "Belize"]
    plain.get_by_role("link", name="Next states").first.click()
    plain.wait_for_url(re.compile(r"[?&]page=2"))
    assert rows(plain, table) == ["Haiti", "Jamaica"]
    plain.get_by_role("link", name="Next areas").click()
    plain.wait_for_url(re.compile(r"areas=2"))
    expect(plain.locator(heads)).to_contain_text("Occupational safety and health")
    assert rows(plain, table) == ["Haiti", "Jamaica"]


def test_the_officer_moves_the_implementation_map_to_other_states_actions_and_areas(
    page, live_server, community, two_families, sign_in, without_javascript, monkeypatch, snap
):
    from decisions import selectors
    from decisions.choices import ImplementationStatus
    from decisions.services import implementation_report
    from decisions.tests.factories import DecisionFactory, RequiredActionFactory

    monkeypatch.setattr(selectors, "STATES_PER_PAGE", 2)
    monkeypatch.setattr(selectors, "ACTIONS_PER_PAGE", 2)
    newer = DecisionFactory(reference="COTED/2024/11", date=datetime.date(2024, 5, 10))
    older = DecisionFactory(reference="COHSOD/2019/04", date=datetime.date(2019, 10, 3))
    for position, area in ((1, "programmes"), (2, "accreditation")):
        RequiredActionFactory(decision=newer, position=position, area=two_families[area])
    for position in (1, 2):
        action = RequiredActionFactory(decision=older, position=position, area=two_families["safety"])
    implementation_report(
        actor=community["officer"], state=state("JM"), action=action, status=ImplementationStatus.DONE
    )
    table = "#implementation-heatmap"
    heads = f"{table} thead"

    sign_in("officer@demo.test")
    page.goto(f"{live_server.url}/decisions/implementation/")
    expect(page.get_by_text("States 1–2 of 5").first).to_be_visible()
    assert rows(page, table) == ["Barbados", "Belize"]
    expect(page.locator(heads)).to_contain_text("COTED/2024/11")
    expect(page.locator(heads)).not_to_contain_text("COHSOD/2019/04")

    # The next states, in place.
    mark_document(page)
    page.get_by_role("link", name="Next states").first.click()
    expect(page.get_by_text("States 3–4 of 5").first).to_be_visible()
    assert rows(page, table) == ["Haiti", "Jamaica"]
    expect(page).to_have_url(re.compile(r"state_page=2"))
    assert same_document(page)

    # The older actions: the other decision, the same states.
    page.get_by_role("link", name="Older actions").first.click()
    expect(page.locator(heads)).to_contain_text("COHSOD/2019/04")
    expect(page.locator(heads)).not_to_contain_text("COTED/2024/11")
    assert rows(page, table) == ["Haiti", "Jamaica"]
    expect(page.locator(f"{table} tbody tr").nth(1)).to_contain_text("50")  # Jamaica: one of two done
    expect(page).to_have_url(re.compile(r"action_page=2"))
    assert same_document(page)
    snap("older-actions")

    # One sub-region, chosen in the filters: its states only, swapped in place.
    page.get_by_label("Sub-region").select_option("Greater Antilles")
    expect(page.get_by_text("2 member states × 4 actions.")).to_be_visible()
    assert rows(page, table) == ["Haiti", "Jamaica"]
    assert same_document(page)

    # One area family, from the compliance-by-area table of the window's actions: its actions only.
    page.get_by_role("link", name="Older actions").first.click()
    expect(page.locator(heads)).to_contain_text("COHSOD/2019/04")
    page.locator(".area-compliance thead").get_by_role("link", name="Labour inspection").click()
    expect(page.get_by_text("2 member states × 2 actions.")).to_be_visible()
    expect(page.locator(heads)).to_contain_text("COHSOD/2019/04")
    expect(page.locator(heads)).not_to_contain_text("COTED/2024/11")
    expect(page).to_have_url(re.compile(rf"within={two_families['inspection'].pk}"))
    expect(page.get_by_role("link", name="Newer actions")).to_have_count(0)  # the window holds them all

    # Without JavaScript the same links move the window, a whole page at a time.
    plain = without_javascript("officer@demo.test")
    plain.goto(f"{live_server.url}/decisions/implementation/")
    assert rows(plain, table) == ["Barbados", "Belize"]
    plain.get_by_role("link", name="Next states").first.click()
    plain.wait_for_url(re.compile(r"state_page=2"))
    assert rows(plain, table) == ["Haiti", "Jamaica"]
    plain.get_by_role("link", name="Older actions").first.click()
    plain.wait_for_url(re.compile(r"action_page=2"))
    expect(plain.locator(heads)).to_contain_text("COHSOD/2019/04")
    assert rows(plain, table) == ["Haiti", "Jamaica"]
