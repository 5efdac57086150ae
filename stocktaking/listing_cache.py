"""Rendered pages of the public API list of entries, kept and served again while nothing public changed.

A page of the list (50 entries with their content, links and translations: 7 queries and about
140 kB of JSON) is the same for every reader with the same parameters, language and format, until
a published entry, its links, an organisation or a reference code changes. Migration 0009 keeps a
counter of such changes (`stocktaking_listinggeneration`, bumped by triggers whoever writes); a
page is kept under a key holding that counter, so a change makes every kept page unreachable at
once (they expire after LISTING_CACHE_TTL seconds) and a kept page is never stale.

The counter is read before the page is built: a change committed while it is built can only put a
newer page under an older key, which the next change makes unreachable; never an older page under
a newer key.

Served pages carry an ETag of the same key, so a client repeating a request with If-None-Match
gets 304 Not Modified. Authentication, permissions and throttling run before any of this (DRF's
`initial`); only 200 responses rendered as JSON are kept.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse, HttpResponseNotModified
from rest_framework.request import Request
from rest_framework.response import Response

GENERATION_TABLE = "stocktaking_listinggeneration"
CACHE_ALIAS = "listing"
KEY_PREFIX = "stocktaking:list:"


def generation() -> int:
    """The number of the current state of what the public listings show. 1 query."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT generation FROM {GENERATION_TABLE} WHERE id = 1")  # noqa: S608 - a constant
        return int(cursor.fetchone()[0])


@dataclasses.dataclass(frozen=True)
class Slot:
    """Where the page of a request is kept: its cache key and ETag."""

    key: str
    etag: str

    def served(self, request: Request) -> HttpResponse | None:
        """The kept page (or 304 when the client holds it), or None when it is not kept. 0 queries."""
        if _etag_matches(request, self.etag):
            response: HttpResponse = HttpResponseNotModified()
            response["ETag"] = self.etag
            return response
        kept = caches[CACHE_ALIAS].get(self.key)
        if kept is None:
            return None
        content_type, content = kept
        response = HttpResponse(content, content_type=content_type)
        response["ETag"] = self.etag
        return response

    def keep(self, response: Response) -> Response:
        """Tag a freshly built page with the ETag and keep it once rendered (if it is a 200)."""
        response["ETag"] = self.etag

        def store(rendered: Response) -> None:
            if rendered.status_code == 200:
                timeout = settings.LISTING_CACHE_TTL
                caches[CACHE_ALIAS].set(self.key, (rendered["Content-Type"], rendered.content), timeout)

        response.add_post_render_callback(store)
        return response


def slot(request: Request) -> Slot | None:
    """The slot of a GET rendered as JSON (1 query: the generation), else None (nothing is kept)."""
    if not settings.LISTING_CACHE_TTL or request.method != "GET":
        return None
    renderer = getattr(request, "accepted_renderer", None)
    if renderer is None or renderer.format != "json":  # the browsable API shows the user: never kept
        return None
    described = json.dumps(
        [
            request.path,
            sorted(request.query_params.lists()),  # the order of parameters is not meaningful, of values it may be
            getattr(request, "LANGUAGE_CODE", ""),
            request.accepted_media_type,
        ]
    )
    digest = hashlib.sha256(described.encode()).hexdigest()[:40]
    number = generation()
    return Slot(key=f"{KEY_PREFIX}{number}:{digest}", etag=f'"{number}-{digest[:20]}"')


def _etag_matches(request: Request, etag: str) -> bool:
    given = request.headers.get("If-None-Match", "")
    if not given:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in given.split(",")}
    return etag in tags or "*" in tags
