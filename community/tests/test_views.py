"""The registry pages: the access matrix, bad input, history, htmx and language."""

import datetime
import re
from contextlib import contextmanager

import pytest
from auditlog.models import LogEntry
from django import forms as django_forms
from django.db import transaction
from django.urls import reverse

from community import forms, models
from community.tests.factories import InstitutionFactory, NetworkMembershipFactory, PersonFactory
from tests.access.matrix import (
    CAN_ADD,
    MODELS,
    PROTECTED,
    RECORDS,
    ROLES,
    VISIBLE,
    access,
    model_role_cases,
)

MODEL_CLASSES = {
    "memberstate": models.MemberState,
    "institution": models.Institution,
    "person": models.Person,
    "committeemeeting": models.CommitteeMeeting,
    "network": models.Network,
    "capabilityarea": models.CapabilityArea,
}
FORMS = {
    "memberstate": forms.MemberStateForm,
    "institution": forms.InstitutionForm,
    "person": forms.PersonForm,
    "committeemeeting": forms.CommitteeMeetingForm,
    "network": forms.NetworkForm,
    "capabilityarea": forms.CapabilityAreaForm,
}
# The text field each edit test changes.
EDITED_FIELD = {
    "memberstate": "capital",
    "institution": "description",
    "person": "phone",
    "committeemeeting": "agenda",
    "network": "description",
    "capabilityarea": "description",
}


def url(model, action, pk=None):
    return reverse(f"community:{model}_{action}", args=[pk] if pk is not None else [])


def label(obj):
    """The text a list page shows for a record, unique within the registry."""
    if isinstance(obj, models.Person):
        return obj.full_name
    if isinstance(obj, models.CommitteeMeeting):
        return obj.place
    return obj.name


