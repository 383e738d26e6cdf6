"""The agenda builder's pages: who reads, who changes, and that each change happens in place
with htmx (the agenda fragment comes back) and as a plain form (a redirect)."""

import datetime

import pytest
from django.urls import reverse

from accounts.choices import Role
from accounts.tests.factories import UserFactory
from activities.choices import ActivityStatus, SessionKind
from activities.models import Session
from activities.tests.factories import ActivityFactory, SessionFactory
from community.tests.factories import InstitutionFactory, PersonFactory
from core.testing import edit_data

pytestmark = pytest.mark.django_db
T = datetime.time
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def activity(belize, host_institution, expert_person):
    activity = ActivityFactory(host_institution=host_institution, states=[belize], experts=[expert_person])
    SessionFactory(activity=activity, title="Opening", start_time=T(9), end_time=T(10), position=0)
    SessionFactory(
        activity=activity, title="Coffee", kind=SessionKind.BREAK, start_time=T(10), end_time=T(10, 30), position=1
    )
    SessionFactory(activity=activity, title="Procedures", start_time=T(10, 30), end_time=T(12), position=2)
    return activity


@pytest.fixture
def other_host(jamaica):
    return UserFactory(role=Role.HOST_COORDINATOR, institution=InstitutionFactory(state=jamaica))


def _titles(activity, day=None):
    return list(
        Session.objects.filter(activity=activity, day=day or activity.start_date)
        .order_by("position")
        .values_list("title", "start_time", "end_time")
    )


def _url(name, *args):
    return reverse(f"activities:{name}", args=args)


@pytest.mark.parametrize(
    ("who", "status", "edits"),
    [
        ("officer", 200, True),
        ("host_jm", 200, True),
        ("focal_bz", 200, False),
        ("focal_jm", 404, False),
        ("partner", 404, False),
        ("other_host", 404, False),
    ],
)
def test_who_reads_and_who_changes_the_agenda(activity, client_for, persona, who, status, edits):
    response = client_for(persona(who)).get(_url("activity_agenda", activity.pk))
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "Opening" in html and "Procedures" in html
        assert ("Add a session" in html) is edits
        assert (_url("session_update", activity.sessions.first().pk) in html) is edits


def test_an_expert_reads_only_the_sessions_they_lead(activity, client_for, expert, expert_person):
    Session.objects.filter(title="Procedures").update(facilitator=expert_person)
    html = client_for(expert).get(_url("activity_agenda", activity.pk)).content.decode()
    assert "Procedures" in html and "Opening" not in html and "Add a session" not in html
    assert "agenda-break" not in html


def test_breaks_are_styled_apart(activity, client_for, officer):
    html = client_for(officer).get(_url("activity_agenda", activity.pk)).content.decode()
    assert html.count("agenda-break") == 1 and 'data-kind="break"' in html


def _form(activity, **values):
    data = {
        "day": activity.start_date.isoformat(),
        "start_time": "13:00",
        "end_time": "14:30",
        "title": "Site visit to the registry",
        "kind": SessionKind.SITE_VISIT,
        "facilitator": "",
        "method": "Guided tour",
        "notes": "",
    }
    return {**data, **values}


