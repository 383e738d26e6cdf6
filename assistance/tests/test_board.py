"""The request board: a page of cards per column, "more" with and without htmx, capped counts,
the same requests for each role as the list, and a number of queries that does not grow."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assistance import selectors
from assistance.choices import Status
from assistance.tests.factories import AssistanceRequestFactory
from community.tests.factories import CapabilityAreaFactory

HTMX = {"HTTP_HX_REQUEST": "true"}
BOARD = reverse("assistance:request_board")


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(selectors, "BOARD_PAGE_SIZE", 3)


def _submitted(state, n, *, start=0, **extra):
    """`n` submitted requests, the first the longest in its status."""
    base = timezone.now() - datetime.timedelta(days=100)
    return [
        AssistanceRequestFactory(
            state=state,
            status=Status.SUBMITTED,
            title=f"Request {start + i:02d}",
            status_changed_at=base + datetime.timedelta(days=start + i),
            **extra,
        )
        for i in range(n)
    ]


def _column(response, status):
    return next(column for column in response.context["columns"] if column.status == status)


def _titles(column):
    return [r.title for r in column.requests]


def test_a_column_shows_its_first_page_oldest_first_and_links_to_the_next(small_pages, officer, client_for, belize):
    _submitted(belize, 7)
    AssistanceRequestFactory(state=belize, status=Status.APPROVED, title="Approved one")
    response = client_for(officer).get(BOARD)
    submitted = _column(response, Status.SUBMITTED)
    assert _titles(submitted) == ["Request 00", "Request 01", "Request 02"]
    assert submitted.count == 7 and submitted.has_more
    assert _titles(_column(response, Status.APPROVED)) == ["Approved one"]
    assert not _column(response, Status.APPROVED).has_more
    assert 'href="?page_submitted=2#col-submitted"' in response.content.decode()


def test_the_column_page_parameter_moves_that_column_only(small_pages, officer, client_for, belize):
    _submitted(belize, 7)
    AssistanceRequestFactory(state=belize, status=Status.APPROVED, title="Approved one")
    client = client_for(officer)
    second = client.get(BOARD, {"page_submitted": 2})
    assert _titles(_column(second, Status.SUBMITTED)) == ["Request 03", "Request 04", "Request 05"]
    assert _titles(_column(second, Status.APPROVED)) == ["Approved one"]
    assert 'href="?page_submitted=3#col-submitted"' in second.content.decode()
    last = client.get(BOARD, {"page_submitted": 3})
    assert _titles(_column(last, Status.SUBMITTED)) == ["Request 06"]
    assert not _column(last, Status.SUBMITTED).has_more
    # Back to the first cards: the board without this column's page.
    assert 'href="?#col-submitted"' in last.content.decode()


@pytest.mark.parametrize("page", ["0", "-1", "x", ""])
def test_a_page_that_is_not_a_positive_number_is_the_first(page, small_pages, officer, client_for, belize):
    _submitted(belize, 4)
    response = client_for(officer).get(BOARD, {"page_submitted": page})
    assert _titles(_column(response, Status.SUBMITTED)) == ["Request 00", "Request 01", "Request 02"]


def test_more_with_htmx_answers_the_next_cards_of_that_column_only(small_pages, officer, client_for, belize):
    _submitted(belize, 7)
    AssistanceRequestFactory(state=belize, status=Status.APPROVED, title="Approved one")
    response = client_for(officer).get(BOARD, {"page_submitted": 2, "column": "submitted"}, **HTMX)
    html = response.content.decode()
    assert "<html" not in html and "Approved one" not in html
    assert [t for t in ("Request 02", "Request 03", "Request 04", "Request 05", "Request 06") if t in html] == [
        "Request 03",
        "Request 04",
        "Request 05",
    ]
    assert 'href="?page_submitted=3#col-submitted"' in html and "column=submitted" in html
    assert "HX-Request" in response["Vary"]


def test_more_links_keep_the_filters_and_the_other_columns_pages(small_pages, officer, client_for, belize, jamaica):
    _submitted(belize, 4)
    _submitted(jamaica, 4, start=10)
    response = client_for(officer).get(BOARD, {"state": belize.pk, "page_approved": 2})
    submitted = _column(response, Status.SUBMITTED)
    assert _titles(submitted) == ["Request 00", "Request 01", "Request 02"] and submitted.count == 4
    assert (
        f'href="?state={belize.pk}&amp;page_approved=2&amp;page_submitted=2#col-submitted"' in response.content.decode()
    )


def test_counts_stop_at_the_cap(monkeypatch, officer, client_for, belize):
    monkeypatch.setattr(selectors, "BOARD_COUNT_CAP", 3)
    _submitted(belize, 5)
    AssistanceRequestFactory(state=belize, status=Status.APPROVED)
    response = client_for(officer).get(BOARD)
    submitted, approved = _column(response, Status.SUBMITTED), _column(response, Status.APPROVED)
    assert submitted.count_capped and submitted.count_display == "3+"
    assert not approved.count_capped and approved.count_display == "1"
    assert _column(response, Status.DRAFT).count == 0
    assert ">3+</span>" in response.content.decode()


def test_a_focal_point_sees_and_counts_only_what_the_list_shows_them(client_for, focal_bz, belize, jamaica):
    mine = AssistanceRequestFactory(state=belize, status=Status.SUBMITTED, restricted=True, title="Belize own")
    shared = AssistanceRequestFactory(state=jamaica, status=Status.SUBMITTED, title="Jamaica shared")
    AssistanceRequestFactory(state=jamaica, status=Status.SUBMITTED, restricted=True, title="Jamaica restricted")
    AssistanceRequestFactory(state=jamaica, status=Status.DRAFT, title="Jamaica draft")
    own_draft = AssistanceRequestFactory(state=belize, status=Status.DRAFT, title="Belize draft")
    client = client_for(focal_bz)
    response = client.get(BOARD)
    submitted, drafts = _column(response, Status.SUBMITTED), _column(response, Status.DRAFT)
    assert set(_titles(submitted)) == {mine.title, shared.title} and submitted.count == 2
    assert _titles(drafts) == [own_draft.title] and drafts.count == 1
    html = response.content.decode()
    assert "Jamaica restricted" not in html and "Jamaica draft" not in html
    more = client.get(BOARD, {"column": "submitted"}, **HTMX).content.decode()
    assert "Jamaica restricted" not in more and "Belize own" in more


def test_an_unknown_column_with_htmx_gets_the_whole_board(officer, client_for):
    response = client_for(officer).get(BOARD, {"column": "closed"}, **HTMX)
    assert "<html" in response.content.decode()


def _queries(client, params=None, **headers):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(BOARD, params or {}, **headers).status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_pages_of_cards(small_pages, officer, client_for, belize, jamaica):
    client = client_for(officer)
    _submitted(belize, 2, areas=[CapabilityAreaFactory()])
    few_board, few_more = _queries(client), _queries(client, {"column": "submitted"}, **HTMX)
    _submitted(jamaica, 12, start=2, areas=[CapabilityAreaFactory(), CapabilityAreaFactory()])
    for status in (Status.APPROVED, Status.MATCHING):
        AssistanceRequestFactory(state=belize, status=status)
    assert _queries(client) == few_board
    assert _queries(client, {"column": "submitted", "page_submitted": 2}, **HTMX) == few_more
