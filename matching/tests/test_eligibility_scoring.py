"""Who may host and who may serve, on hand-built arrays: the level gap to the requester, how and
when a level was assessed, the officer's exclusions and experts' conflicts of interest. In each
test only the factor under test differs between the candidates, so a tie would show."""

import dataclasses

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from matching import explain
from matching.conf import DEFAULT_OPTIONS
from matching.scoring import ASSESSMENT_METHODS, DAYS_PER_YEAR, Exclusion, rank_experts, rank_hosts, rank_institutions
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

SELF, PEER, SECRETARIAT = (ASSESSMENT_METHODS.index(m) for m in ("self", "peer", "secretariat"))
CAPABILITY = HOST_FACTORS.index("capability")


def assessed(supply, *, method=None, confirmed=None, years_old=None, today=START):
    """The supply with how its levels are known: a method, confirmation and age per [state, area]."""
    shape = supply.levels.shape
    days = np.full(shape, today - 100, dtype=np.int32)
    if years_old is not None:
        days = (today - np.asarray(years_old, dtype=np.float64) * DAYS_PER_YEAR).astype(np.int32)
    return dataclasses.replace(
        supply,
        assessed_day=days,
        assessment_method=np.full(shape, PEER, dtype=np.int8) if method is None else np.asarray(method, np.int8),
        confirmed=np.ones(shape, dtype=bool) if confirmed is None else np.asarray(confirmed, dtype=bool),
    )


def reasons(supply, the_need, ranking, i):
    return explain.reasons_sentence(explain.host_reasons(supply, the_need, ranking, i, DEFAULT_OPTIONS))


# --- a host is further along than the requester ---------------------------------------------


def test_a_host_at_the_requesters_level_is_left_out_and_one_a_level_ahead_is_proposed():
    # States 1 and 2 are the same but for one level; the requester is at 3.
    supply = host_supply([[3], [3], [4]])
    ranking = rank_hosts(supply, need(), DEFAULT_HOST_WEIGHTS)
    assert list(ranking.order) == [2]
    assert ranking.excluded[1] == Exclusion.NOT_AHEAD
    text = explain.host_exclusion(supply, need(), ranking, 1, {})
    assert text == "level 3 in Area 0, the same as or below State 0's level 3; a host must be at least 1 level ahead"


def test_even_the_officers_switch_for_hosts_below_level_3_never_proposes_one_below_the_requester():
    supply = host_supply([[2], [1], [2], [3]])
    ranking = rank_hosts(supply, need(include_below=True), DEFAULT_HOST_WEIGHTS)
    assert list(ranking.order) == [3]
    assert ranking.excluded[1] == ranking.excluded[2] == Exclusion.NOT_AHEAD


def test_not_being_ahead_is_the_reason_given_even_below_the_hosting_level():
    # The requester is at 1: state 1 at 1 is not ahead, state 2 at 2 is ahead but below level 3.
    supply = host_supply([[1], [1], [2]])
    ranking = rank_hosts(supply, need(), DEFAULT_HOST_WEIGHTS)
    assert ranking.excluded[1] == Exclusion.NOT_AHEAD and ranking.excluded[2] == Exclusion.BELOW_LEVEL
    assert "the same as or below State 0's level 1" in explain.host_exclusion(supply, need(), ranking, 1, {})


def test_the_minimum_gap_is_a_setting():
    supply = host_supply([[2], [3], [4]])
    assert list(rank_hosts(supply, need(), DEFAULT_HOST_WEIGHTS).order) == [2, 1]
    wider = rank_hosts(supply, need(), DEFAULT_HOST_WEIGHTS, {"min_level_gap": 2})
    assert list(wider.order) == [2]
    text = explain.host_exclusion(supply, need(), wider, 1, {"min_level_gap": 2})
    assert "level 3 in Area 0" in text and "State 0's level 2" in text and "at least 2 levels ahead" in text


