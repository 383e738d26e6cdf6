"""The calendar files, parsed back with `icalendar`: events, times in the host's zone, the
VTIMEZONE, stable UIDs, the participant's days, and who may download them."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from activities.choices import SessionKind
from activities.tests.factories import ActivityFactory, AttendanceFactory, NominationFactory, SessionFactory
from community.tests.factories import MemberStateFactory

pytestmark = pytest.mark.django_db
T = datetime.time


@pytest.fixture
def activity(belize, host_institution, expert_person):
    jamaica = MemberStateFactory.for_iso("JM")
    jamaica.time_zone = "America/Jamaica"
    jamaica.save()
    activity = ActivityFactory(
        host_state=jamaica, host_institution=host_institution, states=[belize], venue="UCJ, Kingston"
    )
    SessionFactory(
        activity=activity,
        title="Opening",
        start_time=T(9),
        end_time=T(10, 30),
        facilitator=expert_person,
        method="Plenary presentation",
    )
    SessionFactory(activity=activity, title="Lunch", kind=SessionKind.BREAK, start_time=T(12), end_time=T(13))
    SessionFactory(
        activity=activity,
        day=activity.start_date + datetime.timedelta(days=2),
        title="Site visit",
        kind=SessionKind.SITE_VISIT,
        start_time=T(9),
        end_time=T(12),
    )
    return activity


def _parse(response):
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].endswith('.ics"')
    return Calendar.from_ical(response.content)


def _events(calendar):
    return sorted(calendar.walk("VEVENT"), key=lambda event: event.decoded("dtstart"))


def test_every_session_is_an_event_in_the_hosts_time_zone(activity, client_for, focal_bz, expert_person):
    calendar = _parse(client_for(focal_bz).get(reverse("activities:activity_ics", args=[activity.pk])))
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/Jamaica"]
    events = _events(calendar)
    assert [str(event["SUMMARY"]).split(" — ")[0] for event in events] == ["Opening", "Lunch", "Site visit"]
    opening = events[0]
    start, end = opening.decoded("dtstart"), opening.decoded("dtend")
    assert start == datetime.datetime.combine(activity.start_date, T(9), tzinfo=zoneinfo.ZoneInfo("America/Jamaica"))
    assert start.tzinfo.key == "America/Jamaica" and (end - start) == datetime.timedelta(minutes=90)
    assert start.astimezone(datetime.UTC).hour == 14  # Jamaica keeps UTC−5 all year
    assert opening["DTSTART"].params["TZID"] == "America/Jamaica"
    assert str(opening["LOCATION"]) == "UCJ, Kingston"
    description = str(opening["DESCRIPTION"])
    assert "Plenary" in description and expert_person.full_name in description and "Plenary presentation" in description
    assert str(events[1]["TRANSP"]) == "TRANSPARENT"
    assert all(str(event["UID"]).startswith("attache-session-") for event in events)


def test_uids_are_stable_from_one_download_to_the_next(activity, client_for, officer):
    client = client_for(officer)
    url = reverse("activities:activity_ics", args=[activity.pk])
    first, second = _parse(client.get(url)), _parse(client.get(url))
    assert [str(e["UID"]) for e in _events(first)] == [str(e["UID"]) for e in _events(second)]
    assert first.to_ical() == second.to_ical()


def test_an_activity_without_sessions_is_one_all_day_event(client_for, officer):
    activity = ActivityFactory(online_link="https://meet.example/room")
    calendar = _parse(client_for(officer).get(reverse("activities:activity_ics", args=[activity.pk])))
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == activity.start_date
    assert event.decoded("dtend") == activity.end_date + datetime.timedelta(days=1)
    assert str(event["LOCATION"]) == "Kingston"


@pytest.mark.parametrize(("who", "status"), [("focal_jm", 404), ("partner", 404), ("host_jm", 200), ("expert", 200)])
def test_the_activity_calendar_is_read_like_the_activity(activity, client_for, persona, who, status):
    assert client_for(persona(who)).get(reverse("activities:activity_ics", args=[activity.pk])).status_code == status


def test_an_expert_gets_the_sessions_they_lead(activity, client_for, expert):
    calendar = _parse(client_for(expert).get(reverse("activities:activity_ics", args=[activity.pk])))
    assert [str(e["SUMMARY"]).split(" — ")[0] for e in _events(calendar)] == ["Opening"]


def test_a_participant_gets_the_days_they_attended(activity, client_for, focal_bz, belize):
    nomination = NominationFactory(activity=activity, state=belize, confirmed=True)
    url = reverse("activities:participant_ics", args=[activity.pk, nomination.pk])
    planned = _parse(client_for(focal_bz).get(url))
    assert len(_events(planned)) == 3  # no attendance yet: every day of the activity
    AttendanceFactory(nomination=nomination, day=activity.start_date + datetime.timedelta(days=2), present=True)
    AttendanceFactory(nomination=nomination, day=activity.start_date, present=False)
    attended = _parse(client_for(focal_bz).get(url))
    assert [str(e["SUMMARY"]).split(" — ")[0] for e in _events(attended)] == ["Site visit"]
    assert nomination.person.full_name in str(attended["X-WR-CALNAME"])


@pytest.mark.parametrize(
    ("who", "status"), [("officer", 200), ("focal_bz", 200), ("host_jm", 200), ("focal_jm", 404), ("partner", 404)]
)
def test_who_downloads_a_participants_calendar(activity, client_for, persona, belize, who, status):
    nomination = NominationFactory(activity=activity, state=belize)
    url = reverse("activities:participant_ics", args=[activity.pk, nomination.pk])
    assert client_for(persona(who)).get(url).status_code == status


def test_the_nominee_downloads_their_own(activity, client_for, belize, expert_person, expert):
    nomination = NominationFactory(activity=activity, state=belize, person=expert_person)
    url = reverse("activities:participant_ics", args=[activity.pk, nomination.pk])
    assert client_for(expert).get(url).status_code == 200
    other = reverse("activities:participant_ics", args=[activity.pk + 1, nomination.pk])
    assert client_for(expert).get(other).status_code == 404


def test_the_api_serves_the_same_files(activity, api_client_for, focal_bz, focal_jm):
    url = f"/api/v1/activities/{activity.pk}/calendar.ics"
    response = api_client_for(focal_bz).get(url)
    assert response.status_code == 200 and len(_events(_parse(response))) == 3
    assert api_client_for(focal_jm).get(url).status_code == 404
    assert api_client_for(None).get(url).status_code in (401, 403)


def test_a_cancelled_activitys_events_say_so(activity, client_for, officer):
    from activities.choices import ActivityStatus

    type(activity).objects.filter(pk=activity.pk).update(status=ActivityStatus.CANCELLED)
    calendar = _parse(client_for(officer).get(reverse("activities:activity_ics", args=[activity.pk])))
    assert {str(event["STATUS"]) for event in calendar.walk("VEVENT")} == {"CANCELLED"}


def test_a_declined_nominee_is_no_longer_expected(activity, client_for, officer, belize):
    from activities.choices import NominationStatus

    nomination = NominationFactory(activity=activity, state=belize, status=NominationStatus.DECLINED)
    url = reverse("activities:participant_ics", args=[activity.pk, nomination.pk])
    assert _events(_parse(client_for(officer).get(url))) == []