@contextmanager
def rolled_back():
    """Run a request whose writes must not leak into the next loop iteration."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def form_data(form):
    """What a browser would post back for an unbound form: its initial values, as strings."""
    data = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = form[name].value()
        if isinstance(field, django_forms.BooleanField):
            if value:
                data[name] = "on"
        elif value is None:
            data[name] = ""
        elif isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        else:
            data[name] = str(value)
    return data


def edit_data(registry, model, obj, **changes):
    """Post data that leaves `obj` valid, with `changes` applied."""
    form = FORMS[model](instance=obj, user=registry.users["admin"])
    return {**form_data(form), **changes}


def create_data(registry, model, role):
    """Valid data for a new record that this role (if it may add at all) may save."""
    home = {"focal_bz": registry.bz, "focal_jm": registry.jm, "host_jm": registry.jm}.get(role, registry.jm)
    institution = {"focal_bz": registry.inst_bz_shared, "host_jm": registry.inst_jm_host}.get(
        role, registry.inst_jm_shared
    )
    return {
        "memberstate": {
            "name": "Bermuda",
            "iso_code": "bm",
            "membership": "associate",
            "capital": "Hamilton",
            "latitude": "32.29300",
            "longitude": "-64.78200",
            "population": "64055",
        },
        "institution": {
            "name": "National Qualifications Agency",
            "acronym": "NQA",
            "kind": "agency",
            "state": home.pk,
            "visibility": "restricted",
        },
        "person": {
            "honorific": "Ms",
            "full_name": "Natalie Persaud",
            "post": "Senior Statistician",
            "institution": institution.pk,
            "state": home.pk,
            "visibility": "shared",
            "start_date": "2025-01-06",
        },
        "committeemeeting": {
            "committee": institution.pk,
            "date": "2025-09-09",
            "place": "Second-floor boardroom",
            "agenda": "Work plan",
            "visibility": "shared",
        },
        "network": {
            "name": "Caribbean Procurement Network",
            "description": "Procurement officers.",
        },
        "capabilityarea": {
            "code": "procurement-reform",
            "name": "Procurement reform",
            "level_0": "None",
        },
    }[model]


CREATED = {  # how to find the record create_data() makes
    "memberstate": {"iso_code": "BM"},
    "institution": {"name": "National Qualifications Agency"},
    "person": {"full_name": "Natalie Persaud"},
    "committeemeeting": {"place": "Second-floor boardroom"},
    "network": {"name": "Caribbean Procurement Network"},
    "capabilityarea": {"code": "procurement-reform"},
}


def errors_of(response):
    return response.context["form"].errors


# --- signed-out visitors --------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS)
def test_every_page_sends_a_signed_out_visitor_to_sign_in(registry, client, model):
    obj = next(iter(registry.records[model].values()))
    for path in (
        url(model, "list"),
        url(model, "add"),
        url(model, "detail", obj.pk),
        url(model, "edit", obj.pk),
        url(model, "delete", obj.pk),
    ):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url.startswith(reverse("accounts:login")) and "next=" in response.url, path
    count = MODEL_CLASSES[model].objects.count()
    client.post(url(model, "add"), create_data(registry, model, "admin"))
    client.post(url(model, "delete", obj.pk))
    assert MODEL_CLASSES[model].objects.count() == count


# --- the access matrix through the pages -------------------------------------------------------


@pytest.mark.parametrize("role,model", model_role_cases())
def test_list_page_shows_exactly_the_records_the_role_may_see(registry, client_for, role, model):
    response = client_for(registry.users[role]).get(url(model, "list"))
    assert response.status_code == 200
    by_pk = {obj.pk: key for key, obj in registry.records[model].items()}
    listed = {by_pk[obj.pk] for obj in response.context["page_obj"].paginator.object_list}
    assert listed == VISIBLE[model][role]
    html = response.content.decode()
    for key, obj in registry.records[model].items():
        assert (label(obj) in html) is (key in VISIBLE[model][role]), key
    assert response.context["can_add"] is (role in CAN_ADD[model])
    assert (url(model, "add") in html) is (role in CAN_ADD[model])


@pytest.mark.parametrize("role,model", model_role_cases())
def test_detail_page_is_404_for_what_the_role_may_not_see(registry, client_for, role, model):
    client = client_for(registry.users[role])
    for key, obj in registry.records[model].items():
        expected = access(model, role, key)
        response = client.get(url(model, "detail", obj.pk))
        assert response.status_code == (404 if expected == "hidden" else 200), key
        if expected != "hidden":
            assert response.context["can_change"] is (expected == "edit"), key
            # The edit and delete buttons are offered only to those who may use them.
            assert (url(model, "edit", obj.pk) in response.content.decode()) is (expected == "edit"), key


@pytest.mark.parametrize("role,model", model_role_cases())
def test_add_page_is_forbidden_to_roles_that_may_not_add(registry, client_for, role, model):
    client = client_for(registry.users[role])
    allowed = role in CAN_ADD[model]
    response = client.get(url(model, "add"))
    assert response.status_code == (200 if allowed else 403)
    response = client.post(url(model, "add"), create_data(registry, model, role))
    created = MODEL_CLASSES[model].objects.filter(**CREATED[model])
    if allowed:
        assert response.status_code == 302, getattr(response, "context", None) and errors_of(response)
        assert created.count() == 1
        assert response.url == created.get().get_absolute_url()
        assert created.get().can_change(registry.users[role])
    else:
        assert response.status_code == 403
        assert not created.exists()


@pytest.mark.parametrize("role,model", model_role_cases())
def test_edit_page_saves_only_what_the_role_may_change(registry, client_for, role, model):
    client = client_for(registry.users[role])
    field = EDITED_FIELD[model]
    for key, obj in registry.records[model].items():
        expected = access(model, role, key)
        before = getattr(obj, field)
        response = client.get(url(model, "edit", obj.pk))
        assert response.status_code == {"edit": 200, "view": 403, "hidden": 404}[expected], key
        with rolled_back():
            response = client.post(url(model, "edit", obj.pk), edit_data(registry, model, obj, **{field: "Changed"}))
            obj.refresh_from_db()
            if expected == "edit":
                assert response.status_code == 302, (key, response.context and errors_of(response))
                assert response.url == obj.get_absolute_url()
                assert getattr(obj, field) == "Changed", key
            else:
                assert response.status_code == (403 if expected == "view" else 404), key
                assert getattr(obj, field) == before, key


@pytest.mark.parametrize("role,model", model_role_cases())
def test_delete_page_deletes_only_what_the_role_may_change(registry, client_for, role, model):
    client = client_for(registry.users[role])
    cls = MODEL_CLASSES[model]
    for key, obj in registry.records[model].items():
        expected = access(model, role, key)
        response = client.get(url(model, "delete", obj.pk))
        assert response.status_code == {"edit": 200, "view": 403, "hidden": 404}[expected], key
        with rolled_back():
            response = client.post(url(model, "delete", obj.pk))
            exists = cls.objects.filter(pk=obj.pk).exists()
            if expected == "edit" and key in PROTECTED.get(model, ()):
                assert response.status_code == 302 and response.url == obj.get_absolute_url(), key
                assert exists, key
                assert "still in use" in client.get(obj.get_absolute_url()).content.decode(), key
            elif expected == "edit":
                assert response.status_code == 302 and response.url == url(model, "list"), key
                assert not exists, key
            else:
                assert response.status_code == (403 if expected == "view" else 404), key
                assert exists, key


# --- the cross-state case, spelled out ------------------------------------------------------------


class TestBelizeFocalPointAndJamaicanRecords:
    """The Belize focal point never reaches Jamaica's restricted records, whatever the route."""

    @pytest.fixture
    def client(self, registry, client_for):
        return client_for(registry.users["focal_bz"])

    @pytest.mark.parametrize(
        "model,hidden,shared",
        [
            ("institution", "inst_jm_restricted", "inst_jm_shared"),
            ("person", "person_jm_restricted", "person_jm_shared"),
            ("committeemeeting", "meeting_jm_restricted", "meeting_jm_shared"),
        ],
    )
    def test_restricted_record_is_absent_from_list_search_and_detail(self, registry, client, model, hidden, shared):
        hidden, shared = getattr(registry, hidden), getattr(registry, shared)
        assert label(hidden) not in client.get(url(model, "list")).content.decode()
        for query in (label(hidden), label(hidden).split()[-1], "Jamaica", "Kingston"):
            response = client.get(url(model, "list"), {"q": query})
            assert response.status_code == 200
            assert hidden not in response.context["page_obj"].paginator.object_list, query
            results = response.content.decode().split('id="results"', 1)[1]  # the search box echoes the query
            assert label(hidden) not in results, query
        assert client.get(url(model, "detail", hidden.pk)).status_code == 404
        assert client.get(url(model, "edit", hidden.pk)).status_code == 404
        assert client.get(url(model, "delete", hidden.pk)).status_code == 404
        # A shared record of the other state can be read but not changed.
        assert client.get(url(model, "detail", shared.pk)).status_code == 200
        assert client.get(url(model, "edit", shared.pk)).status_code == 403
        assert client.post(url(model, "delete", shared.pk)).status_code == 403
        assert type(shared).objects.filter(pk=shared.pk).exists()

    def test_search_finds_shared_jamaican_records(self, registry, client):
        response = client.get(url("institution", "list"), {"q": "Statistical"})
        assert list(response.context["page_obj"].paginator.object_list) == [registry.inst_jm_shared]

    def test_filtering_by_jamaica_lists_only_shared_jamaican_institutions(self, registry, client):
        response = client.get(url("institution", "list"), {"state": registry.jm.pk})
        assert set(response.context["page_obj"].paginator.object_list) == {registry.inst_jm_shared}

    def test_cannot_create_an_institution_for_jamaica(self, registry, client):
        data = {
            "name": "Jamaica Trade Board",
            "kind": "agency",
            "state": registry.jm.pk,
            "visibility": "shared",
        }
        response = client.post(url("institution", "add"), data)
        assert response.status_code == 200
        assert "state" in errors_of(response)
        assert "Select a valid choice" in response.content.decode()
        assert not models.Institution.objects.filter(name="Jamaica Trade Board").exists()

    def test_cannot_move_a_belizean_institution_to_jamaica(self, registry, client):
        institution = registry.inst_bz_shared
        response = client.post(
            url("institution", "edit", institution.pk),
            edit_data(registry, "institution", institution, state=registry.jm.pk),
        )
        assert response.status_code == 200 and "state" in errors_of(response)
        institution.refresh_from_db()
        assert institution.state == registry.bz

    def test_cannot_hang_a_meeting_on_a_jamaican_committee(self, registry, client):
        for committee in (registry.inst_jm_shared, registry.inst_jm_restricted):
            data = {"committee": committee.pk, "date": "2025-10-01", "visibility": "restricted"}
            response = client.post(url("committeemeeting", "add"), data)
            assert response.status_code == 200 and "committee" in errors_of(response)
        assert not models.CommitteeMeeting.objects.filter(date=datetime.date(2025, 10, 1)).exists()

    def test_cannot_add_a_person_at_a_jamaican_institution(self, registry, client):
        data = {
            "full_name": "Kwame Joseph",
            "post": "Analyst",
            "institution": registry.inst_jm_shared.pk,
            "state": registry.bz.pk,
            "visibility": "shared",
        }
        response = client.post(url("person", "add"), data)
        assert response.status_code == 200
        assert "This institution belongs to another member state." in errors_of(response)["institution"]
        data["institution"] = registry.inst_jm_restricted.pk
        response = client.post(url("person", "add"), data)
        assert "Select a valid choice" in str(errors_of(response)["institution"])
        assert not models.Person.objects.filter(full_name="Kwame Joseph").exists()

    def test_restricted_jamaican_records_do_not_leak_through_shared_pages(self, registry, client):
        """Pages of shared records list related records through the same scoping."""
        colleague = PersonFactory(full_name="Yvonne Ramdass", institution=registry.inst_jm_shared, restricted=True)
        html = client.get(url("memberstate", "detail", registry.jm.pk)).content.decode()
        assert registry.inst_jm_shared.name in html
        assert registry.inst_jm_restricted.name not in html and registry.inst_jm_host.name not in html
        html = client.get(url("institution", "detail", registry.inst_jm_shared.pk)).content.decode()
        assert registry.person_jm_shared.full_name in html
        assert colleague.full_name not in html
        assert registry.meeting_jm_shared.date.strftime("%Y") in html
        assert registry.meeting_jm_restricted.place not in html
        network = registry.records["network"]["labour"]
        html = client.get(url("network", "detail", network.pk)).content.decode()
        assert registry.person_jm_shared.full_name in html
        assert registry.person_jm_restricted.full_name not in html

    def test_the_person_filter_offers_only_visible_institutions(self, registry, client):
        response = client.get(url("person", "list"))
        choices = set(response.context["filterset"].form.fields["institution"].queryset)
        assert registry.inst_jm_shared in choices
        assert registry.inst_jm_restricted not in choices
        response = client.get(url("person", "list"), {"institution": registry.inst_jm_restricted.pk})
        assert registry.person_jm_restricted not in response.context["page_obj"].paginator.object_list

    def test_network_member_counts_count_only_visible_people(self, registry, client_for):
        network = registry.records["network"]["labour"]
        for role, expected in (("focal_bz", 1), ("officer", 2)):
            response = client_for(registry.users[role]).get(url("network", "list"))
            counts = {n.pk: n.member_count for n in response.context["page_obj"].paginator.object_list}
            assert counts[network.pk] == expected, role


