from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from stocktaking import filters, search, services, views
from stocktaking.models import Entry
from tests.stocktaking.factories import complete_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(people: dict[str, Any]) -> list[Entry]:
    def publish(**changes: Any) -> Entry:
        entry = services.entry_create(
            by=people["contributor"], organisation=people["ngo"], data=complete_content(**changes)
        )
        services.entry_submit(entry=entry, by=people["contributor"])
        return services.entry_publish(entry=entry, by=people["secretariat"])

    entries = [
        publish(),
        publish(
            title="Télémédecine au Mali",
            original_language="fr",
            countries=["MLI"],
            action_lines=[{"code": "C7.4", "rationale": ""}],
            sdg_targets=[{"code": "3.8", "rationale": ""}],
            short_description=" ".join(["Des médecins consultent à distance les centres de santé ruraux."] * 16),
        ),
        publish(
            title="E-government portal for Chile",
            countries=["CHL"],
            status="completed",
            end_date="2024-12-31",
            action_lines=[{"code": "C7.1", "rationale": ""}],
            sdg_targets=[{"code": "16.6", "rationale": ""}],
        ),
    ]
    draft = services.entry_create(
        by=people["contributor"], organisation=people["ngo"], data=complete_content(title="Unpublished broadband plan")
    )
    search.reindex_entries([e.pk for e in [*entries, draft]])
    filters.forget_reference()
    return entries


def test_search_page_finds_published_entries_only(client: Client, published: list[Entry]) -> None:
    html = client.get("/en/stocktaking/?q=broadband").content.decode()
    assert "Community broadband for rural schools in Senegal" in html
    assert "Unpublished broadband plan" not in html


def test_accent_insensitive_and_language_aware(client: Client, published: list[Entry]) -> None:
    html = client.get("/en/stocktaking/?q=telemedecine").content.decode()
    assert "Télémédecine au Mali" in html


def test_facets_are_exact_and_multi_select(client: Client, published: list[Entry]) -> None:
    response = client.get("/en/stocktaking/?action_line=C7.4&action_line=C7.1")
    assert response.context["page"].paginator.count == 2
    groups = {group["name"]: group for group in response.context["facet_groups"]}
    lines = {item["code"]: item for item in groups["action_line"]["shown"] + groups["action_line"]["more"]}
    # Disjunctive: the action-line facet still counts every line, ticked or not.
    assert lines["C2"]["count"] == 1 and lines["C7.4"]["count"] == 1 and lines["C7.4"]["selected"]
    assert lines["C7"]["count"] == 3  # the parent line counts all its e-applications (C7.1, C7.3, C7.4)
    countries = {item["code"]: item["count"] for item in groups["country"]["shown"]}
    assert countries == {"MLI": 1, "CHL": 1}
    statuses = {item["code"]: item["count"] for item in groups["status"]["shown"]}
    assert statuses == {"ongoing": 1, "completed": 1}


def test_facet_checkboxes_keep_their_state_and_escape_labels(client: Client, published: list[Entry]) -> None:
    published[0].organisation.stakeholder_type.name_en = "<b>Civil</b> & society"
    published[0].organisation.stakeholder_type.save()
    html = client.get("/en/stocktaking/?action_line=C7.4&country=MLI").content.decode()
    assert '<input type="checkbox" name="country" value="MLI" id="f-country-mli" checked>' in html
    assert '<label for="f-country-mli">Mali <span class="count">(1)</span></label>' in html
    assert '<input type="checkbox" name="action_line" value="C7" id="f-action_line-c7">' in html
    assert "&lt;b&gt;Civil&lt;/b&gt; &amp; society" in html and "<b>Civil</b>" not in html


