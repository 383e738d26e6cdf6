"""Sharing the burden, timing that knows the region, and modality: the scoring core on small
hand-built communities where only the factor under test differs (ties broken by id otherwise)."""

import dataclasses

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching import explain
from matching import factors as registry
from matching.conf import DEFAULT_OPTIONS
from matching.scoring import (
    Exclusion,
    Hosting,
    RegionalMeetings,
    rank_experts,
    rank_hosts,
    rank_institutions,
)
from matching.synthetic import host_supply
from matching.tests.test_scoring import (
    DEFAULT_EXPERT_WEIGHTS,
    DEFAULT_HOST_WEIGHTS,
    FAST,
    HOST_FACTORS,
    START,
    _experts,
    build,
    communities,
    need,
)

BURDEN = HOST_FACTORS.index("burden")
TIMING = HOST_FACTORS.index("timing")
COST = HOST_FACTORS.index("cost")
MONTH = 30


def reasons(supply, the_need, ranking, i, **options) -> str:
    found = explain.host_reasons(supply, the_need, ranking, i, {**DEFAULT_OPTIONS, **options})
    return explain.reasons_sentence(found)


# --- sharing the burden ---------------------------------------------------------------------


def test_a_state_that_hosted_lately_in_any_area_ranks_below_an_equal_one_that_did_not():
    # States 1 and 2 are alike; without the burden state 1 wins the tie on its lower id.
    hosting = [(1, -1, START - 3 * MONTH), (1, -1, START - 20 * MONTH), (1, -1, START - 30 * MONTH)]
    plain = host_supply([[0], [3], [3]])
    assert list(rank_hosts(plain, need(today=START), DEFAULT_HOST_WEIGHTS).order) == [1, 2]
    supply = host_supply([[0], [3], [3]], hosting=hosting)
    ranking = rank_hosts(supply, need(today=START), DEFAULT_HOST_WEIGHTS)
    assert list(ranking.detail["burden_count"]) == [0, 2, 0]  # 30 months ago is past the horizon
    assert list(ranking.order) == [2, 1]
    assert ranking.factors[1, BURDEN] < ranking.factors[2, BURDEN] == 1.0
    assert "hosted 2 activities in the last 24 months" in reasons(supply, need(today=START), ranking, 1)
    assert "hosted nothing in the last 24 months" in reasons(supply, need(today=START), ranking, 2)


def test_the_burden_horizon_and_scale_are_settings():
    hosting = [(1, -1, START - 30 * MONTH)]
    supply = host_supply([[0], [3], [3]], hosting=hosting)
    options = {"burden_horizon_months": 36}
    ranking = rank_hosts(supply, need(today=START), DEFAULT_HOST_WEIGHTS, options)
    assert list(ranking.detail["burden_count"]) == [0, 1, 0]
    assert ranking.factors[1, BURDEN] == pytest.approx(np.exp(-1 / 3))
    assert "hosted 1 activity in the last 36 months" in reasons(supply, need(today=START), ranking, 1, **options)


def test_activities_planned_after_today_are_not_yet_a_burden_but_the_last_hosted_day_is_kept():
    supply = host_supply([[0], [3], [3]], hosting=[(1, -1, START + 10), (2, -1, START - 40 * MONTH)])
    ranking = rank_hosts(supply, need(today=START), DEFAULT_HOST_WEIGHTS)
    assert list(ranking.detail["burden_count"]) == [0, 0, 0]
    assert list(ranking.detail["last_hosted"]) == [-1, -1, START - 40 * MONTH]


