"""Registry services: creating a person opens their history of posts; reassigning keeps it."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from community import models
from community.forms import PersonForm
from community.services import person_create, person_reassign
from community.tests.factories import InstitutionFactory, PersonFactory, PostHeldFactory


def valid_form(user, **data):
    form = PersonForm(data=data, user=user)
    assert form.is_valid(), form.errors
    return form


class TestPersonCreate:
    def test_it_saves_the_person_and_opens_their_history(self, registry):
        form = valid_form(
            registry.users["focal_bz"],
            full_name="Natalie Persaud",
            post="Senior Statistician",
            institution=registry.inst_bz_shared.pk,
            state=registry.bz.pk,
            visibility="shared",
            start_date="2024-10-01",
        )
        person = person_create(actor=registry.users["focal_bz"], **form.cleaned_data)
        assert person.pk and person.full_name == "Natalie Persaud"
        post = person.posts.get()
        assert (post.post, post.institution, post.start_date, post.end_date) == (
            "Senior Statistician",
            registry.inst_bz_shared,
            datetime.date(2024, 10, 1),
            None,
        )

    def test_without_a_start_date_the_post_starts_today_local_time(self, registry):
        form = valid_form(
            registry.users["officer"],
            full_name="Rohan Gordon",
            post="Adviser",
            state=registry.jm.pk,
            visibility="shared",
        )
        # 23:30 in Bridgetown on 28 February is already 1 March in UTC.
        with time_machine.travel(datetime.datetime(2025, 3, 1, 3, 30, tzinfo=datetime.UTC), tick=False):
            person = person_create(actor=registry.users["officer"], **form.cleaned_data)
        assert person.posts.get().start_date == datetime.date(2025, 2, 28)

    def test_without_a_post_there_is_no_history_yet(self, registry):
        form = valid_form(
            registry.users["focal_bz"],
            full_name="Carlene Joseph",
            state=registry.bz.pk,
            visibility="restricted",
        )
        person = person_create(actor=registry.users["focal_bz"], **form.cleaned_data)
        assert not person.posts.exists()

    def test_languages_and_areas_are_saved_too(self, registry):
        area = registry.records["capabilityarea"]["root"]
        english = registry.bz.official_languages.get()
        form = valid_form(
            registry.users["officer"],
            full_name="Felicia Ramdass",
            state=registry.bz.pk,
            visibility="shared",
            languages=[english.pk],
            expertise_areas=[area.pk],
            is_expert="on",
        )
        person = person_create(actor=registry.users["officer"], **form.cleaned_data)
        assert list(person.languages.all()) == [english]
        assert list(person.expertise_areas.all()) == [area]
        assert person.is_expert


class TestPersonReassign:
    """Officials move when governments change; their record and history stay."""

    @pytest.fixture
    def person(self, registry):
        return registry.person_bz_shared  # Director of Standards at the Bureau of Standards since 2020-09-01

    def test_it_closes_the_current_post_the_day_before_the_new_one(self, registry, person):
        result = person_reassign(
            person_id=person.pk,
            post="Permanent Secretary",
            institution=registry.inst_bz_restricted,
            start_date=datetime.date(2025, 2, 1),
            actor=registry.users["focal_bz"],
        )
        assert result.pk == person.pk
        person.refresh_from_db()
        assert (person.post, person.institution, person.state) == (
            "Permanent Secretary",
            registry.inst_bz_restricted,
            registry.bz,
        )
        current = person.posts.get(end_date__isnull=True)
        previous = person.posts.get(end_date__isnull=False)
        assert (current.post, current.institution, current.start_date) == (
            "Permanent Secretary",
            registry.inst_bz_restricted,
            datetime.date(2025, 2, 1),
        )
        assert (previous.post, previous.institution, previous.start_date, previous.end_date) == (
            "Director of Standards",
            registry.inst_bz_shared,
            datetime.date(2020, 9, 1),
            datetime.date(2025, 1, 31),
        )

    def test_successive_reassignments_keep_every_post(self, registry, person):
        officer = registry.users["officer"]
        for post, start in (
            ("Chief Executive", "2022-01-10"),
            ("Permanent Secretary", "2024-04-02"),
        ):
            person_reassign(
                person_id=person.pk,
                post=post,
                institution=registry.inst_bz_shared,
                start_date=datetime.date.fromisoformat(start),
                actor=officer,
            )
        history = [(p.post, p.start_date, p.end_date) for p in person.posts.order_by("start_date")]
        assert history == [
            ("Director of Standards", datetime.date(2020, 9, 1), datetime.date(2022, 1, 9)),
            ("Chief Executive", datetime.date(2022, 1, 10), datetime.date(2024, 4, 1)),
            ("Permanent Secretary", datetime.date(2024, 4, 2), None),
        ]

    def test_the_person_follows_their_institution_into_its_state(self, registry, person):
        person_reassign(
            person_id=person.pk,
            post="Adviser",
            institution=registry.inst_jm_shared,
            start_date=datetime.date(2025, 2, 1),
            actor=registry.users["officer"],
        )
        person.refresh_from_db()
        assert person.state == registry.jm

    def test_a_regional_post_keeps_the_persons_state(self, registry, person):
        regional = InstitutionFactory(name="Caribbean Regional Standards Organisation", state=None)
        person_reassign(
            person_id=person.pk,
            post="Technical Officer",
            institution=regional,
            start_date=datetime.date(2025, 2, 1),
            actor=registry.users["focal_bz"],
        )
        person.refresh_from_db()
        assert (person.institution, person.state) == (regional, registry.bz)

    def test_a_post_without_an_institution(self, registry, person):
        person_reassign(
            person_id=person.pk,
            post="Independent consultant",
            institution=None,
            start_date=datetime.date(2025, 2, 1),
            actor=registry.users["focal_bz"],
        )
        person.refresh_from_db()
        assert (person.post, person.institution, person.state) == (
            "Independent consultant",
            None,
            registry.bz,
        )

    def test_someone_without_a_current_post_simply_gets_one(self, registry):
        person = PersonFactory(full_name="Winston Greenidge", institution=registry.inst_bz_shared, current_post=None)
        PostHeldFactory(
            person=person,
            post="Clerk",
            start_date=datetime.date(2001, 1, 1),
            end_date=datetime.date(2009, 12, 31),
        )
        person_reassign(
            person_id=person.pk,
            post="Registrar",
            institution=registry.inst_bz_shared,
            start_date=datetime.date(2010, 1, 1),
            actor=registry.users["focal_bz"],
        )
        assert person.posts.count() == 2
        assert person.posts.get(end_date__isnull=True).post == "Registrar"

    @pytest.mark.parametrize("start", [datetime.date(2020, 9, 1), datetime.date(2019, 12, 31)])
    def test_it_refuses_a_start_on_or_before_the_current_post(self, registry, person, start):
        with pytest.raises(ValidationError) as error:
            person_reassign(
                person_id=person.pk,
                post="Minister",
                institution=None,
                start_date=start,
                actor=registry.users["focal_bz"],
            )
        assert "start_date" in error.value.message_dict
        assert "2020-09-01" in error.value.message_dict["start_date"][0]
        self.assert_unchanged(registry, person)

    @pytest.mark.parametrize("role", ["focal_jm", "host_jm", "expert", "partner"])
    def test_it_refuses_actors_who_may_not_change_the_person(self, registry, person, role):
        with pytest.raises(PermissionDenied):
            person_reassign(
                person_id=person.pk,
                post="Minister",
                institution=None,
                start_date=datetime.date(2025, 2, 1),
                actor=registry.users[role],
            )
        self.assert_unchanged(registry, person)

    def test_it_refuses_to_move_someone_out_of_the_actors_reach(self, registry, person):
        """A Belize focal point cannot turn a Belizean official into a Jamaican one."""
        with pytest.raises(ValidationError) as error:
            person_reassign(
                person_id=person.pk,
                post="Adviser",
                institution=registry.inst_jm_shared,
                start_date=datetime.date(2025, 2, 1),
                actor=registry.users["focal_bz"],
            )
        assert list(error.value.message_dict) == ["institution"]
        self.assert_unchanged(registry, person)

    def test_a_host_coordinator_reassigns_within_their_institution(self, registry):
        person = registry.person_jm_host
        person_reassign(
            person_id=person.pk,
            post="Commissioner",
            institution=registry.inst_jm_host,
            start_date=datetime.date(2025, 2, 1),
            actor=registry.users["host_jm"],
        )
        person.refresh_from_db()
        assert person.post == "Commissioner" and person.posts.count() == 2

    def test_an_expert_records_their_own_new_post(self, registry):
        person = registry.person_expert
        person_reassign(
            person_id=person.pk,
            post="Professor of Labour Law",
            institution=None,
            start_date=datetime.date(2025, 8, 1),
            actor=registry.users["expert"],
        )
        person.refresh_from_db()
        assert person.post == "Professor of Labour Law" and person.state == registry.tt

    def test_an_unknown_person(self, registry):
        with pytest.raises(models.Person.DoesNotExist):
            person_reassign(
                person_id=999999,
                post="Minister",
                institution=None,
                start_date=datetime.date(2025, 2, 1),
                actor=registry.users["admin"],
            )

    @staticmethod
    def assert_unchanged(registry, person):
        person.refresh_from_db()
        assert (person.post, person.institution, person.state) == (
            "Director of Standards",
            registry.inst_bz_shared,
            registry.bz,
        )
        post = person.posts.get()
        assert (post.post, post.end_date) == ("Director of Standards", None)
