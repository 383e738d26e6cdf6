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


# --- through the database: the re-matching of every open request ---------------------------


def _same_need(a, b):
    assert (a.request_id, a.requester, a.query, a.start, a.end) == (b.request_id, b.requester, b.query, b.start, b.end)
    assert a.areas.tolist() == b.areas.tolist()
    assert (a.required_days, a.declined_states, a.declined_experts, a.include_below) == (
        b.required_days,
        b.declined_states,
        b.declined_experts,
        b.include_below,
    )
    assert (a.excluded_states, a.excluded_institutions, a.excluded_experts, a.include_unconfirmed) == (
        b.excluded_states,
        b.excluded_institutions,
        b.excluded_experts,
        b.include_unconfirmed,
    )


@pytest.mark.django_db
def test_needs_loaded_together_are_those_loaded_one_by_one(demo, django_assert_max_num_queries):
    from assistance.models import AssistanceRequest
    from matching import loaders
    from matching.models import MatchExclusion
    from matching.tests.factories import HostInvitationFactory

    requests = list(AssistanceRequest.objects.select_related("state").order_by("pk"))
    declined = HostInvitationFactory(request=requests[0], status="declined")
    left_out = MatchExclusion.objects.create(request=requests[1], state=declined.state, reason="Hosted last year")
    supply = loaders.load_host_supply()
    experts = loaders.load_expert_supply(supply)
    with django_assert_max_num_queries(4):
        together = loaders.load_needs(
            requests, supply, experts, include_below={requests[1].pk: True}, include_unconfirmed={requests[0].pk: True}
        )
    for request, need in zip(requests, together, strict=True):
        one = loaders.load_need(
            request,
            supply,
            experts,
            include_below=request.pk == requests[1].pk,
            include_unconfirmed=request.pk == requests[0].pk,
        )
        _same_need(need, one)
    assert supply.state_positions[declined.state_id] in together[0].declined_states
    assert together[1].excluded_states == {supply.state_positions[left_out.state_id]}


@pytest.mark.django_db
def test_rematch_ranks_every_open_request_as_the_matches_page_does(belize_request):
    from matching import selectors

    shortlists = selectors.open_request_shortlists(workers=2)
    assert {item.assistance_request.status for item in shortlists} <= selectors.OPEN_FOR_MATCHING
    belize = next(item for item in shortlists if item.assistance_request.pk == belize_request.pk)
    page = selectors.request_matches(assistance_request=belize_request, top=10)
    assert [iso for _name, iso, _score in belize.hosts] == [candidate.detail for candidate in page.hosts]
    assert [round(score, 6) for *_n, score in belize.hosts] == [round(c.score, 6) for c in page.hosts]
    assert [name for name, _score in belize.experts] == [candidate.name for candidate in page.experts]
    assert belize.host_count == page.host_count
    assert selectors.open_request_shortlists(workers=1) == shortlists


def test_the_statuses_rematched_are_those_open_to_invitations():
    from matching import selectors, services

    assert selectors.OPEN_FOR_MATCHING == services.HOST_INVITABLE | services.EXPERT_INVITABLE


@pytest.mark.django_db
def test_the_rematch_command_prints_each_open_request_and_refuses_bad_numbers(belize_request):
    import io
    import json

    from django.core.management import call_command
    from django.core.management.base import CommandError

    out = io.StringIO()
    call_command("rematch", "--top", "3", "--workers", "2", stdout=out)
    text = out.getvalue()
    assert f"{belize_request.reference} · Belize" in text
    assert "hosts (4 eligible): " in text and "JM" in text
    out = io.StringIO()
    call_command("rematch", "--json", "--top", "2", stdout=out)
    data = {row["request"]["reference"]: row for row in json.loads(out.getvalue())}
    assert {host["iso_code"] for host in data[belize_request.reference]["hosts"]} <= {"JM", "BB", "TT"}
    for bad in (["--top", "0"], ["--workers", "0"]):
        with pytest.raises(CommandError):
            call_command("rematch", *bad, stdout=io.StringIO())


def test_the_workers_setting_defaults_to_every_core(settings):
    settings.ATTACHE_MATCH_WORKERS = 0
    assert conf.workers() == conf.cores() >= 1
    settings.ATTACHE_MATCH_WORKERS = 3
    assert conf.workers() == 3
