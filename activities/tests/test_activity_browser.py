"""In a real browser, at 1366×800 and on a 390×844 phone: the officer plans the attachment from
Belize's confirmed request, accepts the proposed dates, and finds it in the list and on the home
page; no page scrolls sideways."""

import datetime

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PASSWORD = "Soursop-Breadfruit-42"


@pytest.fixture
def planning_world(transactional_db):
    from accounts.choices import Role
    from accounts.tests.factories import UserFactory
    from activities.tests.factories import ActivityFactory
    from assistance.choices import Modality, Status
    from assistance.tests.factories import AssistanceRequestFactory
    from community.choices import InstitutionKind
    from community.tests.factories import (
        CapabilityAreaFactory,
        CommitteeMeetingFactory,
        InstitutionFactory,
        MemberStateFactory,
    )
    from matching.choices import InvitationStatus
    from matching.tests.factories import HostInvitationFactory

    belize, jamaica, trinidad = (MemberStateFactory.for_iso(iso) for iso in ("BZ", "JM", "TT"))
    host = InstitutionFactory(
        name="University Council of Jamaica", acronym="UCJ", kind=InstitutionKind.ACCREDITATION_BODY, state=jamaica
    )
    committee = InstitutionFactory(
        name="National Accreditation Committee", kind=InstitutionKind.NATIONAL_COMMITTEE, state=jamaica
    )
    CommitteeMeetingFactory(committee=committee, date=datetime.date(2027, 6, 16), agenda="Accreditation manuals")
    officer = UserFactory(email="officer@demo.test", full_name="Dwayne Clarke", role=Role.OFFICER, password=PASSWORD)
    request = AssistanceRequestFactory(
        state=belize,
        status=Status.HOST_CONFIRMED,
        reference="TA/2026/0042",
        title="Accreditation procedures for the National Accreditation Council",
        modality=Modality.ATTACHMENT,
        window_start=datetime.date(2027, 6, 7),
        window_end=datetime.date(2027, 6, 25),
        host_state=jamaica,
        host_institution=host,
        assigned_officer=officer,
        areas=[CapabilityAreaFactory(name="Accreditation and equivalency")],
    )
    HostInvitationFactory(request=request, state=jamaica, institution=host, status=InvitationStatus.ACCEPTED)
    today = datetime.date.today()
    ActivityFactory(
        title="Regional workshop on public employment services",
        modality=Modality.WORKSHOP,
        host_state=MemberStateFactory.for_iso("LC"),
        states=[belize, jamaica, trinidad],
        start_date=today + datetime.timedelta(days=12),
        end_date=today + datetime.timedelta(days=16),
        venue="Castries, Saint Lucia",
        officer=officer,
        shared=True,
    )
    ActivityFactory(
        title="Expert mission on labour market information",
        modality=Modality.EXPERT_MISSION,
        host_state=trinidad,
        states=[trinidad],
        status="proposed",
    )
    return request


def test_the_officer_plans_the_attachment_from_the_confirmed_request(sign_in, page, live_server, planning_world, snap):
    from activities.models import Activity

    sign_in("officer@demo.test", PASSWORD)
    page.goto(f"{live_server.url}{planning_world.get_absolute_url()}")
    page.get_by_role("link", name="Plan an activity").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan an activity")
    expect(page.locator("[data-meeting]")).to_contain_text("National Accreditation Committee")
    snap("plan")
    page.get_by_role("button", name="Plan with these dates").click()
    expect(page.locator("[data-status]")).to_have_text("Planned")
    activity = Activity.objects.get(requests=planning_world)
    assert (activity.start_date, activity.end_date) == (datetime.date(2027, 6, 10), datetime.date(2027, 6, 16))
    expect(page.locator("[data-requests]")).to_contain_text("TA/2026/0042")
    snap("detail")
    page.goto(f"{live_server.url}/activities/")
    expect(page.get_by_role("link", name=activity.title)).to_be_visible()
    snap("list")
    page.goto(f"{live_server.url}/")
    expect(page.locator("[data-worklist]")).to_contain_text("Starts soon: Regional workshop")
    snap("home")
