"""Regional meetings and extra non-working days kept in the registry: the secretariat keeps them,
everyone signed in reads them, and the one calendar (`core.calendar`) counts the days off for
activity planning as for matching."""

import datetime

import pytest
from django.urls import reverse

from activities.planning import date_warnings, propose_dates
from community.models import NonWorkingDay, RegionalMeeting
from community.tests.factories import NonWorkingDayFactory, RegionalMeetingFactory
from core import calendar
from core.access import can

pytestmark = pytest.mark.django_db

D = datetime.date
CARNIVAL_MONDAY, CARNIVAL_TUESDAY = D(2027, 2, 8), D(2027, 2, 9)


@pytest.fixture
def carnival(trinidad):
    return [
        NonWorkingDayFactory(state=trinidad, date=CARNIVAL_MONDAY, name="Carnival Monday"),
        NonWorkingDayFactory(state=trinidad, date=CARNIVAL_TUESDAY, name="Carnival Tuesday"),
    ]


def test_extra_non_working_days_join_the_public_holidays_of_their_state_only(carnival, trinidad):
    assert not calendar.is_working_day("TT", CARNIVAL_MONDAY)
    assert calendar.is_working_day("JM", CARNIVAL_MONDAY)
    assert calendar.working_days_between("TT", D(2027, 2, 8), D(2027, 2, 12)) == 3
    assert calendar.add_working_days("TT", D(2027, 2, 5), 1) == D(2027, 2, 10)
    assert calendar.non_working_days("TT", D(2027, 2, 1), D(2027, 2, 28)) == [
        (CARNIVAL_MONDAY, "Carnival Monday"),
        (CARNIVAL_TUESDAY, "Carnival Tuesday"),
    ]


def test_a_day_both_statutory_and_kept_is_listed_once_as_the_public_holiday(jamaica):
    NonWorkingDayFactory(state=jamaica, date=D(2027, 1, 1), name="Also kept")
    by_country = calendar.non_working_days_by_country(["JM"], D(2027, 1, 1), D(2027, 1, 1))
    assert by_country == {"JM": [(D(2027, 1, 1), "New Year's Day", True)]}


def test_an_edit_counts_at_once(trinidad):
    assert calendar.is_working_day("TT", CARNIVAL_MONDAY)
    day = NonWorkingDayFactory(state=trinidad, date=CARNIVAL_MONDAY)
    assert not calendar.is_working_day("TT", CARNIVAL_MONDAY)
    day.delete()
    assert calendar.is_working_day("TT", CARNIVAL_MONDAY)


def test_planning_skips_carnival_and_warns_of_it(carnival, trinidad):
    proposal = propose_dates(
        country="TT",
        host_state_id=trinidad.pk,
        host_institution_id=None,
        window_start=D(2027, 2, 8),
        window_end=D(2027, 2, 19),
        working_days=5,
    )
    assert (proposal.start, proposal.end) == (D(2027, 2, 10), D(2027, 2, 16))
    warnings = date_warnings(
        country="TT", host_state_id=trinidad.pk, host_institution_id=None, start=D(2027, 2, 8), end=D(2027, 2, 12)
    )
    assert any("is a non-working day in the host state (Carnival Monday)" in text for text in warnings)


def test_the_window_too_short_after_carnival_says_so(carnival, trinidad):
    proposal = propose_dates(
        country="TT",
        host_state_id=trinidad.pk,
        host_institution_id=None,
        window_start=D(2027, 2, 8),
        window_end=D(2027, 2, 12),
        working_days=5,
    )
    assert proposal.start is None and "holds 3 working days" in proposal.problem


@pytest.mark.parametrize("model", [RegionalMeeting, NonWorkingDay])
def test_the_secretariat_keeps_them_and_everyone_signed_in_reads_them(model, officer, focal_jm, host_jm, expert):
    assert can(officer, "add", model) and can(officer, "change", model)
    for reader in (focal_jm, host_jm, expert):
        assert can(reader, "view", model)
        assert not can(reader, "add", model) and not can(reader, "change", model)