def test_the_gap_applies_per_area_and_the_reasons_say_where_the_host_is_not_ahead():
    # Two requested areas: state 1 is ahead in the first only, state 2 in neither.
    supply = host_supply([[2, 3], [4, 3], [2, 3]])
    the_need = need(areas=np.array([0, 1], dtype=np.int32))
    ranking = rank_hosts(supply, the_need, DEFAULT_HOST_WEIGHTS)
    assert list(ranking.order) == [1]
    assert ranking.excluded[2] == Exclusion.NOT_AHEAD
    text = reasons(supply, the_need, ranking, 1)
    assert "not proposed for Area 1: not 1 level ahead of State 0 there" in text
    assert "not proposed for Area 0" not in text


# --- assessments weighed by how and when they were made --------------------------------------


def test_an_unconfirmed_self_assessment_does_not_make_a_host_unless_the_officer_asks():
    # States 1 and 2 both at level 4; only state 2's level is its own unconfirmed self-assessment.
    supply = assessed(
        host_supply([[1], [4], [4]]),
        method=[[PEER], [PEER], [SELF]],
        confirmed=[[True], [True], [False]],
    )
    ranking = rank_hosts(supply, need(), DEFAULT_HOST_WEIGHTS)
    assert list(ranking.order) == [1]
    assert ranking.excluded[2] == Exclusion.UNCONFIRMED
    assert "level 4 in Area 0 is self-assessed, unconfirmed" in explain.host_exclusion(supply, need(), ranking, 2, {})
    wider = rank_hosts(supply, need(include_unconfirmed=True), DEFAULT_HOST_WEIGHTS)
    assert list(wider.order) == [1, 2]  # the same score: the tie goes to the lower id
    assert "self-assessed, unconfirmed" in reasons(supply, need(include_unconfirmed=True), wider, 2)


def test_a_confirmed_self_assessment_counts_as_any_other():
    supply = assessed(host_supply([[1], [4]]), method=[[PEER], [SELF]], confirmed=[[True], [True]])
    ranking = rank_hosts(supply, need(), DEFAULT_HOST_WEIGHTS)
    assert list(ranking.order) == [1]
    assert "(self-assessed, less than a year old)" in reasons(supply, need(), ranking, 1)


def test_a_state_ahead_on_a_confirmed_area_is_proposed_even_if_another_area_is_unconfirmed():
    supply = assessed(host_supply([[1, 1], [3, 4]]), method=[[PEER, PEER], [PEER, SELF]], confirmed=[[1, 1], [1, 0]])
    ranking = rank_hosts(supply, need(areas=np.array([0, 1], dtype=np.int32)), DEFAULT_HOST_WEIGHTS)
    assert list(ranking.order) == [1]


def test_an_old_assessment_counts_for_less_and_is_flagged():
    # States 1 and 2 are the same but for the age of their assessment: 2 and 7 years.
    supply = assessed(host_supply([[1], [4], [4]]), years_old=[[1], [2], [7]])
    the_need = need(today=START)
    ranking = rank_hosts(supply, the_need, DEFAULT_HOST_WEIGHTS)
    assert list(ranking.order) == [1, 2]
    assert ranking.factors[2, CAPABILITY] == ranking.factors[1, CAPABILITY] * (1 - 0.3)
    assert "(peer review, 2 years old)" in reasons(supply, the_need, ranking, 1)
    old = reasons(supply, the_need, ranking, 2)
    assert "(peer review, 7 years old)" in old and "the Area 0 assessment is 7 years old: it counts for less" in old


def test_the_age_and_the_discount_are_settings():
    supply = assessed(host_supply([[1], [4], [4]]), years_old=[[1], [2], [7]])
    same = rank_hosts(supply, need(today=START), DEFAULT_HOST_WEIGHTS, {"old_assessment_years": 10})
    assert same.factors[2, CAPABILITY] == same.factors[1, CAPABILITY]
    halved = rank_hosts(supply, need(today=START), DEFAULT_HOST_WEIGHTS, {"old_assessment_discount": 0.5})
    assert halved.factors[2, CAPABILITY] == halved.factors[1, CAPABILITY] / 2


# --- the officer's exclusions and conflicts of interest ---------------------------------------


