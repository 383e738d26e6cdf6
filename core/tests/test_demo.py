"""The demo community: what it holds, that reloading changes nothing, and when it is refused."""

import datetime
import io
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection
from django.db.models import Count, Max

from accounts.choices import Role
from accounts.models import User
from community.choices import InstitutionKind, MembershipKind
from community.models import (
    CapabilityArea,
    CommitteeMeeting,
    Institution,
    Language,
    MemberState,
    Network,
    NetworkMembership,
    Person,
    PostHeld,
)
from core.demo import DEMO_PASSWORD, DemoRefused, demo_check_allowed, demo_load
from core.models import DatasetMarker
from core.registry import demo_loader_register, demo_loaders
from tests.demo_snapshot import load_demo

pytestmark = pytest.mark.django_db

DEMO_USERS = {
    "admin@demo.test": Role.ADMIN,
    "officer@demo.test": Role.OFFICER,
    "focal-bz@demo.test": Role.FOCAL_POINT,
    "focal-jm@demo.test": Role.FOCAL_POINT,
    "host-jm@demo.test": Role.HOST_COORDINATOR,
    "partner@demo.test": Role.PARTNER,
}

COUNTED = [
    Language,
    MemberState,
    Institution,
    Person,
    PostHeld,
    CommitteeMeeting,
    Network,
    NetworkMembership,
    CapabilityArea,
    User,
    DatasetMarker,
    LogEntry,
]


@pytest.fixture
def demo():
    """The demo to look at: copied in after the first load in this process (`tests.demo_snapshot`,
    whose tests show the copy is the load); a test of loading itself calls `demo_load` again."""
    return load_demo()


def snapshot():
    counts = {model.__name__: model.objects.count() for model in COUNTED}
    stamps = {
        model.__name__: model.objects.aggregate(last=Max("updated_at"))["last"]
        for model in (MemberState, Institution, Person, PostHeld, CommitteeMeeting, CapabilityArea)
    }
    passwords = dict(User.objects.values_list("email", "password"))
    return counts, stamps, passwords


def test_loading_twice_changes_nothing(demo):
    before = snapshot()
    demo_load()
    assert snapshot() == before
    assert DatasetMarker.objects.filter(is_demo=True).count() == 1


def test_reloading_repairs_a_changed_demo_record(demo):
    MemberState.objects.filter(iso_code="BZ").update(capital="Belize City", single_market=False)
    user = User.objects.get(email="focal-bz@demo.test")
    user.set_password("forgotten")
    user.save()
    demo_load()
    belize = MemberState.objects.get(iso_code="BZ")
    assert (belize.capital, belize.single_market) == ("Belmopan", True)
    assert User.objects.get(email="focal-bz@demo.test").check_password(DEMO_PASSWORD)


def test_member_states(demo):
    states = MemberState.objects.all()
    assert states.count() == 20
    assert states.filter(membership=MembershipKind.FULL).count() == 15
    associates = states.filter(membership=MembershipKind.ASSOCIATE)
    assert set(associates.values_list("iso_code", flat=True)) == {"AI", "BM", "VG", "KY", "TC"}
    assert not states.filter(is_demo=False).exists()
    outside_csme = states.filter(membership=MembershipKind.FULL, single_market=False)
    assert set(outside_csme.values_list("iso_code", flat=True)) == {"BS", "MS", "HT"}
    assert not states.filter(membership=MembershipKind.ASSOCIATE, single_market=True).exists()
    assert not states.filter(capital="").exists()
    assert not states.filter(latitude__isnull=True).exists()
    for state in states:
        assert -90 <= state.latitude <= 90 and -180 <= state.longitude <= 180
        assert state.latitude.as_tuple().exponent >= -5, "five decimals at most"


def test_state_details_follow_the_seeds(demo):
    haiti = MemberState.objects.get(iso_code="HT")
    assert set(haiti.official_languages.values_list("code", flat=True)) == {"fr", "ht"}
    assert haiti.legal_tradition == "civil_law"
    suriname = MemberState.objects.get(iso_code="SR")
    assert list(suriname.official_languages.values_list("code", flat=True)) == ["nl"]
    assert suriname.legal_tradition == "civil_law"
    assert MemberState.objects.get(iso_code="LC").legal_tradition == "mixed"
    jamaica = MemberState.objects.get(iso_code="JM")
    assert (jamaica.capital, jamaica.sub_region) == ("Kingston", "Northern Caribbean")
    assert abs(jamaica.latitude - Decimal("17.997")) < Decimal("0.1")
    assert abs(jamaica.longitude - Decimal("-76.794")) < Decimal("0.1")
    belize = MemberState.objects.get(iso_code="BZ")
    assert belize.sub_region == "Central America" and belize.capital == "Belmopan"
    english = {"AG", "BS", "BB", "BZ", "DM", "GD", "GY", "JM", "MS", "LC", "KN", "VC", "TT"}
    english_speaking = MemberState.objects.filter(official_languages__code="en")
    assert english <= set(english_speaking.values_list("iso_code", flat=True))


