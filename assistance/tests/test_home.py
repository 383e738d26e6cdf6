"""The home page's request figures: what waits for each user, among what they may see."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assistance.choices import Status
from assistance.selectors import request_home_counters
from assistance.tests.factories import AssistanceRequestFactory
from core.models import VisibilityChoices


@pytest.fixture
def requests_in_flight(belize, jamaica, officer):
    long_ago = timezone.now() - datetime.timedelta(days=90)
    return [
        AssistanceRequestFactory(state=belize, status=Status.DRAFT),
        AssistanceRequestFactory(state=belize, status=Status.SUBMITTED),
        AssistanceRequestFactory(state=jamaica, status=Status.SUBMITTED, visibility=VisibilityChoices.RESTRICTED),
        AssistanceRequestFactory(
            state=jamaica, status=Status.ASSESSING, assigned_officer=officer, status_changed_at=long_ago
        ),
        AssistanceRequestFactory(state=belize, status=Status.CLOSED, assigned_officer=officer),
        AssistanceRequestFactory(state=jamaica, status=Status.DRAFT),
    ]


def figures(user):
    return {str(counter.label): counter.count for counter in request_home_counters(user=user)}


def test_the_officer_sees_what_waits_for_the_secretariat(requests_in_flight, officer):
    assert figures(officer) == {
        "Open requests": 5,
        "Waiting for registration": 2,
        "Assigned to you": 1,
        "Overdue": 1,
        "Drafts": 2,
    }


def test_a_focal_point_counts_only_what_they_may_see(requests_in_flight, focal_bz):
    # Jamaica's restricted request and its draft are not Belize's to count.
    assert figures(focal_bz) == {"Open requests": 3, "Drafts": 1}


def test_the_figures_link_to_the_matching_list(requests_in_flight, client_for, officer):
    client = client_for(officer)
    for counter in request_home_counters(user=officer):
        response = client.get(counter.url)
        assert response.status_code == 200
        assert f"{counter.count} request" in response.content.decode(), counter.label


def test_the_home_page_shows_them_in_a_fixed_number_of_queries(
    requests_in_flight, client_for, officer, django_assert_max_num_queries, belize
):
    client = client_for(officer)
    client.get(reverse("core:home"))
    for _ in range(20):
        AssistanceRequestFactory(state=belize, status=Status.SUBMITTED)
    # The figures, and the worklist: two queries for requests, three for activities.
    with django_assert_max_num_queries(17):
        response = client.get(reverse("core:home"))
    assert "Waiting for registration" in response.content.decode()


def test_a_figure_stops_counting_past_the_cap_and_says_so(requests_in_flight, officer, client_for, monkeypatch):
    from assistance import selectors

    monkeypatch.setattr(selectors, "HOME_COUNT_CAP", 2)
    counters = {str(counter.label): counter for counter in request_home_counters(user=officer)}
    opened, assigned = counters["Open requests"], counters["Assigned to you"]
    assert (opened.count, opened.capped) == (2, True)
    assert (assigned.count, assigned.capped) == (1, False)
    assert ">2+</div>" in client_for(officer).get(reverse("core:home")).content.decode()
