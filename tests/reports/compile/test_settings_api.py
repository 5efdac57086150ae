"""The annual report's settings through the REST API."""

from __future__ import annotations

import json
from typing import Any

from reports.compile_models import AnnualReportSettings
from reports.models import ReportingCycle
from tests.reports.compile.test_settings_page import _post


def _url(cycle: ReportingCycle) -> str:
    return f"/api/v1/reporting-cycles/{cycle.year}/annual-report-settings/"


def _put(client: Any, url: str, body: dict[str, Any]) -> Any:
    return client.put(url, json.dumps(body), content_type="application/json")


def test_only_the_secretariat_reads_and_writes(client_for: Any, cycle: ReportingCycle) -> None:
    for role in ("facilitator", "commission", "contributor", "anonymous"):
        client = client_for(role)
        assert client.get(_url(cycle)).status_code in (401, 403)
        body = _post(ecosoc_session=cycle.year + 1, version=0)
        assert _put(client, _url(cycle), body).status_code in (401, 403)
    assert not AnnualReportSettings.objects.exists()


def test_suggested_values_then_save_then_conflict(
    client_for: Any, cycle: ReportingCycle, django_assert_max_num_queries: Any
) -> None:
    client = client_for("secretariat")
    first = client.get(_url(cycle)).json()
    assert first["saved"] is False and first["symbol_ga"] == "A/81/62" and first["version"] == 0
    saved = _put(client, _url(cycle), _post(ecosoc_session=cycle.year + 1, version=0))
    assert saved.status_code == 200 and saved.json()["version"] == 1 and saved.json()["saved"]
    with django_assert_max_num_queries(6):
        assert client.get(_url(cycle)).json()["ga_item"] == "16"
    again = _put(client, _url(cycle), _post(ecosoc_session=cycle.year + 1, findings="Newer.", version=1))
    assert again.status_code == 200 and again.json()["version"] == 2
    stale = _put(client, _url(cycle), _post(ecosoc_session=cycle.year + 1, findings="Stale.", version=1))
    assert stale.status_code == 409 and stale.json()["current"]["findings"] == "Newer."
    assert AnnualReportSettings.objects.get(cycle=cycle).findings == "Newer."


def test_problems_by_field(client_for: Any, cycle: ReportingCycle) -> None:
    response = _put(client_for("secretariat"), _url(cycle), _post(symbol_ga="bad", ecosoc_session=1990, version=0))
    assert response.status_code == 400 and set(response.json()) >= {"symbol_ga", "ecosoc_session"}
    missing = _put(client_for("secretariat"), _url(cycle), _post(ecosoc_session=cycle.year + 1))
    assert missing.status_code == 400 and "version" in missing.json()
