"""One table layer for every list: column definitions written once (django-tables2).

Each app declares `<Model>Table` classes in its `tables.py`; list pages render them through
`generic/table.html` (the site's Bootstrap look: caption, responsive wrapper, `table-sm`) and,
later, exports reuse the same columns (`Table.as_values()`).

What the base class adds to django-tables2:

- sorting by clicking a header, only on columns declared `orderable=True` (the base turns
  ordering off by default); an unknown or non-orderable `sort` value is ignored, never a 500;
  ties are broken by primary key (in the sort's direction, so one index on (column, id) serves
  both) and paging through a sorted list neither skips nor repeats rows; a column whose value
  may be missing sorts the rows without one last (`order_empty_last`);
- column choice: the columns named in `optional_columns` may be hidden or shown through the
  `columns` GET parameter (a small form on the list); the choice is remembered in the session
  per table, so it sticks while the filter, sort and page stay in the URL;
- pagination with `core.paging.CappedPaginator` (a bad page number shows the first or last
  page) at the site's page size: a page fetches one row more than it shows to know whether
  another follows, and the rows are counted only up to `COUNT_CAP` ("more than 1,000"); two
  tables on one page take a `prefix` each, so each pages with its own parameter.
"""

import django_tables2 as tables
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import F
from django.template.base import render_value_in_context
from django.template.context import Context
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_tables2.columns.linkcolumn import BaseLinkColumn
from django_tables2.rows import BoundRows
from django_tables2.utils import A

from core.access import remember_related_visibility, visible_or_none
from core.paging import CappedPaginator

# django-tables2 inspects a column's render method's signature on every cell it renders (about a
# tenth of a list page's time); a function's signature never changes, so it is read once.
_table_signature = tables.utils.signature
_signatures: dict = {}


def _signature_read_once(fn):
    function = getattr(fn, "__func__", fn)  # a bound method: its function (self is dropped anyway)
    key = (function, function is not fn)
    try:
        return _signatures[key]
    except KeyError:
        if len(_signatures) > 10_000:  # functions made on the fly: never let the memo grow
            _signatures.clear()
        found = _signatures[key] = _table_signature(fn)
        return found
    except TypeError:  # an unhashable callable
        return _table_signature(fn)


tables.utils.signature = _signature_read_once

PAGE_SIZE = 25
SORT_PARAM = "sort"
PAGE_PARAM = "page"
COLUMNS_PARAM = "columns"

# Cells of a column that gives way on phones (attache.css hides .col-secondary there).
SECONDARY = {"th": {"class": "col-secondary"}, "td": {"class": "col-secondary"}}


