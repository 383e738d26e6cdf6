"""The registry API (/api/v1/): the access matrix of the pages, bad input, auth, the schema."""

import datetime
from contextlib import contextmanager

import pytest
import time_machine
from auditlog.models import LogEntry
from django.db import transaction
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from community import models
from tests.access.matrix import (
    API_PATHS,
    CAN_ADD,
    MODELS,
    PROTECTED,
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
EDITED_FIELD = {
    "memberstate": "capital",
    "institution": "description",
    "person": "phone",
    "committeemeeting": "agenda",
    "network": "description",
    "capabilityarea": "description",
}
CREATED = {
    "memberstate": {"iso_code": "BM"},
    "institution": {"name": "National Qualifications Agency"},
    "person": {"full_name": "Natalie Persaud"},
    "committeemeeting": {"place": "Second-floor boardroom"},
    "network": {"name": "Caribbean Procurement Network"},
    "capabilityarea": {"code": "procurement-reform"},
}


def api(model, pk=None, action=None):
    path = f"/api/v1/{API_PATHS[model]}/"
    if pk is not None:
        path += f"{pk}/"
    if action:
        path += f"{action}/"
    return path


@contextmanager
def rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def create_payload(registry, model, role):
    home = {"focal_bz": registry.bz, "focal_jm": registry.jm, "host_jm": registry.jm}.get(role, registry.jm)
    institution = {"focal_bz": registry.inst_bz_shared, "host_jm": registry.inst_jm_host}.get(
        role, registry.inst_jm_shared
    )
    return {
        "memberstate": {
            "name": "Bermuda",
            "iso_code": "bm",
            "membership": "associate",
            "official_languages": ["en"],
            "latitude": "32.29300",
            "longitude": "-64.78200",
        },
        "institution": {
            "name": "National Qualifications Agency",
            "acronym": "NQA",
            "kind": "agency",
            "state": home.pk,
            "visibility": "restricted",
        },
        "person": {
            "full_name": "Natalie Persaud",
            "post": "Senior Statistician",
            "institution": institution.pk,
            "state": home.pk,
            "languages": ["en"],
            "expertise_areas": ["labour-migration"],
        },
        "committeemeeting": {
            "committee": institution.pk,
            "date": "2025-09-09",
            "place": "Second-floor boardroom",
            "visibility": "shared",
        },
        "network": {"name": "Caribbean Procurement Network", "areas": ["labour-migration"]},
        "capabilityarea": {
            "code": "procurement-reform",
            "name": "Procurement reform",
            "parent": "labour-migration",
        },
    }[model]


@pytest.fixture
def as_role(registry, api_client_for):
    return lambda role: api_client_for(registry.users[role])


# --- signed-out callers ---------------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS)
def test_signed_out_callers_get_401_everywhere(registry, model):
    client = APIClient()
    obj = next(iter(registry.records[model].values()))
    count = MODEL_CLASSES[model].objects.count()
    for method, path in (
        ("get", api(model)),
        ("get", api(model, obj.pk)),
        ("post", api(model)),
        ("patch", api(model, obj.pk)),
        ("delete", api(model, obj.pk)),
    ):
        response = getattr(client, method)(path, {}, format="json")
        assert response.status_code == 401, (method, path)
        assert response["WWW-Authenticate"] == "Token"
    assert MODEL_CLASSES[model].objects.count() == count


def test_schema_and_docs_need_a_signed_in_user(db):
    client = APIClient()
    assert client.get("/api/v1/schema/").status_code in (401, 403)
    assert client.get("/api/v1/docs/").status_code in (401, 403)


# --- the access matrix through the API ------------------------------------------------------------


def ids_to_keys(registry, model, ids):
    by_pk = {obj.pk: key for key, obj in registry.records[model].items()}
    return {by_pk[pk] for pk in ids}


@pytest.mark.parametrize("role,model", model_role_cases())
def test_list_returns_exactly_what_the_role_may_see(registry, as_role, role, model):
    response = as_role(role).get(api(model))
    assert response.status_code == 200
    assert response.data["count"] == len(VISIBLE[model][role])
    assert ids_to_keys(registry, model, [row["id"] for row in response.data["results"]]) == VISIBLE[model][role]


@pytest.mark.parametrize("role,model", model_role_cases())
def test_detail_is_404_for_what_the_role_may_not_see(registry, as_role, role, model):
    client = as_role(role)
    for key, obj in registry.records[model].items():
        response = client.get(api(model, obj.pk))
        if access(model, role, key) == "hidden":
            assert response.status_code == 404, key
        else:
            assert response.status_code == 200, key
            assert response.data["id"] == obj.pk


@pytest.mark.parametrize("role,model", model_role_cases())
def test_create_is_403_for_roles_that_may_not_add(registry, as_role, role, model):
    response = as_role(role).post(api(model), create_payload(registry, model, role), format="json")
    created = MODEL_CLASSES[model].objects.filter(**CREATED[model])
    if role in CAN_ADD[model]:
        assert response.status_code == 201, response.data
        assert response.data["id"] == created.get().pk
        assert created.get().can_change(registry.users[role])
    else:
        assert response.status_code == 403
        assert not created.exists()


@pytest.mark.parametrize("role,model", model_role_cases())
def test_update_changes_only_what_the_role_may_change(registry, as_role, role, model):
    client = as_role(role)
    field = EDITED_FIELD[model]
    for key, obj in registry.records[model].items():
        expected = access(model, role, key)
        before = getattr(obj, field)
        with rolled_back():
            response = client.patch(api(model, obj.pk), {field: "Changed"}, format="json")
            obj.refresh_from_db()
            if expected == "edit":
                assert response.status_code == 200, (key, response.data)
                assert response.data[field] == getattr(obj, field) == "Changed", key
            else:
                assert response.status_code == (403 if expected == "view" else 404), key
                assert getattr(obj, field) == before, key


@pytest.mark.parametrize("role,model", model_role_cases())
def test_delete_removes_only_what_the_role_may_change(registry, as_role, role, model):
    client = as_role(role)
    cls = MODEL_CLASSES[model]
    for key, obj in registry.records[model].items():
        expected = access(model, role, key)
        with rolled_back():
            response = client.delete(api(model, obj.pk))
            exists = cls.objects.filter(pk=obj.pk).exists()
            if expected == "edit" and key in PROTECTED.get(model, ()):
                assert response.status_code == 409, key
                assert exists, key
            elif expected == "edit":
                assert response.status_code == 204, key
                assert not exists, key
            else:
                assert response.status_code == (403 if expected == "view" else 404), key
                assert exists, key


# --- the cross-state case, spelled out ------------------------------------------------------------


class TestBelizeFocalPointAndJamaicanRecords:
    @pytest.fixture
    def client(self, as_role):
        return as_role("focal_bz")

    @pytest.mark.parametrize(
        "model,hidden,shared,query",
        [
            ("institution", "inst_jm_restricted", "inst_jm_shared", "Financial Investigations"),
            ("person", "person_jm_restricted", "person_jm_shared", "Shanique"),
            ("committeemeeting", "meeting_jm_restricted", "meeting_jm_shared", "Jamaica House"),
        ],
    )
    def test_restricted_record_is_absent_from_list_search_and_detail(
        self, registry, client, model, hidden, shared, query
    ):
        hidden, shared = getattr(registry, hidden), getattr(registry, shared)
        ids = [row["id"] for row in client.get(api(model)).data["results"]]
        assert hidden.pk not in ids and shared.pk in ids
        response = client.get(api(model), {"q": query})
        assert response.status_code == 200 and response.data["count"] == 0
        response = client.get(api(model), {"q": "Kingston" if model == "committeemeeting" else "Jamaica"})
        assert hidden.pk not in [row["id"] for row in response.data["results"]]
        assert client.get(api(model, hidden.pk)).status_code == 404
        assert client.patch(api(model, hidden.pk), {}, format="json").status_code == 404
        assert client.delete(api(model, hidden.pk)).status_code == 404
        assert client.get(api(model, shared.pk)).status_code == 200
        assert client.patch(api(model, shared.pk), {}, format="json").status_code == 403
        assert client.delete(api(model, shared.pk)).status_code == 403
        assert type(hidden).objects.filter(pk=hidden.pk).exists() and type(shared).objects.filter(pk=shared.pk).exists()

    def test_search_finds_shared_jamaican_records(self, registry, client):
        response = client.get(api("institution"), {"q": "Statistical"})
        assert [row["id"] for row in response.data["results"]] == [registry.inst_jm_shared.pk]

    def test_cannot_create_an_institution_for_jamaica(self, registry, client):
        count, logged = models.Institution.objects.count(), LogEntry.objects.count()
        response = client.post(
            api("institution"),
            {"name": "Jamaica Trade Board", "kind": "agency", "state": registry.jm.pk},
            format="json",
        )
        assert response.status_code == 403
        assert models.Institution.objects.count() == count
        assert LogEntry.objects.count() == logged  # the rolled-back save left no history either

    def test_cannot_move_a_belizean_institution_to_jamaica(self, registry, client):
        institution = registry.inst_bz_restricted
        response = client.patch(api("institution", institution.pk), {"state": registry.jm.pk}, format="json")
        assert response.status_code == 400 and "state" in response.json()  # refused on the field that moves it
        institution.refresh_from_db()
        assert institution.state == registry.bz

    def test_cannot_move_a_belizean_person_to_jamaica(self, registry, client):
        person = registry.person_bz_restricted
        response = client.patch(api("person", person.pk), {"state": registry.jm.pk}, format="json")
        assert response.status_code in (400, 403)
        person.refresh_from_db()
        assert person.state == registry.bz

    def test_cannot_add_a_person_at_a_jamaican_institution(self, registry, client):
        payload = {"full_name": "Kwame Joseph", "post": "Analyst", "state": registry.bz.pk}
        response = client.post(api("person"), {**payload, "institution": registry.inst_jm_restricted.pk}, format="json")
        assert response.status_code == 400 and "institution" in response.data
        response = client.post(api("person"), {**payload, "institution": registry.inst_jm_shared.pk}, format="json")
        assert response.status_code == 400
        assert response.data["institution"] == ["This institution belongs to another member state."]
        payload["state"] = registry.jm.pk
        response = client.post(api("person"), {**payload, "institution": registry.inst_jm_shared.pk}, format="json")
        assert response.status_code == 403
        assert not models.Person.objects.filter(full_name="Kwame Joseph").exists()
        assert not models.PostHeld.objects.filter(post="Analyst").exists()

    def test_cannot_hang_a_meeting_on_a_jamaican_committee(self, registry, client):
        payload = {"date": "2025-10-01", "visibility": "restricted"}
        response = client.post(
            api("committeemeeting"),
            {**payload, "committee": registry.inst_jm_restricted.pk},
            format="json",
        )
        assert response.status_code == 400 and "committee" in response.data
        response = client.post(
            api("committeemeeting"),
            {**payload, "committee": registry.inst_jm_shared.pk},
            format="json",
        )
        assert response.status_code == 403
        assert not models.CommitteeMeeting.objects.filter(date=datetime.date(2025, 10, 1)).exists()

    def test_cannot_make_an_institution_a_unit_of_a_hidden_one(self, registry, client):
        institution = registry.inst_bz_shared
        response = client.patch(
            api("institution", institution.pk),
            {"parent": registry.inst_jm_restricted.pk},
            format="json",
        )
        assert response.status_code == 400 and "parent" in response.data

    def test_filtering_by_a_hidden_institution_reveals_nothing(self, registry, client):
        response = client.get(api("person"), {"institution": registry.inst_jm_restricted.pk})
        assert response.status_code == 400
        assert "Shanique" not in response.content.decode()

    def test_filtering_by_jamaica_lists_only_shared_records(self, registry, client):
        response = client.get(api("institution"), {"state": registry.jm.pk})
        assert [row["id"] for row in response.data["results"]] == [registry.inst_jm_shared.pk]

    def test_network_members_hide_restricted_people(self, registry, client):
        network = registry.records["network"]["labour"]
        response = client.get(api("network", network.pk, "members"))
        assert response.status_code == 200
        assert [row["person"] for row in response.data] == [registry.person_jm_shared.pk]


# --- bad input: 400 naming the field, never a 500, nothing saved ----------------------------------


BAD_INPUT = [
    # model, role, payload, field that must be named
    ("memberstate", "admin", {}, "name"),
    ("memberstate", "admin", {}, "iso_code"),
    ("memberstate", "admin", {}, "membership"),
    ("memberstate", "admin", {"name": "Aruba", "iso_code": "A1", "membership": "full"}, "iso_code"),
    (
        "memberstate",
        "admin",
        {"name": "Aruba", "iso_code": "AW", "membership": "planet"},
        "membership",
    ),
    (
        "memberstate",
        "admin",
        {"name": "Aruba", "iso_code": "AW", "membership": "full", "population": -3},
        "population",
    ),
    (
        "memberstate",
        "admin",
        {"name": "Aruba", "iso_code": "AW", "membership": "full", "latitude": "95"},
        "latitude",
    ),
    (
        "memberstate",
        "admin",
        {"name": "Aruba", "iso_code": "AW", "membership": "full", "longitude": "-181"},
        "longitude",
    ),
    (
        "memberstate",
        "admin",
        {"name": "Aruba", "iso_code": "AW", "membership": "full", "official_languages": ["xx"]},
        "official_languages",
    ),
    ("memberstate", "admin", {"name": "Belize", "iso_code": "QZ", "membership": "full"}, "name"),
    ("memberstate", "admin", {"name": "Aruba", "iso_code": "BZ", "membership": "full"}, "iso_code"),
    ("institution", "focal_bz", {}, "name"),
    ("institution", "focal_bz", {}, "kind"),
    ("institution", "focal_bz", {"name": "X", "kind": "planet"}, "kind"),
    (
        "institution",
        "focal_bz",
        {"name": "X", "kind": "agency", "visibility": "everyone"},
        "visibility",
    ),
    ("institution", "focal_bz", {"name": "X", "kind": "agency", "website": "not a url"}, "website"),
    ("institution", "focal_bz", {"name": "X", "kind": "agency", "email": "info@"}, "email"),
    ("institution", "focal_bz", {"name": "X", "kind": "agency", "state": 999999}, "state"),
    ("institution", "focal_bz", {"name": "X", "kind": "agency", "state": "Belize"}, "state"),
    ("person", "focal_bz", {}, "full_name"),
    ("person", "focal_bz", {"full_name": "X", "email": "x@"}, "email"),
    ("person", "focal_bz", {"full_name": "X", "languages": ["xx"]}, "languages"),
    (
        "person",
        "focal_bz",
        {"full_name": "X", "expertise_areas": ["no-such-area"]},
        "expertise_areas",
    ),
    ("committeemeeting", "focal_bz", {}, "committee"),
    ("committeemeeting", "focal_bz", {}, "date"),
    ("committeemeeting", "focal_bz", {"date": "soon"}, "date"),
    ("network", "officer", {}, "name"),
    ("network", "officer", {"name": "Regional Labour Migration Network"}, "name"),
    ("network", "officer", {"name": "X", "established": "2019-13-01"}, "established"),
    ("network", "officer", {"name": "X", "areas": ["no-such-area"]}, "areas"),
    ("capabilityarea", "admin", {}, "code"),
    ("capabilityarea", "admin", {}, "name"),
    ("capabilityarea", "admin", {"code": "bad code!", "name": "X"}, "code"),
    ("capabilityarea", "admin", {"code": "labour-migration", "name": "X"}, "code"),
    ("capabilityarea", "admin", {"code": "x", "name": "X", "parent": "no-such-area"}, "parent"),
]


@pytest.mark.parametrize("model,role,payload,field", BAD_INPUT)
def test_bad_input_is_a_400_naming_the_field(registry, as_role, model, role, payload, field):
    cls = MODEL_CLASSES[model]
    count, logged = cls.objects.count(), LogEntry.objects.count()
    response = as_role(role).post(api(model), payload, format="json")
    assert response.status_code == 400
    assert field in response.data, response.data
    assert cls.objects.count() == count
    assert LogEntry.objects.count() == logged


@pytest.mark.parametrize(
    "model,payload",
    [
        ("institution", {"name": "Belize Bureau of Standards", "kind": "agency"}),
        ("committeemeeting", {"date": "2025-03-04"}),
    ],
)
def test_duplicates_are_a_400_not_a_crash(registry, as_role, model, payload):
    payload = {**payload, "state": registry.bz.pk, "committee": registry.inst_bz_shared.pk}
    count = MODEL_CLASSES[model].objects.count()
    response = as_role("focal_bz").post(api(model), payload, format="json")
    assert response.status_code == 400
    assert MODEL_CLASSES[model].objects.count() == count


def test_bad_input_on_update_is_a_400(registry, as_role):
    institution = registry.inst_bz_shared
    response = as_role("focal_bz").patch(
        api("institution", institution.pk), {"kind": "planet", "name": ""}, format="json"
    )
    assert response.status_code == 400 and {"kind", "name"} <= set(response.data)
    institution.refresh_from_db()
    assert institution.kind == "agency" and institution.name == "Belize Bureau of Standards"


def test_a_capability_area_cannot_sit_under_its_own_sub_area(registry, as_role):
    root = registry.records["capabilityarea"]["root"]
    response = as_role("admin").patch(
        api("capabilityarea", root.pk), {"parent": "recruitment-practices"}, format="json"
    )
    assert response.status_code == 400 and "parent" in response.data
    root.refresh_from_db()
    assert root.parent is None


def test_malformed_json_is_a_400(registry, as_role):
    response = as_role("officer").post(api("institution"), "{not json", content_type="application/json")
    assert response.status_code == 400


# --- people and their posts -----------------------------------------------------------------------


def test_a_person_post_changes_only_by_reassignment(registry, as_role):
    person = registry.person_bz_shared
    client = as_role("focal_bz")
    for change in ({"post": "Minister"}, {"institution": registry.inst_bz_restricted.pk}):
        response = client.patch(api("person", person.pk), change, format="json")
        assert response.status_code == 400
        assert "Use the reassign action" in str(response.data)
    person.refresh_from_db()
    assert person.post == "Director of Standards"


def test_creating_a_person_opens_their_history_of_posts_on_the_local_date(registry, as_role):
    # 23:30 in Bridgetown is already the next day in UTC.
    with time_machine.travel(datetime.datetime(2025, 3, 1, 3, 30, tzinfo=datetime.UTC), tick=False):
        response = as_role("focal_bz").post(
            api("person"), create_payload(registry, "person", "focal_bz"), format="json"
        )
    assert response.status_code == 201
    assert response.data["posts"] == [
        {
            "post": "Senior Statistician",
            "institution": registry.inst_bz_shared.pk,
            "start_date": "2025-02-28",
            "end_date": None,
        }
    ]
    assert response.data["languages"] == ["en"] and response.data["expertise_areas"] == ["labour-migration"]


class TestReassignAction:
    @pytest.fixture
    def person(self, registry):
        return registry.person_bz_shared

    def test_reassignment_keeps_the_old_post_in_the_history(self, registry, as_role, person):
        response = as_role("focal_bz").post(
            api("person", person.pk, "reassign"),
            {
                "post": "Permanent Secretary",
                "institution": registry.inst_bz_restricted.pk,
                "start_date": "2025-02-01",
            },
            format="json",
        )
        assert response.status_code == 200, response.data
        assert response.data["post"] == "Permanent Secretary"
        assert response.data["institution"] == registry.inst_bz_restricted.pk
        posts = sorted(response.data["posts"], key=lambda p: p["start_date"])
        assert posts == [
            {
                "post": "Director of Standards",
                "institution": registry.inst_bz_shared.pk,
                "start_date": "2020-09-01",
                "end_date": "2025-01-31",
            },
            {
                "post": "Permanent Secretary",
                "institution": registry.inst_bz_restricted.pk,
                "start_date": "2025-02-01",
                "end_date": None,
            },
        ]

    def test_a_new_post_must_start_after_the_current_one(self, as_role, person):
        response = as_role("focal_bz").post(
            api("person", person.pk, "reassign"),
            {"post": "Minister", "start_date": "2019-01-01"},
            format="json",
        )
        assert response.status_code == 400 and "start_date" in response.data
        assert person.posts.count() == 1

    def test_missing_fields_are_a_400(self, as_role, person):
        response = as_role("focal_bz").post(api("person", person.pk, "reassign"), {}, format="json")
        assert response.status_code == 400 and {"post", "start_date"} <= set(response.data)

    def test_hidden_institutions_cannot_be_chosen(self, registry, as_role, person):
        response = as_role("focal_bz").post(
            api("person", person.pk, "reassign"),
            {
                "post": "Adviser",
                "institution": registry.inst_jm_restricted.pk,
                "start_date": "2025-02-01",
            },
            format="json",
        )
        assert response.status_code == 400 and "institution" in response.data

    def test_cannot_reassign_into_another_state(self, registry, as_role, person):
        response = as_role("focal_bz").post(
            api("person", person.pk, "reassign"),
            {
                "post": "Adviser",
                "institution": registry.inst_jm_shared.pk,
                "start_date": "2025-02-01",
            },
            format="json",
        )
        assert response.status_code == 400 and "institution" in response.json()
        person.refresh_from_db()
        assert person.state == registry.bz and person.posts.count() == 1

    @pytest.mark.parametrize("role", ["focal_jm", "host_jm", "expert", "partner"])
    def test_only_those_who_may_change_the_person_reassign_them(self, as_role, person, role):
        response = as_role(role).post(
            api("person", person.pk, "reassign"),
            {"post": "Minister", "start_date": "2025-02-01"},
            format="json",
        )
        assert response.status_code == 403
        assert person.posts.count() == 1

    def test_a_hidden_person_is_404(self, registry, as_role):
        response = as_role("focal_bz").post(
            api("person", registry.person_jm_restricted.pk, "reassign"),
            {"post": "Minister", "start_date": "2025-02-01"},
            format="json",
        )
        assert response.status_code == 404


class TestNetworkMembersAction:
    def test_an_officer_adds_a_member_once(self, registry, as_role):
        network = registry.records["network"]["drafters"]
        client = as_role("officer")
        payload = {"person": registry.person_bz_shared.pk, "role": "coordinator"}
        response = client.post(api("network", network.pk, "members"), payload, format="json")
        assert response.status_code == 201
        assert network.memberships.get().person == registry.person_bz_shared
        response = client.post(api("network", network.pk, "members"), payload, format="json")
        assert response.status_code == 400 and "person" in response.data
        assert network.memberships.count() == 1

    @pytest.mark.parametrize("role", ["focal_bz", "host_jm", "expert", "partner"])
    def test_other_roles_may_not_add_members(self, registry, as_role, role):
        network = registry.records["network"]["drafters"]
        response = as_role(role).post(
            api("network", network.pk, "members"),
            {"person": registry.person_bz_shared.pk},
            format="json",
        )
        assert response.status_code == 403
        assert not network.memberships.exists()


# --- authentication, history, schema --------------------------------------------------------------


class TestTokenAuthentication:
    def test_a_token_signs_the_caller_in_with_their_own_scope(self, registry):
        token = Token.objects.create(user=registry.users["focal_bz"])
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        response = client.get(api("institution"))
        assert response.status_code == 200
        assert (
            ids_to_keys(registry, "institution", [r["id"] for r in response.data["results"]])
            == (VISIBLE["institution"]["focal_bz"])
        )
        assert client.get(api("institution", registry.inst_jm_restricted.pk)).status_code == 404

    def test_a_token_write_is_recorded_with_its_actor(self, registry):
        focal_bz = registry.users["focal_bz"]
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=focal_bz).key}")
        response = client.post(api("institution"), create_payload(registry, "institution", "focal_bz"), format="json")
        assert response.status_code == 201
        institution = models.Institution.objects.get(pk=response.data["id"])
        entry = LogEntry.objects.get_for_object(institution).get()
        assert entry.action == LogEntry.Action.CREATE and entry.actor == focal_bz
        response = client.patch(api("institution", institution.pk), {"acronym": "NQA-BZ"}, format="json")
        assert response.status_code == 200
        update = LogEntry.objects.get_for_object(institution).get(action=LogEntry.Action.UPDATE)
        assert update.actor == focal_bz and set(update.changes_dict) == {"acronym"}

    def test_a_session_write_is_recorded_with_its_actor(self, registry, as_role):
        response = as_role("officer").post(
            api("network"), create_payload(registry, "network", "officer"), format="json"
        )
        network = models.Network.objects.get(pk=response.data["id"])
        entries = LogEntry.objects.get_for_object(network)
        assert entries.get(action=LogEntry.Action.CREATE).actor == registry.users["officer"]
        assert {entry.actor for entry in entries} == {registry.users["officer"]}  # the areas, too

    @pytest.mark.parametrize("header", ["Token not-a-real-key", "Token ", "Bearer abc"])
    def test_a_bad_token_is_refused(self, registry, header):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=header)
        assert client.get(api("institution")).status_code == 401

    def test_a_deactivated_users_token_is_refused(self, registry):
        user = registry.users["focal_bz"]
        token = Token.objects.create(user=user)
        user.is_active = False
        user.save(update_fields=["is_active"])
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        assert client.get(api("institution")).status_code == 401