def test_a_ticked_value_beyond_the_first_ones_opens_its_list(
    client: Client, published: list[Entry], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "FACET_SHOWN", 1)  # three countries: one shown, two under "more"
    response = client.get("/en/stocktaking/")
    countries = next(group for group in response.context["facet_groups"] if group["name"] == "country")
    assert len(countries["more"]) == 2 and not countries["more_open"]
    assert "<details open>" not in response.content.decode()
    hidden = countries["more"][-1]["code"]
    response = client.get(f"/en/stocktaking/?country={hidden}")
    countries = next(group for group in response.context["facet_groups"] if group["name"] == "country")
    assert countries["more_open"] and "<details open>" in response.content.decode()


def test_filters_by_region_and_sdg(client: Client, published: list[Entry]) -> None:
    response = client.get("/en/stocktaking/?region=419")  # Latin America and the Caribbean
    assert [e.title for e in response.context["page"]] == ["E-government portal for Chile"]
    response = client.get("/en/stocktaking/?sdg=3")
    assert [e.title for e in response.context["page"]] == ["Télémédecine au Mali"]


def test_state_is_in_the_url_and_bad_values_are_dropped(client: Client, published: list[Entry]) -> None:
    response = client.get("/en/stocktaking/?q=broadband&country=sen&country=XXX&year=abc&sort=title&page=zz")
    assert response.status_code == 200
    query = response.context["query"]
    assert query.filters == {"country": ["SEN"]} and query.sort == "title"
    assert response.context["state"] == "q=broadband&country=SEN&sort=title"


@pytest.mark.parametrize("q", ["\x00", "&&&|||", "a" * 5000, '"unclosed', "-", "<script>alert(1)</script>"])
def test_bad_queries_never_fail(client: Client, published: list[Entry], q: str) -> None:
    response = client.get("/en/stocktaking/", {"q": q})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_search_page_is_constant_in_queries(
    client: Client, published: list[Entry], django_assert_num_queries: Any
) -> None:
    client.get("/en/stocktaking/")  # warms the in-process code tables
    # the number of matches with every facet group's counts (1 statement), then one page of entries
    with django_assert_num_queries(2):
        client.get("/en/stocktaking/?q=broadband&action_line=C2&country=SEN")


def test_search_page_works_in_arabic_and_chinese(client: Client, published: list[Entry]) -> None:
    html = client.get("/ar/stocktaking/?q=broadband").content.decode()
    assert 'dir="rtl"' in html and "Community broadband" in html
    assert client.get("/zh-hans/stocktaking/").status_code == 200


def test_long_codes_are_kept_as_filters(client: Client, published: list[Entry]) -> None:
    response = client.get("/en/stocktaking/?stakeholder_type=international_organisation")
    assert response.context["query"].filters == {"stakeholder_type": ["international_organisation"]}


def test_broad_queries_rank_their_newest_matches_then_list_the_others_by_date(
    client: Client, published: list[Entry], monkeypatch: pytest.MonkeyPatch, django_assert_num_queries: Any
) -> None:
    oldest, middle, newest = published  # published in this order
    query = filters.parse({"q": "schools"})
    total, _table = filters.search_counts(query, language="en")
    assert total == 3
    monkeypatch.setattr(filters, "RANK_LIMIT", 2)
    results = filters.Results(query, language="en", total=total)
    assert results.capped
    with django_assert_num_queries(1):
        first = results[0:2]
    assert {e.pk for e in first} == {middle.pk, newest.pk}  # the 2 newest, ordered by rank
    assert [e.pk for e in results[2:3]] == [oldest.pk]  # then the others, newest first
    across = results[1:3]  # a page across the limit: 2 queries, nothing twice
    assert [e.pk for e in across] == [first[1].pk, oldest.pk]
    assert results[2].pk == oldest.pk
    html = client.get("/en/stocktaking/?q=schools").content.decode()
    assert "the 2 newest are ordered by relevance" in html
    # under the limit, every match is ranked and no note is shown
    monkeypatch.setattr(filters, "RANK_LIMIT", 1000)
    assert not filters.Results(query, language="en", total=total).capped
    assert "ordered by relevance" not in client.get("/en/stocktaking/?q=schools").content.decode()
