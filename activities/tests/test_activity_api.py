"""The activities API: scoped reads, the secretariat's writes, refusals by field, the move action."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities.models import Activity
from activities.tests.factories import ActivityFactory
from assistance.choices import Status
from community.tests.factories import InstitutionFactory, LanguageFactory
from core.testing import assert_same_refusal

LIST = "/api/v1/activities/"


def detail(activity):
    return f"{LIST}{activity.pk}/"


@pytest.fixture
def activities(belize, trinidad, host_institution, confirmed_request):
    return {
        "bz": ActivityFactory(
            title="Belize attachment", host_institution=host_institution, requests=[confirmed_request]
        ),
        "tt": ActivityFactory(title="Trinidad mission", states=[trinidad], host_state=trinidad),
        "shared": ActivityFactory(title="Regional workshop", states=[trinidad], host_state=trinidad, shared=True),
    }


def body(jamaica, **overrides):
    data = {
        "title": "Attachment on labour inspection",
        "modality": "attachment",
        "host_state": jamaica.pk,
        "start_date": "2027-06-07",
        "end_date": "2027-06-11",
        "venue": "Kingston",
        "visibility": "restricted",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "name,titles",
    [
        ("officer", {"Belize attachment", "Trinidad mission", "Regional workshop"}),
        ("focal_bz", {"Belize attachment", "Regional workshop"}),
        ("host_jm", {"Belize attachment", "Regional workshop"}),
        ("focal_jm", {"Regional workshop"}),
        ("partner", {"Regional workshop"}),
    ],
)
def test_reads_are_scoped(name, titles, persona, api_client_for, activities):
    response = api_client_for(persona(name)).get(LIST)
    assert response.status_code == 200
    assert {row["title"] for row in response.json()["results"]} == titles


def test_every_field_is_exposed(api_client_for, officer, activities, confirmed_request, belize):
    row = api_client_for(officer).get(detail(activities["bz"])).json()
    assert row["requests"] == [confirmed_request.pk] and row["states"] == [belize.pk]
    for name in (
        "modality",
        "host_state",
        "host_institution",
        "experts",
        "start_date",
        "end_date",
        "venue",
        "online_link",
        "languages",
        "areas",
        "status",
        "visibility",
        "officer",
    ):
        assert name in row
    assert row["status"] == "planned"


def test_filters(api_client_for, officer, activities, trinidad):
    client = api_client_for(officer)
    assert {r["title"] for r in client.get(LIST, {"host_state": trinidad.pk}).json()["results"]} == {
        "Trinidad mission",
        "Regional workshop",
    }
    Activity.objects.filter(title="Trinidad mission").update(status="proposed", modality="expert_mission")
    assert [r["title"] for r in client.get(LIST, {"status": "proposed"}).json()["results"]] == ["Trinidad mission"]
    assert [r["title"] for r in client.get(LIST, {"modality": "expert_mission"}).json()["results"]] == [
        "Trinidad mission"
    ]


def test_the_list_query_count_does_not_grow_with_rows(api_client_for, officer, belize, django_assert_num_queries):
    client = api_client_for(officer)
    ActivityFactory(states=[belize])
    client.get(LIST)
    with CaptureQueriesContext(connection) as one:
        client.get(LIST)
    for _n in range(5):
        ActivityFactory(states=[belize])
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(client.get(LIST).json()["results"]) == 6


def test_the_secretariat_creates_and_updates(api_client_for, officer, jamaica, belize):
    client = api_client_for(officer)
    LanguageFactory(code="en")
    response = client.post(LIST, body(jamaica, states=[belize.pk], languages=["en"]), format="json")
    assert response.status_code == 201, response.content
    activity = Activity.objects.get()
    assert (activity.status, activity.officer) == ("proposed", officer)
    response = client.patch(detail(activity), {"venue": "Montego Bay"}, format="json")
    assert response.status_code == 200, response.content
    activity.refresh_from_db()
    assert activity.venue == "Montego Bay" and list(activity.states.all()) == [belize]


@pytest.mark.parametrize("name", ["focal_bz", "host_jm", "expert", "partner"])
def test_others_may_not_write(name, persona, api_client_for, activities, jamaica):
    client = api_client_for(persona(name))
    assert client.post(LIST, body(jamaica), format="json").status_code == 403
    assert client.patch(detail(activities["shared"]), {"venue": "x"}, format="json").status_code in (403, 404)
    assert Activity.objects.count() == 3


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"end_date": "2027-06-01"}, "end_date"),
        ({"end_date": "2027-06-08"}, "end_date"),  # two working days for a five-day attachment
        ({"host_state": 2**63}, "host_state"),
        ({"host_state": 10**30}, "host_state"),
        ({"title": "Attachment\x00"}, "title"),
        ({"start_date": "99999-01-01"}, "start_date"),
        ({"modality": "no_preference"}, "modality"),
        ({"title": "x" * 300}, "title"),
    ],
)
def test_bad_input_is_refused_by_field(overrides, field, api_client_for, officer, jamaica):
    response = api_client_for(officer).post(LIST, body(jamaica, **overrides), format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Activity.objects.exists()


def test_an_institution_of_another_state_is_refused_as_on_the_page(
    client_for, api_client_for, officer, jamaica, belize
):
    belizean = InstitutionFactory(state=belize)
    data = {
        "title": "Attachment",
        "modality": "attachment",
        "host_state": jamaica.pk,
        "host_institution": belizean.pk,
        "start_date": "2027-06-07",
        "end_date": "2027-06-11",
        "visibility": "restricted",
    }
    assert_same_refusal(
        client=client_for(officer),
        api_client=api_client_for(officer),
        form_url=reverse("activities:activity_create"),
        api_url=LIST,
        data=data,
        field="host_institution",
    )


def test_a_length_against_the_rule_is_refused_as_on_the_page(client_for, api_client_for, officer, jamaica):
    data = {
        "title": "Attachment",
        "modality": "attachment",
        "host_state": jamaica.pk,
        "start_date": "2027-06-07",
        "end_date": "2027-06-09",
        "visibility": "restricted",
    }
    assert_same_refusal(
        client=client_for(officer),
        api_client=api_client_for(officer),
        form_url=reverse("activities:activity_create"),
        api_url=LIST,
        data=data,
        field="end_date",
    )


def test_move_answers_200_409_and_403(api_client_for, officer, focal_bz, activities, confirmed_request):
    activity = activities["bz"]  # planned, serving Belize's request
    confirmed_request.status = Status.PLANNED
    confirmed_request.save()
    url = f"{detail(activity)}move/"
    assert api_client_for(focal_bz).post(url, {"to": "cancelled", "comment": "no"}, format="json").status_code == 403
    refused = api_client_for(officer).post(url, {"to": "closed"}, format="json")
    assert refused.status_code == 409 and "detail" in refused.json()
    assert api_client_for(officer).post(url, {"to": "cancelled"}, format="json").status_code == 409  # no reason
    assert api_client_for(officer).post(url, {"to": "nowhere"}, format="json").status_code == 400
    moved = api_client_for(officer).post(url, {"to": "cancelled", "comment": "Postponed."}, format="json")
    assert moved.status_code == 200 and moved.json()["status"] == "cancelled"
    confirmed_request.refresh_from_db()
    assert confirmed_request.status == Status.HOST_CONFIRMED


@pytest.mark.parametrize("name", ["focal_jm", "partner", "expert"])
def test_an_activity_out_of_scope_cannot_be_moved_or_read(name, persona, api_client_for, activities):
    client = api_client_for(persona(name))
    activity = activities["bz"]
    assert client.get(detail(activity)).status_code == 404
    assert (
        client.post(f"{detail(activity)}move/", {"to": "cancelled", "comment": "x"}, format="json").status_code == 404
    )
    activity.refresh_from_db()
    assert activity.status == "planned"