def test_home_page_counts_only_visible_records(registry, client_for):
    response = client_for(registry.users["focal_bz"]).get(reverse("core:home"))
    counts = {str(counter.label): counter.count for counter in response.context["counters"]}
    assert counts["Institutions"] == len(VISIBLE["institution"]["focal_bz"])
    assert counts["People"] == len(VISIBLE["person"]["focal_bz"])


def test_home_page_stops_counting_people_past_the_cap_and_says_so(registry, client_for, monkeypatch):
    from community import register
    from core import paging

    cap = len(VISIBLE["person"]["officer"]) - 1
    monkeypatch.setattr(paging, "COUNT_CAP", cap)
    monkeypatch.setattr(register, "COUNT_CAP", cap)
    response = client_for(registry.users["officer"]).get(reverse("core:home"))
    people = next(counter for counter in response.context["counters"] if str(counter.label) == "People")
    assert (people.count, people.capped) == (cap, True)
    assert f">{cap}+</div>" in response.content.decode()


# --- owners who may add only within what they own -------------------------------------------------


def test_host_coordinator_may_add_people_only_at_their_own_institution(registry, client_for):
    client = client_for(registry.users["host_jm"])
    data = create_data(registry, "person", "host_jm")
    data["institution"] = registry.inst_jm_shared.pk  # visible to them, but not theirs
    response = client.post(url("person", "add"), data)
    assert response.status_code == 200
    assert "You may not save a record outside your own state or institution." in response.content.decode()
    assert not models.Person.objects.filter(full_name="Natalie Persaud").exists()
    assert not models.PostHeld.objects.filter(post="Senior Statistician").exists()
    # The page is still the add form, not the edit form of a record that was rolled back.
    assert response.context["object"].pk is None


