"""The portal's URLs plus the benchmark's reference endpoints, and the query-counting middleware.

- /bench/bare/          a bare Django view: the floor of the stack (middleware, routing, gunicorn)
- /bench/drf-default/   a default DRF ModelViewSet over published entries, PageNumberPagination and
                        a plain ModelSerializer (every field)
- /bench/api-built/      the portal's API list with its kept pages turned off (stocktaking.listing_cache):
                        what each request costs when its page is built
- /bench/export-csv/    the CSV of ALL published entries streamed by stocktaking.exports in the request
                        (the portal's own URL hands exports over EXPORT_SYNC_LIMIT rows to a worker)
Only bench.settings uses this module.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import path
from rest_framework import pagination, routers, serializers, viewsets

from stocktaking.api import EntryListApi
from stocktaking.models import Entry
from wsis_portal import urls as portal_urls


class QueryCountMiddleware:
    """Adds X-Query-Count: the SQL statements run while the request was handled (bench only).

    A streamed response's queries run while it is sent, after this middleware returns: those are
    counted only up to the first byte."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        count = 0

        def counter(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Query-Count"] = str(count)
        return response


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


def export_csv(request: HttpRequest) -> HttpResponse:
    from stocktaking import exports, filters  # written by another engineer: absent in older trees

    chunks = exports.streamed_chunks("csv", filters.Query(sort="newest"), language="en")
    return StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")


class DefaultEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = Entry
        fields = "__all__"


class DefaultPagination(pagination.PageNumberPagination):
    page_size = 50  # the portal API's page size


class DefaultEntryViewSet(viewsets.ReadOnlyModelViewSet):
    """What a first DRF version of the API would be: no select_related, no prefetch, COUNT(*) pages."""

    queryset = Entry.objects.filter(state=Entry.State.PUBLISHED)
    serializer_class = DefaultEntrySerializer
    pagination_class = DefaultPagination
    permission_action = "stocktaking.entry.view"  # the portal's permission class, as on every API view


class BuiltEntryListApi(EntryListApi):
    """The portal's API list, every page built (never served from the kept pages)."""

    cache_pages = False


router = routers.SimpleRouter()
router.register("bench/drf-default", DefaultEntryViewSet, basename="bench-drf-default")

urlpatterns = [
    path("bench/bare/", bare, name="bench-bare"),
    path("bench/export-csv/", export_csv, name="bench-export-csv"),
    path("bench/api-built/", BuiltEntryListApi.as_view(), name="bench-api-built"),
    *router.urls,
    # Spliced in, not include()d: the portal's i18n_patterns must stay in the root URLconf.
    *portal_urls.urlpatterns,
]
