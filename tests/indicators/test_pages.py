from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client

from indicators import services
from indicators.models import NationalStrategy, Observation
from stakeholders.models import Country
from stocktaking import services as stocktaking_services
from tests.indicators import files
from tests.stocktaking.factories import complete_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(people: dict[str, Any]) -> None:
    """Country and regional values from a World Bank file and values by sex from an ITU file."""
    for layout, content in (("worldbank", files.wb_csv()), ("itu", files.itu_csv())):
        batch = services.import_check(by=people["secretariat"], upload=files.upload("f.csv", content), layout=layout)
        services.import_run(batch=batch, by=people["secretariat"])


def _published_in_senegal(people: dict[str, Any], title: str) -> None:
    entry = stocktaking_services.entry_create(
        by=people["contributor"], organisation=people["ngo"], data=complete_content(title=title, countries=["SEN"])
    )
    stocktaking_services.entry_submit(entry=entry, by=people["contributor"])
    stocktaking_services.entry_publish(entry=entry, by=people["secretariat"])


def test_a_fresh_install_shows_the_seeds_real_figures(client: Client) -> None:
    html = client.get("/en/indicators/").content.decode()
    assert "53.6 %" in html and "97.0 %" in html and "8,300,000,000" in html
    page = client.get("/en/indicators/internet-gender-gap/").content.decode()
    assert "Least Developed Countries (LDC)" in page and "43.0 %" in page and "17.0 %" in page
    assert "ECOSOC resolution 2020/12 (17 July 2020), para. 49" in page
    # the Internet users page shows the gap ITU publishes for it
    users = client.get("/en/indicators/internet-users/").content.decode()
    published = users.split('class="published-gaps"')[1].split("</table>")[0]
    assert '<td class="number">17.0 %</td>' in published and '<td class="number">43.0 %</td>' in published
    french = client.get("/fr/indicators/").content.decode()
    assert "Personnes utilisant l&#x27;Internet" in french and "53,6 %" in french


def test_indicator_list_is_one_query(client: Client, imported: None, django_assert_num_queries: Any) -> None:
    # 1 query: the indicators with their custodian, count of values, latest year and latest world value
    with django_assert_num_queries(1):
        response = client.get("/en/indicators/")
    assert response.status_code == 200
    assert 'data-indicator="internet-users"' in response.content.decode()


def test_indicator_page_chart_table_gender_gap_and_countries(
    client: Client, imported: None, django_assert_num_queries: Any
) -> None:
    # 6 queries: the indicator (with its gap indicator), its regional values, country values by sex,
    # latest value per country, the published gender gaps, the WSIS targets it measures
    with django_assert_num_queries(6):
        response = client.get("/en/indicators/internet-users/")
    html = response.content.decode()
    assert '<svg class="line-chart"' in html and 'data-series="001"' in html and 'data-series="199"' in html
    assert "<title>World, 2020: 59.1 %</title>" in html  # each dot has its value
    assert "<script" not in html.split("</header>")[1] and "style=" not in html  # strict CSP
    # gender gap: Senegal (50 - 35) / 50 = 30 %; the world (58 - 48) / 58 = 17.2 %
    assert "30.0 %" in html and "17.2 %" in html
    assert '/en/countries/KEN/">Kenya</a>' in html and "/en/wsis-targets/10/" in html


def test_the_secretariat_sees_the_history_of_an_indicator_and_its_values(
    client_for: Any, client: Client, imported: None
) -> None:
    html = client_for("secretariat").get("/en/indicators/internet-users/").content.decode()
    assert "History of changes" in html and "indicators.observation.imported" in html
    assert "History of changes" not in client.get("/en/indicators/internet-users/").content.decode()
    assert "History of changes" not in client_for("facilitator").get("/en/indicators/internet-users/").content.decode()


def test_indicator_page_of_an_unknown_code_is_404(client: Client) -> None:
    assert client.get("/en/indicators/no-such-indicator/").status_code == 404
    assert client.get("/en/indicators/no-such-indicator/data.csv").status_code == 404


def test_csv_download_of_the_series(client: Client, imported: None, django_assert_num_queries: Any) -> None:
    # 2 queries: the indicator, then its values with their places (one cursor)
    with django_assert_num_queries(2):
        response = client.get("/en/indicators/internet-users/data.csv")
        content = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert response["Content-Disposition"] == 'attachment; filename="wsis-indicator-internet-users.csv"'
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert len(rows) == Observation.objects.filter(indicator__code="internet-users").count()
    senegal = [r for r in rows if r["place_code"] == "SEN" and r["year"] == "2020" and r["sex"] == "female"]
    assert senegal == [
        {
            "indicator": "internet-users",
            "indicator_name": "Individuals using the Internet",
            "sdg_indicator": "17.8.1",
            "unit": "percent",
            "place_type": "country",
            "place_code": "SEN",
            "place_name": "Senegal",
            "year": "2020",
            "sex": "female",
            "area": "total",
            "value": "35",
            "source_note": "ANSD survey",
        }
    ]


