"""The demo portfolio: what it holds, who sees it, and that reloading changes nothing."""

import pytest
from auditlog.models import LogEntry
from django.db.models import Max

from accounts.models import User
from community.models import CommitteeMeeting
from core.demo import demo_load
from portfolio.choices import PracticeStatus as S
from portfolio.demo import PRACTICES, load_practices
from portfolio.models import Practice
from tests.demo_snapshot import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_demo()
    return load_practices()


def snapshot():
    return (
        Practice.objects.count(),
        Practice.objects.aggregate(last=Max("updated_at"))["last"],
        LogEntry.objects.count(),
        sorted(Practice.objects.values_list("pk", "status", "reviewed_at", "review_note")),
        sorted(Practice.areas.through.objects.values_list("practice_id", "capabilityarea_id")),
        sorted(Practice.languages.through.objects.values_list("practice_id", "language_id")),
    )


def test_loading_twice_changes_nothing(demo):
    before = snapshot()
    assert before[0] == len(PRACTICES) == len(demo)
    load_practices()
    assert snapshot() == before


def test_reloading_repairs_a_changed_entry(demo):
    practice = Practice.objects.get(institution__name="University Council of Jamaica")
    Practice.objects.filter(pk=practice.pk).update(status=S.DRAFT, title=practice.title, results="")
    practice.areas.clear()
    load_practices()
    practice.refresh_from_db()
    assert practice.status == S.PUBLISHED and "Belize" in practice.results
    assert [area.code for area in practice.areas.all()] == ["accreditation-equivalency"]


def test_the_demo_loader_includes_the_portfolio():
    demo_load()
    assert Practice.objects.count() == len(PRACTICES)


def test_the_states_with_mature_systems_offer_them(demo):
    by_title = {p.title: p for p in Practice.objects.select_related("state", "institution", "contact")}
    ucj = next(p for p in by_title.values() if p.institution and p.institution.acronym == "UCJ")
    assert ucj.state.iso_code == "JM" and ucj.status == S.PUBLISHED
    assert list(ucj.areas.values_list("code", flat=True)) == ["accreditation-equivalency"]
    assert "Belize" in ucj.results and "Guyana" in ucj.results
    assert ucj.contact.full_name == "Patricia Reid"

    skills = Practice.objects.get(areas__code="free-movement-skilled-persons")
    assert skills.state.iso_code == "TT" and "every month" in skills.description
    assert CommitteeMeeting.objects.filter(committee=skills.institution, date__year=2026).count() == 12

    offered = set(Practice.objects.filter(status=S.PUBLISHED).values_list("state__iso_code", "areas__code"))
    assert {
        ("JM", "accreditation-equivalency"),
        ("BB", "accreditation-equivalency"),
        ("TT", "free-movement-skilled-persons"),
        ("BB", "public-employment-services"),
        ("LC", "public-employment-services"),
        ("JM", "labour-market-information"),
    } <= offered
    assert Practice.objects.filter(status=S.DRAFT).count() == 1
    assert Practice.objects.filter(status=S.NEEDS_UPDATE).count() == 1
    assert all(p.reviewed_by for p in Practice.objects.filter(status=S.PUBLISHED))


def test_the_demo_draft_is_seen_by_its_owners_only(demo):
    draft = Practice.objects.get(status=S.DRAFT)
    officer = User.objects.get(email="officer@demo.test")
    focal_bz = User.objects.get(email="focal-bz@demo.test")
    assert draft.state.iso_code == "GY"
    assert Practice.objects.for_user(officer).filter(pk=draft.pk).exists()
    assert not Practice.objects.for_user(focal_bz).filter(pk=draft.pk).exists()
    assert Practice.objects.for_user(focal_bz).count() == len(PRACTICES) - 1