def test_institutions(demo):
    ministries = Institution.objects.filter(kind=InstitutionKind.MINISTRY)
    for state in MemberState.objects.filter(membership=MembershipKind.FULL):
        assert ministries.filter(state=state).count() >= 3, state
    for iso in ("JM", "TT", "BB", "BZ", "GY"):
        names = set(
            Institution.objects.filter(state__iso_code=iso, kind=InstitutionKind.NATIONAL_COMMITTEE).values_list(
                "name", flat=True
            )
        )
        assert {
            "Inter-Ministry Consultative Committee",
            "Business and Labour Advisory Committee",
            "Movement of Skilled Persons Committee",
        } <= names
    secretariat = Institution.objects.get(name="CARICOM Secretariat", state=None)
    assert secretariat.children.filter(acronym="TASU").exists()
    uwi = Institution.objects.get(acronym="UWI")
    assert uwi.kind == InstitutionKind.UNIVERSITY and uwi.state is None
    partner = Institution.objects.get(kind=InstitutionKind.DEVELOPMENT_PARTNER)
    assert partner.state is None
    assert Institution.objects.filter(visibility="restricted").count() >= 2


def test_accreditation_bodies_follow_the_case_story(demo):
    bodies = Institution.objects.filter(kind=InstitutionKind.ACCREDITATION_BODY)
    assert set(bodies.values_list("state__iso_code", flat=True)) >= {"JM", "BB", "TT", "BZ", "GY"}
    assert bodies.filter(name="University Council of Jamaica", state__iso_code="JM").exists()
    belize = bodies.get(state__iso_code="BZ")
    assert belize.name == "National Accreditation Council of Belize"
    assert "without procedures" in belize.description


def test_restricted_records_are_seen_by_their_own_state_only(demo):
    focal_bz = User.objects.get(email="focal-bz@demo.test")
    focal_jm = User.objects.get(email="focal-jm@demo.test")
    working_group = Institution.objects.get(state__iso_code="BZ", visibility="restricted")
    assert Institution.objects.for_user(focal_bz).filter(pk=working_group.pk).exists()
    assert not Institution.objects.for_user(focal_jm).filter(pk=working_group.pk).exists()
    hidden_people = Person.objects.filter(visibility="restricted")
    assert hidden_people.exists()
    assert not Person.objects.for_user(focal_bz).filter(visibility="restricted", state__iso_code="JM").exists()
    own = Person.objects.for_user(focal_jm).filter(visibility="restricted", state__iso_code="JM")
    assert own.exists()


def test_people_keep_their_history_of_posts(demo):
    reassigned = Person.objects.annotate(n=Count("posts")).filter(n__gte=2)
    assert reassigned.exists()
    for person in reassigned:
        posts = list(person.posts.order_by("start_date"))
        assert all(post.end_date for post in posts[:-1])
        assert posts[-1].end_date is None
        assert (person.post, person.institution_id) == (posts[-1].post, posts[-1].institution_id)
        assert posts[0].institution != posts[-1].institution or posts[0].post != posts[-1].post
    experts = Person.objects.filter(is_expert=True)
    assert experts.count() >= 5
    assert experts.filter(expertise_areas__code="accreditation-equivalency").exists()
    assert not experts.filter(languages=None).exists()
    focal_points = Person.objects.filter(post__icontains="Focal Point")
    assert focal_points.values("state").distinct().count() >= 5
    assert Person.objects.filter(post="Permanent Secretary").exists()


def test_committee_meetings(demo):
    tt = CommitteeMeeting.objects.filter(
        committee__state__iso_code="TT", committee__name="Movement of Skilled Persons Committee"
    )
    assert tt.count() == 24
    assert {(m.date.year, m.date.month) for m in tt} == {
        (year, month) for year in (2026, 2027) for month in range(1, 13)
    }
    assert not tt.filter(agenda="").exists()
    assert CommitteeMeeting.objects.filter(committee__state__iso_code="JM").count() >= 24
    assert CommitteeMeeting.objects.values("committee").distinct().count() >= 4


def test_network_of_labour_migration_specialists(demo):
    network = Network.objects.get(name="Regional Network of Labour Migration Specialists")
    assert network.established == datetime.date(2019, 9, 18)
    assert network.members.values("state").exclude(state=None).distinct().count() >= 5
    assert network.memberships.filter(role="coordinator").count() == 1
    assert network.areas.filter(code="labour-migration").exists()


