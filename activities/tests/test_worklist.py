"""The home page as a worklist: what waits for each persona, where it is done, in bounded queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from activities.tests.factories import ActivityFactory, NominationFactory, SessionFactory
from assistance.choices import Status
from assistance.tests.factories import AssistanceRequestFactory
from community.tests.factories import InstitutionFactory
from core.registry import home_worklist_for

HOME = reverse("core:home")
TODAY = datetime.date.today()


def days(n):
    return TODAY + datetime.timedelta(days=n)


def labels(user):
    return [item.label for item in home_worklist_for(user)]


@pytest.fixture
def work(belize, jamaica, trinidad, host_institution, expert_person, officer, focal_bz):
    other_host = InstitutionFactory(name="Planning Institute of Jamaica", state=jamaica)
    ActivityFactory(title="Soon", start_date=days(10), end_date=days(14), states=[belize])
    ActivityFactory(
        title="Hosted", start_date=days(40), end_date=days(44), host_institution=host_institution, states=[trinidad]
    )
    ActivityFactory(title="Hosted later", start_date=days(120), end_date=days(124), host_institution=host_institution)
    ActivityFactory(title="Elsewhere", start_date=days(40), end_date=days(44), host_institution=other_host)
    nominated = ActivityFactory(title="Nominated", start_date=days(50), end_date=days(54), states=[trinidad])
    NominationFactory(activity=nominated, state=trinidad)
    NominationFactory(activity=nominated, state=trinidad)
    ActivityFactory(title="Done", status="delivered", start_date=days(-20), end_date=days(-16), states=[trinidad])
    led = ActivityFactory(title="Led", start_date=days(20), end_date=days(24), states=[trinidad])
    SessionFactory(activity=led, facilitator=expert_person)
    # Named an expert with no session yet: the experts named on an activity read it too.
    ActivityFactory(title="Advised", start_date=days(35), end_date=days(39), experts=[expert_person])
    ActivityFactory(title="Cancelled", status="cancelled", start_date=days(5), end_date=days(9), states=[belize])
    AssistanceRequestFactory(title="Assigned", state=belize, status=Status.ASSESSING, assigned_officer=officer)
    late = AssistanceRequestFactory(title="Late", state=belize, status=Status.SUBMITTED)
    type(late).objects.filter(pk=late.pk).update(status_changed_at=timezone.now() - datetime.timedelta(days=40))
    AssistanceRequestFactory(title="Belize draft", state=belize, status=Status.DRAFT, focal_point=focal_bz)
    AssistanceRequestFactory(title="Jamaica draft", state=jamaica, status=Status.DRAFT)


def test_officers_see_requests_on_them_overdue_steps_and_activities_to_run(officer, work):
    got = labels(officer)
    assert got[0] == "Overdue: Late"  # overdue first
    assert set(got) == {
        "Overdue: Late",
        "Finish the needs assessment: Assigned",
        "Starts soon: Soon",
        "Starts soon: Led",
        "Confirm 2 nominations: Nominated",
        "Delivered, to close: Done",
    }


def test_host_coordinators_see_activities_to_prepare(host_jm, work):
    assert labels(host_jm) == ["Prepare: Hosted"]


def test_experts_see_their_assignments(expert, work):
    assert labels(expert) == ["You lead 1 session: Led", "You are an expert on: Advised"]


def test_focal_points_see_nominations_due_and_their_requests_next_steps(focal_bz, focal_jm, work):
    assert set(labels(focal_bz)) == {"Nominate officials: Soon", "Submit the draft: Belize draft"}
    assert labels(focal_jm) == ["Submit the draft: Jamaica draft"]


def test_partners_have_nothing_waiting(partner, client_for, work):
    assert labels(partner) == []
    assert "data-worklist-empty" in client_for(partner).get(HOME).content.decode()


def test_each_item_links_where_the_work_is_done(officer, client_for, work):
    page = client_for(officer).get(HOME).content.decode()
    for item in home_worklist_for(officer):
        assert f'href="{item.url}"' in page
        assert client_for(officer).get(item.url.split("#")[0]).status_code == 200


@pytest.mark.parametrize("name", ["officer", "focal_bz", "host_jm", "expert"])
def test_the_home_page_takes_as_many_queries_for_many_items(
    name, persona, client_for, django_assert_num_queries, belize, host_institution, expert_person, officer
):
    user = persona(name)
    client = client_for(user)

    def add():
        activity = ActivityFactory(
            start_date=days(10),
            end_date=days(14),
            states=[belize],
            host_institution=host_institution,
            experts=[expert_person],
        )
        NominationFactory(activity=activity, state=belize)
        SessionFactory(activity=activity, facilitator=expert_person)
        AssistanceRequestFactory(state=belize, status=Status.DRAFT)
        AssistanceRequestFactory(state=belize, status=Status.REGISTERED, assigned_officer=officer)

    add()
    client.get(HOME)
    with CaptureQueriesContext(connection) as one:
        client.get(HOME)
    for _n in range(4):
        add()
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(HOME)
    assert len(response.context["worklist"]) > 1


def test_an_activity_whose_last_day_is_not_fixed_shows_its_first_day(officer, belize):
    activity = ActivityFactory(title="Open-ended", start_date=days(10), end_date=None, states=[belize])
    [item] = [item for item in home_worklist_for(officer) if item.label == "Starts soon: Open-ended"]
    assert item.detail == f"{date_format(days(10))} · {activity.host_state.name}"


def test_the_officer_sees_the_first_activities_by_date_with_proposals_and_how_many_each(officer, trinidad):
    """Counted among proposals only (a confirmed seat is not to confirm), eight at most, by date."""
    from activities.choices import NominationStatus
    from core.registry import WORKLIST_LIMIT

    for n in range(WORKLIST_LIMIT + 2):
        activity = ActivityFactory(title=f"Course {n:02}", start_date=days(60 - n), end_date=days(61 - n))
        for _ in range(n % 3 + 1):
            NominationFactory(activity=activity, state=trinidad)
        NominationFactory(activity=activity, state=trinidad, status=NominationStatus.CONFIRMED)
    ActivityFactory(title="No proposal", start_date=days(1), end_date=days(2))
    confirm = [label for label in labels(officer) if label.startswith("Confirm")]
    expected = [(n % 3 + 1, f"Course {n:02}") for n in range(WORKLIST_LIMIT + 1, 1, -1)]
    assert sorted(confirm) == sorted(
        f"Confirm {count} nomination{'s' if count > 1 else ''}: {title}" for count, title in expected
    )