def test_expert_edits_their_own_profile_without_changing_its_state(registry, client_for):
    person = registry.person_expert
    client = client_for(registry.users["expert"])
    data = edit_data(registry, "person", person, expertise="ILO conventions; CSME free movement.")
    data["state"] = registry.bz.pk  # the field is not theirs to change
    response = client.post(url("person", "edit", person.pk), data)
    assert response.status_code == 302, response.context and errors_of(response)
    person.refresh_from_db()
    assert person.expertise == "ILO conventions; CSME free movement."
    assert person.state == registry.tt


def test_focal_point_cannot_make_a_person_of_another_state(registry, client_for):
    person = registry.person_bz_shared
    response = client_for(registry.users["focal_bz"]).post(
        url("person", "edit", person.pk),
        edit_data(registry, "person", person, state=registry.jm.pk),
    )
    assert response.status_code == 200 and "state" in errors_of(response)
    person.refresh_from_db()
    assert person.state == registry.bz


def test_editing_a_person_does_not_change_their_post(registry, client_for):
    """After creation the post changes only by reassignment, which keeps the history."""
    person = registry.person_bz_shared
    data = edit_data(
        registry,
        "person",
        person,
        post="Permanent Secretary",
        institution=registry.inst_bz_restricted.pk,
    )
    response = client_for(registry.users["focal_bz"]).post(url("person", "edit", person.pk), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.post, person.institution) == ("Director of Standards", registry.inst_bz_shared)


def test_creating_a_person_opens_their_history_of_posts(registry, client_for):
    response = client_for(registry.users["focal_bz"]).post(
        url("person", "add"), create_data(registry, "person", "focal_bz")
    )
    assert response.status_code == 302
    person = models.Person.objects.get(full_name="Natalie Persaud")
    post = person.posts.get()
    assert (post.post, post.institution, post.start_date, post.end_date) == (
        "Senior Statistician",
        registry.inst_bz_shared,
        datetime.date(2025, 1, 6),
        None,
    )


def test_deleting_a_state_still_in_use_is_refused_with_a_message(registry, client_for):
    client = client_for(registry.users["admin"])
    response = client.post(url("memberstate", "delete", registry.bz.pk), follow=True)
    assert response.status_code == 200
    assert "Belize is still in use and cannot be deleted." in response.content.decode()
    assert models.MemberState.objects.filter(pk=registry.bz.pk).exists()


# --- bad input: field errors, a 200 re-render, nothing saved --------------------------------------


