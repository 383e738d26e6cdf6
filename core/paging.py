"""Pages of a list without counting every row on every page (one paginator for pages and the API).

A page fetches one row more than it shows, to know whether a next page exists. The number of
matching rows is counted only up to COUNT_CAP (`SELECT COUNT(*) FROM (… LIMIT COUNT_CAP + 1)`),
so a list of 100,000 requests costs the same as one of 1,001: the page says "more than 1,000".
Only a page number past the end (a stale link) counts every row, to show the last page instead.
"""

import math

from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import IntegerField, Subquery
from django.utils.functional import cached_property

COUNT_CAP = 1000
# A page number beyond this is past the end of any list (and its offset would overflow SQL).
MAX_PAGE = 1_000_000


def capped_count(queryset, cap: int | None = None) -> int:
    """The number of rows, counted up to cap + 1 (one more says "more than cap"; COUNT_CAP by
    default)."""
    cap = COUNT_CAP if cap is None else cap
    # Without the order, the database stops at the first cap + 1 rows it finds; selecting only
    # the key, it computes none of the list's annotated figures (a decision's compliance) for them.
    # Rows that are groups (totals per activity) are counted as they are: the key would ungroup them.
    rows = queryset.order_by()
    if rows.query.group_by is None:
        rows = rows.values("pk")
    return rows[: cap + 1].count()


class CappedCount(Subquery):
    """How many rows a limited queryset returns, as a value of the outer query: counting only
    goes as far as the limit."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS capped)"
    output_field = IntegerField()


def capped_counts(querysets: dict, *, cap: int = COUNT_CAP) -> dict[str, int]:
    """`capped_count` for several querysets of one model at once, in one query whatever their
    sizes (a board's columns, the home page's figures)."""
    counts = {name: CappedCount(rows.order_by().values("pk")[: cap + 1]) for name, rows in querysets.items()}
    model = next(iter(querysets.values())).model
    # Any one row carries the counts; with none, there is nothing to count at all.
    row = model._default_manager.order_by().annotate(**counts).values(*counts)[:1]
    return next(iter(row), dict.fromkeys(counts, 0))


class CappedPaginator:
    """Django's Paginator's interface as far as the lists use it, without the full count:
    `count` is exact up to COUNT_CAP (`count_is_exact`), `num_pages` is None beyond it."""

    def __init__(self, object_list, per_page: int, *, cap: int | None = None):
        self.object_list, self.per_page = object_list, int(per_page)
        self.cap = COUNT_CAP if cap is None else cap

    @cached_property
    def _capped_count(self) -> int:
        """The number of rows, counted up to cap + 1 (one more says "more than cap")."""
        if isinstance(self.object_list, list | tuple):
            return min(len(self.object_list), self.cap + 1)
        return capped_count(self.object_list, self.cap)

    @property
    def count(self) -> int:
        return min(self._capped_count, self.cap)

    @property
    def count_is_exact(self) -> bool:
        return self._capped_count <= self.cap

    @property
    def num_pages(self) -> int | None:
        """The number of pages when the count is exact (at least 1), None beyond COUNT_CAP."""
        if not self.count_is_exact:
            return None
        return max(1, math.ceil(self.count / self.per_page))

    def validate_number(self, number) -> int:
        try:
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger("That page number is not an integer") from error
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        if number > MAX_PAGE:
            raise EmptyPage("That page contains no results")
        return number

    def _fetch(self, number: int) -> "CappedPage":
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        return CappedPage(rows[: self.per_page], number, self, has_next=len(rows) > self.per_page)

    def page(self, number) -> "CappedPage":
        """The page `number`; EmptyPage if it has no rows (but the first, which may be empty)."""
        page = self._fetch(self.validate_number(number))
        if not page.object_list and page.number > 1:
            raise EmptyPage("That page contains no results")
        return page

    def get_page(self, number) -> "CappedPage":
        """The page `number`, or the first for a bad number, or the last for one past the end."""
        try:
            number = max(1, int(number))
        except (TypeError, ValueError):
            number = 1
        page = self._fetch(number) if number <= MAX_PAGE else None
        if page is None or (not page.object_list and number > 1):
            # A stale link past the end: only this wrong turn counts every row.
            total = self.object_list.count() if hasattr(self.object_list, "count") else len(self.object_list)
            page = self._fetch(max(1, math.ceil(total / self.per_page)))
        return page


class CappedPage:
    """One page of rows: Django's Page interface (has_next, next_page_number, …) as the
    templates and DRF use it, knowing its next page from the extra row fetched."""

    def __init__(self, object_list, number: int, paginator: CappedPaginator, *, has_next: bool):
        self.object_list, self.number, self.paginator, self._has_next = object_list, number, paginator, has_next

    def __repr__(self):
        return f"<Page {self.number}>"

    def __len__(self):
        return len(self.object_list)

    def __iter__(self):
        return iter(self.object_list)

    def __getitem__(self, index):
        return self.object_list[index]

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        if not self._has_next:
            raise EmptyPage("That page contains no results")
        return self.number + 1

    def previous_page_number(self) -> int:
        if self.number <= 1:
            raise EmptyPage("That page number is less than 1")
        return self.number - 1

    def start_index(self) -> int:
        return (self.number - 1) * self.paginator.per_page + 1 if self.object_list else 0

    def end_index(self) -> int:
        return (self.number - 1) * self.paginator.per_page + len(self.object_list)
