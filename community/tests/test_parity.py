"""The pages and the API refuse the same input with the same translated message, for every
write endpoint of the registry (core.testing.assert_same_refusal)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from core.testing import assert_same_refusal

pytestmark = pytest.mark.django_db


def api(path: str) -> str:
    return f"/api/v1/{path}"


@pytest.fixture
def clients(client_for, api_client_for):
    def make(user):
        return {"client": client_for(user), "api_client": api_client_for(user)}

    return make


def test_member_state_iso_code(registry, clients):
    data = {"name": "Montserrat", "iso_code": "M1", "membership": "full"}
    assert_same_refusal(
        **clients(registry.users["admin"]),
        form_url=reverse("community:memberstate_add"),
        api_url=api("member-states/"),
        data=data,
        field="iso_code",
    )


def test_member_state_name_taken(registry, clients):
    assert_same_refusal(
        **clients(registry.users["admin"]),
        form_url=reverse("community:memberstate_add"),
        api_url=api("member-states/"),
        data={"name": "Belize", "iso_code": "XB", "membership": "full"},
        field="name",
    )


def test_institution_cannot_be_its_own_parent(registry, clients):
    institution = registry.inst_bz_shared
    data = {
        "name": institution.name,
        "kind": institution.kind,
        "state": registry.bz.pk,
        "parent": institution.pk,
        "visibility": "shared",
    }
    user = registry.users["focal_bz"]
    with translation.override("en"):
        page = clients(user)["client"].post(
            reverse("community:institution_edit", args=[institution.pk]), data, HTTP_ACCEPT_LANGUAGE="fr"
        )
        answer = clients(user)["api_client"].put(
            api(f"institutions/{institution.pk}/"), data, format="json", HTTP_ACCEPT_LANGUAGE="fr"
        )
        assert answer.status_code == 400
        assert [str(m) for m in page.context["form"].errors["parent"]] == answer.json()["parent"]


def test_person_institution_of_another_state(registry, clients):
    assert_same_refusal(
        **clients(registry.users["officer"]),
        form_url=reverse("community:person_add"),
        api_url=api("people/"),
        data={
            "full_name": "Natalie Persaud",
            "state": registry.bz.pk,
            "institution": registry.inst_jm_shared.pk,
            "visibility": "shared",
        },
        field="institution",
    )


def test_person_reassignment_before_the_current_post(registry, clients):
    person = registry.person_bz_shared
    current = person.posts.get(end_date__isnull=True).start_date
    assert_same_refusal(
        **clients(registry.users["focal_bz"]),
        form_url=reverse("community:person_reassign", args=[person.pk]),
        api_url=api(f"people/{person.pk}/reassign/"),
        data={"post": "Permanent Secretary", "start_date": (current - datetime.timedelta(days=1)).isoformat()},
        field="start_date",
    )


def test_committee_meeting_twice_on_one_day(registry, clients):
    meeting = registry.meeting_jm_shared
    assert_same_refusal(
        **clients(registry.users["officer"]),
        form_url=reverse("community:committeemeeting_add"),
        api_url=api("meetings/"),
        data={"committee": meeting.committee_id, "date": meeting.date.isoformat(), "visibility": "shared"},
        field=None,
    )


def test_network_name_taken(registry, clients):
    assert_same_refusal(
        **clients(registry.users["officer"]),
        form_url=reverse("community:network_add"),
        api_url=api("networks/"),
        data={"name": registry.records["network"]["labour"].name},
        field="name",
    )


def test_network_member_twice(registry, clients):
    network = registry.records["network"]["labour"]
    assert_same_refusal(
        **clients(registry.users["officer"]),
        form_url=reverse("community:network_add_member", args=[network.pk]),
        api_url=api(f"networks/{network.pk}/members/"),
        data={"person": registry.person_jm_shared.pk, "role": "member"},
        field="person",
    )


def test_capability_area_under_its_own_sub_area(registry, clients):
    root, child = registry.records["capabilityarea"]["root"], registry.records["capabilityarea"]["child"]
    data = {"code": root.code, "name": root.name, "parent": child.pk}
    user = registry.users["admin"]
    with translation.override("en"):
        page = clients(user)["client"].post(
            reverse("community:capabilityarea_edit", args=[root.pk]), data, HTTP_ACCEPT_LANGUAGE="fr"
        )
        answer = clients(user)["api_client"].put(
            api(f"capability-areas/{root.pk}/"),
            {**data, "parent": child.code},
            format="json",
            HTTP_ACCEPT_LANGUAGE="fr",
        )
        assert answer.status_code == 400
        assert [str(m) for m in page.context["form"].errors["parent"]] == answer.json()["parent"]
