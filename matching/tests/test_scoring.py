"""The scoring core on synthetic arrays: its rules, and properties that hold for any community."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching import factors as registry
from matching.conf import DEFAULT_OPTIONS as OPTIONS
from matching.scoring import (
    Doc,
    DocKind,
    Engagements,
    Exclusion,
    ExpertSupply,
    Need,
    TextIndex,
    inverted_index,
    rank_experts,
    rank_hosts,
    rank_institutions,
)
from matching.synthetic import host_supply

START = 20458  # Monday 5 January 2026, in days since 1970
VOCABULARY = ["accreditation", "procedure", "council", "labour", "skill", "inspection", "certificate", "migration"]

DEFAULT_HOST_WEIGHTS = registry.default_weights(registry.HOST)
DEFAULT_EXPERT_WEIGHTS = registry.default_weights(registry.EXPERT)
HOST_FACTORS = registry.names(registry.HOST)


def need(**kwargs) -> Need:
    values = {
        "request_id": 1,
        "requester": 0,
        "areas": np.array([0], dtype=np.int32),
        "query": ("accreditation", "procedure"),
        "start": START,
        "end": START + 60,
    }
    values.update(kwargs)
    return Need(**values)


# --- rules ----------------------------------------------------------------------------------


def test_the_requester_is_excluded_and_never_ranked():
    supply = host_supply([[1], [4], [3]])
    ranking = rank_hosts(supply, need(requester=1), DEFAULT_HOST_WEIGHTS)
    assert 1 not in ranking.order
    assert ranking.excluded[1] == Exclusion.REQUESTER


def test_hosts_below_level_3_are_left_out_unless_the_officer_asks():
    supply = host_supply([[1], [2], [3], [-1]])
    ranking = rank_hosts(supply, need(), DEFAULT_HOST_WEIGHTS)
    assert list(ranking.order) == [2]
    assert ranking.excluded[1] == Exclusion.BELOW_LEVEL
    assert ranking.excluded[3] == Exclusion.NOT_ASSESSED
    wider = rank_hosts(supply, need(include_below=True), DEFAULT_HOST_WEIGHTS)
    assert list(wider.order) == [2, 1]
    assert wider.excluded[3] == Exclusion.NOT_ASSESSED


def test_a_state_that_declined_is_excluded():
    supply = host_supply([[1], [4], [3]])
    ranking = rank_hosts(supply, need(declined_states=frozenset({1})), DEFAULT_HOST_WEIGHTS)
    assert list(ranking.order) == [2]
    assert ranking.excluded[1] == Exclusion.DECLINED


def test_best_fit_beats_best_practice_when_the_gap_is_too_wide():
    # The requester has nothing; a model system far away in size, language and law, against an
    # established one much like the requester.
    supply = host_supply(
        [[0], [4], [3]],
        population=[400_000, 60_000_000, 300_000],
        languages=[[1, 0], [0, 1], [1, 0]],
        sub_region=[0, 1, 0],
        legal_tradition=[0, 1, 0],
    )
    ranking = rank_hosts(supply, need(), DEFAULT_HOST_WEIGHTS)
    assert list(ranking.order) == [2, 1]
    capability = HOST_FACTORS.index("capability")
    assert ranking.factors[1, capability] > ranking.factors[2, capability]  # best practice…
    assert ranking.scores[2] > ranking.scores[1]  # …but best fit wins


def test_relevance_follows_the_words_of_the_need():
    docs = [
        Doc(1, 1, DocKind.PRACTICE, 1, "Accreditation manual", tokens=("accreditation", "procedure", "council")),
        Doc(2, 2, DocKind.PRACTICE, 2, "Labour inspection", tokens=("labour", "inspection")),
    ]
    supply = host_supply([[0], [3], [3]], docs=docs)
    ranking = rank_hosts(supply, need(), DEFAULT_HOST_WEIGHTS)
    relevance = HOST_FACTORS.index("relevance")
    # Neither practice is filed under a capability area: the words earn their share alone.
    assert ranking.factors[1, relevance] == pytest.approx(1 - OPTIONS["relevance_area_share"])
    assert ranking.factors[2, relevance] == 0.0
    assert list(ranking.order) == [1, 2]


def test_track_record_counts_past_activities_in_the_requested_areas_and_their_ratings():
    past = [(1, -1, (0,), 5.0), (1, -1, (0,), 4.0), (2, -1, (1,), 5.0), (2, -1, (0,), 1.0)]
    supply = host_supply([[0, 0], [3, 3], [3, 3]], past=past)
    ranking = rank_hosts(supply, need(), DEFAULT_HOST_WEIGHTS)
    assert list(ranking.detail["track_count"]) == [0, 2, 1]
    track = HOST_FACTORS.index("track_record")
    assert ranking.factors[1, track] > ranking.factors[2, track] > 0


def test_load_counts_what_the_host_already_hosts_in_the_window():
    engagements = [(1, START + 10, START + 20, 99), (1, START + 200, START + 210, 98), (2, START, START + 5, 1)]
    supply = host_supply([[0], [3], [3]], engagements=engagements)
    ranking = rank_hosts(supply, need(request_id=1), DEFAULT_HOST_WEIGHTS)
    assert list(ranking.detail["load_count"]) == [0, 1, 0]  # a request never counts against itself


def test_timing_rewards_a_relevant_committee_meeting_and_counts_holidays_on_working_days():
    docs = [Doc(1, 1, DocKind.INSTITUTION, 1, "Accreditation Council", tokens=("accreditation", "council"))]
    meetings = [(1, 1, START + 14)]
    holidays = [(2, START + 1, "Working-day holiday"), (2, START + 5, "Saturday holiday"), (2, START + 400, "Later")]
    supply = host_supply([[0], [3], [3]], docs=docs, institution_state=[0, 1, 2], meetings=meetings, holidays=holidays)
    ranking = rank_hosts(supply, need(), DEFAULT_HOST_WEIGHTS)
    timing = HOST_FACTORS.index("timing")
    assert ranking.detail["best_meeting"][1] == 0
    assert list(ranking.detail["holiday_count"]) == [0, 0, 1]
    assert ranking.factors[1, timing] == pytest.approx(1.0)
    assert ranking.factors[2, timing] == pytest.approx(0.4 * 0.9)


def test_a_window_too_short_for_the_modality_takes_timing_to_zero():
    holidays = [(1, START + d, "Holiday") for d in range(3)]
    supply = host_supply([[0], [3], [3]], holidays=holidays)
    ranking = rank_hosts(supply, need(start=START, end=START + 6, required_days=5), DEFAULT_HOST_WEIGHTS)
    timing = HOST_FACTORS.index("timing")
    assert ranking.factors[1, timing] == 0.0
    assert ranking.factors[2, timing] > 0.0


def test_cost_favours_the_nearer_capital():
    supply = host_supply([[0], [3], [3]], latitude=[17.25, 18.0, 10.7], longitude=[-88.76, -76.8, -61.5])
    ranking = rank_hosts(supply, need(), DEFAULT_HOST_WEIGHTS)
    assert ranking.detail["distance"][1] == pytest.approx(1271, abs=15)
    assert ranking.factors[1, HOST_FACTORS.index("cost")] > ranking.factors[2, HOST_FACTORS.index("cost")]


def test_zero_weights_fall_back_to_equal_weights():
    supply = host_supply([[0], [3], [4]])
    ranking = rank_hosts(supply, need(), dict.fromkeys(HOST_FACTORS, 0.0))
    assert ranking.weights == pytest.approx(np.full(len(HOST_FACTORS), 1 / len(HOST_FACTORS)))


def test_institutions_are_ranked_by_their_documents():
    docs = [
        Doc(1, 1, DocKind.INSTITUTION, 1, "Ministry", tokens=("labour",)),
        Doc(1, 2, DocKind.INSTITUTION, 2, "Council", tokens=("accreditation", "council", "procedure")),
        Doc(1, 3, DocKind.INSTITUTION, 3, "Unit", tokens=("certificate",)),
    ]
    supply = host_supply([[0], [3]], docs=docs, institution_state=[0, 1, 1, 1])
    ranking = rank_hosts(supply, need(), DEFAULT_HOST_WEIGHTS)
    proposed = rank_institutions(supply, ranking, 1)
    assert [row[0] for row in proposed] == [2]  # only the institution whose words match
    assert proposed[0][1] == 1.0


def _experts(state, areas, tokens, languages=None, busy=()):
    e = len(state)
    owners = np.array([j for j, own in enumerate(areas) for _a in own], dtype=np.int32)
    keys = np.array([a for own in areas for a in own], dtype=np.int32)
    ptr, items = inverted_index(owners, keys, 2)
    return ExpertSupply(
        ids=np.arange(1, e + 1),
        names=tuple(f"Expert {j}" for j in range(e)),
        posts=("",) * e,
        state=np.array(state, dtype=np.int32),
        languages=np.ones((e, 1), dtype=bool) if languages is None else np.array(languages, dtype=bool),
        area_ptr=ptr,
        area_items=items,
        index=TextIndex([list(t) for t in tokens]),
        tokens=tuple(tokens),
        engagements=Engagements.build(list(busy)),
        track_count=np.zeros(e, dtype=np.int32),
        track_rating=np.full(e, np.nan, dtype=np.float32),
    )


def test_experts_of_the_requesting_state_who_declined_or_know_nothing_of_it_are_left_out():
    supply = host_supply([[1, 0], [3, 0]])
    experts = _experts(
        state=[0, 1, -1, 1, 1],
        areas=[[0], [0], [0], [], [1]],
        tokens=[("accreditation",), ("accreditation",), ("procedure",), ("labour",), ("migration",)],
    )
    ranking = rank_experts(experts, supply, need(declined_experts=frozenset({2})), DEFAULT_EXPERT_WEIGHTS)
    assert list(ranking.order) == [1]
    assert ranking.excluded[0] == Exclusion.SAME_STATE
    assert ranking.excluded[2] == Exclusion.DECLINED
    assert ranking.excluded[3] == ranking.excluded[4] == Exclusion.NO_EXPERTISE
    assert sorted(ranking.excluded_order) == [0, 2]  # those with nothing to offer are not listed


def test_an_expert_busy_in_the_window_ranks_below_a_free_one():
    supply = host_supply([[1, 0], [3, 0]])
    experts = _experts(
        state=[1, 1],
        areas=[[0], [0]],
        tokens=[("accreditation",), ("accreditation",)],
        busy=[(0, START + 5, START + 9, 7)],
    )
    ranking = rank_experts(experts, supply, need(), DEFAULT_EXPERT_WEIGHTS)
    assert list(ranking.order) == [1, 0]


# --- properties -----------------------------------------------------------------------------

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def communities(draw):
    """A small community, a request and weights: everything the scoring core reads."""
    n = draw(st.integers(2, 7))
    a = draw(st.integers(1, 4))
    levels = draw(st.lists(st.lists(st.integers(-1, 4), min_size=a, max_size=a), min_size=n, max_size=n))
    population = draw(st.lists(st.one_of(st.none(), st.floats(1e3, 2e8)), min_size=n, max_size=n))
    languages = draw(st.lists(st.lists(st.booleans(), min_size=2, max_size=2), min_size=n, max_size=n))
    latitude = draw(st.lists(st.floats(-60, 70), min_size=n, max_size=n))
    longitude = draw(st.lists(st.floats(-180, 180), min_size=n, max_size=n))
    sub_region = draw(st.lists(st.integers(-1, 2), min_size=n, max_size=n))
    legal = draw(st.lists(st.integers(-1, 2), min_size=n, max_size=n))
    words = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=5).map(tuple)
    docs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.sampled_from(list(DocKind)), words), max_size=10))
    meetings = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, 90)), max_size=6))
    holidays = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, 90)), max_size=8))
    past = draw(
        st.lists(
            st.tuples(
                st.integers(0, n - 1),
                st.lists(st.integers(0, a - 1), min_size=1, max_size=2),
                st.one_of(st.none(), st.integers(1, 5)),
            ),
            max_size=8,
        )
    )
    busy = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, 90), st.integers(0, 30)), max_size=5))
    spec = {
        "levels": levels,
        "population": [np.nan if p is None else p for p in population],
        "languages": languages,
        "latitude": latitude,
        "longitude": longitude,
        "sub_region": sub_region,
        "legal": legal,
        "docs": [(s, kind, s, i + 1, w) for i, (s, kind, w) in enumerate(docs)],
        "meetings": [(s, s, START + d) for s, d in meetings],
        "holidays": [(s, START + d, f"Holiday {d}") for s, d in holidays],
        "past": [(s, -1, tuple(sorted(set(areas))), None if r is None else float(r)) for s, areas, r in past],
        "busy": [(s, START + d, START + d + length, 1000 + i) for i, (s, d, length) in enumerate(busy)],
    }
    requester = draw(st.integers(0, n - 1))
    areas = sorted(draw(st.sets(st.integers(0, a - 1), min_size=1)))
    length = draw(st.integers(5, 90))
    declined = draw(st.sets(st.integers(0, n - 1), max_size=2))
    the_need = Need(
        request_id=1,
        requester=requester,
        areas=np.array(areas, dtype=np.int32),
        query=tuple(dict.fromkeys(draw(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=6)))),
        start=START,
        end=START + length,
        required_days=draw(st.integers(1, 5)),
        declined_states=frozenset(declined),
        include_below=draw(st.booleans()),
    )
    weights = {factor: draw(st.floats(0, 10)) for factor in HOST_FACTORS}
    return spec, the_need, weights


def build(spec, order=None):
    """The HostSupply of a spec, with the states in the given order (ids follow the states)."""
    n = len(spec["levels"])
    order = list(range(n)) if order is None else order
    position = {old: new for new, old in enumerate(order)}
    pick = lambda key: [spec[key][old] for old in order]  # noqa: E731
    return host_supply(
        pick("levels"),
        ids=[old + 1 for old in order],
        names=[f"State {old}" for old in order],
        population=pick("population"),
        languages=pick("languages"),
        latitude=pick("latitude"),
        longitude=pick("longitude"),
        sub_region=pick("sub_region"),
        legal_tradition=pick("legal"),
        institution_state=[position[old] for old in range(n)],
        docs=[Doc(position[s], inst, kind, ref, f"Doc {ref}", tokens=w) for s, kind, inst, ref, w in spec["docs"]],
        meetings=[(position[s], inst, day) for s, inst, day in spec["meetings"]],
        holidays=[(position[s], day, name) for s, day, name in spec["holidays"]],
        past=[(position[s], inst, areas, rating) for s, inst, areas, rating in spec["past"]],
        engagements=[(position[s], start, end, r) for s, start, end, r in spec["busy"]],
    )


@FAST
@given(communities())
def test_property_the_requester_never_hosts_its_own_request(case):
    spec, the_need, weights = case
    ranking = rank_hosts(build(spec), the_need, weights)
    assert the_need.requester not in ranking.order
    assert ranking.excluded[the_need.requester] == Exclusion.REQUESTER
    assert not set(ranking.order) & set(the_need.declined_states)


@FAST
@given(communities(), st.data())
def test_property_raising_a_hosts_maturity_in_a_requested_area_never_lowers_its_score(case, data):
    spec, the_need, weights = case
    n = len(spec["levels"])
    host = data.draw(st.integers(0, n - 1).filter(lambda s: s != the_need.requester))
    area = int(data.draw(st.sampled_from(list(the_need.areas))))
    before = rank_hosts(build(spec), the_need, weights)
    current = spec["levels"][host][area]
    raised = {**spec, "levels": [list(row) for row in spec["levels"]]}
    raised["levels"][host][area] = data.draw(st.integers(max(current, -1) + 1, 4)) if current < 4 else 4
    after = rank_hosts(build(raised), the_need, weights)
    assert after.scores[host] >= before.scores[host] - 1e-12
    if before.excluded[host] == Exclusion.NONE:
        assert after.excluded[host] == Exclusion.NONE


@FAST
@given(communities(), st.data())
def test_property_adding_a_public_holiday_in_the_window_never_raises_a_score(case, data):
    spec, the_need, weights = case
    n = len(spec["levels"])
    host = data.draw(st.integers(0, n - 1))
    day = data.draw(st.integers(the_need.start, the_need.end))
    before = rank_hosts(build(spec), the_need, weights)
    after = rank_hosts(build({**spec, "holidays": [*spec["holidays"], (host, day, "New holiday")]}), the_need, weights)
    assert after.scores[host] <= before.scores[host] + 1e-12
    others = np.arange(n) != host
    assert np.array_equal(after.scores[others], before.scores[others])


@FAST
@given(communities(), st.randoms(use_true_random=False))
def test_property_the_ranking_is_deterministic_whatever_the_order_of_the_states(case, random):
    spec, the_need, weights = case
    first = rank_hosts(build(spec), the_need, weights)
    again = rank_hosts(build(spec), the_need, weights)
    assert np.array_equal(first.order, again.order) and np.array_equal(first.scores, again.scores)
    assert np.array_equal(first.excluded_order, again.excluded_order)

    n = len(spec["levels"])
    order = list(range(n))
    random.shuffle(order)
    position = {old: new for new, old in enumerate(order)}
    shuffled_need = Need(
        request_id=the_need.request_id,
        requester=position[the_need.requester],
        areas=the_need.areas,
        query=the_need.query,
        start=the_need.start,
        end=the_need.end,
        required_days=the_need.required_days,
        declined_states=frozenset(position[s] for s in the_need.declined_states),
        include_below=the_need.include_below,
    )
    shuffled_supply = build(spec, order)
    shuffled = rank_hosts(shuffled_supply, shuffled_need, weights)
    assert list(shuffled_supply.ids[shuffled.order]) == [s + 1 for s in first.order]
    by_id = dict(zip(shuffled_supply.ids.tolist(), shuffled.scores.tolist(), strict=True))
    assert [by_id[s + 1] for s in range(n)] == pytest.approx(first.scores.tolist(), abs=1e-9)


@FAST
@given(communities())
def test_property_scores_and_contributions_stay_between_0_and_1(case):
    spec, the_need, weights = case
    ranking = rank_hosts(build(spec), the_need, weights)
    assert np.all((ranking.factors >= 0) & (ranking.factors <= 1 + 1e-12))
    assert np.allclose(ranking.contributions.sum(axis=1), ranking.scores)
    assert np.all(np.diff(ranking.scores[ranking.order]) <= 1e-12)  # best first
