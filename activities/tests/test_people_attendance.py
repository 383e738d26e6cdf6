"""Attendance per day: who records it and when, for whom and for which days, all or nothing;
and the hours a certificate credits."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.urls import reverse

from activities import services_people as people
from activities.choices import ActivityStatus, SessionKind
from activities.models import Attendance
from activities.tests.factories import SessionFactory
from activities.tests.people_setup import *  # noqa: F403


@pytest.fixture
def running(attachment, participants):
    attachment.status = ActivityStatus.IN_DELIVERY
    attachment.save(update_fields=["status"])
    return attachment


def everyone_every_day(activity, nominations, present=True):
    return [(n.pk, day, present) for n in nominations for day in activity.days]


@pytest.mark.parametrize("role", ["officer", "host_jm"])
def test_the_secretariat_or_the_host_records_attendance(persona, role, running, participants):
    saved = people.attendance_record(
        actor=persona(role), activity_id=running.pk, marks=everyone_every_day(running, participants)
    )
    assert saved == 15
    assert Attendance.objects.filter(present=True, recorded_by=persona(role)).count() == 15


@pytest.mark.parametrize("role", ["focal_bz", "focal_jm", "expert", "partner"])
def test_nobody_else_records_attendance(persona, role, running, participants):
    with pytest.raises((PermissionDenied, type(running).DoesNotExist)):
        people.attendance_record(actor=persona(role), activity_id=running.pk, marks=[])


def test_host_coordinator_of_another_institution_may_not_record(running, participants, jamaica):
    from accounts.choices import Role
    from accounts.tests.factories import UserFactory
    from community.tests.factories import InstitutionFactory

    other = UserFactory(role=Role.HOST_COORDINATOR, institution=InstitutionFactory(state=jamaica))
    with pytest.raises(PermissionDenied):
        people.attendance_record(actor=other, activity_id=running.pk, marks=[])


def test_attendance_waits_for_the_activity_to_start(officer, attachment, participants):
    with pytest.raises(ValidationError) as refused:
        people.attendance_record(actor=officer, activity_id=attachment.pk, marks=[])
    assert refused.value.message_dict == {
        NON_FIELD_ERRORS: ["Attendance is recorded once the activity has started; this one is planned."]
    }


def test_a_sheet_with_one_bad_mark_saves_nothing(officer, running, participants):
    proposed = running.nominations.get(status="proposed")
    marks = [*everyone_every_day(running, participants), (proposed.pk, running.start_date, True)]
    with pytest.raises(ValidationError) as refused:
        people.attendance_record(actor=officer, activity_id=running.pk, marks=marks)
    assert refused.value.message_dict == {"attendance": ["Attendance is recorded for the confirmed participants only."]}
    day_after = running.end_date + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        people.attendance_record(
            actor=officer,
            activity_id=running.pk,
            marks=[(participants[0].pk, running.start_date, True), (participants[0].pk, day_after, True)],
        )
    assert refused.value.message_dict == {"attendance": [f"{day_after.isoformat()} is not a day of this activity."]}
    assert not Attendance.objects.exists()


def test_recording_again_corrects_the_marks(officer, host_jm, running, participants):
    people.attendance_record(actor=officer, activity_id=running.pk, marks=everyone_every_day(running, participants))
    people.attendance_record(
        actor=host_jm, activity_id=running.pk, marks=[(participants[0].pk, running.start_date, False)]
    )
    mark = Attendance.objects.get(nomination=participants[0], day=running.start_date)
    assert (mark.present, mark.recorded_by) == (False, host_jm)
    assert Attendance.objects.count() == 15


def test_the_grid_page_saves_ticked_boxes_as_present_and_the_others_as_absent(
    client_for, host_jm, running, participants
):
    url = reverse("activities:attendance_record", args=[running.pk])
    client = client_for(host_jm)
    page = client.get(url)
    assert page.status_code == 200
    assert len(page.context["grid"]) == 3  # confirmed participants only
    first_day = running.start_date.isoformat()
    answer = client.post(url, {"present": [f"{participants[0].pk}:{first_day}", f"{participants[1].pk}:{first_day}"]})
    assert answer.status_code == 302
    assert Attendance.objects.filter(present=True).count() == 2
    assert Attendance.objects.filter(present=False).count() == 13


@pytest.mark.parametrize("role", ["focal_bz", "focal_jm", "partner"])
def test_the_grid_page_is_for_those_who_record(client_for, persona, role, running):
    assert client_for(persona(role)).get(reverse("activities:attendance_record", args=[running.pk])).status_code == 404


# --- hours -------------------------------------------------------------------------------------------


def test_hours_are_the_sessions_on_the_days_present_without_the_breaks(attachment):
    first, second = attachment.days[:2]
    SessionFactory(activity=attachment, day=first, start_time=datetime.time(9), end_time=datetime.time(12))
    SessionFactory(
        activity=attachment, day=first, start_time=datetime.time(12), end_time=datetime.time(13), kind=SessionKind.BREAK
    )
    SessionFactory(activity=attachment, day=first, start_time=datetime.time(13), end_time=datetime.time(16, 30))
    SessionFactory(activity=attachment, day=second, start_time=datetime.time(9), end_time=datetime.time(17))
    assert people.attended_hours(attachment, [first]) == Decimal("6.5")
    assert people.attended_hours(attachment, [first, second]) == Decimal("14.5")


def test_without_an_agenda_each_working_day_present_counts_six_hours(attachment):
    saturday = attachment.start_date + datetime.timedelta(days=5)
    assert attachment.start_date.weekday() == 0
    assert people.attended_hours(attachment, attachment.days) == Decimal(30)
    assert people.attended_hours(attachment, [attachment.start_date, saturday]) == Decimal(6)
