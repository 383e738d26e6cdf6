"""Sessions in the API: scoped lists, the same rules and messages as the pages, 403 for readers."""

import datetime

import pytest

from activities.choices import SessionKind
from activities.models import Session
from activities.tests.factories import ActivityFactory, SessionFactory
from core.testing import assert_same_refusal

pytestmark = pytest.mark.django_db
T = datetime.time
URL = "/api/v1/sessions/"


@pytest.fixture
def activity(belize, host_institution):
    activity = ActivityFactory(host_institution=host_institution, states=[belize])
    SessionFactory(activity=activity, title="Opening", start_time=T(9), end_time=T(10), position=0)
    SessionFactory(activity=activity, title="Procedures", start_time=T(10), end_time=T(12), position=1)
    return activity


def _data(activity, **values):
    data = {
        "activity": activity.pk,
        "day": activity.start_date.isoformat(),
        "start_time": "13:00",
        "end_time": "14:00",
        "title": "Group work",
        "kind": SessionKind.GROUP_WORK,
        "method": "",
        "notes": "",
    }
    return {**data, **values}


def test_the_list_is_scoped_and_filtered_by_activity(activity, api_client_for, officer, focal_bz, focal_jm):
    other = ActivityFactory()
    SessionFactory(activity=other, title="Elsewhere")
    titles = [row["title"] for row in api_client_for(officer).get(URL, {"activity": activity.pk}).json()["results"]]
    assert titles == ["Opening", "Procedures"]
    assert len(api_client_for(officer).get(URL).json()["results"]) == 3
    assert [row["title"] for row in api_client_for(focal_bz).get(URL).json()["results"]] == ["Opening", "Procedures"]
    assert api_client_for(focal_jm).get(URL).json()["results"] == []


def test_the_list_reads_in_a_constant_number_of_queries(activity, api_client_for, officer, django_assert_num_queries):
    client = api_client_for(officer)
    client.get(URL)
    with django_assert_num_queries(4) as few:
        client.get(URL)
    for n in range(10):
        SessionFactory(activity=activity, day=activity.end_date, start_time=T(8 + n), end_time=T(8 + n, 30))
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(URL)


@pytest.mark.parametrize("who", ["officer", "host_jm"])
def test_the_agenda_builders_create_update_move_and_delete(activity, api_client_for, persona, who):
    client = api_client_for(persona(who))
    created = client.post(URL, _data(activity), format="json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["position"] == 2 and created.json()["minutes"] == 60
    changed = client.patch(f"{URL}{pk}/", {"title": "Group work on procedures"}, format="json")
    assert changed.status_code == 200 and changed.json()["title"] == "Group work on procedures"
    moved = client.post(f"{URL}{pk}/move/", {"direction": "up"}, format="json")
    assert moved.status_code == 200 and moved.json()["start_time"] == "10:00:00"
    tuesday = (activity.start_date + datetime.timedelta(days=1)).isoformat()
    moved = client.post(f"{URL}{pk}/move/", {"day": tuesday}, format="json")
    assert moved.status_code == 200 and moved.json()["day"] == tuesday
    assert client.delete(f"{URL}{pk}/").status_code == 204
    assert not Session.objects.filter(pk=pk).exists()


@pytest.mark.parametrize(("who", "status"), [("focal_bz", 403), ("expert", 403), ("partner", 403)])
def test_readers_and_others_may_not_write(activity, api_client_for, persona, who, status):
    client = api_client_for(persona(who))
    session = Session.objects.get(title="Opening")
    assert client.post(URL, _data(activity), format="json").status_code in (status, 400)
    assert client.patch(f"{URL}{session.pk}/", {"title": "x"}, format="json").status_code in (status, 404)
    assert client.post(f"{URL}{session.pk}/move/", {"direction": "down"}, format="json").status_code in (status, 404)
    assert client.delete(f"{URL}{session.pk}/").status_code in (status, 404)
    assert Session.objects.filter(activity=activity).count() == 2


def test_a_focal_point_of_a_taking_part_state_is_refused_403(activity, api_client_for, focal_bz):
    response = api_client_for(focal_bz).post(URL, _data(activity), format="json")
    assert response.status_code == 403
    session = Session.objects.get(title="Opening")
    assert api_client_for(focal_bz).patch(f"{URL}{session.pk}/", {"title": "x"}, format="json").status_code == 403


def test_a_host_of_another_institution_cannot_add_to_this_agenda(activity, api_client_for, jamaica):
    from accounts.choices import Role
    from accounts.tests.factories import UserFactory
    from community.tests.factories import InstitutionFactory

    other = UserFactory(role=Role.HOST_COORDINATOR, institution=InstitutionFactory(state=jamaica))
    response = api_client_for(other).post(URL, _data(activity), format="json")
    assert response.status_code == 400 and "activity" in response.json()  # the activity is not theirs to see


def test_an_overlap_is_refused_alike_by_the_page_and_the_api(activity, client_for, api_client_for, officer):
    from django.urls import reverse

    data = _data(activity, start_time="11:00", end_time="12:30")
    messages = assert_same_refusal(
        client=client_for(officer),
        api_client=api_client_for(officer),
        form_url=reverse("activities:session_create", args=[activity.pk]),
        api_url=URL,
        data={**data, "facilitator": ""},
        api_data=data,
        field="start_time",
    )
    assert "Procedures" in messages[0]


def test_an_end_before_the_start_is_refused_alike(activity, client_for, api_client_for, officer):
    from django.urls import reverse

    data = _data(activity, start_time="15:00", end_time="14:00")
    assert_same_refusal(
        client=client_for(officer),
        api_client=api_client_for(officer),
        form_url=reverse("activities:session_create", args=[activity.pk]),
        api_url=URL,
        data={**data, "facilitator": ""},
        api_data=data,
        field="end_time",
    )


def test_a_day_outside_the_activity_is_refused(activity, api_client_for, officer):
    before = (activity.start_date - datetime.timedelta(days=1)).isoformat()
    response = api_client_for(officer).post(URL, _data(activity, day=before), format="json")
    assert response.status_code == 400 and "Choose a day of the activity" in response.json()["day"][0]


def test_a_facilitator_outside_the_activity_is_refused(activity, api_client_for, officer):
    from community.tests.factories import PersonFactory

    stranger = PersonFactory()
    response = api_client_for(officer).post(URL, _data(activity, facilitator=stranger.pk), format="json")
    assert response.status_code == 400
    assert response.json()["facilitator"] == [
        "Choose one of the activity's experts or a person of the host institution."
    ]
