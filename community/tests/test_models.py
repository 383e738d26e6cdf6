"""Registry models: labels, URLs, database constraints, the capability tree, deletion rules and the
users' roles."""

import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from accounts.choices import Role
from accounts.models import User
from accounts.tests.factories import UserFactory
from community import models
from community.tests.factories import (
    STATES,
    CapabilityAreaFactory,
    CommitteeMeetingFactory,
    InstitutionFactory,
    LanguageFactory,
    MemberStateFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    PersonFactory,
    PostHeldFactory,
)
from core.models import DatasetMarker

pytestmark = pytest.mark.django_db


def refused():
    """The database refuses the write (an IntegrityError inside its own savepoint)."""
    return pytest.raises(IntegrityError)


class TestFactories:
    @pytest.mark.parametrize(
        "factory",
        [
            LanguageFactory,
            MemberStateFactory,
            InstitutionFactory,
            CapabilityAreaFactory,
            PersonFactory,
            PostHeldFactory,
            CommitteeMeetingFactory,
            NetworkFactory,
            NetworkMembershipFactory,
            UserFactory,
        ],
    )
    def test_each_factory_makes_a_valid_record(self, factory):
        obj = factory()
        obj.full_clean()

    def test_default_states_are_real_caribbean_states_but_never_the_personas(self):
        states = MemberStateFactory.create_batch(17)
        for state in states:
            if state.iso_code in STATES:  # past the real ones, the sequence invents plausible islands
                assert (state.name, state.capital) == (
                    STATES[state.iso_code][0],
                    STATES[state.iso_code][2],
                )
        assert {"BZ", "JM", "TT"}.isdisjoint(s.iso_code for s in states)
        assert len({s.iso_code for s in states}) == 17

    def test_for_iso_gives_the_same_state_twice(self):
        assert MemberStateFactory.for_iso("BZ") == MemberStateFactory.for_iso("BZ")
        assert models.MemberState.objects.get(iso_code="BZ").name == "Belize"

    def test_a_person_starts_with_their_current_post_in_the_history(self):
        person = PersonFactory()
        post = person.posts.get()
        assert (post.post, post.institution, post.end_date) == (
            person.post,
            person.institution,
            None,
        )
        assert person.state == person.institution.state


class TestLabelsAndUrls:
    def test_member_state(self):
        state = MemberStateFactory.for_iso("JM")
        assert str(state) == "Jamaica"
        assert state.get_absolute_url() == f"/registry/states/{state.pk}/"

    def test_institution_shows_its_state_code_unless_regional(self):
        jamaica = MemberStateFactory.for_iso("JM")
        assert str(InstitutionFactory(name="Ministry of Labour", state=jamaica)) == "Ministry of Labour (JM)"
        regional = InstitutionFactory(name="Caribbean Court of Justice", state=None)
        assert str(regional) == "Caribbean Court of Justice"
        assert regional.get_absolute_url() == f"/registry/institutions/{regional.pk}/"

    def test_person_and_posts(self):
        person = PersonFactory(full_name="Courtney Grant")
        assert str(person) == "Courtney Grant"
        assert person.get_absolute_url() == f"/registry/people/{person.pk}/"
        past = PostHeldFactory(
            person=person,
            post="Statistician",
            start_date=datetime.date(2012, 1, 1),
            end_date=datetime.date(2015, 6, 30),
        )
        assert str(past) == "Statistician (2012–2015)"
        assert str(person.posts.get(end_date=None)) == person.post
        assert past.get_absolute_url() == person.get_absolute_url()

    def test_meeting(self):
        committee = InstitutionFactory(name="National Committee on Migration")
        meeting = CommitteeMeetingFactory(committee=committee, date=datetime.date(2025, 3, 4))
        assert str(meeting) == "National Committee on Migration, 4 March 2025"
        assert meeting.get_absolute_url() == f"/registry/meetings/{meeting.pk}/"

    def test_network_membership_area_language(self):
        membership = NetworkMembershipFactory(
            network=NetworkFactory(name="Regional Statistics Network"),
            person=PersonFactory(full_name="Anya Persaud"),
        )
        assert str(membership) == "Anya Persaud · Regional Statistics Network"
        assert (
            membership.get_absolute_url()
            == membership.network.get_absolute_url()
            == (f"/registry/networks/{membership.network.pk}/")
        )
        area = CapabilityAreaFactory(code="official-statistics", name="Official statistics")
        assert str(area) == "Official statistics"
        assert area.get_absolute_url() == f"/registry/areas/{area.pk}/"
        french = LanguageFactory(code="fr")
        assert str(french) == "French"
        assert french.get_absolute_url() == "/registry/states/?language=fr"

    def test_dataset_marker(self):
        assert str(DatasetMarker(is_demo=True)) == "demo"
        assert str(DatasetMarker(is_demo=False)) == "production"


