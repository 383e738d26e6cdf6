"""The demo activities: the Saint Lucia workshop's full agenda from the seed, the Belize
attachment planned with its request, and that loading twice changes nothing."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.db.models import Max

from accounts.models import User
from activities.choices import ActivityStatus, SessionKind
from activities.demo import ATTACHMENT_TITLE, PES_AGENDA, PES_TITLE, load_activities
from activities.models import Activity, Nomination, Session
from assistance.choices import Status as RequestStatus
from core.models import TransitionRecord
from tests.demo_snapshot import load_demo

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 30)


@pytest.fixture
def demo():
    return load_demo(today=TODAY)


def snapshot():
    return (
        Activity.objects.count(),
        Activity.objects.aggregate(last=Max("updated_at"))["last"],
        Session.objects.aggregate(last=Max("updated_at"))["last"],
        LogEntry.objects.count(),
        TransitionRecord.objects.count(),
        sorted(Activity.objects.values_list("pk", "status", "start_date", "end_date")),
        sorted(Session.objects.values_list("pk", "day", "start_time", "end_time", "position", "title", "facilitator")),
        sorted(Nomination.objects.values_list("pk", "person_id", "status")),
        sorted(Activity.experts.through.objects.values_list("activity_id", "person_id")),
        sorted(Activity.states.through.objects.values_list("activity_id", "memberstate_id")),
    )


def test_loading_twice_changes_nothing(demo):
    assert demo.counts["activities"] == 2
    before = snapshot()
    load_activities(today=TODAY)
    assert snapshot() == before


def test_reloading_repairs_a_changed_agenda(demo):
    workshop = Activity.objects.get(title=PES_TITLE)
    Session.objects.filter(activity=workshop, title__startswith="2d.").delete()
    Session.objects.filter(activity=workshop, title__startswith="3a.").update(title="Changed")
    load_activities(today=TODAY)
    assert Session.objects.filter(activity=workshop).count() == len(PES_AGENDA)
    assert Session.objects.filter(activity=workshop, title="3a. Tools for employment services").exists()


def test_the_saint_lucia_workshop_has_its_five_day_agenda(demo):
    workshop = Activity.objects.select_related("host_state", "host_institution").get(title=PES_TITLE)
    assert workshop.host_state.iso_code == "LC" and workshop.host_institution.name == "Department of Labour"
    assert workshop.status == ActivityStatus.CLOSED and workshop.start_date == datetime.date(2019, 10, 28)
    days = sorted(set(Session.objects.filter(activity=workshop).values_list("day", flat=True)))
    assert days == workshop.days and len(days) == 5
    per_day = {day: Session.objects.filter(activity=workshop, day=day).exclude(kind=SessionKind.BREAK) for day in days}
    assert [qs.count() for qs in per_day.values()] == [4, 4, 4, 4, 4]
    monday = list(per_day[days[0]].order_by("position").values_list("start_time", "title"))
    assert monday[0] == (datetime.time(8, 30), "1. Opening session; 1a. Introduction")
    visit = Session.objects.get(activity=workshop, kind=SessionKind.SITE_VISIT)
    assert (visit.day, visit.start_time, visit.end_time) == (days[4], datetime.time(9), datetime.time(9, 30))
    assert Session.objects.get(activity=workshop, title__startswith="3a.").facilitator.full_name == "Diego Ricco"
    assert Session.objects.get(activity=workshop, title__startswith="4a.").facilitator.full_name == "Eckersley"
    assert Session.objects.filter(activity=workshop, kind=SessionKind.BREAK).count() == 15
    statuses = list(
        TransitionRecord.objects.filter(activity=workshop).order_by("at").values_list("to_status", flat=True)
    )
    assert statuses == ["proposed", "planned", "confirmed", "in_delivery", "delivered", "closed"]
    assert set(workshop.states.values_list("iso_code", flat=True)) >= {"LC", "BB"}


def test_the_belize_attachment_is_planned_with_its_request(demo):
    attachment = Activity.objects.get(title=ATTACHMENT_TITLE)
    assert attachment.status == ActivityStatus.PLANNED
    assert attachment.host_institution.name == "University Council of Jamaica"
    assert attachment.start_date > TODAY and attachment.start_date.weekday() == 0
    assert len(attachment.days) == 5
    request = attachment.requests.get()
    assert request.state.iso_code == "BZ" and request.status == RequestStatus.PLANNED
    assert request.host_state.iso_code == "JM" and request.host_institution == attachment.host_institution
    assert list(
        TransitionRecord.objects.filter(assistance_request=request)
        .order_by("at", "pk")
        .values_list("to_status", flat=True)
    )[-3:] == ["matching", "host_confirmed", "planned"]
    assert request.window_start <= attachment.start_date and attachment.end_date <= request.window_end
    nominations = Nomination.objects.filter(activity=attachment)
    assert nominations.count() == 3 and {n.state.iso_code for n in nominations} == {"BZ"}
    assert all(n.nominated_by.email == "focal-bz@demo.test" for n in nominations)
    assert len({s.day for s in attachment.sessions.all()}) == 5


def test_who_sees_the_demo_agenda(demo):
    attachment = Activity.objects.get(title=ATTACHMENT_TITLE)
    host = User.objects.get(email="host-jm@demo.test")
    focal_bz = User.objects.get(email="focal-bz@demo.test")
    focal_jm = User.objects.get(email="focal-jm@demo.test")
    assert Session.objects.for_user(host).filter(activity=attachment).count() == attachment.sessions.count()
    assert Session.objects.editable_by(host).filter(activity=attachment).count() == attachment.sessions.count()
    assert Session.objects.for_user(focal_bz).filter(activity=attachment).exists()
    assert not Activity.objects.for_user(focal_jm).filter(pk=attachment.pk).exists()


def test_the_belize_attachment_serves_a_request_brokered_through_matching(demo):
    from matching.choices import InvitationStatus
    from matching.models import HostInvitation

    attachment = Activity.objects.get(title=ATTACHMENT_TITLE)
    served = attachment.requests.get()
    accepted = HostInvitation.objects.get(request=served)
    assert (accepted.status, accepted.institution) == (InvitationStatus.ACCEPTED, attachment.host_institution)
    assert (served.status, served.host_institution) == (RequestStatus.PLANNED, attachment.host_institution)
    # Belize's accreditation request is still waiting for a host: the matching page's example.
    assert served.state.requests.filter(status=RequestStatus.APPROVED).count() == 1


def test_the_saint_lucia_workshop_closed_with_its_participants_attendance_and_certificates(demo):
    from activities.models import Certificate

    workshop = Activity.objects.get(title=PES_TITLE)
    confirmed = workshop.nominations.filter(status="confirmed")
    assert confirmed.count() >= 15  # a workshop takes 15 or more
    assert not confirmed.filter(attendance__isnull=True).exists()  # the closing rule holds
    assert Certificate.objects.filter(nomination__activity=workshop).count() == confirmed.count()
