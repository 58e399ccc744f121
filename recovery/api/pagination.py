"""API lists come in pages: `?page=` (from 1) and `?page_size=` (default 50, at most MAX_PAGE_SIZE)."""

from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination

MAX_PAGE_SIZE = 200


class ApiPagination(PageNumberPagination):
    """`{"count", "next", "previous", "results"}`; a page past the end or a malformed page number is a 404 problem,
    a `page_size` above MAX_PAGE_SIZE is cut to it."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as error:
            raise NotFound("No such page of this list.") from error
