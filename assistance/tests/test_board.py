"""The request board: a page of cards per column, "more" with and without htmx, capped counts,
the same requests for each role as the list, and a number of queries that does not grow."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from assistance import selectors
from assistance.choices import Status
from assistance.models import AssistanceRequest
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
    return [r.title for r in column.cards]


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


# --- the cards ----------------------------------------------------------------------------------


def _card(client, title):
    response = client.get(BOARD)
    return next(card for column in response.context["columns"] for card in column.cards if card.title == title)


def test_a_card_shows_the_request_as_its_page_names_it(settings, officer, client_for, belize):
    settings.ATTACHE_STATUS_DEADLINES = {**settings.ATTACHE_STATUS_DEADLINES, Status.SUBMITTED: 5}
    labour = CapabilityAreaFactory(code="zz-labour", name="Labour")
    statistics = CapabilityAreaFactory(code="aa-statistics", name="Statistics")
    request = AssistanceRequestFactory(
        state=belize,
        status=Status.SUBMITTED,
        title="Labour market <information> & statistics",
        reference="TA/2026/0042",
        urgency="high",
        assigned_officer=officer,
        status_changed_at=timezone.now() - datetime.timedelta(days=9),
        areas=[labour, statistics],
    )
    card = _card(client_for(officer), request.title)
    assert (card.pk, card.reference, card.state_code, card.url) == (
        request.pk,
        "TA/2026/0042",
        "BZ",
        reverse("assistance:request_detail", args=[request.pk]),
    )
    # In tree order, as the request page lists them.
    assert card.areas == [area.name for area in request.areas.all()] == ["Statistics", "Labour"]
    assert card.urgent and card.overdue and card.officer == "Dwayne Clarke"


def test_a_new_card_says_what_it_still_lacks(officer, client_for, belize):
    AssistanceRequestFactory(state=belize, status=Status.SUBMITTED, title="Fresh", areas=[])
    card = _card(client_for(officer), "Fresh")
    assert card.reference is None and card.areas == [] and card.officer == ""
    assert not card.urgent and not card.overdue


def test_an_officer_without_a_name_is_shown_by_e_mail(officer, client_for, belize):
    officer.full_name = ""
    officer.save()
    AssistanceRequestFactory(state=belize, status=Status.REGISTERED, title="Routed", assigned_officer=officer)
    assert _card(client_for(officer), "Routed").officer == officer.email


def test_area_names_follow_the_language_of_the_page(officer, belize):
    translated = CapabilityAreaFactory(code="aa-labour", name="Labour", name_fr="Travail")
    english_only = CapabilityAreaFactory(code="bb-statistics", name="Statistics")
    request = AssistanceRequestFactory(state=belize, areas=[translated, english_only])
    with translation.override("fr"):
        assert selectors.board_cards([request.pk])[request.pk].areas == ["Travail", "Statistics"]
    assert selectors.board_cards([request.pk])[request.pk].areas == ["Labour", "Statistics"]


# What the template wrote for each card before the cards were written in Python.
CARD_HTML = """
<article class="card mb-2 shadow-sm border-danger">
  <div class="card-body p-2">
    <div class="small text-body-secondary d-flex justify-content-between gap-2">
      <span class="font-monospace">TA/2026/0042</span>
      <span>BZ</span>
    </div>
    <h3 class="h6 my-1"><a class="stretched-link text-decoration-none" href="/requests/{pk}/">&lt;R&amp;D&gt;</a></h3>
    <div class="small">Statistics, Labour &amp; work</div>
    <div class="small text-body-secondary mt-1">
      1\xa0week, 2\xa0days in this status
      <span class="badge text-bg-danger">Overdue</span>
      <span class="badge text-bg-danger">Urgent</span>
    </div>
    <div class="small">Dwayne Clarke</div>
  </div>
</article>

<article class="card mb-2 shadow-sm">
  <div class="card-body p-2">
    <div class="small text-body-secondary d-flex justify-content-between gap-2">
      <span class="font-monospace">not registered</span>
      <span>BZ</span>
    </div>
    <h3 class="h6 my-1"><a class="stretched-link text-decoration-none" href="/requests/{pk2}/">Fresh</a></h3>
    <div class="small"></div>
    <div class="small text-body-secondary mt-1">
      0\xa0minutes in this status
      
      
    </div>
    <div class="small"><em>Not yet assigned</em></div>
  </div>
</article>
"""


def test_cards_keep_their_markup_and_escape_what_people_typed(settings, officer, client_for, belize):
    settings.ATTACHE_STATUS_DEADLINES = {**settings.ATTACHE_STATUS_DEADLINES, Status.SUBMITTED: 5}
    first = AssistanceRequestFactory(
        state=belize,
        status=Status.SUBMITTED,
        title="<R&D>",
        reference="TA/2026/0042",
        urgency="high",
        assigned_officer=officer,
        status_changed_at=timezone.now() - datetime.timedelta(days=9, minutes=1),
        areas=[
            CapabilityAreaFactory(code="zz-labour", name="Labour & work"),
            CapabilityAreaFactory(code="aa-statistics", name="Statistics"),
        ],
    )
    second = AssistanceRequestFactory(state=belize, status=Status.SUBMITTED, title="Fresh", areas=[])
    html = client_for(officer).get(BOARD, {"column": "submitted"}, **HTMX).content.decode()
    assert html.startswith("\n" + CARD_HTML.format(pk=first.pk, pk2=second.pk))


def test_the_board_reads_a_query_per_column_and_three_more(django_assert_num_queries, officer, belize, jamaica):
    for status in (Status.SUBMITTED, Status.APPROVED, Status.MATCHING):
        AssistanceRequestFactory.create_batch(2, state=belize, status=status)
    AssistanceRequestFactory(state=jamaica, status=Status.SUBMITTED, assigned_officer=officer)
    visible = selectors.request_list(user=officer)
    # The counts, each column's keys, the cards' values and their areas' names.
    with django_assert_num_queries(len(selectors.BOARD_STATUSES) + 3):
        columns = selectors.request_board(visible, user=officer)
    assert sum(len(column.cards) for column in columns) == 7
    with django_assert_num_queries(3):
        selectors.request_board_column(visible, user=officer, status=Status.SUBMITTED, page=1)


def test_a_request_deleted_while_the_board_is_read_is_left_out(monkeypatch, officer, belize):
    kept, gone = _submitted(belize, 2)
    keys = selectors._column_keys

    def keys_then_deleted(*args):
        found = keys(*args)
        AssistanceRequest.objects.filter(pk=gone.pk).delete()
        return found

    monkeypatch.setattr(selectors, "_column_keys", keys_then_deleted)
    column = selectors.request_board_column(
        selectors.request_list(user=officer), user=officer, status=Status.SUBMITTED, page=1
    )
    assert [card.pk for card in column.cards] == [kept.pk]
