"""Pagination, one way for every list: `PAGE_SIZE` rows a page, and `page_of()` for a view's queryset."""

from django.core.paginator import Page, Paginator

PAGE_SIZE = 25


def page_of(request, queryset, size: int = PAGE_SIZE) -> Page:
    """The page of `queryset` named by the request's `?page=` (the last page past the end, the first on junk)."""
    return Paginator(queryset, size).get_page(request.GET.get("page"))
