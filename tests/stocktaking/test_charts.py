from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.test import Client

from stakeholders.models import Organisation
from stocktaking import charts, filters, search, services
from stocktaking.models import Entry
from tests.stocktaking.factories import complete_content

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.stocktaking.urls_charts")]

URL = "/en/stocktaking/charts/"


@pytest.fixture
def published(people: dict[str, Any]) -> list[Entry]:
    """Four published entries (and a draft that must never count):

    | entry | organisation (type)   | countries | action lines | year |
    | 1     | NGO (civil society)   | SEN       | C2, C7.3     | 2024 |
    | 2     | NGO (civil society)   | SEN, MLI  | C7.4         | 2023 |
    | 3     | NGO (civil society)   | CHL       | C2, C7.1     | 2024 |
    | 4     | ITU (international)   | none      | C1           | 2022 |
    """

    def publish(by: str = "contributor", organisation: Organisation | None = None, **changes: Any) -> Entry:
        entry = services.entry_create(
            by=people[by], organisation=organisation or people["ngo"], data=complete_content(**changes)
        )
        services.entry_submit(entry=entry, by=people[by])
        return services.entry_publish(entry=entry, by=people["secretariat"])

    entries = [
        publish(),
        publish(
            title="Telemedicine in Senegal and Mali",
            countries=["SEN", "MLI"],
            action_lines=[{"code": "C7.4", "rationale": ""}],
            start_date="2023-03-01",
        ),
        publish(
            title="E-government portal for Chile",
            countries=["CHL"],
            action_lines=[{"code": "C2", "rationale": ""}, {"code": "C7.1", "rationale": ""}],
        ),
        publish(
            by="facilitator",
            organisation=Organisation.objects.get(code="ITU"),
            title="Global review of ICT policy",
            coverage="international",
            countries=[],
            action_lines=[{"code": "C1", "rationale": ""}],
            start_date="2022-05-01",
        ),
    ]
    draft = services.entry_create(
        by=people["contributor"], organisation=people["ngo"], data=complete_content(title="Unpublished plan")
    )
    search.reindex_entries([e.pk for e in [*entries, draft]])
    filters.forget_reference()
    return entries


def tables(page: str) -> dict[str, dict[str, int]]:
    """Each data table of the page by its caption: row header -> count."""
    found = {}
    for block in re.findall(r"<table>(.*?)</table>", page, re.S):
        caption = html.unescape(re.search(r"<caption>(.*?)</caption>", block, re.S).group(1).strip())
        rows = re.findall(r'<th scope="row">(.*?)</th><td class="number">(\d+)</td>', block, re.S)
        found[caption] = {html.unescape(label): int(count) for label, count in rows}
    return found


def test_tables_hold_the_counts_of_the_published_entries(client: Client, published: list[Entry]) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    data = tables(response.content.decode())
    assert data["Entries by country or area"] == {"Senegal": 2, "Chile": 1, "Mali": 1}
    lines = data["Entries by action line"]
    assert lines["C1 " + published[3].action_line_links.get().action_line.name_en] == 1
    counted = {label.split(" ")[0]: count for label, count in lines.items() if count}
    assert counted == {"C1": 1, "C2": 2, "C7": 3, "C7.1": 1, "C7.3": 1, "C7.4": 1}
    assert len(lines) == 19  # C1..C11 and the eight C7 e-applications, zeros included
    assert data["Entries by region"] == {"Africa": 2, "Americas": 1, "Asia": 0, "Europe": 0, "Oceania": 0}
    types = {label: count for label, count in data["Entries by type of entity"].items() if count}
    assert types == {people_type(published[0]): 3, people_type(published[3]): 1}
    assert data["Entries by year"] == {"2022": 1, "2023": 1, "2024": 2}
    page = response.content.decode()
    assert "4 published entries match this search." in page
    assert "1 entry names no country" in page


def people_type(entry: Entry) -> str:
    return entry.stakeholder_type.name_en


def test_the_filter_is_honoured(client: Client, published: list[Entry]) -> None:
    response = client.get(URL + "?country=SEN")
    data = tables(response.content.decode())
    # Exactly the search (not disjunctive facets): entries in Senegal, and the other countries they name.
    assert data["Entries by country or area"] == {"Senegal": 2, "Mali": 1}
    assert data["Entries by year"] == {"2023": 1, "2024": 1}
    assert data["Entries by region"]["Americas"] == 0
    page = response.content.decode()
    assert 'href="/en/stocktaking/?country=SEN&amp;sort=newest"' in page  # back to the search, same filters
    words = tables(client.get(URL + "?q=telemedicine&action_line=C7.4").content.decode())
    assert words["Entries by country or area"] == {"Senegal": 1, "Mali": 1}


def test_map_is_svg_with_a_shaded_path_for_senegal(client: Client, published: list[Entry]) -> None:
    page = client.get(URL).content.decode()
    assert '<svg class="world-map"' in page and 'role="img" aria-labelledby="chart-map-caption"' in page
    assert 'id="chart-map-caption"' in page
    senegal = re.search(r'<path class="([^"]*)" data-m49="686" d="M[^"]+"><title>([^<]*)</title>', page)
    assert senegal is not None
    assert senegal.group(1).startswith("map-c") and senegal.group(1) != "map-c0"
    assert senegal.group(2) == "Senegal: 2"
    france = re.search(r'<path class="([^"]*)" data-m49="250"', page)
    assert france.group(1) == "map-c0"  # no entry: light grey
    assert page.count("data-m49=") == len(charts.world_map()["countries"])
    assert 'class="swatch map-c' in page  # the legend