@FAST
@given(communities(), st.data())
def test_property_raising_a_hosts_recent_hosting_never_raises_its_score(case, data):
    spec, the_need, weights = case
    n = len(spec["levels"])
    host = data.draw(st.integers(0, n - 1))
    earlier = data.draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, 900)), max_size=6))
    rows = [(s, -1, START - d) for s, d in earlier]
    supply = build(spec)
    the_need = dataclasses.replace(the_need, today=START)
    before = rank_hosts(dataclasses.replace(supply, hosting=Hosting.build(rows)), the_need, weights)
    more = [*rows, (host, -1, START - data.draw(st.integers(0, 700)))]
    after = rank_hosts(dataclasses.replace(supply, hosting=Hosting.build(more)), the_need, weights)
    assert after.scores[host] <= before.scores[host] + 1e-12
    others = np.arange(n) != host
    assert np.allclose(after.scores[others], before.scores[others])


# --- regional meetings, non-working days, fitting in the window -------------------------------


def meeting(start, end, held_in, attending=(), areas=(), body="COHSOD", venue="", text=""):
    return (start, end, held_in, tuple(attending), tuple(areas), body, venue, text or body)


def test_a_relevant_regional_meeting_in_the_host_is_an_opportunity():
    # States 1 and 2 are alike; COHSOD on area 0 meets in state 2 during the window.
    regional = [meeting(START + 7, START + 9, 2, attending=(0, 1, 2), areas=(0,), venue="Georgetown")]
    supply = host_supply([[0], [3], [3]], regional=regional)
    ranking = rank_hosts(supply, need(), DEFAULT_HOST_WEIGHTS)
    assert list(ranking.order) == [2, 1]
    assert ranking.factors[2, TIMING] > ranking.factors[1, TIMING]
    text = reasons(supply, need(), ranking, 2)
    assert "COHSOD meets in Georgetown from" in text and "relevant to Area 0, a good time" in text


def test_a_host_whose_officials_attend_a_meeting_elsewhere_has_a_clash():
    # State 1 attends COHSOD held in state 0 (the requester); state 2 does not attend.
    regional = [meeting(START + 7, START + 9, 0, attending=(0, 1), areas=(0,), venue="Belmopan")]
    supply = host_supply([[0], [3], [3]], names=["Belize", "Guyana", "Jamaica"], regional=regional)
    ranking = rank_hosts(supply, need(), DEFAULT_HOST_WEIGHTS)
    assert list(ranking.order) == [2, 1]
    assert ranking.factors[1, TIMING] < ranking.factors[2, TIMING]
    assert "COHSOD meets in Belmopan from" in reasons(supply, need(), ranking, 1)
    assert "Guyana's officials are away" in reasons(supply, need(), ranking, 1)
    assert "officials are away" not in reasons(supply, need(), ranking, 2)


def test_a_meeting_is_relevant_by_its_agenda_words_and_not_by_generic_ones():
    on_subject = meeting(START + 7, START + 8, 1, body="COHSOD", text="COHSOD\nAccreditation of programmes")
    generic = meeting(START + 7, START + 8, 2, body="COTED", text="COTED\nCouncil meeting, development report")
    supply = host_supply([[0], [3], [3]], regional=[on_subject, generic])
    ranking = rank_hosts(supply, need(query=("accreditation", "development", "council")), DEFAULT_HOST_WEIGHTS)
    assert bool(ranking.detail["regional"]["opportunity"][:, 1].any())
    assert not ranking.detail["regional"]["opportunity"][:, 2].any()
    assert "relevant to accreditation" in reasons(supply, need(query=("accreditation",)), ranking, 1)


def test_a_meeting_outside_the_window_is_neither():
    regional = [meeting(START + 100, START + 102, 0, attending=(1,), areas=(0,))]
    supply = host_supply([[0], [3], [3]], regional=regional)
    ranking = rank_hosts(supply, need(), DEFAULT_HOST_WEIGHTS)
    assert ranking.factors[1, TIMING] == ranking.factors[2, TIMING]
    assert list(ranking.order) == [1, 2]