BAD_INPUT = [
    # model, role, data, field with the error, text shown
    ("memberstate", "admin", {}, "name", "This field is required."),
    ("memberstate", "admin", {}, "iso_code", "This field is required."),
    ("memberstate", "admin", {}, "membership", "This field is required."),
    (
        "memberstate",
        "admin",
        {"name": "Aruba", "iso_code": "A1", "membership": "full"},
        "iso_code",
        "Enter the two-letter ISO 3166 code, e.g. BZ.",
    ),
    (
        "memberstate",
        "admin",
        {"name": "Aruba", "iso_code": "AW", "membership": "planet"},
        "membership",
        "Select a valid choice.",
    ),
    (
        "memberstate",
        "admin",
        {"name": "Aruba", "iso_code": "AW", "membership": "full", "population": "-3"},
        "population",
        "Ensure this value is greater than or equal to 0.",
    ),
    (
        "memberstate",
        "admin",
        {"name": "Aruba", "iso_code": "AW", "membership": "full", "latitude": "95"},
        "latitude",
        "90",
    ),
    (
        "memberstate",
        "admin",
        {"name": "Aruba", "iso_code": "AW", "membership": "full", "longitude": "-181"},
        "longitude",
        "180",
    ),
    (
        "memberstate",
        "admin",
        {"name": "Aruba", "iso_code": "AW", "membership": "full", "latitude": "north"},
        "latitude",
        "Enter a number.",
    ),
    (
        "memberstate",
        "admin",
        {"name": "Belize", "iso_code": "QZ", "membership": "full"},
        "name",
        "already exists",
    ),
    (
        "memberstate",
        "admin",
        {"name": "Aruba", "iso_code": "bz", "membership": "full"},
        "iso_code",
        "already exists",
    ),
    ("institution", "focal_bz", {}, "name", "This field is required."),
    ("institution", "focal_bz", {}, "kind", "This field is required."),
    ("institution", "focal_bz", {}, "state", "This field is required."),
    (
        "institution",
        "focal_bz",
        {"name": "X", "kind": "planet", "visibility": "shared"},
        "kind",
        "Select a valid choice.",
    ),
    (
        "institution",
        "focal_bz",
        {"name": "X", "kind": "agency", "visibility": "everyone"},
        "visibility",
        "Select a valid choice.",
    ),
    (
        "institution",
        "focal_bz",
        {"name": "X", "kind": "agency", "website": "not a url"},
        "website",
        "Enter a valid URL.",
    ),
    (
        "institution",
        "focal_bz",
        {"name": "X", "kind": "agency", "email": "info@"},
        "email",
        "Enter a valid email address.",
    ),
    ("person", "focal_bz", {}, "full_name", "This field is required."),
    ("person", "focal_bz", {}, "state", "This field is required."),
    (
        "person",
        "focal_bz",
        {"full_name": "X", "email": "x@"},
        "email",
        "Enter a valid email address.",
    ),
    (
        "person",
        "focal_bz",
        {"full_name": "X", "start_date": "31/02/2025"},
        "start_date",
        "Enter a valid date.",
    ),
    (
        "person",
        "focal_bz",
        {"full_name": "X", "languages": ["999999"]},
        "languages",
        "Select a valid choice.",
    ),
    ("committeemeeting", "focal_bz", {}, "committee", "This field is required."),
    ("committeemeeting", "focal_bz", {}, "date", "This field is required."),
    ("committeemeeting", "focal_bz", {"date": "soon"}, "date", "Enter a valid date."),
    ("network", "officer", {}, "name", "This field is required."),
    ("network", "officer", {"name": "Regional Labour Migration Network"}, "name", "already exists"),
    (
        "network",
        "officer",
        {"name": "X", "established": "2019-13-01"},
        "established",
        "Enter a valid date.",
    ),
    ("capabilityarea", "admin", {}, "code", "This field is required."),
    ("capabilityarea", "admin", {}, "name", "This field is required."),
    ("capabilityarea", "admin", {"code": "bad code!", "name": "X"}, "code", "valid “slug”"),
    (
        "capabilityarea",
        "admin",
        {"code": "labour-migration", "name": "X"},
        "code",
        "already exists",
    ),
]


@pytest.mark.parametrize("model,role,data,field,text", BAD_INPUT)
def test_bad_input_re_renders_the_form_with_the_error_and_saves_nothing(
    registry, client_for, model, role, data, field, text
):
    cls = MODEL_CLASSES[model]
    count, logged = cls.objects.count(), LogEntry.objects.count()
    response = client_for(registry.users[role]).post(url(model, "add"), data)
    assert response.status_code == 200
    assert field in errors_of(response), errors_of(response)
    assert text in " ".join(errors_of(response)[field])
    html = response.content.decode()
    assert "Please correct the errors below." in html
    assert "is-invalid" in html
    assert cls.objects.count() == count
    assert LogEntry.objects.count() == logged


@pytest.mark.parametrize(
    "model,role,data,text",
    [
        (
            "institution",
            "focal_bz",
            {"name": "Belize Bureau of Standards", "kind": "agency", "visibility": "shared"},
            "already exists",
        ),
        (
            "committeemeeting",
            "focal_bz",
            {"date": "2025-03-04", "visibility": "shared"},
            "already exists",
        ),
    ],
)
def test_duplicates_are_refused_with_a_message_not_a_crash(registry, client_for, model, role, data, text):
    data = {**data, "state": registry.bz.pk, "committee": registry.inst_bz_shared.pk}
    cls = MODEL_CLASSES[model]
    count = cls.objects.count()
    response = client_for(registry.users[role]).post(url(model, "add"), data)
    assert response.status_code == 200
    assert text in response.content.decode()
    assert cls.objects.count() == count


def test_an_institution_cannot_be_its_own_parent(registry, client_for):
    institution = registry.inst_bz_shared
    response = client_for(registry.users["focal_bz"]).post(
        url("institution", "edit", institution.pk),
        edit_data(registry, "institution", institution, parent=institution.pk),
    )
    assert response.status_code == 200
    assert "An institution cannot be its own parent." in errors_of(response)["parent"]
    institution.refresh_from_db()
    assert institution.parent is None