class Table(tables.Table):
    """The base of every list table: Bootstrap 5 markup, safe sorting, column choice, paging."""

    # Columns the user may hide or show; the others always show.
    optional_columns: tuple[str, ...] = ()
    # Optional columns hidden until the user asks for them.
    hidden_by_default: tuple[str, ...] = ()
    # A static stylesheet the cells need (e.g. "decisions/decisions.css"), linked with the table.
    stylesheet: str = ""

    class Meta:
        template_name = "generic/table.html"
        attrs = {"class": "table table-sm table-hover"}
        order_by_field = SORT_PARAM
        page_field = PAGE_PARAM
        orderable = False  # only the columns that say orderable=True sort
        empty_text = _("Nothing matches these filters.")
        default = ""  # an empty cell stays empty, as the lists always showed it
        per_page = PAGE_SIZE

    @property
    def caption(self) -> str:
        return capfirst(self.data.verbose_name_plural)

    def configure(self, request, *, paginate: bool = True) -> "Table":
        """Apply the request's column choice, sort and page to the table; returns the table."""
        self.request = request
        self._apply_column_choice(request)
        sort = [value for value in request.GET.getlist(SORT_PARAM) if value]
        if sort:
            self.order_by = sort  # django-tables2 drops names that are not orderable columns
            self._break_ties()
        if paginate:
            # Paginate the records themselves (one page query, a capped COUNT if the page shows
            # it), so `page.object_list` holds model instances; the rows are bound to them below.
            self.paginator = CappedPaginator(self.data.data, self._meta.per_page)
            # `prefixed_page_field`: two tables on one page (Table(..., prefix="host-")) page apart.
            self.page = self.paginator.get_page(request.GET.get(self.prefixed_page_field))
            self.page.object_list = self.prepare_records(self.page.object_list)
            self._remember_visibility(self.page.object_list)
        else:
            self._remember_visibility(self.data.data)
        return self

    def _remember_visibility(self, records) -> None:
        """Learn at once whether the user may see each related record a VisibleRelatedColumn of
        these rows names: one query per such column, not one per row."""
        user = getattr(self.request, "user", None)
        for column in self.base_columns.values():
            if isinstance(column, VisibleRelatedColumn):
                remember_related_visibility(user, records, str(column.accessor).split("__")[0])

    def prepare_records(self, records):
        """Decorate the fetched page's records before they render (no queries): a hook for
        tables whose cells need a value computed in Python, such as "overdue"."""
        return records

    @property
    def paginated_rows(self):
        if hasattr(self, "page"):
            return BoundRows(data=self.page.object_list, table=self)
        return self.rows

    def body_html(self) -> SafeString:
        """The rows (`<tr>` … `</tr>`) as `generic/table.html` wrote them cell by cell, written in
        Python: the same markup, with a cell's attributes worked out once per column unless they
        depend on the record (a callable); the template's loop over the cells took a third of
        the table's time."""
        columns = list(self.columns)
        fixed_td = {column.name: column.attrs["td"].as_html() for column in columns if not _depends_on_row(column)}
        writers = [CellWriter(column) for column in columns]
        # A cell's value is written as `{{ cell }}` would: localised, escaped unless safe.
        context = Context()
        rows = []
        for row in self.paginated_rows:
            cells = []
            for column, writer in zip(columns, writers, strict=True):
                cell = writer.cell(row)
                column.current_value, column.current_record = cell, row.record
                td = fixed_td.get(column.name)
                if td is None:
                    td = column.attrs["td"].as_html()
                cells.append(f"<td {td}>{render_value_in_context(cell, context)}</td>")
            rows.append(f"<tr {row.attrs.as_html()}>\n      {''.join(cells)}\n    </tr>")
        return mark_safe("\n    ".join(rows))  # noqa: S308 - every part is escaped or safe above

    def _break_ties(self) -> None:
        queryset = getattr(self.data, "data", None)
        if self.order_by and hasattr(queryset, "query") and queryset.query.order_by:
            order = queryset.query.order_by
            # The key follows the first column's direction, so one index (column, id) serves
            # the sort both ways (read backwards for a descending sort).
            first = order[0]
            descending = getattr(first, "descending", False) or (isinstance(first, str) and first.startswith("-"))
            self.data.data = queryset.order_by(*order, "-pk" if descending else "pk")

    # Column choice ---------------------------------------------------------------------------

    @classmethod
    def column_choice_key(cls) -> str:
        return f"table-columns:{cls.__module__}.{cls.__qualname__}"

    def _apply_column_choice(self, request) -> None:
        if not self.optional_columns:
            return
        session = getattr(request, "session", None)
        key = self.column_choice_key()
        if COLUMNS_PARAM in request.GET:
            shown = [name for name in request.GET.getlist(COLUMNS_PARAM) if name in self.optional_columns]
            if session is not None and session.get(key) != shown:
                session[key] = shown
        elif session is not None and key in session:
            shown = session[key]
        else:
            shown = [name for name in self.optional_columns if name not in self.hidden_by_default]
        for name in self.optional_columns:
            if name in shown:
                self.columns.show(name)
            else:
                self.columns.hide(name)

    @property
    def column_choices(self) -> list[tuple[str, str, bool]]:
        """(name, header, shown) of each column the user may hide or show."""
        return [(name, self.columns[name].header, self.columns[name].visible) for name in self.optional_columns]