def test_a_host_where_the_activity_cannot_fit_is_left_out_and_says_why():
    # A two-week window: state 1 holds another activity all through it, state 2 has holidays on
    # all but three working days, state 3 attends a council abroad all week, state 4 is free.
    window = need(start=START, end=START + 11, required_days=5)
    holidays = [(2, START + d, "Holiday") for d in (0, 1, 2, 3, 7, 8, 9)]
    busy = [(1, START - 5, START + 20, 99)]
    regional = [meeting(START, START + 11, 0, attending=(3,))]
    supply = host_supply([[0], [3], [3], [3], [3]], holidays=holidays, engagements=busy, regional=regional)
    ranking = rank_hosts(supply, window, DEFAULT_HOST_WEIGHTS)
    assert list(ranking.order) == [4]
    assert [int(ranking.excluded[i]) for i in (1, 2, 3)] == [Exclusion.NO_TIME] * 3
    text = explain.host_exclusion(supply, window, ranking, 2, DEFAULT_OPTIONS)
    assert "does not fit in the window: at most 3 working days in a row" in text and "5 are needed" in text


def test_busy_days_break_a_run_and_holidays_do_not():
    window = need(start=START, end=START + 11, required_days=5)
    # State 1: a Wednesday holiday inside a run of working days: still five in a row around it.
    # State 2: one busy day each week in the middle: at most four in a row.
    holidays = [(1, START + 2, "Holiday")]
    busy = [(2, START + 2, START + 2, 98), (2, START + 9, START + 9, 97)]
    supply = host_supply([[0], [3], [3]], holidays=holidays, engagements=busy)
    ranking = rank_hosts(supply, window, DEFAULT_HOST_WEIGHTS)
    assert list(ranking.detail["window_fit"]["longest_run"]) == [10, 9, 4]
    assert ranking.excluded[1] == Exclusion.NONE and ranking.excluded[2] == Exclusion.NO_TIME


def test_extra_non_working_days_are_named_apart_from_public_holidays():
    holidays = [(1, START + 1, "New Year holiday"), (1, START + 2, "Carnival Monday")]
    supply = host_supply([[0], [3], [3]], holidays=holidays, statutory=[True, False])
    ranking = rank_hosts(supply, need(), DEFAULT_HOST_WEIGHTS)
    text = reasons(supply, need(), ranking, 1)
    assert "1 public holiday in the window (New Year holiday" in text
    assert "1 other non-working day in the window (Carnival Monday" in text
    assert ranking.factors[1, TIMING] < ranking.factors[2, TIMING]


# --- modality -------------------------------------------------------------------------------


def test_a_virtual_session_ignores_distance():
    supply = host_supply([[0], [3], [3]], latitude=[17, 18, -10], longitude=[-88, -77, 40])
    in_person = rank_hosts(supply, need(), DEFAULT_HOST_WEIGHTS)
    assert in_person.factors[1, COST] > in_person.factors[2, COST]
    virtual = rank_hosts(supply, need(modality="virtual"), DEFAULT_HOST_WEIGHTS)
    assert virtual.factors[1, COST] == virtual.factors[2, COST] == 1.0
    assert list(virtual.order) == [1, 2]  # the tie falls to the id, not the distance
    assert "a virtual session: nobody travels" in reasons(supply, need(modality="virtual"), virtual, 2)


@FAST
@given(communities(), st.data())
def test_property_a_virtual_sessions_score_does_not_depend_on_distance(case, data):
    spec, the_need, weights = case
    n = len(spec["levels"])
    the_need = dataclasses.replace(the_need, modality="virtual")
    elsewhere = {
        **spec,
        "latitude": data.draw(st.lists(st.floats(-60, 70), min_size=n, max_size=n)),
        "longitude": data.draw(st.lists(st.floats(-180, 180), min_size=n, max_size=n)),
    }
    here, there = rank_hosts(build(spec), the_need, weights), rank_hosts(build(elsewhere), the_need, weights)
    assert np.array_equal(here.scores, there.scores)
    assert np.array_equal(here.order, there.order)