def test_country_list_is_one_query(client: Client, imported: None, django_assert_num_queries: Any) -> None:
    # 1 query: the countries with their region and number of values
    with django_assert_num_queries(1):
        response = client.get("/en/countries/")
    html = response.content.decode()
    assert '/en/countries/SEN/">Senegal</a> <span class="meta">(5 values)' in html


def test_country_profile(
    client: Client,
    people: dict[str, Any],
    imported: None,
    django_assert_num_queries: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # publishing indexes the entry after commit
        for n in range(3):
            _published_in_senegal(people, f"Community broadband for rural schools in Senegal, phase {n}")
    # 8 queries: the country with its regions, its groupings, its regional commissions, its indicator values
    # with the world's, its strategy statuses, the strategy reviews of its region, the latest entries, their count
    with django_assert_num_queries(8):
        response = client.get("/en/countries/SEN/")
    html = response.content.decode()
    assert "Least Developed Countries (LDC)" in html and ">ECA</a> (member)" in html
    assert 'data-series="SEN"' in html and 'data-series="001"' in html  # Senegal beside the world
    assert "30.0 %" in html  # its gender gap
    assert "51 African countries" in html and "C08/50" in html  # seed 004, without any invented status
    assert "No status of the national ICT strategy is recorded for this country." in html
    assert "3 published activities name Senegal." in html and "phase 2" in html
    assert "/en/stocktaking/?country=SEN" in html


def test_country_profile_shows_recorded_strategy_statuses_and_nothing_african_elsewhere(client: Client) -> None:
    NationalStrategy.objects.create(
        country=Country.objects.get(iso3="FRA"), status="adopted", year=2021, title="France Relance", source="test"
    )
    response = client.get("/en/countries/fra/")  # the code in any case
    html = response.content.decode()
    assert response.status_code == 200 and "<h1>France</h1>" in html
    assert "<td>Adopted</td><td>France Relance</td>" in html and "51 African countries" not in html
    assert "none (not an LDC, LLDC or SIDS)" in html and ">ECE</a> (member)" in html
    assert client.get("/en/countries/XYZ/").status_code == 404
    assert client.get("/en/countries/SENE/").status_code == 404


def test_compare_countries(client: Client, imported: None, django_assert_num_queries: Any) -> None:
    # 3 queries: the indicators and countries of the form, then the values compared
    with django_assert_num_queries(3):
        response = client.get("/en/indicators/compare/?indicator=internet-users&country=sen&country=KEN&country=MLI")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-series="SEN"' in html and 'data-series="KEN"' in html
    assert "No value yet for: Mali" in html
    assert "Senegal (2021)" in html  # the bar of its latest value


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("indicator=internet-users&country=SEN", "Choose between 2 and 5 countries."),
        (
            "indicator=internet-users&country=SEN&country=KEN&country=MLI&country=GHA&country=NGA&country=BEN",
            "Choose between 2 and 5 countries.",
        ),
        ("indicator=nothing&country=SEN&country=KEN", "Select a valid choice. nothing is not one of"),
        ("indicator=internet-users&country=SEN&country=XXX", "Select a valid choice. XXX is not one of"),
    ],
)
def test_compare_explains_bad_choices(client: Client, query: str, message: str) -> None:
    response = client.get(f"/en/indicators/compare/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert '<svg class="line-chart"' not in html


def test_target_list_is_two_queries(client: Client, django_assert_num_queries: Any) -> None:
    # 2 queries: the 11 targets, then their indicator links with the latest world value of each
    with django_assert_num_queries(2):
        response = client.get("/en/wsis-targets/")
    html = response.content.decode()
    assert html.count('<li data-target="') == 11
    target_10 = html.split('data-target="10"')[1].split('data-target="11"')[0]
    assert "Individuals using the Internet" in target_10 and "53.6 %" in target_10
    assert "No indicator in the portal measures this target yet." in html.split('data-target="8"')[1]
    assert "Final WSIS Targets Review" in html


def test_target_page_shows_progress(client: Client, imported: None, django_assert_num_queries: Any) -> None:
    # 3 queries: the target, its indicators, their regional values
    with django_assert_num_queries(3):
        response = client.get("/ar/wsis-targets/10/")
    html = response.content.decode()
    assert '<svg class="line-chart"' in html and 'direction="ltr"' in html
    assert "Final WSIS Targets Review" in html
    assert client.get("/en/wsis-targets/12/").status_code == 404


def test_nav_links_to_the_indicators(client: Client) -> None:
    assert 'href="/en/indicators/"' in client.get("/en/").content.decode()