def test_a_capability_area_cannot_sit_under_its_own_sub_area(registry, client_for):
    root, child = (
        registry.records["capabilityarea"]["root"],
        registry.records["capabilityarea"]["child"],
    )
    response = client_for(registry.users["admin"]).post(
        url("capabilityarea", "edit", root.pk),
        edit_data(registry, "capabilityarea", root, parent=child.pk),
    )
    assert response.status_code == 200
    assert "parent" in errors_of(response)
    root.refresh_from_db()
    assert root.parent is None and root.path == "labour-migration"


# --- change history -------------------------------------------------------------------------------


def history_section(html):
    start = html.index("Change history")
    return html[start : html.index("</section>", start)]


def test_page_edits_are_recorded_with_the_actor_and_shown_on_the_detail_page(registry, client_for):
    focal_bz = registry.users["focal_bz"]
    client = client_for(focal_bz)
    response = client.post(url("institution", "add"), create_data(registry, "institution", "focal_bz"))
    assert response.status_code == 302
    institution = models.Institution.objects.get(name="National Qualifications Agency")

    created = LogEntry.objects.get_for_object(institution).get()
    assert created.action == LogEntry.Action.CREATE
    assert created.actor == focal_bz
    assert {"name", "kind", "state", "visibility"} <= set(created.changes_dict)

    response = client.post(
        url("institution", "edit", institution.pk),
        edit_data(
            registry,
            "institution",
            institution,
            description="Awards national vocational qualifications.",
        ),
    )
    assert response.status_code == 302
    updated = LogEntry.objects.get_for_object(institution).filter(action=LogEntry.Action.UPDATE).get()
    assert updated.actor == focal_bz
    assert set(updated.changes_dict) == {"description"}
    assert updated.changes_dict["description"][1] == "Awards national vocational qualifications."

    # Another user (whose own name is in the navigation bar) sees who made the changes.
    html = client_for(registry.users["officer"]).get(institution.get_absolute_url()).content.decode()
    section = history_section(html)
    assert section.count("Elena Castillo") == 2
    assert "Awards national vocational qualifications." in section


def test_refused_edits_leave_no_history(registry, client_for):
    institution = registry.inst_jm_shared
    before = LogEntry.objects.get_for_object(institution).count()
    client_for(registry.users["focal_bz"]).post(
        url("institution", "edit", institution.pk),
        edit_data(registry, "institution", institution, description="x"),
    )
    assert LogEntry.objects.get_for_object(institution).count() == before


# --- reassignment keeps the history of posts ------------------------------------------------------


class TestReassignPage:
    @pytest.fixture
    def person(self, registry):
        return registry.person_bz_shared  # current post: Director of Standards since 2020-09-01

    def reassign(self, client, person, **data):
        return client.post(reverse("community:person_reassign", args=[person.pk]), data)

    def test_reassignment_closes_the_current_post_and_keeps_it(self, registry, client_for, person):
        client = client_for(registry.users["focal_bz"])
        response = self.reassign(
            client,
            person,
            post="Permanent Secretary",
            institution=registry.inst_bz_restricted.pk,
            start_date="2025-02-01",
        )
        assert response.status_code == 302 and response.url == person.get_absolute_url()
        person.refresh_from_db()
        assert (person.post, person.institution, person.state) == (
            "Permanent Secretary",
            registry.inst_bz_restricted,
            registry.bz,
        )
        old, new = sorted(person.posts.all(), key=lambda p: p.start_date)
        assert (old.post, old.institution, old.end_date) == (
            "Director of Standards",
            registry.inst_bz_shared,
            datetime.date(2025, 1, 31),
        )
        assert (new.post, new.start_date, new.end_date) == (
            "Permanent Secretary",
            datetime.date(2025, 2, 1),
            None,
        )
        html = client.get(person.get_absolute_url()).content.decode()
        assert "Director of Standards" in html and "Permanent Secretary" in html

    def test_a_new_post_must_start_after_the_current_one(self, registry, client_for, person):
        response = self.reassign(
            client_for(registry.users["focal_bz"]),
            person,
            post="Permanent Secretary",
            start_date="2020-09-01",
        )
        assert response.status_code == 400
        assert "start_date" in errors_of(response)
        assert "must start after" in response.content.decode()
        assert person.posts.count() == 1

    def test_missing_fields_are_reported(self, registry, client_for, person):
        response = self.reassign(client_for(registry.users["focal_bz"]), person)
        assert response.status_code == 400
        assert {"post", "start_date"} <= set(errors_of(response))
        assert person.posts.count() == 1

    @pytest.mark.parametrize("role,status", [("focal_jm", 403), ("partner", 403), ("expert", 403)])
    def test_only_those_who_may_change_the_person_reassign_them(self, registry, client_for, person, role, status):
        response = self.reassign(client_for(registry.users[role]), person, post="Minister", start_date="2025-02-01")
        assert response.status_code == status
        person.refresh_from_db()
        assert person.post == "Director of Standards" and person.posts.count() == 1

    def test_a_hidden_person_is_404(self, registry, client_for):
        person = registry.person_jm_restricted
        response = self.reassign(
            client_for(registry.users["focal_bz"]), person, post="Minister", start_date="2025-02-01"
        )
        assert response.status_code == 404
        assert person.posts.count() == 1

    def test_a_focal_point_cannot_reassign_someone_into_another_state(self, registry, client_for, person):
        response = self.reassign(
            client_for(registry.users["focal_bz"]),
            person,
            post="Adviser",
            institution=registry.inst_jm_shared.pk,
            start_date="2025-02-01",
        )
        assert response.status_code == 400
        assert "Only the secretariat may move this record" in response.content.decode()
        person.refresh_from_db()
        assert person.state == registry.bz and person.posts.count() == 1

    def test_get_is_not_allowed(self, registry, client_for, person):
        response = client_for(registry.users["focal_bz"]).get(reverse("community:person_reassign", args=[person.pk]))
        assert response.status_code == 405


