"""The page benchmark keeps working: a tiny community is built with the benchmark's own builder,
and every page it times answers 200 to each role it is timed for (so the benchmark never rots
when pages change, and a new page without a sample is caught)."""

import pytest
from django.test import override_settings

from bench import page_bench
from bench.global_community import build

TINY = 0.002


@pytest.fixture
def community(db):
    with override_settings(ROOT_URLCONF="bench.page_bench_urls"):
        yield build(TINY, seed=7)


@pytest.mark.long
def test_every_page_answers_200_for_each_role_it_is_timed_for(community):
    # One test, one build: the build is most of its time.
    for name in ("states", "capability areas", "institutions", "people", "assistance requests"):
        assert community.counts[name] > 0, name
    assert community.counts["maturity assessments"] >= 150
    assert set(community.users) == set(page_bench.ROLES)
    results = page_bench.time_pages(runs=1, budget_s=0, log=lambda line: None)
    failed = {(result.role, result.name): result.error or result.status for result in results if result.status != 200}
    assert failed.keys() == page_bench.KNOWN_BROKEN.keys(), failed
    timed = {(result.role, result.name) for result in results}
    for role in page_bench.ROLES:
        for name in (page_bench.BARE, *page_bench.KEY_PAGES):
            assert (role, name) in timed, (role, name)
    officer_labels = {result.label for result in results if result.role == "officer"}
    # The list's other views were found: another sort, the second page, a filter.
    request_list = {label for label in officer_labels if label.startswith("assistance:request_list")}
    assert any("sort=" in label for label in request_list), request_list
    assert "assistance:request_list page 2" in request_list
    assert any("filter" in label for label in request_list), request_list
    # Both heatmaps with another window, and a request's matches for the secretariat.
    assert any(label.startswith("maturity:heatmap filter") for label in officer_labels)
    assert any(label.startswith("decisions:implementation_heatmap filter") for label in officer_labels)
    assert "matching:request_matches" in officer_labels
    assert all(result.runs_ms for result in results if result.status == 200)


def test_a_page_without_a_sample_stops_the_benchmark(monkeypatch):
    samples = dict(page_bench.SAMPLES)
    del samples["assistance:request_detail"]
    monkeypatch.setattr(page_bench, "SAMPLES", samples)
    with pytest.raises(SystemExit, match="assistance:request_detail"):
        page_bench.timed_routes()


def test_forms_and_actions_are_not_timed():
    names = {route.name for route in page_bench.timed_routes()}
    assert "assistance:request_add" not in names
    assert "community:person_edit" not in names
    assert "api:practice-publish" not in names
    assert {"core:home", "assistance:request_board", "api:assistancerequest-list"} <= names
