from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from indicators import services
from indicators.models import Indicator, Observation, ObservationImport
from tests.indicators import files

pytestmark = pytest.mark.django_db


def _denied(response: Any) -> bool:
    """401/403; the secretariat without its second factor is sent to pass it (the portal's middleware)."""
    return response.status_code in (401, 403) or (
        response.status_code == 302 and "/account/two-factor/" in response["Location"]
    )


@pytest.fixture
def imported(people: dict[str, Any]) -> None:
    for layout, content in (("worldbank", files.wb_csv()), ("itu", files.itu_csv())):
        batch = services.import_check(by=people["secretariat"], upload=files.upload("f.csv", content), layout=layout)
        services.import_run(batch=batch, by=people["secretariat"])


def test_indicator_list_api_is_public_and_one_query(client: Client, django_assert_num_queries: Any) -> None:
    # 1 query: the indicators with their custodian and latest world value
    with django_assert_num_queries(1):
        response = client.get("/api/v1/indicators/")
    data = {item["code"]: item for item in response.json()}
    assert data["internet-users"]["world_value"] == "53.6" and data["internet-users"]["world_year"] == 2019
    assert data["internet-users"]["sdg_indicator"] == "17.8.1" and data["internet-users"]["custodian"] == "ITU"
    assert data["mobile-subscriptions"]["world_value"] == "8300000000"
    assert data["internet-users"]["names"]["fr"] == "Personnes utilisant l'Internet"
    assert data["internet-users"]["gender_gap"] == "internet-gender-gap" and data["ict-skills"]["gender_gap"] is None


def test_indicator_detail_names_its_targets(client: Client) -> None:
    data = client.get("/api/v1/indicators/internet-users/").json()
    assert [t["number"] for t in data["targets"]] == [10]
    assert client.get("/api/v1/indicators/nothing/").status_code == 404


def test_observation_filters(client: Client, imported: None, django_assert_num_queries: Any) -> None:
    url = "/api/v1/observations/?indicator=internet-users&country=SEN,KEN&region=001&year_from=2020&sex=total"
    # 4 queries: the indicator codes, the country codes, the region codes, then one page of values
    with django_assert_num_queries(4):
        response = client.get(url)
    results = response.json()["results"]
    assert {(r["country"] or r["region"], r["year"]) for r in results} == {
        ("SEN", 2020),
        ("SEN", 2021),
        ("KEN", 2020),
        ("001", 2020),
    }
    female = client.get("/api/v1/observations/?indicator=internet-users&sex=female&year_to=2020").json()["results"]
    assert {(r["country"] or r["region"], r["value"]) for r in female} == {("SEN", "35"), ("001", "48")}


def test_observation_pages_follow_the_cursor(client: Client, imported: None) -> None:
    first = client.get("/api/v1/observations/?indicator=internet-users&page_size=5").json()
    second = client.get(first["next"]).json()
    seen = {(r["country"], r["region"], r["year"], r["sex"]) for r in first["results"] + second["results"]}
    assert len(first["results"]) == 5 and len(seen) == len(first["results"]) + len(second["results"])


def test_bad_observation_filters_are_400_naming_each_field(client: Client) -> None:
    response = client.get(
        "/api/v1/observations/?indicator=nothing&country=XXX&region=999&sex=other&area=town&year_from=19&year_to=abc"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"indicator", "country", "region", "sex", "area", "year_from", "year_to"}
    assert response.json()["country"] == ["Unknown country codes: XXX"]
    reversed_years = client.get("/api/v1/observations/?year_from=2020&year_to=2010")
    assert reversed_years.json() == {"year_to": ["The last year is before the first."]}