# --- network members ------------------------------------------------------------------------------


class TestNetworkMembers:
    def test_an_officer_adds_and_removes_a_member(self, registry, client_for):
        network = registry.records["network"]["drafters"]
        client = client_for(registry.users["officer"])
        add = reverse("community:network_add_member", args=[network.pk])
        response = client.post(add, {"person": registry.person_bz_shared.pk, "role": "coordinator"})
        assert response.status_code == 302
        membership = network.memberships.get()
        assert (membership.person, membership.role) == (registry.person_bz_shared, "coordinator")
        response = client.post(add, {"person": registry.person_bz_shared.pk, "role": "member"})
        assert response.status_code == 400
        assert "This person is already a member." in response.content.decode()
        remove = reverse("community:network_remove_member", args=[network.pk, membership.pk])
        assert client.post(remove).status_code == 302
        assert not network.memberships.exists()

    def test_bad_member_input_is_a_form_error(self, registry, client_for):
        network = registry.records["network"]["drafters"]
        response = client_for(registry.users["officer"]).post(
            reverse("community:network_add_member", args=[network.pk]), {"role": "chief"}
        )
        assert response.status_code == 400
        assert {"person", "role"} <= set(errors_of(response))
        assert not network.memberships.exists()

    @pytest.mark.parametrize("role", ["focal_bz", "focal_jm", "host_jm", "expert", "partner"])
    def test_other_roles_may_not_change_members(self, registry, client_for, role):
        network = registry.records["network"]["labour"]
        client = client_for(registry.users[role])
        response = client.post(
            reverse("community:network_add_member", args=[network.pk]),
            {"person": registry.person_bz_shared.pk, "role": "member"},
        )
        assert response.status_code == 403
        membership = network.memberships.first()
        response = client.post(reverse("community:network_remove_member", args=[network.pk, membership.pk]))
        assert response.status_code == 403
        assert network.memberships.count() == 2