def test_adding_a_session_with_htmx_returns_the_agenda_fragment(activity, client_for, host_jm):
    response = client_for(host_jm).post(_url("session_create", activity.pk), _form(activity), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="agenda"') and "<nav" not in html
    assert "Site visit to the registry" in html and "added" in html
    assert [row[0] for row in _titles(activity)] == ["Opening", "Coffee", "Procedures", "Site visit to the registry"]


def test_adding_without_javascript_redirects_to_the_session(activity, client_for, officer):
    response = client_for(officer).post(_url("session_create", activity.pk), _form(activity))
    session = Session.objects.get(title="Site visit to the registry")
    assert response.status_code == 302 and response.url.endswith(f"/agenda/#session-{session.pk}")


def test_an_overlap_is_refused_on_its_field(activity, client_for, officer):
    data = _form(activity, start_time="11:00", end_time="12:30")
    response = client_for(officer).post(_url("session_create", activity.pk), data, **HTMX)
    assert response.status_code == 400
    assert "overlaps “Procedures” (10:30–12:00)" in response.content.decode()
    assert not Session.objects.filter(title="Site visit to the registry").exists()


def test_a_break_may_overlap(activity, client_for, officer):
    data = _form(activity, start_time="11:00", end_time="11:15", kind=SessionKind.BREAK, title="Tea")
    assert client_for(officer).post(_url("session_create", activity.pk), data).status_code == 302


def test_a_day_outside_the_activity_and_an_end_before_the_start_are_refused(activity, client_for, officer):
    before = (activity.start_date - datetime.timedelta(days=1)).isoformat()
    response = client_for(officer).post(
        _url("session_create", activity.pk), _form(activity, day=before, end_time="12:00")
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Select a valid choice" in html or "Choose a day of the activity" in html
    response = client_for(officer).post(_url("session_create", activity.pk), _form(activity, end_time="12:00"))
    assert response.status_code == 400 and "A session ends after it starts." in response.content.decode()


def test_facilitators_are_the_experts_and_the_host_institutions_people(
    activity, client_for, officer, expert_person, host_institution
):
    colleague = PersonFactory(institution=host_institution, state=host_institution.state)
    stranger = PersonFactory()
    page = client_for(officer).get(_url("session_create", activity.pk)).content.decode()
    assert expert_person.full_name in page and colleague.full_name in page and stranger.full_name not in page
    data = _form(activity, facilitator=stranger.pk)
    response = client_for(officer).post(_url("session_create", activity.pk), data)
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    data = _form(activity, facilitator=colleague.pk)
    assert client_for(officer).post(_url("session_create", activity.pk), data).status_code == 302
    assert Session.objects.get(title="Site visit to the registry").facilitator == colleague


def test_editing_in_place(activity, client_for, host_jm):
    session = Session.objects.get(title="Procedures")
    client = client_for(host_jm)
    form_html = client.get(_url("session_update", session.pk), **HTMX).content.decode()
    assert 'id="session-form"' in form_html and 'value="Procedures"' in form_html
    data = _form(activity, title="Procedures, revised", start_time="10:30", end_time="12:00", kind="plenary")
    response = client.post(_url("session_update", session.pk), edit_data(session, data), **HTMX)
    assert response.status_code == 200 and "Procedures, revised" in response.content.decode()
    session.refresh_from_db()
    assert session.title == "Procedures, revised"


@pytest.mark.parametrize("who", ["focal_bz", "other_host", "expert"])
def test_readers_cannot_change(activity, client_for, persona, who, expert_person):
    Session.objects.filter(title="Procedures").update(facilitator=expert_person)
    session = Session.objects.get(title="Procedures")
    client = client_for(persona(who))
    expected = 404 if who == "other_host" else 403
    assert client.post(_url("session_update", session.pk), _form(activity)).status_code == expected
    assert client.post(_url("session_delete", session.pk)).status_code == expected
    assert client.post(_url("session_move", session.pk), {"direction": "up"}).status_code == expected
    create = client.post(_url("session_create", activity.pk), _form(activity))
    assert create.status_code == (404 if who == "other_host" else 403)
    assert Session.objects.filter(activity=activity).count() == 3


def test_moving_up_swaps_the_order_and_carries_the_times(activity, client_for, officer):
    session = Session.objects.get(title="Procedures")
    response = client_for(officer).post(_url("session_move", session.pk), {"direction": "up"}, **HTMX)
    assert response.status_code == 200
    assert _titles(activity) == [
        ("Opening", T(9), T(10)),
        ("Procedures", T(10), T(11, 30)),
        ("Coffee", T(11, 30), T(12)),
    ]


def test_the_first_session_does_not_move_up(activity, client_for, officer):
    session = Session.objects.get(title="Opening")
    response = client_for(officer).post(_url("session_move", session.pk), {"direction": "up"}, **HTMX)
    assert response.status_code == 400 and "already the first session" in response.content.decode()


def test_moving_to_another_day_keeps_the_times(activity, client_for, host_jm):
    session = Session.objects.get(title="Procedures")
    tuesday = activity.start_date + datetime.timedelta(days=1)
    response = client_for(host_jm).post(_url("session_move", session.pk), {"day": tuesday.isoformat()})
    assert response.status_code == 302
    assert _titles(activity, tuesday) == [("Procedures", T(10, 30), T(12))]
    assert [row[0] for row in _titles(activity)] == ["Opening", "Coffee"]


def test_a_move_that_overlaps_is_refused(activity, client_for, officer):
    tuesday = activity.start_date + datetime.timedelta(days=1)
    SessionFactory(activity=activity, day=tuesday, title="Exercise", start_time=T(11), end_time=T(12))
    session = Session.objects.get(title="Procedures")
    response = client_for(officer).post(_url("session_move", session.pk), {"day": tuesday.isoformat()}, **HTMX)
    assert response.status_code == 400 and "overlaps “Exercise”" in response.content.decode()
    session.refresh_from_db()
    assert session.day == activity.start_date


def test_deleting_asks_first_without_javascript(activity, client_for, officer):
    session = Session.objects.get(title="Coffee")
    client = client_for(officer)
    assert "Delete “Coffee”?" in client.get(_url("session_delete", session.pk)).content.decode()
    assert client.post(_url("session_delete", session.pk), **HTMX).status_code == 200
    assert [row[0] for row in _titles(activity)] == ["Opening", "Procedures"]
    assert list(Session.objects.filter(activity=activity).values_list("position", flat=True)) == [0, 1]


def test_a_closed_activitys_agenda_no_longer_changes(activity, client_for, officer):
    type(activity).objects.filter(pk=activity.pk).update(status=ActivityStatus.CLOSED)
    client = client_for(officer)
    assert "Add a session" not in client.get(_url("activity_agenda", activity.pk)).content.decode()
    response = client.post(_url("session_create", activity.pk), _form(activity))
    assert response.status_code == 400 and "no longer changes" in response.content.decode()


def test_the_printable_agenda(activity, client_for, focal_bz):
    response = client_for(focal_bz).get(_url("activity_agenda_print", activity.pk))
    html = response.content.decode()
    assert response.status_code == 200 and "<nav" not in html
    assert "Day 1 · " in html and "09:00–10:00" in html and "agenda-print-break" in html
    assert html.index("Opening") < html.index("Coffee") < html.index("Procedures")


def test_the_printable_agenda_is_hidden_like_the_activity(activity, client_for, focal_jm):
    assert client_for(focal_jm).get(_url("activity_agenda_print", activity.pk)).status_code == 404


def test_the_agenda_reads_in_a_constant_number_of_queries(activity, client_for, officer, django_assert_max_num_queries):
    client = client_for(officer)
    client.get(_url("activity_agenda", activity.pk))  # warm caches (session, content types)
    with django_assert_max_num_queries(20) as few:
        client.get(_url("activity_agenda", activity.pk))
    for n in range(12):
        SessionFactory(activity=activity, day=activity.end_date, start_time=T(8 + n // 2), end_time=T(8 + n // 2, 20))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(_url("activity_agenda", activity.pk))


def test_a_reorder_is_kept_in_the_sessions_history(activity, client_for, officer):
    from auditlog.models import LogEntry

    session = Session.objects.get(title="Procedures")
    client_for(officer).post(_url("session_move", session.pk), {"direction": "up"})
    entry = LogEntry.objects.get_for_object(session).latest("timestamp")
    assert "start_time" in entry.changes_dict and entry.actor == officer


def test_an_activity_without_dates_has_no_agenda_yet(client_for, officer):
    undated = ActivityFactory(undated=True)
    client = client_for(officer)
    page = client.get(_url("activity_agenda", undated.pk)).content.decode()
    assert "has no dates yet" in page and "Add a session" not in page
    data = {"day": "2027-01-04", "start_time": "09:00", "end_time": "10:00", "title": "Early", "kind": "plenary"}
    response = client.post(_url("session_create", undated.pk), data)
    assert response.status_code == 400
    assert not Session.objects.filter(activity=undated).exists()