def test_capability_taxonomy(demo):
    csme = CapabilityArea.objects.get(code="csme")
    labour = CapabilityArea.objects.get(code="labour-admin")
    assert csme.parent is None and labour.parent is None
    assert csme.children.count() == 6 and labour.children.count() == 5
    accreditation = CapabilityArea.objects.get(code="accreditation-equivalency")
    assert accreditation.path == "csme/accreditation-equivalency"
    for area in CapabilityArea.objects.all():
        assert area.description
        assert all(text for _level, text in area.level_texts()), area.code
    texts = {text for area in CapabilityArea.objects.all() for _level, text in area.level_texts()}
    assert len(texts) == 5 * CapabilityArea.objects.count(), "each area has its own rubric"
    assert "appointed but without procedures" in accreditation.level_1


def test_demo_users_and_roles(demo):
    for email, role in DEMO_USERS.items():
        user = User.objects.get(email=email)
        assert user.role == role
        assert user.full_name
        assert user.check_password(DEMO_PASSWORD)
    admin = User.objects.get(email="admin@demo.test")
    assert admin.is_staff and admin.is_superuser
    assert not User.objects.get(email="officer@demo.test").is_superuser
    assert User.objects.get(email="focal-bz@demo.test").member_state.iso_code == "BZ"
    assert User.objects.get(email="focal-jm@demo.test").member_state.iso_code == "JM"
    host = User.objects.get(email="host-jm@demo.test")
    assert host.institution.name == "University Council of Jamaica"
    partner = User.objects.get(email="partner@demo.test").institution
    assert partner.kind == InstitutionKind.DEVELOPMENT_PARTNER


def test_demo_marks_the_database(demo):
    assert DatasetMarker.objects.get().is_demo


def test_other_apps_add_their_demo_data_in_the_same_load():
    seen = []

    def load(*, today):
        seen.append((MemberState.objects.filter(iso_code="BZ").exists(), today))
        return {"test records": 3}

    with demo_loaders.restored():
        demo_loader_register(name="portfolio", load=load, depends_on=["community"])
        result = demo_load(today=datetime.date(2026, 11, 23))
    assert seen == [(True, datetime.date(2026, 11, 23))], "runs once, after the community exists"
    assert result.counts["test records"] == 3 and result.counts["member states"] == 20


def test_a_failing_app_loader_leaves_nothing_behind():
    def load(*, today):
        raise RuntimeError("broken demo data")

    with demo_loaders.restored():
        demo_loader_register(name="portfolio", load=load, depends_on=["community"])
        with pytest.raises(RuntimeError):
            demo_load()
    assert not MemberState.objects.exists()
    assert not DatasetMarker.objects.exists()


# --- refusals --------------------------------------------------------------------------


def test_refused_when_demo_not_allowed(settings):
    settings.DEMO_ALLOWED = False
    with pytest.raises(DemoRefused, match="DEMO_ALLOWED"):
        demo_load()
    assert not MemberState.objects.exists()
    assert not DatasetMarker.objects.exists()


def test_refused_when_a_real_member_state_exists():
    MemberState.objects.create(name="Barbados", iso_code="BB", membership=MembershipKind.FULL)
    with pytest.raises(DemoRefused, match="non-demo data"):
        demo_load()
    assert MemberState.objects.count() == 1
    assert not User.objects.exists()
    assert not DatasetMarker.objects.exists()


def test_refused_when_a_real_user_exists():
    User.objects.create_user("registrar@caricom.org", "x")
    with pytest.raises(DemoRefused, match="user accounts"):
        demo_load()
    assert not MemberState.objects.exists()


def test_refused_when_the_database_is_marked_production():
    DatasetMarker.objects.create(is_demo=False)
    with pytest.raises(DemoRefused, match="production"):
        demo_load()


def test_a_demo_database_may_be_reloaded_after_use(demo):
    User.objects.create_user("visitor@example.org", "x")
    demo_load()
    assert MemberState.objects.count() == 20


def test_an_empty_database_with_demo_accounts_only_is_accepted():
    User.objects.create_user("someone@demo.test", "x")
    demo_load()
    assert MemberState.objects.count() == 20


# --- commands --------------------------------------------------------------------------


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_load_demo_command():
    output = run("load_demo")
    assert "20 member states" in output
    assert "focal-bz@demo.test" in output and DEMO_PASSWORD in output
    assert MemberState.objects.count() == 20


def test_demo_command_without_serving_prints_url_and_sign_ins():
    output = run("demo", "--no-serve", "--no-input")
    assert "http://127.0.0.1:8000/" in output
    assert f"password for all: {DEMO_PASSWORD}" in output
    for email in DEMO_USERS:
        assert email in output
    assert MemberState.objects.count() == 20


