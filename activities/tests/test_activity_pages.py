"""The activity list, page and form, for every persona."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities.models import Activity
from activities.tests.factories import ActivityFactory
from core.access import can
from core.registry import menu_for
from core.testing import edit_data

LIST = reverse("activities:activity_list")
CREATE = reverse("activities:activity_create")
MONDAY = datetime.date(2027, 6, 7)


@pytest.fixture
def activities(belize, jamaica, trinidad, host_institution, confirmed_request):
    return {
        "bz_restricted": ActivityFactory(
            title="Belize attachment", states=[belize], host_institution=host_institution, requests=[confirmed_request]
        ),
        "tt_restricted": ActivityFactory(title="Trinidad mission", states=[trinidad], host_state=trinidad),
        "tt_shared": ActivityFactory(title="Regional workshop", states=[trinidad], host_state=trinidad, shared=True),
    }


VISIBLE = {
    "officer": {"Belize attachment", "Trinidad mission", "Regional workshop"},
    "focal_bz": {"Belize attachment", "Regional workshop"},
    "focal_jm": {"Regional workshop"},
    "host_jm": {"Belize attachment", "Regional workshop"},
    "expert": {"Regional workshop"},
    "partner": {"Regional workshop"},
}


@pytest.mark.parametrize("name", VISIBLE)
def test_the_list_shows_what_each_persona_may_see(name, persona, client_for, activities):
    response = client_for(persona(name)).get(LIST)
    assert response.status_code == 200
    shown = {row.record.title for row in response.context["table"].paginated_rows}
    assert shown == VISIBLE[name]
    assert (CREATE in response.content.decode()) == (name == "officer")


def test_the_list_filters_by_status_modality_host_and_dates(client_for, officer, activities, trinidad):
    client = client_for(officer)

    def titles(**params):
        response = client.get(LIST, params)
        return {row.record.title for row in response.context["table"].paginated_rows}

    Activity.objects.filter(title="Trinidad mission").update(
        status="proposed", modality="expert_mission", start_date=MONDAY, end_date=MONDAY + datetime.timedelta(days=2)
    )
    assert titles(status="proposed") == {"Trinidad mission"}
    assert titles(modality="expert_mission") == {"Trinidad mission"}
    assert titles(host_state=trinidad.pk) == {"Trinidad mission", "Regional workshop"}
    assert titles(date_from="2027-06-01", date_to="2027-06-30") == {"Trinidad mission"}
    assert titles(q="workshop") == {"Regional workshop"}


def test_the_list_takes_as_many_queries_for_many_rows_as_for_one(
    client_for, officer, belize, django_assert_num_queries
):
    client = client_for(officer)
    ActivityFactory(states=[belize], officer=officer)
    client.get(LIST)  # the session and the menu settle
    with CaptureQueriesContext(connection) as one:
        assert client.get(LIST).status_code == 200
    for _n in range(6):
        ActivityFactory(states=[belize], officer=officer)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(LIST)
    assert len(response.context["table"].page.object_list) == 7


@pytest.mark.parametrize("name", ["officer", "focal_bz", "host_jm"])
def test_the_page_shows_every_field_and_only_visible_requests(name, persona, client_for, activities, confirmed_request):
    activity = activities["bz_restricted"]
    activity.venue, activity.online_link = "JCA head office, Kingston", "https://meet.example/jca"
    activity.save()
    response = client_for(persona(name)).get(activity.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    # A restricted host institution is named only to those who may see it (not Belize's focal point).
    assert ("Jamaica Customs Agency" in page) == can(persona(name), "view", activity.host_institution)
    for text in (
        "Belize attachment",
        "JCA head office",
        "meet.example/jca",
        "Belize",
        "Attachment",
        "Overview",
    ):
        assert text in page
    served = confirmed_request.get_absolute_url() in page
    assert served == (name in ("officer", "focal_bz", "host_jm"))  # the host reads it through its invitation
    may_move = [move["to"] for move in response.context["moves"]]
    assert may_move == (["confirmed", "cancelled"] if name == "officer" else [])
    assert ("data-edit" in page) == (name == "officer")


@pytest.mark.parametrize("name", ["focal_jm", "expert", "partner"])
def test_the_page_of_a_restricted_activity_is_not_found_by_others(name, persona, client_for, activities):
    assert client_for(persona(name)).get(activities["bz_restricted"].get_absolute_url()).status_code == 404


@pytest.mark.parametrize("name", ["focal_bz", "host_jm", "expert", "partner"])
def test_only_the_secretariat_creates_and_edits(name, persona, client_for, activities):
    client = client_for(persona(name))
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, {"title": "x"}).status_code == 403
    edit = reverse("activities:activity_update", args=[activities["bz_restricted"].pk])
    assert client.get(edit).status_code in (403, 404)


def _form(jamaica, **overrides):
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
    return {key: value for key, value in data.items() if value is not None}


def test_the_officer_creates_an_activity(client_for, officer, jamaica, belize):
    response = client_for(officer).post(CREATE, _form(jamaica, states=[belize.pk]))
    activity = Activity.objects.get()
    assert response.status_code == 302 and response.url == activity.get_absolute_url()
    assert (activity.status, activity.officer) == ("proposed", officer)
    assert list(activity.states.all()) == [belize]


def test_a_length_outside_the_modality_rule_is_refused_on_the_last_day(client_for, officer, jamaica):
    response = client_for(officer).post(CREATE, _form(jamaica, end_date="2027-06-09"))
    assert response.status_code == 200
    assert (
        "lasts 5 working days in the host state; these dates hold 3" in response.context["form"].errors["end_date"][0]
    )
    assert not Activity.objects.exists()


def test_dates_out_of_order_and_an_institution_of_another_state_are_refused(client_for, officer, jamaica, belize):
    from community.tests.factories import InstitutionFactory

    belizean = InstitutionFactory(state=belize)
    response = client_for(officer).post(CREATE, _form(jamaica, end_date="2027-06-01", host_institution=belizean.pk))
    errors = response.context["form"].errors
    assert errors["end_date"] == ["The last day cannot be before the first."]
    assert errors["host_institution"] == ["This institution belongs to another member state."]


def test_dates_over_a_holiday_are_saved_with_a_warning(client_for, officer, jamaica):
    """Emancipation Day (observed Monday 2 August 2027) and Independence Day (Friday 6 August) in
    Jamaica: Monday 2 to Tuesday 10 August holds five working days."""
    response = client_for(officer).post(
        CREATE, _form(jamaica, start_date="2027-08-02", end_date="2027-08-10"), follow=True
    )
    assert Activity.objects.get().start_date == datetime.date(2027, 8, 2)
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert any("public holiday" in warning for warning in warnings), warnings


def test_the_officer_edits_an_activity(client_for, officer, activities, jamaica):
    activity = activities["bz_restricted"]
    edit = reverse("activities:activity_update", args=[activity.pk])
    form = client_for(officer).get(edit).context["form"]
    data = _form(jamaica, title="Renamed attachment", start_date="2027-06-14", end_date="2027-06-18")
    data["requests"] = [r.pk for r in form.initial["requests"]]
    response = client_for(officer).post(edit, edit_data(activity, data))
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.title, activity.start_date, activity.status) == (
        "Renamed attachment",
        datetime.date(2027, 6, 14),
        "planned",
    )


def test_the_menu_shows_activities_to_whoever_reads_some(persona, activities):
    for name in ("officer", "focal_bz", "host_jm", "partner"):
        assert "Activities" in [str(entry.label) for entry in menu_for(persona(name))]


def test_lifecycle_buttons_move_the_activity_and_cancel_asks_why(client_for, officer, focal_bz, activities):
    activity = activities["bz_restricted"]
    move = reverse("activities:activity_transition", args=[activity.pk])
    assert client_for(focal_bz).post(move, {"to": "cancelled", "comment": "no"}).status_code == 403
    response = client_for(officer).post(move, {"to": "cancelled", "comment": ""}, follow=True)
    assert "Say why" in response.content.decode()
    activity.refresh_from_db()
    assert activity.status == "planned"
    client_for(officer).post(move, {"to": "cancelled", "comment": "The host asked to postpone."})
    activity.refresh_from_db()
    assert activity.status == "cancelled"
    page = client_for(officer).get(activity.get_absolute_url()).content.decode()
    assert "The host asked to postpone." in page
