from __future__ import annotations

from typing import Any

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from stocktaking import filters, search, services
from stocktaking.models import Entry
from tests.conftest import login
from tests.stocktaking.factories import complete_content

pytestmark = pytest.mark.django_db

BODY = {
    "original_language": "es",
    "title": "Bibliotecas digitales comunitarias",
    "short_description": " ".join(["Bibliotecas rurales con acceso a internet y formación digital."] * 18),
    "activity_type": "project",
    "coverage": "national",
    "status": "ongoing",
    "start_date": "2022-05-01",
    "action_lines": [{"code": "C3", "rationale": "Acceso a la información"}],
    "sdg_targets": [{"code": "16.10"}],
    "countries": ["PER"],
    "links": ["https://bibliotecas.example.pe/informe"],
}


def _token_client(user: Any) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def test_contributor_creates_saves_and_submits_through_the_api(people: dict[str, Any]) -> None:
    client = _token_client(people["contributor"])
    response = client.post("/api/v1/entries/", {**BODY, "organisation": people["ngo"].pk}, format="json")
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["state"] == "draft" and created["content"]["countries"] == ["PER"]
    pk, version = created["id"], created["version"]
    response = client.put(
        f"/api/v1/entries/{pk}/?version={version}", {**BODY, "impact": "40 bibliotecas"}, format="json"
    )
    assert response.status_code == 200 and response.json()["content"]["impact"] == "40 bibliotecas"
    # A stale version is a 409 with the current content; nothing is overwritten.
    response = client.put(f"/api/v1/entries/{pk}/?version={version}", {**BODY, "impact": "old"}, format="json")
    assert response.status_code == 409 and response.json()["current"]["impact"] == "40 bibliotecas"
    response = client.post(f"/api/v1/entries/{pk}/submit/")
    assert response.status_code == 200 and response.json()["state"] == "submitted"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"action_lines": [{"code": "C99"}]}, "action_lines"),
        ({"sdg_targets": [{"code": "18.1"}]}, "sdg_targets"),
        ({"countries": ["XXX"]}, "countries"),
        ({"start_date": "2022-02-30"}, "start_date"),
        ({"end_date": "2000-01-01"}, "end_date"),
        ({"original_language": "de"}, "original_language"),
        ({"title": "Biblio\x00tecas"}, "title"),
        ({"links": ["javascript:alert(1)"]}, "links"),
        ({"organisation": "abc"}, "organisation"),
        ({"organisation": 999999}, "organisation"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(people: dict[str, Any], changes: dict[str, Any], field: str) -> None:
    client = _token_client(people["contributor"])
    response = client.post("/api/v1/entries/", {**BODY, "organisation": people["ngo"].pk, **changes}, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Entry.objects.exists()


def test_incomplete_submission_names_what_is_missing(people: dict[str, Any]) -> None:
    client = _token_client(people["contributor"])
    pk = client.post(
        "/api/v1/entries/", {"original_language": "en", "organisation": people["ngo"].pk}, format="json"
    ).json()["id"]
    response = client.post(f"/api/v1/entries/{pk}/submit/")
    assert response.status_code == 400 and "title" in response.json()


@pytest.mark.parametrize("role", ["registered", "facilitator", "commission"])
def test_outsiders_cannot_write_for_an_organisation(people: dict[str, Any], role: str) -> None:
    response = _token_client(people[role]).post(
        "/api/v1/entries/", {**BODY, "organisation": people["ngo"].pk}, format="json"
    )
    assert response.status_code == 403


def test_anonymous_reads_but_cannot_write(people: dict[str, Any]) -> None:
    client = APIClient()
    assert client.get("/api/v1/entries/").status_code == 200
    assert client.post("/api/v1/entries/", {**BODY, "organisation": people["ngo"].pk}, format="json").status_code == 403


def test_only_the_secretariat_decides(people: dict[str, Any]) -> None:
    entry = services.entry_create(by=people["contributor"], organisation=people["ngo"], data=complete_content())
    services.entry_submit(entry=entry, by=people["contributor"])
    assert (
        _token_client(people["contributor"])
        .post(f"/api/v1/entries/{entry.pk}/decision/", {"decision": "publish"})
        .status_code
        == 403
    )
    client = APIClient()
    login(client, people["secretariat"])
    response = client.post(f"/api/v1/entries/{entry.pk}/decision/", {"decision": "return", "reason": ""})
    assert response.status_code == 400 and "reason" in response.json()
    response = client.post(f"/api/v1/entries/{entry.pk}/decision/", {"decision": "publish"})
    assert response.status_code == 200 and response.json()["state"] == "published"


def test_list_filters_facets_and_cursor_pagination(people: dict[str, Any], django_assert_num_queries: Any) -> None:
    for index in range(5):
        entry = services.entry_create(
            by=people["contributor"],
            organisation=people["ngo"],
            data=complete_content(title=f"Rural broadband phase {index}"),
        )
        services.entry_submit(entry=entry, by=people["contributor"])
        services.entry_publish(entry=entry, by=people["secretariat"])
    search.reindex_entries(None)
    filters.forget_reference()
    client = APIClient()
    client.get("/api/v1/entries/?country=SEN")  # warms the in-process code tables
    # the listing's generation (the key of kept pages), the entries page, then the prefetches: action
    # lines, SDG targets, WSIS targets, countries, regions, translations
    with django_assert_num_queries(8):
        response = client.get("/api/v1/entries/?q=broadband&country=SEN&page_size=2")
    body = response.json()
    assert len(body["results"]) == 2 and body["next"]
    assert body["results"][0]["organisation"]["name"] == "Community Networks Alliance"
    people["ngo"].name_fr = "Alliance des réseaux communautaires"
    people["ngo"].save()
    french = client.get("/api/v1/entries/?country=SEN&page_size=2", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert french["results"][0]["organisation"]["name"] == "Alliance des réseaux communautaires"
    for result in body["results"]:  # the list's content is the detail's, read in 6 queries for the page
        assert result == client.get(f"/api/v1/entries/{result['id']}/").json()
    assert body["results"][0]["content"]["action_lines"][0]["code"] == "C2"
    second = client.get(body["next"]).json()
    assert len(second["results"]) == 2 and {r["id"] for r in second["results"]}.isdisjoint(
        {r["id"] for r in body["results"]}
    )
    facets = client.get("/api/v1/entries/?facets=1&action_line=C2").json()["facets"]
    assert {"code": "SEN", "label": "Senegal", "count": 5, "selected": False} in facets["country"]
    assert client.get("/api/v1/entries/?cursor=not-a-cursor").status_code == 404


def test_reference_endpoints_and_schema(people: dict[str, Any]) -> None:
    client = APIClient()
    lines = client.get("/api/v1/action-lines/").json()
    assert (
        len(lines) == 19
        and {"code": "C7.4", "parent": "C7"}.items() <= next(line for line in lines if line["code"] == "C7.4").items()
    )
    goals = client.get("/api/v1/sdgs/").json()
    assert len(goals) == 17 and goals[8]["targets"][-1]["code"] == "9.c"
    assert goals[8]["targets"][-1]["text"].startswith("Significantly increase access")
    arabic = client.get("/api/v1/sdgs/", HTTP_ACCEPT_LANGUAGE="ar").json()
    assert arabic[8]["targets"][-1]["text"].startswith("تحقيق زيادة كبيرة في فرص الحصول")
    countries = client.get("/api/v1/countries/", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert any(country["iso3"] == "SEN" for country in countries)
    organisations = client.get("/api/v1/organisations/?type=international_organisation").json()
    assert any(o["code"] == "ITU" for o in organisations["results"])
    schema = client.get("/api/schema/")
    assert schema.status_code == 200 and b"/api/v1/entries/" in schema.content
    assert client.get("/api/docs/").status_code == 200


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "Codes inconnus"), ("es", "Códigos desconocidos"), ("ru", "Неизвестные коды"), ("zh-hans", "未知")],
)
def test_api_errors_speak_the_clients_language(people: dict[str, Any], language: str, expected: str) -> None:
    """The API has no language prefix: Accept-Language chooses, for its own messages and DRF's."""
    client = _token_client(people["contributor"])
    response = client.post(
        "/api/v1/entries/",
        {**BODY, "organisation": people["ngo"].pk, "countries": ["XXX"]},
        format="json",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 400
    assert expected in response.json()["countries"][0] and "XXX" in response.json()["countries"][0]
    anonymous = APIClient().post("/api/v1/entries/", BODY, format="json", HTTP_ACCEPT_LANGUAGE=language)
    assert anonymous.status_code in (401, 403)
    assert "credentials were not provided" not in anonymous.json()["detail"]
