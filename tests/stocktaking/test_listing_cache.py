"""The API list's kept pages: served again while nothing public changes, never stale after a change."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from stocktaking import filters, listing_cache, search, services
from stocktaking.models import Entry
from tests.stocktaking.factories import complete_content

pytestmark = pytest.mark.django_db

LIST = "/api/v1/entries/?country=SEN&action_line=C2"


def _publish(people: dict[str, Any], **changes: Any) -> Entry:
    entry = services.entry_create(
        by=people["contributor"], organisation=people["ngo"], data=complete_content(**changes)
    )
    services.entry_submit(entry=entry, by=people["contributor"])
    entry = services.entry_publish(entry=entry, by=people["secretariat"])
    search.reindex_entries([entry.pk])
    return entry


def _titles(client: APIClient, url: str = LIST, **headers: Any) -> list[str]:
    response = client.get(url, **headers)
    assert response.status_code == 200, response.content
    return [result["content"]["title"] for result in response.json()["results"]]


@pytest.fixture
def listed(people: dict[str, Any]) -> Entry:
    entry = _publish(people, title="Solar school networks in Kaolack")
    filters.forget_reference()
    return entry


def test_a_repeated_request_is_served_from_one_query_with_an_etag(
    listed: Entry, django_assert_num_queries: Any
) -> None:
    client = APIClient()
    first = client.get(LIST)
    assert first.status_code == 200 and first["ETag"]
    with django_assert_num_queries(1):  # the generation: the page itself is kept
        again = client.get(LIST)
    assert again.status_code == 200
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert again["Content-Type"] == first["Content-Type"] == "application/json"
    with django_assert_num_queries(1):
        unchanged = client.get(LIST, HTTP_IF_NONE_MATCH=first["ETag"])
    assert unchanged.status_code == 304 and unchanged["ETag"] == first["ETag"] and not unchanged.content
    assert client.get(LIST, HTTP_IF_NONE_MATCH='"0-other"').status_code == 200


def test_every_public_change_is_seen_at_once(people: dict[str, Any], listed: Entry) -> None:
    client = APIClient()
    assert _titles(client) == ["Solar school networks in Kaolack"]

    newer = _publish(people, title="Community radio goes online in Ziguinchor")  # a new entry
    assert _titles(client) == ["Community radio goes online in Ziguinchor", "Solar school networks in Kaolack"]

    revised = complete_content(title="Solar school networks in Kaolack and Fatick")  # a revision published
    services.entry_save(entry=listed, by=people["contributor"], data=revised, version=listed.version)
    services.entry_submit(entry=listed, by=people["contributor"])
    services.entry_publish(entry=listed, by=people["secretariat"])
    assert "Solar school networks in Kaolack and Fatick" in _titles(client)

    people["ngo"].name_en = "Alliance of Community Networks"  # an organisation renamed
    people["ngo"].save()
    assert {r["organisation"]["name"] for r in client.get(LIST).json()["results"]} == {"Alliance of Community Networks"}

    with connection.cursor() as cursor:  # whoever writes: a raw statement is seen too
        cursor.execute("UPDATE stocktaking_entry SET title = 'Edited in SQL' WHERE id = %s", [newer.pk])
    assert "Edited in SQL" in _titles(client)

    Entry.objects.filter(pk=newer.pk).delete()
    assert _titles(client) == ["Solar school networks in Kaolack and Fatick"]


def test_a_drafts_autosave_keeps_the_pages(people: dict[str, Any], listed: Entry) -> None:
    before = listing_cache.generation()
    draft = services.entry_create(by=people["contributor"], organisation=people["ngo"], data=complete_content())
    services.entry_save(entry=draft, by=people["contributor"], data=complete_content(title="Typing..."), version=1)
    search.reindex_entries([draft.pk])  # a draft has no search row: nothing public changed
    assert listing_cache.generation() == before
    listed.refresh_from_db()
    services.entry_save(
        entry=listed, by=people["contributor"], data=complete_content(title="Pending revision"), version=listed.version
    )
    assert listing_cache.generation() == before  # a revision waits for review; the published text stays


def test_pages_are_kept_per_language_parameters_and_format(listed: Entry, django_assert_num_queries: Any) -> None:
    client = APIClient()
    english = client.get(LIST + "&facets=1").json()
    french = client.get(LIST + "&facets=1", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert english["facets"]["country"][0]["label"] == "Senegal"
    assert french["facets"]["country"][0]["label"] == "Sénégal"
    reordered = "/api/v1/entries/?action_line=C2&country=SEN&facets=1"  # the same request, kept once
    with django_assert_num_queries(1):
        assert client.get(reordered).json() == english
    browsable = client.get(LIST, HTTP_ACCEPT="text/html")  # the browsable API shows who is signed in
    assert browsable.status_code == 200 and browsable["Content-Type"].startswith("text/html")
    assert "ETag" not in browsable
    with CaptureQueriesContext(connection) as queries:
        again = client.get(LIST, HTTP_ACCEPT="text/html")
    assert again.status_code == 200 and "ETag" not in again
    assert len(queries) > 1  # built again: not served from the kept JSON


def test_errors_are_not_kept(listed: Entry) -> None:
    client = APIClient()
    for _attempt in range(2):
        response = client.get("/api/v1/entries/?cursor=not-a-cursor")
        assert response.status_code == 404 and "ETag" not in response


def test_the_cache_can_be_turned_off(listed: Entry, settings: Any, django_assert_num_queries: Any) -> None:
    settings.LISTING_CACHE_TTL = 0
    client = APIClient()
    client.get(LIST)
    with django_assert_num_queries(7):
        response = client.get(LIST)
    assert response.status_code == 200 and "ETag" not in response