def test_demo_command_serves_on_the_chosen_address(monkeypatch):
    from core.management.commands import demo as demo_command

    real_call_command = demo_command.call_command
    calls = []

    def recording_call_command(name, *args, **kwargs):
        if name == "runserver":
            calls.append((args, kwargs, settings.SITE_URL))
            return None
        return real_call_command(name, *args, **kwargs)

    monkeypatch.setattr(demo_command, "call_command", recording_call_command)
    monkeypatch.delenv("SITE_URL", raising=False)
    configured = settings.SITE_URL
    output = run("demo", "--no-input", "--port", "8123", "--addr", "0.0.0.0")
    assert "http://0.0.0.0:8123/" in output
    # While it serves, e-mailed links lead to the demo's own port on this machine.
    assert calls == [(("0.0.0.0:8123",), {"use_reloader": False}, "http://127.0.0.1:8123")]
    assert settings.SITE_URL == configured


def test_demo_command_refuses_when_not_allowed(settings):
    settings.DEMO_ALLOWED = False
    with pytest.raises(CommandError, match="DEMO_ALLOWED"):
        run("demo", "--no-serve", "--no-input")
    assert not MemberState.objects.exists()


def recording_migrate(monkeypatch) -> list:
    """Record whether the demo command migrates, without serving."""
    from core.management.commands import demo as demo_command

    real_call_command = demo_command.call_command
    calls = []

    def recording_call_command(name, *args, **kwargs):
        calls.append(name)
        return real_call_command(name, *args, **kwargs)

    monkeypatch.setattr(demo_command, "call_command", recording_call_command)
    return calls


def test_demo_command_refuses_a_production_database_before_migrating(monkeypatch):
    calls = recording_migrate(monkeypatch)
    DatasetMarker.objects.create(is_demo=False)
    with pytest.raises(CommandError, match="production"):
        run("demo", "--no-serve", "--no-input")
    assert calls == []


def test_demo_command_refuses_real_data_before_migrating(monkeypatch):
    calls = recording_migrate(monkeypatch)
    MemberState.objects.create(name="Barbados", iso_code="BB", membership=MembershipKind.FULL)
    with pytest.raises(CommandError, match="member states"):
        run("demo", "--no-serve", "--no-input")
    assert calls == []


def test_demo_command_migrates_then_loads(monkeypatch):
    calls = recording_migrate(monkeypatch)
    run("demo", "--no-serve", "--no-input")
    assert calls == ["migrate"]
    assert DatasetMarker.objects.get().is_demo


def test_the_check_before_migrating_finds_nothing_in_tables_not_created_yet():
    def non_demo_data():
        with connection.cursor() as cursor:
            cursor.execute("SELECT id FROM table_of_an_app_not_migrated_yet")
        return ["records"]

    with demo_loaders.restored():
        demo_loader_register(name="new_app", load=lambda *, today: None, non_demo_data=non_demo_data)
        demo_check_allowed(migrated=False)
        with pytest.raises(DatabaseError):
            demo_check_allowed()


def test_the_taxonomy_and_the_languages_are_named_in_every_interface_language(demo):
    from django.utils import translation

    area = CapabilityArea.objects.get(code="accreditation-equivalency")
    assert (area.name_en, area.name_fr, area.name_es, area.name_nl) == (
        "Accreditation and equivalency",
        "Accréditation et équivalence",
        "Acreditación y equivalencia",
        "Accreditatie en gelijkwaardigheid",
    )
    assert area.level_1_fr == "Organisme national d'accréditation nommé, mais sans procédures."
    with translation.override("fr"):
        assert CapabilityArea.objects.get(code="labour-inspection").name == "Inspection du travail"
        assert Language.objects.get(code="fr").name == "français"
    with translation.override("es"):
        assert CapabilityArea.objects.get(code="accreditation-equivalency").level_1 == (
            "Organismo nacional de acreditación nombrado, pero sin procedimientos."
        )
        # Labour inspection's level texts are not translated into Spanish: the English text stands in.
        assert CapabilityArea.objects.get(code="labour-inspection").level_0 == "No labour inspection."


def test_the_university_council_of_jamaica_works_in_french(demo):
    council = Institution.objects.get(name="University Council of Jamaica")
    assert list(council.staff_languages.values_list("code", flat=True)) == ["fr"]
    assert list(council.state.official_languages.values_list("code", flat=True)) == ["en"]


def test_a_french_reader_loading_the_demo_keeps_the_english_names(demo):
    from django.utils import translation

    with translation.override("fr"):
        demo_load()
    area = CapabilityArea.objects.get(code="accreditation-equivalency")
    assert (area.name_en, area.name_fr) == ("Accreditation and equivalency", "Accréditation et équivalence")
