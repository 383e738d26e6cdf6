"""The table layer under every list: sorting, column choice, scoping, paging and query counts.

The orderable columns of each list and the database order each one means are written here by
hand (SORTS), so a column that sorts by the wrong field, or a new orderable column without a
test, fails."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assistance.choices import Status
from assistance.tables import AssistanceRequestTable
from assistance.tests.factories import AssistanceRequestFactory
from community import tables as community_tables
from community.tests.factories import (
    CapabilityAreaFactory,
    CommitteeMeetingFactory,
    InstitutionFactory,
    LanguageFactory,
    MemberStateFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    PersonFactory,
)
from core.tables import PAGE_SIZE
from decisions.tables import DecisionTable
from decisions.tests.factories import DecisionFactory, RequiredActionFactory
from portfolio.tables import PracticeTable
from portfolio.tests.factories import PracticeFactory

# url name -> (table, {orderable column: the database order it means})
SORTS = {
    "community:memberstate_list": (
        community_tables.MemberStateTable,
        {
            "name": ["name"],
            "iso_code": ["iso_code"],
            "membership": ["membership"],
            "single_market": ["single_market"],
            "capital": ["capital"],
        },
    ),
    "community:institution_list": (
        community_tables.InstitutionTable,
        {
            "name": ["name"],
            "kind": ["kind"],
            "state": ["state__name"],
            "parent": ["parent__name"],
            "status": ["status"],
        },
    ),
    "community:person_list": (
        community_tables.PersonTable,
        {"full_name": ["full_name"], "post": ["post"], "state": ["state__name"]},
    ),
    "community:committeemeeting_list": (
        community_tables.CommitteeMeetingTable,
        {"date": ["date"], "committee": ["committee__name"], "state": ["committee__state__name"], "place": ["place"]},
    ),
    "community:network_list": (
        community_tables.NetworkTable,
        {"name": ["name"], "member_count": ["member_count"], "established": ["established"]},
    ),
    "community:capabilityarea_list": (community_tables.CapabilityAreaTable, {"code": ["code"]}),
    "decisions:decision_list": (
        DecisionTable,
        {
            "reference": ["reference"],
            "organ": ["organ"],
            "date": ["date"],
            "action_count": ["action_count"],
            "compliance_percent": ["compliance_percent"],
        },
    ),
    "assistance:request_list": (
        AssistanceRequestTable,
        {
            "reference": ["reference"],
            "title": ["title"],
            "state": ["state__name"],
            "status": ["status"],
            "created_at": ["-created_at"],
            "status_changed_at": ["-status_changed_at"],
        },
    ),
    "portfolio:practice_list": (
        PracticeTable,
        {
            "title": ["title"],
            "state": ["state__name"],
            # Not the institution: a restricted one's name is hidden, so it orders nothing either.
            "in_operation_since": ["in_operation_since"],
        },
    ),
}
LISTS = list(SORTS)


def add_rows(name: str, n: int) -> None:
    """n rows of the list, each with its own related records (a per-row query would show)."""
    english = LanguageFactory(code="en")
    for i in range(n):
        if name == "community:memberstate_list":
            MemberStateFactory(official_languages=[english], capital=f"Capital {(i * 7) % 5}")
        elif name == "community:institution_list":
            InstitutionFactory(parent=InstitutionFactory(), restricted=i % 2 == 1)
        elif name == "community:person_list":
            PersonFactory(languages=[english], post=f"Post {(i * 7) % 5}", restricted=i % 2 == 1)
        elif name == "community:committeemeeting_list":
            CommitteeMeetingFactory(place=f"Room {(i * 7) % 5}")
        elif name == "community:network_list":
            network = NetworkFactory(areas=[CapabilityAreaFactory()])
            NetworkMembershipFactory.create_batch(i % 3, network=network)
        elif name == "community:capabilityarea_list":
            CapabilityAreaFactory(parent=CapabilityAreaFactory())
        elif name == "decisions:decision_list":
            RequiredActionFactory.create_batch(1 + i % 3, decision=DecisionFactory())
        elif name == "assistance:request_list":
            AssistanceRequestFactory(state=MemberStateFactory(), status=[Status.DRAFT, Status.SUBMITTED][i % 2])
        elif name == "portfolio:practice_list":
            PracticeFactory(institution=InstitutionFactory() if i % 2 else None)


def pks(response) -> list[int]:
    return [record.pk for record in response.context["object_list"]]


def headers(response) -> list[str]:
    thead = re.search(r"<thead>(.*?)</thead>", response.content.decode(), re.S)
    if thead is None:
        return []
    return [re.sub(r"<[^>]+>|&[a-z]+;", "", th).strip() for th in re.findall(r"<th[^>]*>(.*?)</th>", thead[1], re.S)]


# --- sorting ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", LISTS)
def test_every_orderable_column_is_listed_here(name):
    table, sorts = SORTS[name]
    orderable = {column.name for column in table([]).columns.iterall() if column.orderable}
    assert orderable == set(sorts)


@pytest.mark.parametrize("name", LISTS)
def test_sorting_by_each_orderable_column_orders_the_rows(officer, client_for, name):
    add_rows(name, 6)
    client = client_for(officer)
    _, sorts = SORTS[name]
    for column, fields in sorts.items():
        for prefix, flip in (("", False), ("-", True)):
            response = client.get(reverse(name), {"sort": prefix + column})
            assert response.status_code == 200
            order = [(f[1:] if f.startswith("-") else f"-{f}") if flip else f for f in fields]
            tie = "-pk" if order[0].startswith("-") else "pk"  # ties follow the sort's direction
            expected = response.context["filterset"].qs.order_by(*order, tie).values_list("pk", flat=True)
            assert pks(response) == list(expected[:PAGE_SIZE]), f"{name} sorted by {prefix}{column}"
            sort = "descending" if prefix else "ascending"  # of the column shown (age, not creation date)
            if name != "portfolio:practice_list":  # the catalogue's cards say it with the link instead
                assert f'aria-sort="{sort}"' in response.content.decode()


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("sort", ["bogus", "-", "-bogus", "visibility", "__class__", "name;drop table", "pk"])
def test_an_unknown_or_unorderable_sort_is_ignored(officer, client_for, name, sort):
    add_rows(name, 3)
    client = client_for(officer)
    unsorted = client.get(reverse(name))
    response = client.get(reverse(name), {"sort": sort})
    assert response.status_code == 200
    assert pks(response) == pks(unsorted)


def test_sorted_pages_neither_skip_nor_repeat_rows(officer, client_for):
    """Many rows share a value; the primary key breaks the ties, so the pages partition the list."""
    PersonFactory.create_batch(PAGE_SIZE + 5, post="Director")
    client = client_for(officer)
    url = reverse("community:person_list")
    first = pks(client.get(url, {"sort": "post"}))
    second = pks(client.get(url, {"sort": "post", "page": 2}))
    assert len(first) == PAGE_SIZE and not set(first) & set(second)
    assert len(first) + len(second) == PAGE_SIZE + 5


# --- paging -----------------------------------------------------------------------------------


def test_paging_keeps_the_page_size_and_tolerates_bad_page_numbers(officer, client_for):
    add_rows("community:committeemeeting_list", PAGE_SIZE + 3)
    client = client_for(officer)
    url = reverse("community:committeemeeting_list")
    assert len(pks(client.get(url, {"per_page": 1000}))) == PAGE_SIZE  # no way around the page size
    last = pks(client.get(url, {"page": 2}))
    assert len(last) == 3
    assert pks(client.get(url, {"page": "x"})) == pks(client.get(url))  # not a number: the first page
    assert pks(client.get(url, {"page": 99})) == last  # too far: the last page


def test_two_tables_on_one_page_page_apart_with_their_prefixes(officer, rf):
    from django.template.loader import render_to_string

    from community.models import CommitteeMeeting

    add_rows("community:committeemeeting_list", PAGE_SIZE + 3)
    request = rf.get("/", {"a-page": 2, "q": "x"})
    request.user = officer
    meetings = CommitteeMeeting.objects.order_by("pk")
    first = community_tables.CommitteeMeetingTable(meetings, prefix="a-").configure(request)
    second = community_tables.CommitteeMeetingTable(meetings, prefix="b-").configure(request)
    assert (first.page.number, len(first.page)) == (2, 3)
    assert (second.page.number, len(second.page)) == (1, PAGE_SIZE)
    html = render_to_string("generic/table.html", {"table": second}, request=request)
    assert 'href="?a-page=2&amp;q=x&amp;b-page=2"' in html  # its own parameter, the other table's kept


def test_sort_and_page_links_keep_the_filter(officer, client_for):
    add_rows("community:person_list", PAGE_SIZE + 3)
    response = client_for(officer).get(reverse("community:person_list"), {"q": "a", "sort": "post"})
    html = response.content.decode()
    assert 'href="?q=a&amp;sort=-post"' in html  # the header flips the order, the filter stays
    if response.context["page_obj"].has_next():
        assert 'href="?q=a&amp;sort=post&amp;page=2"' in html


# --- column choice ----------------------------------------------------------------------------


def test_hiding_a_column_removes_it_and_the_choice_sticks(officer, client_for):
    PersonFactory()
    InstitutionFactory()
    client = client_for(officer)
    people, institutions = reverse("community:person_list"), reverse("community:institution_list")
    everything = ["Name", "Post", "Institution", "Member state", "Languages", "Visibility"]
    assert headers(client.get(people)) == everything

    chosen = client.get(people, {"columns": ["post", "languages", "full_name"]})
    assert headers(chosen) == ["Name", "Post", "Member state", "Languages"]  # full_name is not optional
    assert headers(client.get(people)) == ["Name", "Post", "Member state", "Languages"]  # remembered
    assert headers(client.get(people, {"q": "a", "sort": "post"})) == ["Name", "Post", "Member state", "Languages"]
    assert "Visibility" in headers(client.get(institutions))  # per table

    assert headers(client.get(people, {"columns": ""})) == ["Name", "Member state"]  # every optional one hidden
    assert headers(client.get(people)) == ["Name", "Member state"]
    assert headers(client_for(officer).get(people)) == everything  # another session starts afresh


def test_the_column_chooser_keeps_filter_sort_and_page(officer, client_for):
    add_rows("community:person_list", 3)
    response = client_for(officer).get(
        reverse("community:person_list"), {"q": "a", "sort": "post", "page": "1", "columns": "post"}
    )
    apply = re.search(r'hx-get="([^"]*)" hx-include="closest \[data-column-chooser\]"', response.content.decode())
    assert apply and apply[1] == "?q=a&amp;sort=post&amp;page=1"  # the ticked boxes add the columns
    assert re.search(r'value="post"[^>]* checked', response.content.decode())
    assert not re.search(r'value="languages"[^>]* checked', response.content.decode())


def test_the_catalogue_cards_hide_the_chosen_parts(officer, client_for):
    practice = PracticeFactory(description="A one-stop shop for skills certificates.")
    client = client_for(officer)
    url = reverse("portfolio:practice_list")
    assert practice.description in client.get(url).content.decode()
    assert practice.description not in client.get(url, {"columns": "areas"}).content.decode()
    assert practice.title in client.get(url).content.decode()


# --- scoping ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,make_hidden",
    [
        ("community:person_list", lambda jm: PersonFactory(state=jm, restricted=True, full_name="Hidden Hyacinth")),
        ("community:institution_list", lambda jm: InstitutionFactory(state=jm, restricted=True, name="Hidden Board")),
        (
            "assistance:request_list",
            lambda jm: AssistanceRequestFactory(
                state=jm, status=Status.SUBMITTED, restricted=True, title="Hidden request"
            ),
        ),
    ],
)
def test_a_restricted_row_never_shows_whatever_the_sort_or_columns(focal_bz, jamaica, client_for, name, make_hidden):
    add_rows(name, 3)
    hidden = make_hidden(jamaica)
    label = str(hidden) if name != "assistance:request_list" else hidden.title
    client = client_for(focal_bz)
    _, sorts = SORTS[name]
    params = [{}, {"columns": ""}, {"columns": ["visibility", "state", "institution"]}]
    params += [{"sort": prefix + column} for column in sorts for prefix in ("", "-")]
    for query in params:
        response = client.get(reverse(name), query)
        assert response.status_code == 200
        assert hidden.pk not in pks(response), query
        assert label not in response.content.decode(), query


# --- query counts -----------------------------------------------------------------------------


def count_queries(client, url, params) -> int:
    client.get(url, params)  # warm up: session, content types, translations
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", LISTS)
def test_query_count_is_the_same_for_one_row_and_many_whatever_the_sort(officer, client_for, name):
    client = client_for(officer)
    _, sorts = SORTS[name]
    queries = [{}, {"columns": ""}, *({"sort": f"-{column}"} for column in sorts)]
    add_rows(name, 1)
    one = [count_queries(client, reverse(name), query) for query in queries]
    add_rows(name, PAGE_SIZE + 4)
    many = [count_queries(client, reverse(name), query) for query in queries]
    assert many == one, f"{name}: {one} queries for one row, {many} for many"


def test_a_render_methods_signature_is_read_once_and_reads_as_django_tables2_reads_it(monkeypatch):
    from core import tables as core_tables

    class Cells:
        def render_name(self, value, record):
            return value

    def render(value, **kwargs):
        return value

    calls = []
    original = core_tables._table_signature
    monkeypatch.setattr(core_tables, "_table_signature", lambda fn: calls.append(fn) or original(fn))
    monkeypatch.setattr(core_tables, "_signatures", {})
    for fn in (Cells().render_name, Cells().render_name, render, render):
        assert core_tables._signature_read_once(fn) == original(fn)
    assert len(calls) == 2  # once per function, whatever the instance
    assert core_tables._signature_read_once(Cells.render_name) == (("self", "value", "record"), None)


def test_the_rows_written_in_python_are_the_markup_the_template_loop_wrote(officer, rf):
    """`Table.body_html` writes what `generic/table.html` wrote cell by cell: attributes fixed per
    column and computed from the row (a callable), escaped text, safe markup, localised numbers,
    the empty default, and the column choice."""
    import django_tables2 as tables
    from django.template import Context, Template
    from django.utils import translation
    from django.utils.html import format_html

    from core.tables import Table

    class Rows(Table):
        name = tables.Column(attrs={"td": {"class": "text-nowrap", "data-name": lambda record: record["name"]}})
        badge = tables.Column(empty_values=())
        amount = tables.Column(attrs={"td": {"class": "text-end"}})
        note = tables.Column()
        hidden = tables.Column()

        def render_badge(self, record):
            return format_html('<span class="badge">{}</span>', record["name"])

    records = [
        {"name": "<b>Belize</b>", "amount": 1234567.5, "note": None, "hidden": "x"},
        {"name": "Jamaica & co", "amount": 12, "note": "ok", "hidden": "y"},
    ]
    request = rf.get("/")
    request.user = officer
    table = Rows(records).configure(request)
    table.columns.hide("hidden")
    loop = Template(
        "{% for row in table.paginated_rows %}<tr {{ row.attrs.as_html }}>"
        "{% for column, cell in row.items %}<td {{ column.attrs.td.as_html }}>{{ cell }}</td>{% endfor %}"
        "</tr>{% endfor %}"
    )
    with translation.override("fr"):
        expected = loop.render(Context({"table": table}))
        written = str(table.body_html())
    assert re.sub(r">\s+<", "><", written) == expected
    assert 'data-name="&lt;b&gt;Belize&lt;/b&gt;"' in written and "&lt;b&gt;Belize&lt;/b&gt;</td>" in written
    assert "1234567,5" in written and '<span class="badge">Jamaica &amp; co</span>' in written
    assert ">y<" not in written  # the hidden column


@pytest.mark.django_db
@pytest.mark.parametrize("email", ["officer@demo.test", "focal-bz@demo.test", "host-jm@demo.test"])
def test_every_cell_the_site_shows_is_what_django_tables2_writes(email, client, monkeypatch):
    """`CellWriter` against django-tables2's own `BoundRow.get_cell`, cell by cell, on every page
    a demo user reaches by following links from the home page (one page per kind of address)."""
    from accounts.models import User
    from core.tables import CellWriter
    from tests.demo_snapshot import load_demo
    from tests.site_walk import SKIPPED, kind_of

    load_demo()
    compared = []
    written = CellWriter.cell

    def both_ways(writer, row):
        ours = written(writer, row)
        theirs = row.get_cell(writer.bound_column.name)
        assert str(ours) == str(theirs), f"{type(row.table).__name__}.{writer.bound_column.name}"
        compared.append((type(row.table).__name__, writer.bound_column.name, type(writer.column).__name__))
        return ours

    monkeypatch.setattr(CellWriter, "cell", both_ways)
    client.force_login(User.objects.get(email=email))
    seen, queue = set(), ["/"]
    while queue and len(seen) < 120:
        path = queue.pop(0)
        kind = kind_of(path)
        if kind in seen:
            continue
        seen.add(kind)
        response = client.get(path)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            links = re.findall(r'href="(/[^"#?]*)"', response.content.decode())
            queue += [link for link in links if not SKIPPED.match(link)]
    tables_seen = {table for table, _, _ in compared}
    assert len(tables_seen) >= (8 if email.startswith("officer") else 4), tables_seen
    column_kinds = {kind for _, _, kind in compared}
    assert {"Column", "StatusColumn", "DateColumn"} <= column_kinds, column_kinds
