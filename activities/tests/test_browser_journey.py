"""The people of an attachment in a real browser: Belize's focal point nominates officials and is
refused a sixth, the officer confirms them, records attendance after delivery and issues the
certificates, and anyone, signed out, checks a certificate's code on the public page."""

import re

import pytest
from playwright.sync_api import expect

from core.testing import choose
from tests.browser.screens import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def attachment(transactional_db):
    """Belize's request, its host confirmed, served by a planned attachment to Jamaica's Ministry
    of Labour; Belize takes part and has six officials to choose from."""
    from accounts.choices import Role
    from accounts.tests.factories import UserFactory
    from activities.tests.factories import ActivityFactory
    from assistance.choices import Status
    from assistance.tests.factories import AssistanceRequestFactory
    from community.choices import InstitutionKind
    from community.tests.factories import InstitutionFactory, MemberStateFactory, PersonFactory

    belize, jamaica = MemberStateFactory.for_iso("BZ"), MemberStateFactory.for_iso("JM")
    labour_jm = InstitutionFactory(
        name="Ministry of Labour and Social Security", acronym="MLSS", kind=InstitutionKind.MINISTRY, state=jamaica
    )
    labour_bz = InstitutionFactory(
        name="Ministry of Labour, Local Government and Rural Development",
        acronym="MLLGRD",
        kind=InstitutionKind.MINISTRY,
        state=belize,
    )
    UserFactory(email="officer@demo.test", password=PASSWORD, full_name="Secretariat Officer", role=Role.OFFICER)
    UserFactory(
        email="focal-bz@demo.test",
        password=PASSWORD,
        full_name="Belize Focal Point",
        role=Role.FOCAL_POINT,
        member_state=belize,
    )
    names = ["Aaron Chan", "Beatriz Coc", "Carlos Tzul", "Delia Bol", "Ernesto Pop", "Flora Cal"]
    for name in names:
        PersonFactory(full_name=name, post="Labour inspector", institution=labour_bz)
    request = AssistanceRequestFactory(state=belize, status=Status.HOST_CONFIRMED, title="Labour inspection manual")
    activity = ActivityFactory(
        title="Attachment on labour inspection",
        host_state=jamaica,
        host_institution=labour_jm,
        requests=[request],
    )
    return activity, names


@pytest.fixture
def switch_to(page, sign_in):
    def do(email: str):
        page.context.clear_cookies()
        sign_in(email)

    return do


def nominate(page, name: str, *, expect_refusal: str = ""):
    page.get_by_role("link", name="Nominate an official").click()
    choose(page.get_by_label("Official", exact=True), name.split()[-1][:4], name)
    page.get_by_label("Post", exact=True).fill("Labour inspector")
    page.get_by_label("Why this official").fill("Drafts the inspection manual with the ministry.")
    page.get_by_role("button", name="Nominate").click()
    if expect_refusal:
        expect(page.locator("[data-form-errors]")).to_contain_text(expect_refusal)
    else:
        expect(page.get_by_role("status").first).to_contain_text(f"{name} nominated.")


def test_nominations_attendance_and_certificates_of_an_attachment(page, live_server, attachment, switch_to, snap):
    from activities.lifecycle import activity_transition
    from activities.models import Certificate
    from core.workflow import SYSTEM

    activity, names = attachment
    people_url = f"{live_server.url}/activities/{activity.pk}/people/"

    # Belize's focal point nominates three officials, then fills the attachment to five.
    switch_to("focal-bz@demo.test")
    page.goto(people_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Attachment on labour inspection")
    expect(page.locator("[data-seats]")).to_contain_text("0 of 5 seats taken")
    for name in names[:3]:
        nominate(page, name)
    expect(page.locator("[data-seats]")).to_contain_text("3 of 5 seats taken")
    snap("three-nominated")
    for name in names[3:5]:
        nominate(page, name)

    # A sixth is refused, and the page says why.
    nominate(page, names[5], expect_refusal="An attachment takes at most 5 officials; 5 are already nominated.")
    snap("sixth-refused")

    # The officer confirms the five.
    switch_to("officer@demo.test")
    page.goto(people_url)
    for name in names[:5]:
        page.get_by_role("button", name=f"Confirm {name}").click()
        expect(page.locator(f'[data-nomination="{name}"] [data-nomination-status]')).to_have_text("Confirmed")
    snap("confirmed")

    # The attachment takes place (the agenda is another page's journey).
    for status in ("confirmed", "in_delivery"):
        activity_transition(activity_id=activity.pk, to=status, actor=SYSTEM)

    # The officer records attendance: Flora never nominated, Ernesto away on the last two days.
    page.goto(people_url)
    page.get_by_role("link", name="Record attendance").click()
    grid = page.locator("[data-attendance-grid]")
    expect(grid.locator("tbody tr")).to_have_count(5)
    for box in grid.locator("input[type=checkbox]").all():
        box.check()
    ernesto = activity.nominations.get(person__full_name="Ernesto Pop")
    for day in activity.days[-2:]:
        grid.locator(f'input[value="{ernesto.pk}:{day.isoformat()}"]').uncheck()
    snap("attendance")
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_role("status").first).to_contain_text("Attendance saved.")
    expect(page.locator("#attendance")).to_contain_text("Ernesto Pop: 3 days present")

    activity_transition(activity_id=activity.pk, to="delivered", actor=SYSTEM)

    # Certificates for the five, and one PDF downloaded.
    page.goto(people_url)
    page.get_by_role("button", name="Issue certificates").click()
    expect(page.get_by_role("status").first).to_contain_text("5 certificates issued.")
    snap("certificates")
    with page.expect_download() as download:
        page.locator("[data-certificate]").filter(has_text="Aaron Chan").get_by_role(
            "link", name="Download PDF"
        ).click()
    assert download.value.suggested_filename.startswith("certificate-")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"

    # Signed out, anyone checks the code on the public page.
    code = Certificate.objects.get(participant_name="Aaron Chan").code
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/activities/verify/")
    page.get_by_label("Verification code").fill(code.lower())
    page.get_by_role("button", name="Check").click()
    expect(page).to_have_url(re.compile(rf"/activities/verify/{code}/$"))
    expect(page.locator("[data-verification]")).to_have_attribute("data-verification", "valid")
    expect(page.locator("[data-participant]")).to_have_text("Aaron Chan")
    snap("verified")