def test_country_profile_api(client: Client, imported: None, django_assert_num_queries: Any) -> None:
    # 8 queries, as the page: country, groupings, commissions, strategies, reviews, entries, their count, values
    with django_assert_num_queries(8):
        response = client.get("/api/v1/country-profiles/sen/")
    data = response.json()
    assert data["groupings"] == [{"code": "199", "name": "Least Developed Countries (LDC)"}]
    assert data["regional_commissions"][0]["code"] == "ECA"
    internet = next(i for i in data["indicators"] if i["indicator"] == "internet-users")
    assert {"year": 2021, "sex": "total", "area": "total", "value": "58.1"}.items() <= internet["values"][2].items()
    assert [w["year"] for w in internet["world"]] == [2019, 2020]
    assert data["strategy_reviews"][0]["countries_covered"] == 51 and data["national_ict_strategy"] == []
    assert data["stocktaking"] == {"published_entries": 0, "latest": []}
    assert client.get("/api/v1/country-profiles/XXX/").json() == {"detail": "No country or area has the code XXX."}


def test_wsis_targets_api(client: Client, django_assert_num_queries: Any) -> None:
    # 2 queries: the targets, their indicator links with the latest world values
    with django_assert_num_queries(2):
        data = client.get("/api/v1/wsis-targets/").json()
    assert len(data) == 11
    target_10 = data[9]
    assert target_10["number"] == 10
    assert {i["code"] for i in target_10["indicators"]} == {
        "internet-users",
        "mobile-subscriptions",
        "fixed-broadband-subscriptions",
    }
    assert next(i for i in target_10["indicators"] if i["code"] == "internet-users")["world_value"] == "53.6"


def test_the_schema_documents_the_endpoints(client: Client) -> None:
    schema = client.get("/api/schema/").content.decode()
    for path in (
        "/api/v1/indicators/",
        "/api/v1/observations/",
        "/api/v1/country-profiles/{iso3}/",
        "/api/v1/wsis-targets/",
        "/api/v1/indicator-imports/",
        "/api/v1/indicator-imports/{id}/run/",
    ):
        assert path in schema


# ---------------------------------------------------------------------------------------------
# Writes: the secretariat only


def test_import_through_the_api_dry_run_then_confirm(client_for: Callable[[str], Client]) -> None:
    client = client_for("secretariat")
    response = client.post(
        "/api/v1/indicator-imports/", {"layout": "itu", "file": files.upload("itu.csv", files.itu_csv())}
    )
    assert response.status_code == 201
    data = response.json()
    assert (data["state"], data["observation_count"], data["errors"]) == ("checked", 6, [])
    assert not Observation.objects.filter(country__iso3="SEN").exists()
    run = client.post(f"/api/v1/indicator-imports/{data['id']}/run/")
    assert run.status_code == 200 and run.json()["created_count"] == 6
    again = client.post(f"/api/v1/indicator-imports/{data['id']}/run/")
    assert again.status_code == 400 and "already been imported" in again.json()["file"][0]


def test_api_import_errors_name_row_column_and_reason(client_for: Callable[[str], Client]) -> None:
    client = client_for("secretariat")
    rows = files.itu_rows()
    rows[0][7] = "abc"
    data = client.post(
        "/api/v1/indicator-imports/", {"layout": "itu", "file": files.upload("i.csv", files.itu_csv(rows))}
    ).json()
    assert data["errors"] == [{"row": 2, "column": "dataValue", "reason": "“abc” is not a number."}]
    run = client.post(f"/api/v1/indicator-imports/{data['id']}/run/")
    assert run.status_code == 400 and "file" in run.json()
    assert not Observation.objects.filter(country__iso3="SEN").exists()
    bad = client.post("/api/v1/indicator-imports/", {"layout": "itu", "file": files.upload("x.pdf", b"%PDF")})
    assert bad.status_code == 400 and list(bad.json()) == ["file"]
    missing = client.post("/api/v1/indicator-imports/", {"layout": "sdmx"})
    assert missing.status_code == 400 and set(missing.json()) == {"file", "layout"}


@pytest.mark.parametrize("role", ["anonymous", "registered", "facilitator", "commission", "secretariat_without_2fa"])
def test_api_import_is_denied_to_others(client_for: Callable[[str], Client], role: str) -> None:
    client = client_for(role)
    response = client.post(
        "/api/v1/indicator-imports/", {"layout": "itu", "file": files.upload("i.csv", files.itu_csv())}
    )
    assert _denied(response)
    assert not ObservationImport.objects.exists()


