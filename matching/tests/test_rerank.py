"""Re-ranking many requests at once: on several processes, the same short lists as in one."""

import datetime

import numpy as np
import pytest

from matching import conf, rerank, synthetic
from matching.scoring import rank_experts, rank_hosts

SMALL = synthetic.Scale(
    states=24,
    areas=30,
    experts=400,
    activities=600,
    institutions_per_state=3,
    practices_per_state=2,
    committees_per_state=1,
    languages=6,
    engagements=80,
    expert_engagements=200,
    vocabulary=300,
)


@pytest.fixture(scope="module")
def community():
    supply, experts, words = synthetic.generate(SMALL, seed=7, today=datetime.date(2026, 1, 5), real_holidays=False)
    rng = np.random.default_rng(8)
    needs = [synthetic.random_need(rng, supply, words, request_id=k) for k in range(1, 41)]
    return supply, experts, needs


def _rerank(community, **kwargs):
    supply, experts, needs = community
    return rerank.rerank(
        supply,
        experts,
        needs,
        host_weights=conf.host_weights(),
        expert_weights=conf.expert_weights(),
        options=conf.options(),
        **kwargs,
    )


def test_two_workers_give_the_same_short_lists_as_one_process_in_the_same_order(community):
    assert rerank.can_fork()
    one = _rerank(community, workers=1)
    two = _rerank(community, workers=2)
    assert two == one
    assert [item.request_id for item in two] == list(range(1, 41))
    assert any(item.hosts for item in one) and any(item.experts for item in one)


def test_a_short_list_is_the_top_of_the_full_ranking(community):
    supply, experts, needs = community
    need = needs[0]
    (item,) = _rerank((supply, experts, [need]), top=3, workers=2)
    hosts = rank_hosts(supply, need, conf.host_weights(), conf.options())
    ranked_experts = rank_experts(experts, supply, need, conf.expert_weights(), conf.options())
    assert item.hosts == tuple(int(pk) for pk in supply.ids[hosts.order[:3]])
    assert item.experts == tuple(int(pk) for pk in experts.ids[ranked_experts.order[:3]])
    assert item.host_count == len(hosts.order)


def test_weights_kept_for_a_request_rank_that_request_only(community):
    supply, experts, needs = community
    cost_only = {name: 0.0 for name in conf.host_weights()} | {"cost": 1.0}
    default = _rerank(community, workers=2)
    weighted = _rerank(community, workers=2, weights_by_request={needs[0].request_id: cost_only})
    assert weighted[1:] == default[1:]
    scores = rank_hosts(supply, needs[0], cost_only, conf.options())
    assert weighted[0].hosts == tuple(int(pk) for pk in supply.ids[scores.top(10)])


def test_chunks_cover_every_request_once():
    for count, workers in [(0, 2), (1, 2), (7, 2), (40, 3), (10_000, 2)]:
        bounds = rerank.chunks(count, workers)
        covered = [k for start, stop in bounds for k in range(start, stop)]
        assert covered == list(range(count))