class TestOrdering:
    def test_meetings_come_newest_first(self):
        committee = InstitutionFactory()
        older = CommitteeMeetingFactory(committee=committee, date=datetime.date(2024, 1, 1))
        newer = CommitteeMeetingFactory(committee=committee, date=datetime.date(2025, 1, 1))
        assert list(models.CommitteeMeeting.objects.all()) == [newer, older]

    def test_posts_come_newest_first_per_person(self):
        person = PersonFactory(current_post=None)
        first = PostHeldFactory(person=person, start_date=datetime.date(2010, 1, 1), end_date=datetime.date(2014, 1, 1))
        second = PostHeldFactory(person=person, start_date=datetime.date(2015, 1, 1))
        assert list(person.posts.all()) == [second, first]

    def test_people_and_states_by_name(self):
        names = ["Zelda Gordon", "Andre Baptiste", "Marcia St. Hill"]
        for name in names:
            PersonFactory(full_name=name)
        assert [p.full_name for p in models.Person.objects.all()] == sorted(names)


class TestConstraints:
    def test_state_codes_and_names_are_unique(self):
        MemberStateFactory.for_iso("BZ")
        with transaction.atomic(), refused():
            MemberStateFactory(iso_code="BZ", name="Another Belize")
        with transaction.atomic(), refused():
            MemberStateFactory(iso_code="QQ", name="Belize")

    @pytest.mark.parametrize(
        "field,value",
        [
            ("latitude", "90.5"),
            ("latitude", "-91"),
            ("longitude", "180.1"),
            ("longitude", "-180.5"),
        ],
    )
    def test_coordinates_must_be_on_the_globe(self, field, value):
        state = MemberStateFactory()
        setattr(state, field, Decimal(value))
        with pytest.raises(ValidationError):
            state.full_clean()
        with transaction.atomic(), refused():
            state.save()

    def test_coordinates_may_be_unknown(self):
        MemberStateFactory(latitude=None, longitude=None).full_clean()

    def test_institution_names_are_unique_within_a_state_only(self):
        belize, jamaica = MemberStateFactory.for_iso("BZ"), MemberStateFactory.for_iso("JM")
        InstitutionFactory(name="Ministry of Labour", state=belize)
        InstitutionFactory(name="Ministry of Labour", state=jamaica)
        with transaction.atomic(), refused():
            InstitutionFactory(name="Ministry of Labour", state=belize)

    def test_a_post_cannot_end_before_it_starts(self):
        with transaction.atomic(), refused():
            PostHeldFactory(start_date=datetime.date(2024, 5, 1), end_date=datetime.date(2024, 4, 30))
        PostHeldFactory(start_date=datetime.date(2024, 5, 1), end_date=datetime.date(2024, 5, 1))  # one day is fine

    def test_a_person_has_one_current_post_at_most(self):
        person = PersonFactory()  # already has a current post
        with transaction.atomic(), refused():
            PostHeldFactory(person=person, post="Second job", start_date=datetime.date(2024, 1, 1))
        PostHeldFactory(
            person=person,
            post="Earlier job",
            start_date=datetime.date(2001, 1, 1),
            end_date=datetime.date(2005, 1, 1),
        )
        assert person.posts.count() == 2

    def test_a_committee_meets_once_a_day(self):
        meeting = CommitteeMeetingFactory()
        with transaction.atomic(), refused():
            CommitteeMeetingFactory(committee=meeting.committee, date=meeting.date)
        CommitteeMeetingFactory(committee=meeting.committee, date=meeting.date + datetime.timedelta(days=1))

    def test_a_person_joins_a_network_once(self):
        membership = NetworkMembershipFactory()
        with transaction.atomic(), refused():
            NetworkMembershipFactory(network=membership.network, person=membership.person)

    def test_codes_of_areas_and_languages_and_network_names_are_unique(self):
        CapabilityAreaFactory(code="customs-reform")
        with transaction.atomic(), refused():
            CapabilityAreaFactory(code="customs-reform")
        NetworkFactory(name="Regional Statistics Network")
        with transaction.atomic(), refused():
            NetworkFactory(name="Regional Statistics Network")
        models.Language.objects.create(code="pap", name="Papiamento")
        with transaction.atomic(), refused():
            models.Language.objects.create(code="pap", name="Papiamentu")


