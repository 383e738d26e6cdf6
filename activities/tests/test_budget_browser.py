"""The budget and documents pages in a real browser, at 1366×800 and on a 390×844 phone: the
officer adds a line and sees the totals; the host coordinator reads them, without the forms."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PASSWORD = "Soursop-Breadfruit-42"


@pytest.fixture
def scene(transactional_db, settings, tmp_path):
    from django.core.files.base import ContentFile

    from accounts.choices import Role
    from accounts.tests.factories import UserFactory
    from activities.tests.factories import ActivityFactory, BudgetLineFactory
    from community.choices import InstitutionKind
    from community.tests.factories import InstitutionFactory, MemberStateFactory
    from core.tests.factories import DocumentFactory

    settings.MEDIA_ROOT = tmp_path / "media"
    belize, jamaica = MemberStateFactory.for_iso("BZ"), MemberStateFactory.for_iso("JM")
    council = InstitutionFactory(
        name="University Council of Jamaica", acronym="UCJ", kind=InstitutionKind.ACCREDITATION_BODY, state=jamaica
    )
    start = datetime.date(2027, 3, 1)
    activity = ActivityFactory(
        title="Attachment of Belizean officials to the University Council of Jamaica",
        host_state=jamaica,
        host_institution=council,
        states=[belize],
        start_date=start,
        end_date=start + datetime.timedelta(days=4),
    )
    BudgetLineFactory(activity=activity, amount=Decimal("2400.00"), description="Return flights Belize City–Kingston")
    BudgetLineFactory(
        activity=activity,
        category="accommodation",
        description="Hotel, 5 nights for 3 officials",
        amount=Decimal("1650.00"),
        actual=Decimal("1512.40"),
    )
    BudgetLineFactory(
        activity=activity,
        category="venue",
        description="Training room and equipment",
        amount=Decimal("4800.00"),
        currency="JMD",
        funding_source="Government of Jamaica",
    )
    DocumentFactory(
        record=activity,
        title="Concept note — attachment on accreditation procedures.pdf",
        file=ContentFile(b"%PDF-1.4 note", name="concept-note.pdf"),
    )
    return {
        "activity": activity,
        "officer": UserFactory(
            email="officer@demo.test", full_name="Dwayne Clarke", role=Role.OFFICER, password=PASSWORD
        ),
        "host": UserFactory(
            email="host-jm@demo.test",
            full_name="Tanisha Brown",
            role=Role.HOST_COORDINATOR,
            institution=council,
            password=PASSWORD,
        ),
    }


def test_budget_and_documents_pages(page, live_server, sign_in, snap, scene):
    activity = scene["activity"]
    sign_in("officer@demo.test", PASSWORD)
    page.goto(f"{live_server.url}/activities/{activity.pk}/budget/")
    expect(page.get_by_role("heading", name="Totals")).to_be_visible()
    page.get_by_label("Category").select_option("subsistence")
    page.get_by_label("Funding source").fill("CARICOM Development Fund")
    page.get_by_label("Description").fill("Per diem, 3 officials × 5 days")
    page.get_by_label("Budgeted").fill("1275")
    page.get_by_label("Currency").fill("usd")
    page.get_by_role("button", name="Add the line").click()
    expect(page.get_by_text("Budget line added.")).to_be_visible()
    expect(page.locator('[data-total-budgeted="USD"]')).to_have_text("5,325.00")
    expect(page.locator('[data-total-budgeted="JMD"]')).to_have_text("4,800.00")
    snap("officer-budget")
    page.goto(f"{live_server.url}/activities/{activity.pk}/documents/")
    expect(page.get_by_role("heading", name="Add documents")).to_be_visible()
    snap("officer-documents")
    page.get_by_role("button", name="Sign out").click()

    sign_in("host-jm@demo.test", PASSWORD)
    page.goto(f"{live_server.url}/activities/{activity.pk}/budget/")
    expect(page.locator('[data-total-spent="USD"]')).to_have_text("1,512.40")
    expect(page.get_by_role("heading", name="Add a budget line")).to_have_count(0)
    expect(page.get_by_role("link", name="Edit")).to_have_count(0)
    snap("host-budget")
    page.goto(f"{live_server.url}/activities/{activity.pk}/documents/")
    expect(page.get_by_role("link", name="Concept note — attachment on accreditation procedures.pdf")).to_be_visible()
    snap("host-documents")