# --- htmx and language ----------------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS)
def test_htmx_list_request_gets_only_the_results_fragment(registry, client_for, model):
    client = client_for(registry.users["officer"])
    response = client.get(url(model, "list"), headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results">')
    assert "<nav" not in html and "<html" not in html and "<form" not in html
    assert "HX-Request" in response["Vary"]
    for obj in registry.records[model].values():
        assert label(obj) in html

    full = client.get(url(model, "list"))
    assert "<nav" in full.content.decode() and 'id="results"' in full.content.decode()
    assert "HX-Request" in full["Vary"]


def test_htmx_search_returns_the_filtered_fragment(registry, client_for):
    response = client_for(registry.users["focal_bz"]).get(
        url("institution", "list"), {"q": "Belize"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "Belize Bureau of Standards" in html and "Statistical Institute of Jamaica" not in html
    assert "<nav" not in html


def test_a_boosted_htmx_request_gets_the_whole_page(registry, client_for):
    response = client_for(registry.users["officer"]).get(
        url("institution", "list"), headers={"HX-Request": "true", "HX-Boosted": "true"}
    )
    assert "<nav" in response.content.decode()


def test_htmx_form_post_redirects_with_hx_redirect(registry, client_for):
    response = client_for(registry.users["focal_bz"]).post(
        url("institution", "add"),
        create_data(registry, "institution", "focal_bz"),
        headers={"HX-Request": "true"},
    )
    institution = models.Institution.objects.get(name="National Qualifications Agency")
    assert response.status_code == 200
    assert response["HX-Redirect"] == institution.get_absolute_url()


def test_choosing_french_translates_the_registry(registry, client_for):
    client = client_for(registry.users["focal_bz"])
    english = client.get(url("institution", "list")).content.decode()
    assert "Filter" in english and "Filtrer" not in english
    response = client.post(reverse("set_language"), {"language": "fr", "next": url("institution", "list")})
    assert response.status_code == 302 and response.url == url("institution", "list")
    french = client.get(url("institution", "list"))
    html = french.content.decode()
    assert '<html lang="fr">' in html
    assert "Filtrer" in html and "Se déconnecter" in html
    assert "Sign out" not in html
    # Records keep their own names.
    assert "Belize Bureau of Standards" in html


def test_pages_are_not_paginated_below_a_page_and_are_above(db, client_for, registry):
    InstitutionFactory.create_batch(30, state=registry.bz)
    client = client_for(registry.users["officer"])
    first = client.get(url("institution", "list"))
    assert len(first.context["object_list"]) == 25
    assert "Page 1 of 2" in first.content.decode()
    second = client.get(url("institution", "list"), {"page": 2})
    assert len(second.context["object_list"]) == 30 + len(RECORDS["institution"]) - 25
    assert re.search(r"\b36 records\b", first.content.decode())


@pytest.mark.parametrize("role", ROLES)
def test_every_list_page_renders_for_every_role_in_one_go(registry, client_for, role):
    """A smoke test across the navigation: no page errors for any role."""
    client = client_for(registry.users[role])
    for model in MODELS:
        assert client.get(url(model, "list")).status_code == 200, model


# --- robustness -----------------------------------------------------------------------------------


def test_invalid_filter_values_are_ignored_not_a_crash(registry, client_for):
    response = client_for(registry.users["focal_bz"]).get(
        url("institution", "list"),
        {"state": "abc", "kind": "planet", "visibility": "x", "page": "last-but-one"},
    )
    assert response.status_code == 200
    assert registry.inst_jm_restricted not in response.context["page_obj"].paginator.object_list


def test_names_are_escaped_in_pages(registry, client_for):
    InstitutionFactory(name='<script>alert("x")</script> Agency', state=registry.bz)
    html = client_for(registry.users["focal_bz"]).get(url("institution", "list")).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


def test_forms_need_the_csrf_token(registry):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(registry.users["focal_bz"])
    response = client.post(url("institution", "add"), create_data(registry, "institution", "focal_bz"))
    assert response.status_code == 403
    assert not models.Institution.objects.filter(name="National Qualifications Agency").exists()


def test_removing_a_membership_of_another_network_is_404(registry, client_for):
    labour, drafters = (
        registry.records["network"]["labour"],
        registry.records["network"]["drafters"],
    )
    membership = labour.memberships.first()
    response = client_for(registry.users["officer"]).post(
        reverse("community:network_remove_member", args=[drafters.pk, membership.pk])
    )
    assert response.status_code == 404
    assert labour.memberships.count() == 2


def test_a_shared_record_does_not_reveal_a_restricted_institutions_name(registry, client_for):
    hidden = registry.inst_jm_restricted
    PersonFactory(full_name="Jermaine Pierre", institution=hidden)  # shared, at a restricted body
    client = client_for(registry.users["focal_bz"])
    html = client.get(url("person", "list")).content.decode()
    assert "Jermaine Pierre" in html
    assert hidden.name not in html
    person = PersonFactory(full_name="Marlon Gayle", institution=hidden)
    assert hidden.name not in client.get(person.get_absolute_url()).content.decode()


def _queries(client, path, **params) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, params).status_code == 200
    return len(queries)


class TestLargeNetworks:
    def test_a_network_page_shows_its_members_a_page_at_a_time(self, registry, client_for, monkeypatch):
        from community import views

        monkeypatch.setattr(views, "MEMBERS_PER_PAGE", 2)
        network = registry.records["network"]["drafters"]
        people = [
            PersonFactory(full_name=name, institution=registry.inst_bz_shared) for name in ("Ann A", "Ben B", "Cy C")
        ]
        for person in people:
            NetworkMembershipFactory(network=network, person=person)
        client = client_for(registry.users["officer"])
        first = client.get(url("network", "detail", network.pk))
        assert [m.person for m in first.context["members"]] == people[:2]
        assert first.context["page_obj"].paginator.count == 3 and first.context["page_obj"].has_next()
        html = first.content.decode()
        assert f"{reverse('community:person_list')}?network={network.pk}" in html
        second = client.get(url("network", "detail", network.pk), {"page": 2})
        assert [m.person for m in second.context["members"]] == people[2:]

    def test_a_network_page_and_the_list_keep_constant_queries(self, registry, client_for):
        network = registry.records["network"]["drafters"]
        client = client_for(registry.users["focal_bz"])
        detail, listing = url("network", "detail", network.pk), url("network", "list")
        NetworkMembershipFactory(network=network, person__institution=registry.inst_bz_shared)
        small = _queries(client, detail), _queries(client, listing)
        for _ in range(5):
            NetworkMembershipFactory(network=network, person__institution=registry.inst_bz_shared)
            NetworkMembershipFactory(network__name=f"Network {_}", person__institution=registry.inst_bz_shared)
        assert (_queries(client, detail), _queries(client, listing)) == small

    def test_people_filtered_by_network_are_only_those_the_role_may_see(self, registry, client_for):
        network = registry.records["network"]["labour"]
        for role, visible, hidden in (
            ("focal_bz", {registry.person_jm_shared}, {registry.person_jm_restricted}),
            ("officer", {registry.person_jm_shared, registry.person_jm_restricted}, set()),
        ):
            response = client_for(registry.users[role]).get(url("person", "list"), {"network": network.pk})
            listed = set(response.context["page_obj"].paginator.object_list)
            assert visible <= listed and not hidden & listed, role
            assert listed <= set(network.members.all()), role