class TestCapabilityTree:
    def test_paths_follow_the_tree(self):
        root = CapabilityAreaFactory(code="labour-migration")
        child = CapabilityAreaFactory(code="recruitment", parent=root)
        grandchild = CapabilityAreaFactory(code="fees", parent=child)
        assert (root.path, child.path, grandchild.path) == (
            "labour-migration",
            "labour-migration/recruitment",
            "labour-migration/recruitment/fees",
        )
        assert (root.depth, child.depth, grandchild.depth) == (0, 1, 2)

    def test_moving_a_branch_moves_its_descendants(self):
        root = CapabilityAreaFactory(code="labour-migration")
        other = CapabilityAreaFactory(code="statistics")
        child = CapabilityAreaFactory(code="recruitment", parent=root)
        grandchild = CapabilityAreaFactory(code="fees", parent=child)
        child.parent = other
        child.save()
        grandchild.refresh_from_db()
        assert grandchild.path == "statistics/recruitment/fees"

    def test_subtree_is_the_area_and_everything_below_it_only(self):
        root = CapabilityAreaFactory(code="labour")
        child = CapabilityAreaFactory(code="recruitment", parent=root)
        grandchild = CapabilityAreaFactory(code="fees", parent=child)
        lookalike = CapabilityAreaFactory(code="labourers")  # shares a prefix, not a branch
        assert set(root.subtree()) == {root, child, grandchild}
        assert set(child.subtree()) == {child, grandchild}
        assert lookalike not in root.subtree()

    def test_level_texts_are_numbered_0_to_4(self):
        area = CapabilityAreaFactory(level_0="Nothing", level_4="A model")
        texts = area.level_texts()
        assert [n for n, _ in texts] == [0, 1, 2, 3, 4]
        assert texts[0] == (0, "Nothing") and texts[4] == (4, "A model")

    def test_an_area_with_sub_areas_cannot_be_deleted(self):
        root = CapabilityAreaFactory()
        CapabilityAreaFactory(parent=root)
        with pytest.raises(ProtectedError):
            root.delete()


class TestDeletionRules:
    def test_a_state_in_use_cannot_be_deleted(self):
        institution = InstitutionFactory()
        with pytest.raises(ProtectedError):
            institution.state.delete()

    def test_an_institution_a_user_acts_for_cannot_be_deleted(self):
        institution = InstitutionFactory()
        UserFactory(role=Role.HOST_COORDINATOR, institution=institution)
        with pytest.raises(ProtectedError):
            institution.delete()

    def test_deleting_an_institution_keeps_its_people_and_their_history(self):
        person = PersonFactory()
        institution = person.institution
        CommitteeMeetingFactory(committee=institution)
        unit = InstitutionFactory(parent=institution, state=institution.state)
        institution.delete()
        person.refresh_from_db()
        unit.refresh_from_db()
        assert person.institution is None and person.posts.get().institution is None
        assert unit.parent is None
        assert not models.CommitteeMeeting.objects.exists()  # meetings go with their committee

    def test_deleting_a_person_removes_their_posts_and_memberships_but_not_their_user(self):
        membership = NetworkMembershipFactory()
        person = membership.person
        user = UserFactory(role=Role.EXPERT, person=person)
        person.delete()
        user.refresh_from_db()
        assert user.person is None
        assert not models.PostHeld.objects.exists() and not models.NetworkMembership.objects.exists()