def test_a_state_the_officer_left_out_is_excluded_with_the_officers_reason():
    supply = host_supply([[1], [4], [4]])
    the_need = need(excluded_states=frozenset({1}))
    ranking = rank_hosts(supply, the_need, DEFAULT_HOST_WEIGHTS)
    assert list(ranking.order) == [2]
    assert ranking.excluded[1] == Exclusion.OFFICER
    text = explain.host_exclusion(supply, the_need, ranking, 1, {}, note="Elections in the window.")
    assert text == "left out of this ranking by the officer: Elections in the window."


def test_an_institution_the_officer_left_out_is_never_proposed():
    supply = host_supply([[1], [4]], institution_state=[1, 1])
    ranking = rank_hosts(supply, need(), DEFAULT_HOST_WEIGHTS)
    assert [row[0] for row in rank_institutions(supply, ranking, 1)] == [0, 1]
    assert [row[0] for row in rank_institutions(supply, ranking, 1, excluded=frozenset({0}))] == [1]


def test_an_expert_working_for_an_institution_of_the_requester_is_a_conflict_even_without_a_state():
    supply = host_supply([[1], [4], [4]])
    # Experts 0 and 1 are alike and have no state; expert 0 works for an institution of state 0.
    experts = dataclasses.replace(
        _experts([-1, -1], [[0], [0]], [("accreditation",), ("accreditation",)]),
        institution_state=np.array([0, -1], dtype=np.int32),
    )
    ranking = rank_experts(experts, supply, need(), DEFAULT_EXPERT_WEIGHTS)
    assert list(ranking.order) == [1]
    assert ranking.excluded[0] == Exclusion.WORKS_FOR_REQUESTER
    assert "works for an institution of State 0" in explain.expert_exclusion(experts, supply, need(), ranking, 0)
    allowed = rank_experts(experts, supply, need(), DEFAULT_EXPERT_WEIGHTS, {"experts_from_requesting_state": True})
    assert list(allowed.order) == [0, 1]


def test_an_expert_the_officer_left_out_is_excluded():
    supply = host_supply([[1], [4]])
    experts = _experts([-1, -1], [[0], [0]], [("accreditation",), ("accreditation",)])
    ranking = rank_experts(experts, supply, need(excluded_experts=frozenset({0})), DEFAULT_EXPERT_WEIGHTS)
    assert list(ranking.order) == [1] and ranking.excluded[0] == Exclusion.OFFICER


# --- properties -----------------------------------------------------------------------------


@FAST
@given(communities(), st.data())
def test_property_the_requester_is_never_ranked_and_no_host_is_proposed_for_an_area_it_is_not_ahead_in(case, data):
    spec, the_need, weights = case
    supply = build(spec)
    n, a = supply.levels.shape
    gap = data.draw(st.integers(1, 3))
    confirmed = np.array(data.draw(st.lists(st.booleans(), min_size=n * a, max_size=n * a))).reshape(n, a)
    supply = assessed(supply, method=np.where(confirmed, PEER, SELF), confirmed=confirmed)
    the_need = dataclasses.replace(the_need, include_unconfirmed=data.draw(st.booleans()))
    ranking = rank_hosts(supply, the_need, weights, {"min_level_gap": gap})
    assert the_need.requester not in ranking.order
    levels = supply.levels[:, the_need.areas].astype(int)
    theirs = np.maximum(levels[the_need.requester], 0)
    for i in ranking.order:
        ahead = (levels[i] >= 0) & (levels[i] - theirs >= gap)
        if not the_need.include_unconfirmed:
            ahead &= confirmed[i, the_need.areas]
        assert ahead.any()  # proposed only for an area where it is ahead (and confirmed)
        text = explain.reasons_sentence(
            explain.host_reasons(supply, the_need, ranking, int(i), {**DEFAULT_OPTIONS, "min_level_gap": gap})
        )
        for k, area in enumerate(the_need.areas):
            if levels[i, k] >= 0 and levels[i, k] - theirs[k] < gap:
                assert f"not proposed for Area {area}" in text