@pytest.mark.parametrize("role", ["admin", "focal_bz", "partner"])
def test_the_openapi_schema_and_docs_are_served_to_signed_in_users(registry, as_role, role):
    client = as_role(role)
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    schema = response.content.decode()
    for path in API_PATHS.values():
        assert f"/api/v1/{path}/" in schema
    assert "/api/v1/people/{id}/reassign/" in schema
    assert "Attaché API" in schema
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    assert "swagger-ui" in docs.content.decode()


def test_the_schema_is_also_served_as_json(registry, as_role):
    response = as_role("officer").get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    assert "/api/v1/institutions/" in response.json()["paths"]


def test_lists_can_be_ordered_and_filtered(registry, as_role):
    client = as_role("officer")
    names = [row["name"] for row in client.get(api("institution"), {"ordering": "-name"}).data["results"]]
    assert names == sorted(names, reverse=True)
    codes = [row["iso_code"] for row in client.get(api("memberstate"), {"membership": "full"}).data["results"]]
    assert sorted(codes) == ["BZ", "JM", "TT"]
    areas = [
        row["code"]
        for row in client.get(api("capabilityarea"), {"within": registry.records["capabilityarea"]["root"].pk}).data[
            "results"
        ]
    ]
    assert areas == ["labour-migration", "recruitment-practices"]
