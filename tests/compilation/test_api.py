"""Report compilation through the REST API: the secretariat starts, follows and cancels runs and
downloads their files; everyone else is refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from compilation.models import AnnualReportRun
from reports.models import ReportingCycle
from tests.compilation.conftest import changed_sample
from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_for(people: dict[str, Any]) -> Callable[[str], APIClient]:
    def make(role: str) -> APIClient:
        client = APIClient()
        if role != "anonymous":
            login(client, people[role])  # type: ignore[arg-type]
        return client

    return make


def test_only_the_secretariat_uses_the_endpoints(
    api_for: Callable[[str], APIClient], stored_draft: Callable[..., AnnualReportRun], cycle: ReportingCycle
) -> None:
    run = stored_draft()
    urls = ["/api/v1/report-runs/", f"/api/v1/report-runs/{run.pk}/", f"/api/v1/report-runs/{run.pk}/outputs/pdf/"]
    for role in ("anonymous", "registered", "contributor", "organisation_admin", "facilitator", "commission"):
        client = api_for(role)
        for url in urls:
            assert client.get(url).status_code in (401, 403), (role, url)
        body = {"kind": "annual_report", "cycle": cycle.year, "language": "en"}
        assert client.post("/api/v1/report-runs/", body, format="json").status_code in (401, 403)
        assert client.post(f"/api/v1/report-runs/{run.pk}/cancel/").status_code in (401, 403)
    assert AnnualReportRun.objects.count() == 1


def test_start_follow_and_cancel_a_run(
    api_for: Callable[[str], APIClient],
    cycle: ReportingCycle,
    people: dict[str, Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = api_for("secretariat")
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            "/api/v1/report-runs/", {"kind": "annual_report", "cycle": cycle.year, "language": "ar"}, format="json"
        )
    assert response.status_code == 202 and len(callbacks) == 1
    data = response.json()
    assert (data["kind"], data["year"], data["language"], data["status"]) == (
        "annual_report",
        cycle.year,
        "ar",
        "queued",
    )
    assert data["started_by"] == people["secretariat"].email and data["outputs"] == []
    status = client.get(f"/api/v1/report-runs/{data['id']}/").json()
    assert status["status"] == "queued" and status["step_number"] == 0 and "Requested by" in status["log"]
    cancelled = client.post(f"/api/v1/report-runs/{data['id']}/cancel/").json()
    assert cancelled["status"] == "cancelled" and cancelled["cancel_requested"]
    again = client.post(f"/api/v1/report-runs/{data['id']}/cancel/")
    assert again.status_code == 400 and "can be cancelled" in again.json()["non_field_errors"][0]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "annual_report", "language": "en"}, "cycle"),
        ({"kind": "annual_report", "cycle": 1990, "language": "en"}, "cycle"),
        ({"kind": "annual_report", "cycle": 2025, "language": "de"}, "language"),
        ({"kind": "stocktaking_report", "language": "en"}, "year"),
        ({"kind": "stocktaking_report", "year": 1999, "language": "en"}, "year"),
        ({"kind": "novel", "language": "en"}, "kind"),
    ],
)
def test_invalid_starts_name_the_field(
    api_for: Callable[[str], APIClient], cycle: ReportingCycle, body: dict[str, Any], field: str
) -> None:
    response = api_for("secretariat").post("/api/v1/report-runs/", body, format="json")
    assert response.status_code == 400 and field in response.json(), response.json()
    assert not AnnualReportRun.objects.exists()


def test_list_and_outputs(
    api_for: Callable[[str], APIClient],
    stored_draft: Callable[..., AnnualReportRun],
    cycle: ReportingCycle,
    django_assert_num_queries: Any,
) -> None:
    runs = [stored_draft(), stored_draft(changed_sample())]
    client = api_for("secretariat")
    client.get("/api/v1/report-runs/?kind=stocktaking_report")
    # session, user, OTP device, the cycle of ?cycle=, the runs with who started them
    with django_assert_num_queries(5):
        listed = client.get(f"/api/v1/report-runs/?cycle={cycle.year}").json()
    assert [r["id"] for r in listed] == [runs[1].pk, runs[0].pk]
    assert client.get("/api/v1/report-runs/?kind=stocktaking_report").json() == []
    assert client.get("/api/v1/report-runs/?cycle=abc").status_code == 400
    detail = client.get(f"/api/v1/report-runs/{runs[0].pk}/").json()
    assert [o["format"] for o in detail["outputs"]] == ["docx", "html", "pdf"]
    pdf = next(o for o in detail["outputs"] if o["format"] == "pdf")
    assert pdf["pages"] >= 1 and len(pdf["sha256"]) == 64
    response = client.get(pdf["url"])
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    for closer in response._resource_closers:
        closer()
    assert client.get(f"/api/v1/report-runs/{runs[0].pk}/outputs/article/").status_code == 404


def test_the_schema_documents_the_endpoints(db: Any) -> None:
    schema = APIClient().get("/api/schema/?format=json").json()
    for path in (
        "/api/v1/report-runs/",
        "/api/v1/report-runs/{id}/",
        "/api/v1/report-runs/{id}/cancel/",
        "/api/v1/report-runs/{id}/outputs/{fmt}/",
    ):
        assert path in schema["paths"], path
    assert "ReportRunStatusEnum" in schema["components"]["schemas"]