def test_every_chart_has_svg_and_a_captioned_table(client: Client, published: list[Entry]) -> None:
    page = client.get(URL).content.decode()
    assert page.count("<svg ") == 5
    assert page.count("<caption>") == 5 and page.count('<th scope="col">') == 5
    for name in ("map", "action_line", "region", "stakeholder_type", "year"):
        assert f'aria-labelledby="chart-{name}-caption"' in page and f'id="chart-{name}-caption"' in page
    assert "style=" not in page.split("<main", 1)[1]  # the CSP allows no inline style
    assert "<script" not in page.split("<main", 1)[1]


def test_query_count_is_constant(
    client: Client, people: dict[str, Any], published: list[Entry], django_assert_num_queries: Any
) -> None:
    client.get(URL)  # warms the in-process code tables
    # 1 aggregate (total, with a country), then 1 GROUP BY each: countries, action lines, regions,
    # stakeholder types, years
    with django_assert_num_queries(6):
        client.get(URL + "?q=broadband&action_line=C2&country=SEN")
    for _ in range(3):
        entry = services.entry_create(
            by=people["contributor"], organisation=people["ngo"], data=complete_content(countries=["FRA", "DEU"])
        )
        services.entry_submit(entry=entry, by=people["contributor"])
        services.entry_publish(entry=entry, by=people["secretariat"])
        search.reindex_entries([entry.pk])
    with django_assert_num_queries(6):
        response = client.get(URL)
    assert tables(response.content.decode())["Entries by country or area"]["France"] == 3


@pytest.mark.parametrize(
    "params",
    [
        "?country=XXX&year=abc&region=999&action_line=C99&stakeholder_type=%00",
        "?q=%00%00&sort=nonsense",
        "?q=" + "a" * 5000,
        "?q=-&year=1800&year=99999999999999",
        '?q="unclosed',
        "?country=SEN&country=SEN&page=-1",
    ],
)
def test_bad_parameters_never_fail(client: Client, published: list[Entry], params: str) -> None:
    response = client.get(URL + params)
    assert response.status_code == 200
    assert "<caption>" in response.content.decode()


def test_no_match_shows_empty_charts(client: Client, published: list[Entry]) -> None:
    response = client.get(URL + "?q=zzzyyyxxx")
    page = response.content.decode()
    assert response.status_code == 200
    assert "0 published entries match this search." in page
    assert "No entry of this search names a country." in page
    assert 'class="map-c0" data-m49="686"' in page


def test_only_get_is_allowed(client: Client, published: list[Entry]) -> None:
    # Everyone may view published entries (rule stocktaking.entry.view with no object); writing is not a thing here.
    assert client.post(URL).status_code == 405


def test_signed_in_people_see_the_same_page(client_for: Any, published: list[Entry]) -> None:
    response = client_for("contributor").get(URL)
    assert tables(response.content.decode())["Entries by country or area"]["Senegal"] == 2


def test_arabic_page_is_right_to_left_with_mirrored_bars(client: Client, published: list[Entry]) -> None:
    page = client.get("/ar/stocktaking/charts/?country=SEN").content.decode()
    assert 'dir="rtl"' in page
    assert 'direction="rtl"' in page and 'direction="ltr"' in page  # bar charts mirrored, the map is not
    data = tables(page)
    assert any(counts.get("السنغال") == 2 for counts in data.values())  # Senegal, named in Arabic
    # SVG numbers are never localised (Arabic writes 385,2 for 385.2, which SVG cannot read)
    numbers = re.findall(r' (?:viewBox|x|y|width|height)="([^"]*)"', page.split("<main", 1)[1])
    assert numbers and all(re.fullmatch(r"[\d. ]+", number) for number in numbers)
    label_x = [float(x) for x in re.findall(r'class="bar-label" x="([\d.]+)"', page)]
    assert min(label_x) > charts.BAR_WIDTH - charts.LABEL_WIDTH  # labels sit on the right


def test_class_bounds() -> None:
    assert charts.class_bounds([]) == []
    assert charts.class_bounds([0, 3, 3]) == [(1, 3)]
    assert charts.class_bounds([1, 2, 7]) == [(1, 1), (2, 2), (3, 7)]
    bounds = charts.class_bounds(list(range(1, 101)))
    assert bounds == [(1, 20), (21, 40), (41, 60), (61, 80), (81, 100)]
    skewed = charts.class_bounds([1] * 50 + [2] * 20 + [5, 9, 400])
    assert skewed[0] == (1, 1) and skewed[-1][1] == 400 and len(skewed) <= 5
    assert charts.shade_indices(1) == [5] and charts.shade_indices(3) == [1, 3, 5]


def test_long_labels_are_shortened_by_display_width() -> None:
    assert charts.shorten("C9 Media", 38) == "C9 Media"
    assert charts.shorten("x" * 50, 38) == "x" * 37 + "…"
    chinese = charts.shorten("信息和通信技术应用：在生活所有方面带来益处", 20)
    assert chinese.endswith("…") and len(chinese) <= 11