def test_the_pages_list_show_and_save_a_regional_meeting(client_for, officer, focal_jm, jamaica, trinidad):
    meeting = RegionalMeetingFactory(host_state=jamaica, attending_states=[jamaica, trinidad])
    listing = client_for(focal_jm).get(reverse("community:regionalmeeting_list"))
    assert listing.status_code == 200 and "COHSOD" in listing.content.decode()
    detail = client_for(focal_jm).get(meeting.get_absolute_url()).content.decode()
    assert "Kingston" in detail or jamaica.capital in detail
    assert "Trinidad and Tobago" in detail
    assert client_for(focal_jm).get(reverse("community:regionalmeeting_add")).status_code == 403
    response = client_for(officer).post(
        reverse("community:regionalmeeting_add"),
        {
            "body": "COTED",
            "start_date": "2027-05-04",
            "end_date": "2027-05-03",
            "host_state": jamaica.pk,
            "attending_states": [trinidad.pk],
        },
    )
    assert response.status_code == 200 and "end_date" in response.context["form"].errors
    assert not RegionalMeeting.objects.filter(body="COTED").exists()
    response = client_for(officer).post(
        reverse("community:regionalmeeting_add"),
        {
            "body": "COTED",
            "start_date": "2027-05-04",
            "end_date": "2027-05-05",
            "host_state": jamaica.pk,
            "attending_states": [trinidad.pk],
        },
    )
    saved = RegionalMeeting.objects.get(body="COTED")
    assert response.status_code == 302 and list(saved.attending_states.all()) == [trinidad]


def test_the_pages_keep_a_non_working_day_once_per_state_and_date(client_for, officer, trinidad, carnival):
    url = reverse("community:nonworkingday_add")
    response = client_for(officer).post(url, {"state": trinidad.pk, "date": "2027-02-08", "name": "Again"})
    assert response.status_code == 200 and response.context["form"].errors
    assert NonWorkingDay.objects.filter(state=trinidad).count() == 2
    response = client_for(officer).post(url, {"state": trinidad.pk, "date": "2027-02-10", "name": "Ash Wednesday"})
    assert response.status_code == 302 and NonWorkingDay.objects.filter(state=trinidad).count() == 3
    listing = client_for(officer).get(reverse("community:nonworkingday_list")).content.decode()
    assert "Carnival Monday" in listing


def test_an_institution_states_the_group_it_can_receive(client_for, officer, host_institution):
    host_institution.group_capacity = 12
    host_institution.save()
    page = client_for(officer).get(host_institution.get_absolute_url()).content.decode()
    assert "Can receive a group of up to" in page and "12" in page


def test_the_api_lists_to_readers_and_refuses_a_meeting_ending_before_it_starts(
    api_client_for, officer, focal_jm, jamaica, django_assert_max_num_queries
):
    for _ in range(3):
        RegionalMeetingFactory(host_state=jamaica, attending_states=[jamaica])
    reader = api_client_for(focal_jm)
    with django_assert_max_num_queries(8):
        listed = reader.get("/api/v1/regional-meetings/")
    assert listed.status_code == 200 and len(listed.json()["results"]) == 3
    data = {"body": "COTED", "start_date": "2027-05-04", "end_date": "2027-05-03", "host_state": jamaica.pk}
    assert reader.post("/api/v1/regional-meetings/", data, format="json").status_code == 403
    refused = api_client_for(officer).post("/api/v1/regional-meetings/", data, format="json")
    assert refused.status_code == 400 and "end_date" in refused.json()
    assert not RegionalMeeting.objects.filter(body="COTED").exists()


def test_the_api_keeps_one_non_working_day_per_state_and_date(api_client_for, officer, trinidad, carnival):
    data = {"state": trinidad.pk, "date": "2027-02-08", "name": "Again"}
    assert api_client_for(officer).post("/api/v1/non-working-days/", data, format="json").status_code == 400
    data["date"] = "2027-02-10"
    assert api_client_for(officer).post("/api/v1/non-working-days/", data, format="json").status_code == 201