class CellWriter:
    """One column's cells, as django-tables2's `BoundRow.get_cell` writes them, with what does
    not depend on the row looked up once per table rather than once per cell: the accessor,
    the render method and the arguments it takes, whether the value is a choice's display
    (per model), the link and the default; finding these again for every cell was a quarter of
    a table's time. Columns with behaviour of their own (links without a value, many-to-many) go
    through django-tables2 as before."""

    def __init__(self, bound_column):
        self.bound_column = bound_column
        self.column = column = bound_column.column
        self.own_way = isinstance(column, tables.ManyToManyColumn | BaseLinkColumn)
        self.accessor = A(bound_column.accessor)
        path, _, self.remainder = self.accessor.rpartition(self.accessor.SEPARATOR)
        self.path = A(path)
        self.render = bound_column.render
        names, catch_all = tables.utils.signature(self.render)
        self.wanted = None if catch_all else tuple(names)
        self.link = bound_column.link
        # A column's default may be a callable, asked again for each empty cell.
        self.default_varies = callable(getattr(column, "_default", None))
        self.default = bound_column.default
        self.shows_display = {}  # (record's model, penultimate's model) → a choice's display?

    def cell(self, row):
        if self.own_way:
            return row.get_cell(self.bound_column.name)
        record, value, remainder = row.record, None, self.remainder
        penultimate = self.path.resolve(record, quiet=True)
        if isinstance(penultimate, models.Model):
            key = (type(record), type(penultimate))
            shows_display = self.shows_display.get(key)
            if shows_display is None:
                shows_display = self.shows_display[key] = self._shows_display(record, penultimate)
            if shows_display:
                value, remainder = getattr(penultimate, f"get_{remainder}_display")(), None
        if remainder:
            try:
                value = self.accessor.resolve(record)
            except Exception:  # noqa: BLE001 - as django-tables2: a column that names no field
                value = None
        if value in self.column.empty_values:
            return self.bound_column.default if self.default_varies else self.default
        arguments = {
            "value": value,
            "record": record,
            "column": self.column,
            "bound_column": self.bound_column,
            "bound_row": row,
            "table": row.table,
        }
        if self.wanted is None:
            content = self.render(**arguments)
        elif all(name in arguments for name in self.wanted):
            content = self.render(**{name: arguments[name] for name in self.wanted})
        else:
            content = None  # django-tables2 does not call a render method asking for more
        return self.link(content, **arguments) if self.link else content

    def _shows_display(self, record, penultimate) -> bool:
        try:
            field = self.accessor.get_field(record)
        except FieldDoesNotExist:
            return False
        return bool(getattr(field, "choices", ()) and getattr(penultimate, f"get_{self.remainder}_display", None))


def _depends_on_row(column) -> bool:
    """Whether a bound column's cell attributes are computed from the row (a callable value)."""
    found = [dict(column._table.attrs), dict(column.column.attrs)]
    while found:
        attrs = found.pop()
        for value in attrs.values():
            if callable(value):
                return True
            if isinstance(value, dict):
                found.append(value)
    return False


def order_empty_last(queryset, field: str, is_descending: bool):
    """For a table's `order_<column>` method: sort by `field` (a column or an annotation) in the
    database, the rows without a value after every value, in both directions and on every
    database (left to itself, SQLite puts them first ascending, PostgreSQL first descending).
    The table then breaks ties by primary key."""
    value = F(field)
    order = value.desc(nulls_last=True) if is_descending else value.asc(nulls_last=True)
    return queryset.order_by(order), True


class StatusColumn(tables.Column):
    """A status as a coloured badge (the record's `get_status_color()`)."""

    def render(self, value, record):
        color = record.get_status_color()
        css = color if color.startswith("text-bg-") else f"text-bg-{color}"
        return format_html('<span class="badge {}">{}</span>', css, record.get_status_display())

    def value(self, record, value):
        return record.get_status_display()


class DateColumn(tables.Column):
    """A date in the user's locale (DATE_FORMAT), inside a machine-readable <time>."""

    def render(self, value):
        return format_html('<time datetime="{}">{}</time>', value.isoformat(), date_format(value, "DATE_FORMAT"))

    def value(self, value):
        return value.isoformat() if value else ""


class VisibleRelatedColumn(tables.Column):
    """A related record's name (`accessor="institution__name"`), shown only to a user who may see
    that record (`visible_or_none`), empty otherwise; never orderable, so the order of the rows
    does not give a hidden name away either."""

    def __init__(self, *args, **kwargs):
        kwargs["orderable"] = False
        super().__init__(*args, **kwargs)

    def render(self, value, record, table):
        relation = str(self.accessor).split("__")[0]
        user = getattr(getattr(table, "request", None), "user", None)
        if visible_or_none(user, getattr(record, relation, None)) is None:
            return self.default
        return value

    def value(self, value, record, table):
        return self.render(value, record, table)
