"""Re-rank many requests at once on every core: what a background re-matching job does.

Plain and deterministic, no ORM, like the scoring core. The community (`HostSupply`,
`ExpertSupply`) is loaded once; the requests are split into chunks and ranked by worker
processes started with `fork`, so the workers share the loaded arrays and BM25 indexes with
the parent copy-on-write (nothing is pickled but the chunk bounds and the short lists) and
see the same registered factors. Where `fork` does not exist, or with one worker, everything
runs in this process; either way the short lists are the same, in the requests' order.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from matching import conf
from matching.scoring import ExpertSupply, HostSupply, Need, Ranking, rank_experts, rank_hosts


@dataclass(frozen=True)
class Shortlist:
    """The best hosts and experts of one request: primary keys and scores (0..1), best first."""

    request_id: int
    hosts: tuple[int, ...]
    host_scores: tuple[float, ...]
    experts: tuple[int, ...]
    expert_scores: tuple[float, ...]
    host_count: int  # eligible hosts in all
    expert_count: int  # eligible experts in all


@dataclass(frozen=True)
class Job:
    """What every chunk reads: the community, the requests and how to weigh them."""

    supply: HostSupply
    experts: ExpertSupply | None
    needs: Sequence[Need]
    host_weights: dict[str, float]
    expert_weights: dict[str, float]
    options: dict
    top: int
    weights_by_request: dict[int, dict[str, float]]


def _best(ranking: Ranking, top: int) -> tuple[tuple[int, ...], tuple[float, ...]]:
    best = ranking.top(top)
    return tuple(int(pk) for pk in ranking.ids[best]), tuple(float(score) for score in ranking.scores[best])


def shortlist(job: Job, need: Need) -> Shortlist:
    """Rank one request's hosts (and experts) and keep the best `job.top` of each."""
    weights = job.weights_by_request.get(need.request_id, job.host_weights)
    hosts = rank_hosts(job.supply, need, weights, job.options)
    host_ids, host_scores = _best(hosts, job.top)
    expert_ids, expert_scores, expert_count = (), (), 0
    if job.experts is not None:
        experts = rank_experts(job.experts, job.supply, need, job.expert_weights, job.options)
        expert_ids, expert_scores = _best(experts, job.top)
        expert_count = len(experts.eligible)
    return Shortlist(
        request_id=need.request_id,
        hosts=host_ids,
        host_scores=host_scores,
        experts=expert_ids,
        expert_scores=expert_scores,
        host_count=len(hosts.eligible),
        expert_count=expert_count,
    )


# The job of the re-ranking under way, set before the workers are forked: they inherit it. One
# re-ranking on several processes at a time per process (the lock), whatever the threads.
_job: Job | None = None
_forking = threading.Lock()


def _rank_chunk(bounds: tuple[int, int]) -> list[Shortlist]:
    start, stop = bounds
    return [shortlist(_job, need) for need in _job.needs[start:stop]]


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def chunks(count: int, workers: int, per_worker: int = 4) -> list[tuple[int, int]]:
    """[start, stop) bounds: a few chunks per worker, so that a slow chunk does not leave a core idle."""
    parts = max(1, min(count, workers * per_worker))
    size, extra = divmod(count, parts)
    bounds, start = [], 0
    for k in range(parts):
        stop = start + size + (k < extra)
        bounds.append((start, stop))
        start = stop
    return bounds


def rerank(
    supply: HostSupply,
    experts: ExpertSupply | None,
    needs: Sequence[Need],
    *,
    host_weights: dict[str, float],
    expert_weights: dict[str, float],
    options: dict,
    top: int = 10,
    workers: int | None = None,
    weights_by_request: dict[int, dict[str, float]] | None = None,
) -> list[Shortlist]:
    """The short list of every need, in the needs' order, ranked by `workers` processes (default:
    the ATTACHE_MATCH_WORKERS setting, else every core this process may use).

    weights_by_request: host weights kept for some requests, by request id (the others use
    host_weights). Experts are ranked only when given."""
    global _job
    job = Job(supply, experts, needs, host_weights, expert_weights, options, top, weights_by_request or {})
    workers = conf.workers() if workers is None else workers
    workers = min(workers, len(needs))
    if workers <= 1 or not can_fork():
        return [shortlist(job, need) for need in needs]
    with _forking:
        _job = job
        try:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                return [item for part in pool.map(_rank_chunk, chunks(len(needs), workers)) for item in part]
        finally:
            _job = None
