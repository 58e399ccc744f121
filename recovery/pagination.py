"""Pagination, one way for every list: `PAGE_SIZE` rows a page, and `page_of()` for a view's queryset.

Lists over a table that grows with use (the audit log grows with every read of a record) page by their sort key
instead (`keyset_page_of()`): a page costs the same whatever the table's size, because nothing counts the rows and
nothing skips over an offset.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils.dateparse import parse_datetime

PAGE_SIZE = 25


def page_of(request, queryset, size: int = PAGE_SIZE) -> Page:
    """The page of `queryset` named by the request's `?page=` (the last page past the end, the first on junk)."""
    return Paginator(queryset, size).get_page(request.GET.get("page"))


@dataclass(frozen=True)
class KeysetPage:
    """One page of a newest-first list: its rows, and the cursors of the pages on either side (None at an end)."""

    rows: list
    older: str | None
    newer: str | None

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    @property
    def has_other_pages(self) -> bool:
        return bool(self.older or self.newer)


def _cursor_of(row, time_field: str) -> str:
    return f"{getattr(row, time_field).isoformat()}~{row.pk}"


def _parse_cursor(text: str | None) -> tuple[datetime, int] | None:
    """`(time, id)` from a cursor's text, or None for a missing or malformed one (junk reads as the first page)."""
    if not text or "~" not in text:
        return None
    when_text, _, id_text = text.rpartition("~")
    try:
        when = parse_datetime(when_text.replace(" ", "+"))  # a "+" in a query string arrives as a space
    except ValueError:
        return None
    if when is None or not id_text.isdigit() or len(id_text) > 18:
        return None
    return when, int(id_text)


def keyset_page_of(request, queryset: QuerySet, size: int = PAGE_SIZE, *, time_field: str = "created_at") -> KeysetPage:
    """The page of a newest-first `queryset` named by the request's `?older=` or `?newer=` cursor.

    `queryset` may carry any filters; its rows are ordered here by (`time_field`, id), newest first, which an index
    on the organization and `time_field` serves. A cursor is the boundary row's time (ISO 8601, aware) and id,
    joined by "~"; a malformed cursor reads as the first page. Costs one query of at most `size + 1` rows (two when
    a `newer` cursor is past the newest row) and never counts the table (issue 20: the audit log's page time must
    not grow with the log).
    """
    newer = _parse_cursor(request.GET.get("newer"))
    if newer is not None:
        page = _newer_page(queryset, size, time_field, newer)
        if page.rows:
            return page
        return _older_page(queryset, size, time_field, None)  # nothing newer than the cursor: the newest page
    return _older_page(queryset, size, time_field, _parse_cursor(request.GET.get("older")))


def _older_page(queryset, size, time_field, cursor) -> KeysetPage:
    rows = queryset.order_by(f"-{time_field}", "-pk")
    if cursor is not None:
        when, pk = cursor
        rows = rows.filter(Q(**{f"{time_field}__lt": when}) | Q(**{time_field: when, "pk__lt": pk}))
    rows = list(rows[: size + 1])
    more_older, rows = len(rows) > size, rows[:size]
    return KeysetPage(
        rows=rows,
        older=_cursor_of(rows[-1], time_field) if more_older else None,
        newer=_cursor_of(rows[0], time_field) if rows and cursor is not None else None,
    )


def _newer_page(queryset, size, time_field, cursor) -> KeysetPage:
    when, pk = cursor
    after = Q(**{f"{time_field}__gt": when}) | Q(**{time_field: when, "pk__gt": pk})
    rows = list(queryset.filter(after).order_by(time_field, "pk")[: size + 1])
    more_newer, rows = len(rows) > size, rows[:size][::-1]
    return KeysetPage(
        rows=rows,
        older=_cursor_of(rows[-1], time_field) if rows else None,
        newer=_cursor_of(rows[0], time_field) if more_newer else None,
    )
