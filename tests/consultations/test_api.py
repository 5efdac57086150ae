"""The API of consultations, contributions, tallies and events: read for everyone, write for the
roles allowed, bad input answered as JSON naming the field, query counts."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from consultations.models import Consultation, Contribution, Event
from tests.conftest import login
from tests.consultations.conftest import written

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def token_client(user: Any) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def session_client(user: Any) -> APIClient:
    client = APIClient()
    login(client, user)  # type: ignore[arg-type]
    return client


# ---------------------------------------------------------------------------------------------
# Reading


def test_anyone_reads_the_tally_of_seed_002(enhanced_cooperation: Consultation, django_assert_num_queries: Any) -> None:
    client = APIClient()
    # 1 consultation, 1 aggregate
    with django_assert_num_queries(2):
        response = client.get(f"/api/v1/consultations/{enhanced_cooperation.slug}/tally/")
    assert response.status_code == 200
    tally = response.json()
    assert tally["channels"] == ["written", "presentation", "open_debate"]
    assert [(row["stakeholder_group"], row["counts"], row["total"]) for row in tally["rows"]] == [
        ("government", {"written": 11, "presentation": 13, "open_debate": 8}, 32),
        ("international_organisation", {"written": 7, "presentation": 1, "open_debate": 0}, 8),
        ("civil_society", {"written": 32, "presentation": 7, "open_debate": 3}, 42),
        ("private_sector", {"written": 9, "presentation": 5, "open_debate": 2}, 16),
    ]
    assert tally["column_totals"] == {"written": 59, "presentation": 26, "open_debate": 13} and tally["total"] == 98
    assert tally["headings"]["written"] == "Written comments submitted between September and December 2010"
    french = client.get(f"/api/v1/consultations/{enhanced_cooperation.slug}/tally/", HTTP_ACCEPT_LANGUAGE="fr")
    assert "14 décembre 2010" in french.json()["headings"]["presentation"]


def test_lists_have_constant_query_counts(enhanced_cooperation: Consultation, django_assert_num_queries: Any) -> None:
    client = APIClient()
    # 1 count, 1 page of consultations with organiser and contribution count
    with django_assert_num_queries(2):
        response = client.get("/api/v1/consultations/")
    assert response.json()["count"] == 2
    # 1 consultation, 1 count, 1 page of contributions with organisation and consultation
    with django_assert_num_queries(3):
        response = client.get(f"/api/v1/consultations/{enhanced_cooperation.slug}/contributions/?page_size=200")
    assert response.json()["count"] == 98 and len(response.json()["results"]) == 98
    with django_assert_num_queries(3):
        response = client.get(
            f"/api/v1/consultations/{enhanced_cooperation.slug}/contributions/?stakeholder_group=private_sector&channel=presentation"
        )
    results = response.json()["results"]
    assert len(results) == 5 and {r["stakeholder_group"] for r in results} == {"private_sector"}
    assert "International Chamber of Commerce" in [r["contributor"] for r in results]
    # 1 events with country, 1 prefetch of organisers, 1 prefetch of participation
    with django_assert_num_queries(3):
        response = client.get("/api/v1/events/")
    assert len(response.json()) == Event.objects.count()


@pytest.mark.parametrize(
    ("url", "field"),
    [
        (
            "/api/v1/consultations/enhanced-cooperation-2010/contributions/?stakeholder_group=martians",
            "stakeholder_group",
        ),
        ("/api/v1/consultations/enhanced-cooperation-2010/contributions/?channel=smoke", "channel"),
        ("/api/v1/events/?kind=party", "kind"),
        ("/api/v1/events/?from=2024-02-30", "from"),
        ("/api/v1/events/?from=2024-05-01&to=2024-01-01", "to"),
    ],
)
def test_bad_filters_are_400_naming_the_parameter(enhanced_cooperation: Consultation, url: str, field: str) -> None:
    response = APIClient().get(url)
    assert response.status_code == 400 and field in response.json()


def test_events_in_a_period_with_their_occurrences(enhanced_cooperation: Consultation) -> None:
    response = APIClient().get("/api/v1/events/?from=2015-01-01&to=2015-12-31")
    assert response.status_code == 200
    by_slug = {event["slug"]: event for event in response.json()}
    assert set(by_slug) == {"wsis-forum-2015", "igf-2015", "wtisd"}
    assert by_slug["wtisd"]["occurrences"] == [{"starts_on": "2015-05-17", "ends_on": "2015-05-17"}]
    geneva = APIClient().get("/api/v1/events/wsis-geneva-2003/").json()
    assert {row["category"]: row["count"] for row in geneva["participation"]}["government_delegates"] == 11000
    assert geneva["uid"].startswith("event-") and geneva["country"] == "CHE"


# ---------------------------------------------------------------------------------------------
# Contributions


def test_member_submits_through_the_api_while_open(
    open_consultation: Consultation, people: dict[str, Any], today: datetime.date
) -> None:
    client = token_client(people["contributor"])
    url = f"/api/v1/consultations/{open_consultation.slug}/contributions/"
    response = client.post(url, {"organisation": people["ngo"].pk, "text": "Our comments"}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["stakeholder_group"], body["channel"], body["date"]) == ("civil_society", "written", today.isoformat())
    # multipart with a document
    response = client.post(
        url,
        {
            "organisation": people["ngo"].pk,
            "file": SimpleUploadedFile("views.pdf", PDF, content_type="application/pdf"),
        },
        format="multipart",
    )
    assert response.status_code == 201 and response.json()["file"]["name"] == "views.pdf"
    assert response.json()["file"]["size"] == len(PDF)
    assert response.json()["file"]["url"] == f"/en/contributions/{response.json()['id']}/document/"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"channel": "presentation"}, "channel"),
        ({"channel": "smoke-signals"}, "channel"),
        ({"stakeholder_group": "government"}, "stakeholder_group"),
        ({"stakeholder_group": "martians"}, "stakeholder_group"),
        ({"date": "2020-01-01"}, "date"),
        ({"date": "2026-13-01"}, "date"),
        ({"organisation": None}, "organisation"),
        ({"organisation": 999999}, "organisation"),
        ({"contributor_name": "Someone else"}, "contributor_name"),
        ({"text": ""}, "text"),
        ({"text": "nul\x00byte"}, "text"),
    ],
)
def test_member_bad_input_is_400_naming_the_field(
    open_consultation: Consultation, people: dict[str, Any], changes: dict[str, Any], field: str
) -> None:
    client = token_client(people["contributor"])
    body = {"organisation": people["ngo"].pk, "text": "Comments", **changes}
    response = client.post(f"/api/v1/consultations/{open_consultation.slug}/contributions/", body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("views.exe", b"MZ", content_type="application/octet-stream"), "Send a PDF"),
        (SimpleUploadedFile("views.pdf", b"GIF89a", content_type="application/pdf"), "not a PDF"),
        (SimpleUploadedFile("views.pdf", PDF + b"x" * 100, content_type="application/pdf"), "the limit is"),
    ],
)
def test_wrong_or_oversized_files_are_400(
    open_consultation: Consultation, people: dict[str, Any], settings: Any, upload: Any, message: str
) -> None:
    settings.CONSULTATION_FILE_MAX_BYTES = 64
    response = token_client(people["contributor"]).post(
        f"/api/v1/consultations/{open_consultation.slug}/contributions/",
        {"organisation": people["ngo"].pk, "file": upload},
        format="multipart",
    )
    assert response.status_code == 400 and message in response.json()["file"][0]
    assert not Contribution.objects.exists()


def test_a_closed_consultation_is_400_naming_it(closed_consultation: Consultation, people: dict[str, Any]) -> None:
    response = token_client(people["contributor"]).post(
        f"/api/v1/consultations/{closed_consultation.slug}/contributions/",
        {"organisation": people["ngo"].pk, "text": "Late"},
        format="json",
    )
    assert response.status_code == 400 and "closed on" in response.json()["consultation"][0]


@pytest.mark.parametrize(("role", "status"), [("anonymous", 403), ("registered", 403), ("facilitator", 403)])
def test_outsiders_may_not_submit_for_the_ngo(
    open_consultation: Consultation, people: dict[str, Any], role: str, status: int
) -> None:
    client = APIClient() if role == "anonymous" else token_client(people[role])
    response = client.post(
        f"/api/v1/consultations/{open_consultation.slug}/contributions/",
        {"organisation": people["ngo"].pk, "text": "x"},
        format="json",
    )
    assert response.status_code == status and not Contribution.objects.exists()


def test_the_secretariat_records_any_contribution_after_closing(
    closed_consultation: Consultation, people: dict[str, Any]
) -> None:
    client = session_client(people["secretariat"])
    url = f"/api/v1/consultations/{closed_consultation.slug}/contributions/"
    body = {
        "contributor_name": "Delegation of a Member State",
        "stakeholder_group": "government",
        "channel": "open_debate",
        "date": (closed_consultation.closes_on).isoformat(),
    }
    response = client.post(url, body, format="json")
    assert response.status_code == 201 and response.json()["recorded_by_secretariat"] is True
    response = client.post(url, {**body, "date": "1990-01-01"}, format="json")
    assert response.status_code == 400 and "date" in response.json()
    # a token never carries secretariat rights: it is a member's submission, refused as closed
    response = token_client(people["secretariat"]).post(url, body, format="json")
    assert response.status_code in (400, 403) and Contribution.objects.count() == 1


def test_put_checks_the_version_and_delete_withdraws(open_consultation: Consultation, people: dict[str, Any]) -> None:
    contribution = written(open_consultation, people)
    client = token_client(people["contributor"])
    url = f"/api/v1/contributions/{contribution.pk}/"
    assert client.put(url, {"text": "Fixed"}, format="json").json() == {
        "version": ["Give the version you edited (?version=N)."]
    }
    response = client.put(f"{url}?version=1", {"text": "Fixed"}, format="json")
    assert response.status_code == 200 and "Fixed" in response.json()["text"] and response.json()["version"] == 2
    response = client.put(f"{url}?version=1", {"text": "Stale"}, format="json")
    assert response.status_code == 409 and "Fixed" in response.json()["current"]["text"]
    assert token_client(people["facilitator"]).delete(url).status_code == 403
    assert client.delete(url).status_code == 204 and not Contribution.objects.exists()


# ---------------------------------------------------------------------------------------------
# Consultations and events


def test_only_the_secretariat_opens_consultations(people: dict[str, Any]) -> None:
    body = {"slug": "wsis-20", "title": "WSIS+20", "opens_on": "2026-01-01", "closes_on": "2026-02-01"}
    assert token_client(people["contributor"]).post("/api/v1/consultations/", body, format="json").status_code == 403
    assert APIClient().post("/api/v1/consultations/", body, format="json").status_code in (401, 403)
    client = session_client(people["secretariat"])
    response = client.post("/api/v1/consultations/", {**body, "closes_on": "2025-12-01"}, format="json")
    assert response.status_code == 400 and "closes_on" in response.json()
    response = client.post("/api/v1/consultations/", {**body, "opens_on": "01/01/2026"}, format="json")
    assert response.status_code == 400 and "opens_on" in response.json()
    response = client.post("/api/v1/consultations/", body, format="json")
    assert response.status_code == 201 and response.json()["status"] in ("open", "closed", "upcoming")
    assert client.post("/api/v1/consultations/", body, format="json").json() == {
        "slug": ["Another consultation already uses this short name."]
    }
    response = client.put(
        "/api/v1/consultations/wsis-20/?version=1", {**body, "title": "WSIS+20 review"}, format="json"
    )
    assert response.status_code == 200 and response.json()["version"] == 2
    assert client.put("/api/v1/consultations/wsis-20/?version=1", body, format="json").status_code == 409


def test_the_secretariat_manages_events_and_figures(people: dict[str, Any]) -> None:
    body = {
        "kind": "regional_review",
        "title": "Asia-Pacific WSIS review",
        "starts_on": "2026-08-03",
        "ends_on": "2026-08-04",
        "city": "Bangkok",
        "country": "THA",
        "participation": [
            {"category": "government_delegates", "count": 90, "represented_count": 30, "represented_kind": "states"}
        ],
    }
    assert token_client(people["facilitator"]).post("/api/v1/events/", body, format="json").status_code == 403
    client = session_client(people["secretariat"])
    for changes, field in [
        ({"ends_on": "2026-08-01"}, "ends_on"),
        ({"kind": "party"}, "kind"),
        ({"country": "XXX"}, "country"),
        ({"starts_on": "soon"}, "starts_on"),
        ({"participation": [{"category": "aliens", "count": 3}]}, "participation"),
        ({"participation": [{"category": "media", "count": 3, "note": "nul\x00"}]}, "participation"),
        ({"ends_on": "9999-12-31"}, "ends_on"),
        ({"participation": [{"category": "media", "count": 3}, {"category": "media", "count": 4}]}, "participation"),
    ]:
        response = client.post("/api/v1/events/", {**body, **changes}, format="json")
        assert response.status_code == 400 and field in response.json(), (changes, response.content)
    assert not Event.objects.exists()
    response = client.post("/api/v1/events/", body, format="json")
    assert response.status_code == 201, response.content
    slug = response.json()["slug"]
    assert response.json()["participation"][0]["represented_count"] == 30
    response = client.put(f"/api/v1/events/{slug}/?version=1", {**body, "participation": []}, format="json")
    assert response.status_code == 200 and response.json()["participation"] == []
    assert client.put(f"/api/v1/events/{slug}/?version=1", body, format="json").status_code == 409


def test_the_schema_documents_the_endpoints(db: Any) -> None:
    schema = APIClient().get("/api/schema/?format=json").json()
    for path in (
        "/api/v1/consultations/",
        "/api/v1/consultations/{slug}/tally/",
        "/api/v1/consultations/{slug}/contributions/",
        "/api/v1/contributions/{id}/",
        "/api/v1/events/",
        "/api/v1/events/{slug}/",
    ):
        assert path in schema["paths"], path
    post = schema["paths"]["/api/v1/consultations/{slug}/contributions/"]["post"]
    assert {"application/json", "multipart/form-data"} <= set(post["requestBody"]["content"])