def test_tokens_never_carry_secretariat_rights(people: dict[str, Any]) -> None:
    token = Token.objects.create(user=people["secretariat"])
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.post(
        "/api/v1/indicator-imports/", {"layout": "itu", "file": files.upload("i.csv", files.itu_csv())}
    )
    assert response.status_code == 403


def test_secretariat_creates_and_edits_an_indicator_with_a_version_check(client_for: Callable[[str], Client]) -> None:
    client = client_for("secretariat")
    created = client.post(
        "/api/v1/indicators/",
        {
            "code": "households-internet",
            "name_en": "Households with Internet access at home",
            "name_fr": "Ménages ayant accès à l'Internet à domicile",
            "unit": "percent",
            "custodian": "ITU",
            "itu_code": "HH6",
            "targets": [1],
        },
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["version"] == 1
    indicator = Indicator.objects.get(code="households-internet")
    assert list(indicator.targets.values_list("number", flat=True)) == [1]
    assert indicator.history.latest().history_change_reason == "indicators.indicator.created"
    url = "/api/v1/indicators/households-internet/"
    saved = client.put(
        f"{url}?version=1", {"sdg_indicator": "17.6.1", "targets": [1, 10]}, content_type="application/json"
    )
    assert saved.status_code == 200 and saved.json()["version"] == 2
    assert [t["number"] for t in saved.json()["targets"]] == [1, 10]
    stale = client.put(f"{url}?version=1", {"sdg_indicator": "9.c.1"}, content_type="application/json")
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2 and stale.json()["current"]["sdg_indicator"] == "17.6.1"
    assert Indicator.objects.get(code="households-internet").sdg_indicator == "17.6.1"  # nothing overwritten


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"code": "internet-users", "name_en": "Again", "unit": "percent"}, "code"),
        ({"code": "new-one", "name_en": "New", "unit": "percent", "sdg_indicator": "17.8"}, "sdg_indicator"),
        ({"code": "new-one", "name_en": "New", "unit": "litres"}, "unit"),
        ({"code": "new-one", "name_en": "New", "unit": "percent", "wb_code": "IT.NET.USER.ZS"}, "wb_code"),
        ({"code": "new-one", "name_en": "New", "unit": "percent", "custodian": "NOBODY"}, "custodian"),
        ({"code": "new-one", "name_en": "New", "unit": "percent", "targets": [12]}, "targets"),
        ({"code": "new-one", "unit": "percent"}, "name_en"),
        ({"code": "new-one", "name_en": "New", "unit": "percent", "gender_gap": "nothing"}, "gender_gap"),
        ({"code": "new-one", "name_en": "Bad\x00name", "unit": "percent"}, "name_en"),
    ],
)
def test_bad_indicator_input_is_400_naming_the_field(
    client_for: Callable[[str], Client], payload: dict[str, Any], field: str
) -> None:
    response = client_for("secretariat").post("/api/v1/indicators/", payload, content_type="application/json")
    assert response.status_code == 400 and field in response.json()
    assert not Indicator.objects.filter(code="new-one").exists()


@pytest.mark.parametrize("role", ["anonymous", "contributor", "facilitator", "secretariat_without_2fa"])
def test_indicator_writes_are_denied_to_others(client_for: Callable[[str], Client], role: str) -> None:
    client = client_for(role)
    response = client.post(
        "/api/v1/indicators/", {"code": "x-y", "name_en": "X", "unit": "percent"}, content_type="application/json"
    )
    assert _denied(response)
    edit = client.put(
        "/api/v1/indicators/internet-users/?version=1", {"name_en": "Changed"}, content_type="application/json"
    )
    assert _denied(edit)
    assert Indicator.objects.get(code="internet-users").name_en == "Individuals using the Internet"