def test_an_expert_mission_is_the_experts_travel_to_the_requester():
    supply = host_supply([[1, 0], [3, 0], [3, 0]], latitude=[17, 18, -10], longitude=[-88, -77, 40])
    # Two experts alike but for their state: the nearer one travels less.
    experts = _experts(state=[2, 1], areas=[[0], [0]], tokens=[("accreditation",), ("accreditation",)])
    mission = need(modality="expert_mission")
    ranking = rank_experts(experts, supply, mission, DEFAULT_EXPERT_WEIGHTS)
    assert list(ranking.order) == [1, 0]
    cost = registry.names(registry.EXPERT).index("cost")
    assert ranking.factors[1, cost] > ranking.factors[0, cost]
    text = explain.reasons_sentence(explain.expert_reasons(experts, supply, mission, ranking, 1))
    assert "travels" in text and "from Capital 1 to Capital 0" in text
    virtual = rank_experts(experts, supply, need(modality="virtual"), DEFAULT_EXPERT_WEIGHTS)
    assert list(virtual.order) == [0, 1]  # no travel: the tie falls to the id
    hosts = rank_hosts(supply, mission, DEFAULT_HOST_WEIGHTS)
    assert "the expert travels" in reasons(supply, mission, hosts, 1)


def test_a_study_visit_group_larger_than_the_hosts_capacity_is_left_out():
    # Institutions 0..3 belong to states 0..3; state 1 takes 5, state 2 states nothing, state 3 takes 12.
    supply = host_supply([[0], [3], [3], [3]], institution_capacity=[0, 5, 0, 12])
    visit = need(modality="study_visit", group_size=8)
    ranking = rank_hosts(supply, visit, DEFAULT_HOST_WEIGHTS)
    assert list(ranking.order) == [2, 3]
    assert ranking.excluded[1] == Exclusion.OVER_CAPACITY
    text = explain.host_exclusion(supply, visit, ranking, 1, DEFAULT_OPTIONS)
    assert text == "its institutions can receive a group of up to 5; 8 officials are coming"
    attachment = rank_hosts(supply, need(modality="attachment", group_size=8), DEFAULT_HOST_WEIGHTS)
    assert list(attachment.order) == [1, 2, 3]


def test_regional_meetings_default_to_none():
    supply = host_supply([[0], [3]])
    assert len(RegionalMeetings.empty(2, 1)) == 0
    ranking = rank_hosts(dataclasses.replace(supply, regional=None), need(), DEFAULT_HOST_WEIGHTS)
    assert list(ranking.order) == [1]


def test_among_equally_relevant_institutions_the_one_that_hosted_less_lately_comes_first():
    # Institutions 1 and 2 of state 1 say nothing that matches: a tie, broken by the burden.
    hosting = [(1, 1, START - 2 * MONTH), (1, 1, START - 40 * MONTH), (1, 2, START - 50 * MONTH)]
    supply = host_supply([[0], [3]], institution_state=[0, 1, 1], hosting=hosting)
    ranking = rank_hosts(supply, need(today=START), DEFAULT_HOST_WEIGHTS)
    assert list(ranking.detail["institution_burden_count"]) == [0, 1, 0]
    assert [row[0] for row in rank_institutions(supply, ranking, 1)] == [2, 1]


def test_a_request_never_blocks_its_own_host_and_an_earlier_exclusion_keeps_its_reason():
    window = need(request_id=7, start=START, end=START + 4, required_days=5)
    # State 1 holds this very request's activity all week; state 2, below level, is busy too.
    busy = [(1, START, START + 4, 7), (2, START, START + 4, 99)]
    supply = host_supply([[0], [3], [2]], engagements=busy)
    ranking = rank_hosts(supply, window, DEFAULT_HOST_WEIGHTS)
    assert list(ranking.order) == [1]
    assert ranking.excluded[2] == Exclusion.BELOW_LEVEL
