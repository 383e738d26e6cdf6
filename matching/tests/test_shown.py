"""Only the candidates shown are explained: reasons are written when a page, the API or the
command line reads them, never for the rest of the ranking."""

from collections import Counter

import pytest

from matching import explain, selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(monkeypatch):
    """How many times each explanation was written."""
    counted = Counter()
    for name in ("host_reasons", "expert_reasons", "host_exclusion", "expert_exclusion", "compare"):
        original = getattr(explain, name)

        def counting(*args, _name=name, _original=original, **kwargs):
            counted[_name] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(explain, name, counting)
    return counted


def test_nothing_is_explained_until_read_then_only_the_candidates_read(belize_request, calls):
    matches = selectors.request_matches(assistance_request=belize_request, top=2, expert_top=1)
    assert matches.host_count == 4 and len(matches.hosts) == 2
    assert not calls
    texts = [candidate.reasons_text for candidate in matches.hosts]
    assert all(texts) and calls["host_reasons"] == 2
    assert matches.hosts[1].comparison and calls["compare"] == 1
    assert matches.hosts[0].comparison == [] and calls["compare"] == 1  # the top candidate has no "why not higher"
    [candidate.reasons for candidate in matches.hosts]
    assert calls["host_reasons"] == 2  # written once, then kept
    assert matches.experts[0].reasons and calls["expert_reasons"] == 1
    assert matches.excluded[0].excluded_because and calls["host_exclusion"] == 1
    assert calls["expert_exclusion"] == 0


def test_the_page_explains_the_best_hosts_it_shows_and_all_of_them_when_asked(
    client_for, demo_officer, belize_request, calls, settings
):
    from django.urls import reverse

    settings.ATTACHE_MATCH_OPTIONS = {"hosts_shown": 2}
    client, url = client_for(demo_officer), reverse("matching:request_matches", args=[belize_request.pk])
    response = client.get(url)
    assert response.status_code == 200
    matches = response.context["matches"]
    assert [candidate.rank for candidate in matches.hosts] == [1, 2] and matches.host_count == 4
    assert calls["host_reasons"] == 2
    assert calls["expert_reasons"] == len(matches.experts) <= 10
    assert calls["host_exclusion"] == len(matches.excluded)
    assert "Show all 4 host states" in response.content.decode()
    assert f'href="{url}?hosts=all"' in response.content.decode()

    calls.clear()
    response = client.get(url, {"hosts": "all", "cost": "5"})
    page = response.content.decode()
    assert len(response.context["matches"].hosts) == 4 and calls["host_reasons"] == 4
    assert "Show all 4 host states" not in page
    assert '<input type="hidden" name="hosts" value="all">' in page  # re-ranking keeps every host shown