class TestChangeHistory:
    @pytest.mark.parametrize(
        "factory",
        [
            MemberStateFactory,
            InstitutionFactory,
            CapabilityAreaFactory,
            PersonFactory,
            CommitteeMeetingFactory,
            NetworkFactory,
            NetworkMembershipFactory,
        ],
    )
    def test_every_registry_model_is_logged(self, factory):
        obj = factory()
        assert LogEntry.objects.get_for_object(obj).filter(action=LogEntry.Action.CREATE).exists()

    def test_changes_to_languages_are_logged(self):
        state = MemberStateFactory(official_languages=[])
        state.official_languages.add(LanguageFactory(code="nl"))
        entry = LogEntry.objects.get_for_object(state).latest("timestamp")
        assert "official_languages" in entry.changes_dict


class TestUsers:
    def test_a_focal_point_acts_for_a_state(self):
        user = UserFactory.build(role=Role.FOCAL_POINT, member_state=None)
        with pytest.raises(ValidationError) as error:
            user.full_clean()
        assert "member_state" in error.value.message_dict
        with transaction.atomic(), refused():
            user.save()

    def test_a_host_coordinator_acts_for_an_institution(self):
        user = UserFactory.build(role=Role.HOST_COORDINATOR, institution=None)
        with pytest.raises(ValidationError) as error:
            user.full_clean()
        assert "institution" in error.value.message_dict
        with transaction.atomic(), refused():
            user.save()

    def test_addresses_are_unique_whatever_their_case(self):
        UserFactory(email="andre.campbell@mfaft.gov.jm")
        with transaction.atomic(), refused():
            User.objects.create_user("Andre.Campbell@MFAFT.gov.jm", "x")

    def test_an_address_is_required(self):
        with pytest.raises(ValueError):
            User.objects.create_user("", "x")

    def test_a_superuser_is_a_secretariat_administrator(self):
        root = User.objects.create_superuser("root@secretariat.example", "x")
        assert (root.role, root.is_staff, root.is_superuser, root.is_secretariat) == (
            Role.ADMIN,
            True,
            True,
            True,
        )

    @pytest.mark.parametrize(
        "role,secretariat",
        [
            (Role.ADMIN, True),
            (Role.OFFICER, True),
            (Role.FOCAL_POINT, False),
            (Role.HOST_COORDINATOR, False),
            (Role.EXPERT, False),
            (Role.PARTNER, False),
        ],
    )
    def test_secretariat_roles(self, role, secretariat):
        assert UserFactory.build(role=role).is_secretariat is secretariat

    def test_home_state(self):
        jamaica = MemberStateFactory.for_iso("JM")
        institution = InstitutionFactory(state=jamaica)
        assert UserFactory(role=Role.FOCAL_POINT, member_state=jamaica).home_state_id == jamaica.pk
        assert UserFactory(role=Role.HOST_COORDINATOR, institution=institution).home_state_id == jamaica.pk
        # A partner's institution gives no right to read a state's restricted records.
        assert UserFactory(role=Role.PARTNER, institution=institution).home_state_id is None
        assert UserFactory(role=Role.EXPERT, person=PersonFactory(state=jamaica)).home_state_id is None

    def test_label_is_the_name_or_else_the_address(self):
        assert str(UserFactory.build(full_name="Tanisha Brown")) == "Tanisha Brown"
        assert str(UserFactory.build(full_name="", email="t.brown@jca.gov.jm")) == "t.brown@jca.gov.jm"
