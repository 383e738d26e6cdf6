"""What the registry keeps reaches the ranking: regional meetings, extra non-working days,
what institutions can receive and what each state hosted lately; the officer sees the hosting
balance of the proposed hosts on the page and in the API."""

import datetime

import pytest
from django.urls import reverse

from activities.choices import ActivityStatus
from activities.tests.factories import ActivityFactory
from community.models import NonWorkingDay, RegionalMeeting
from community.tests.factories import InstitutionFactory
from matching import explain, loaders, selectors
from matching.conf import DEFAULT_OPTIONS
from matching.factors import default_weights
from matching.scoring import Exclusion, rank_hosts
from maturity.tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2027, 1, 4)


def _established(area, *states):
    for state in states:
        AssessmentFactory(state=state, area=area, level=3)


def _window(request, start, end, **fields):
    request.window_start, request.window_end = start, end
    for name, value in fields.items():
        setattr(request, name, value)
    request.save()


def _rank(request):
    supply = loaders.load_host_supply(today=TODAY)
    need = loaders.load_need(request, supply, today=TODAY)
    ranking = rank_hosts(supply, need, default_weights("host"))
    return supply, need, ranking


def _text(supply, need, ranking, state):
    i = supply.state_index()[state.pk]
    return explain.reasons_sentence(explain.host_reasons(supply, need, ranking, i, DEFAULT_OPTIONS))


def test_carnival_kept_in_the_registry_is_a_non_working_day_for_matching(approved, jamaica, trinidad):
    _window(approved, D(2027, 2, 8), D(2027, 2, 12), modality="workshop")  # Monday to Friday
    NonWorkingDay.objects.create(state=trinidad, date=D(2027, 2, 8), name="Carnival Monday")
    NonWorkingDay.objects.create(state=trinidad, date=D(2027, 2, 9), name="Carnival Tuesday")
    supply, need, ranking = _rank(approved)
    index = supply.state_index()
    assert "2 other non-working days in the window (Carnival Monday" in _text(supply, need, ranking, trinidad)
    assert ranking.detail["window_fit"]["longest_run"][index[trinidad.pk]] == 3
    # Ash Wednesday is a public holiday in Jamaica, not in Trinidad and Tobago.
    assert ranking.detail["window_fit"]["longest_run"][index[jamaica.pk]] == 4


def test_a_week_long_carnival_leaves_no_room_and_the_host_is_not_proposed(approved, accreditation, trinidad):
    _established(accreditation, trinidad)
    _window(approved, D(2027, 2, 8), D(2027, 2, 12), modality="attachment")
    for day in range(8, 13):
        NonWorkingDay.objects.create(state=trinidad, date=D(2027, 2, day), name="Carnival week")
    supply, need, ranking = _rank(approved)
    assert ranking.excluded[supply.state_index()[trinidad.pk]] == Exclusion.NO_TIME


def test_regional_meetings_in_the_registry_are_an_opportunity_or_a_clash(approved, accreditation, jamaica, trinidad):
    _window(approved, D(2027, 3, 1), D(2027, 4, 30))
    meeting = RegionalMeeting.objects.create(
        body="COHSOD", start_date=D(2027, 4, 13), end_date=D(2027, 4, 15), host_state=jamaica, venue="Kingston"
    )
    meeting.attending_states.set([jamaica, trinidad])
    meeting.areas.set([accreditation])
    supply, need, ranking = _rank(approved)
    assert "COHSOD meets in Kingston from" in _text(supply, need, ranking, jamaica)
    assert "a good time" in _text(supply, need, ranking, jamaica)
    assert "Trinidad and Tobago's officials are away" in _text(supply, need, ranking, trinidad)


def test_a_study_visit_too_large_for_the_host_is_left_out(approved, accreditation, jamaica, trinidad):
    _established(accreditation, jamaica, trinidad)
    _window(approved, D(2027, 3, 1), D(2027, 4, 30), modality="study_visit", officials_count=9)
    InstitutionFactory(state=jamaica, group_capacity=6)
    InstitutionFactory(state=trinidad, group_capacity=10)
    supply, need, ranking = _rank(approved)
    index = supply.state_index()
    assert need.group_size == 9 and need.modality == "study_visit"
    assert ranking.excluded[index[jamaica.pk]] == Exclusion.OVER_CAPACITY
    assert ranking.excluded[index[trinidad.pk]] == Exclusion.NONE


def _hosted(state, start, status=ActivityStatus.CLOSED):
    return ActivityFactory(
        host_state=state, status=status, start_date=start, end_date=start + datetime.timedelta(days=4)
    )


def test_what_a_state_hosted_lately_in_any_area_is_its_burden(approved, jamaica, trinidad):
    _window(approved, D(2027, 3, 1), D(2027, 4, 30))
    _hosted(jamaica, D(2026, 6, 1))
    _hosted(jamaica, D(2025, 9, 1), ActivityStatus.DELIVERED)
    _hosted(jamaica, D(2024, 1, 8))  # before the 24 months
    _hosted(trinidad, D(2026, 10, 5), ActivityStatus.CANCELLED)  # never hosted
    supply, need, ranking = _rank(approved)
    index = supply.state_index()
    assert ranking.detail["burden_count"][index[jamaica.pk]] == 2
    assert ranking.detail["burden_count"][index[trinidad.pk]] == 0
    assert "hosted 2 activities in the last 24 months" in _text(supply, need, ranking, jamaica)


def test_the_hosting_balance_of_the_proposed_hosts(demo, belize_request, demo_officer, client_for, api_client_for):
    matches = selectors.request_matches(assistance_request=belize_request, user=demo_officer, top=3)
    assert [row.name for row in matches.hosting_balance] == [host.name for host in matches.hosts]
    assert {row.months for row in matches.hosting_balance} == {24}
    page = client_for(demo_officer).get(reverse("matching:request_matches", args=[belize_request.pk]))
    assert page.status_code == 200 and "Hosting balance" in page.content.decode()
    data = api_client_for(demo_officer).get(f"/api/v1/requests/{belize_request.pk}/matches/", {"top": 3}).json()
    balance = data["hosting_balance"]
    assert [row["name"] for row in balance] == [host["name"] for host in data["hosts"]]
    assert set(balance[0]) == {"state", "name", "hosted", "months", "last_hosted"}
