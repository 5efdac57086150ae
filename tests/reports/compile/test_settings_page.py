"""The secretariat's editor of the annual report's settings and findings."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from reports import annual_demo
from reports.compile_models import AnnualReportSettings
from reports.models import ReportingCycle
from tests.reports.compile.conftest import SETTINGS, settings_for


def _post(settings: dict[str, Any] | None = None, **changes: Any) -> dict[str, Any]:
    values = dict(settings or SETTINGS, **changes)
    data = {k: (v.isoformat() if isinstance(v, datetime.date) else v) for k, v in values.items()}
    return data


def _url(cycle: ReportingCycle) -> str:
    return reverse("reports:annual-settings", kwargs={"year": cycle.year})


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("secretariat", 200),
        ("administrator", 200),
        ("facilitator", 403),
        ("commission", 403),
        ("contributor", 403),
        ("registered", 403),
        ("secretariat_without_2fa", 403),
    ],
)
def test_who_may_open_the_editor(client_for: Any, cycle: ReportingCycle, role: str, status: int) -> None:
    response = client_for(role).get(_url(cycle))
    assert response.status_code in ((status,) if status == 200 else (403, 302))


def test_anonymous_is_sent_to_sign_in(client_for: Any, cycle: ReportingCycle) -> None:
    response = client_for("anonymous").get(_url(cycle))
    assert response.status_code == 302 and "sign-in" in response["Location"]


def test_denied_post_changes_nothing(client_for: Any, cycle: ReportingCycle) -> None:
    response = client_for("facilitator").post(_url(cycle), _post(ecosoc_session=cycle.year + 1, version=0))
    assert response.status_code in (403, 302) and not AnnualReportSettings.objects.exists()


def test_first_visit_suggests_values_then_a_save_creates_version_1_audited(
    client_for: Any, cycle: ReportingCycle, people: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    client = client_for("secretariat")
    response = client.get(_url(cycle))
    form = response.context["form"]
    assert form.initial["symbol_ga"] == "A/81/62" and form.initial["ecosoc_session"] == cycle.year + 1
    response = client.post(_url(cycle), _post(ecosoc_session=cycle.year + 1, version=0))
    assert response.status_code == 302
    saved = AnnualReportSettings.objects.get(cycle=cycle)
    assert saved.version == 1 and saved.updated_by == people["secretariat"] and saved.ga_item == "16"
    assert saved.history.first().history_change_reason == "reports.annual_report_settings.created"
    assert saved.history.first().history_user == people["secretariat"]
    with django_assert_max_num_queries(12):
        page = client.get(_url(cycle))
    assert page.status_code == 200 and "Version 1" in page.content.decode()


def test_invalid_values_are_explained_and_kept(client_for: Any, cycle: ReportingCycle) -> None:
    client = client_for("secretariat")
    data = _post(
        symbol_ga="81/62",
        symbol_ecosoc="E/26/10",
        ga_item="sixteen",
        ecosoc_session=1999,
        findings="<script>alert(1)</script> Keep this text",
        summary="Fine\x00",
        version=0,
    )
    response = client.post(_url(cycle), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) >= {"symbol_ga", "symbol_ecosoc", "ga_item", "ecosoc_session", "findings", "summary"}
    assert "A/81/65" in errors["symbol_ga"][0]
    page = response.content.decode()
    assert "Keep this text" in page and "81/62" in page  # nothing typed is lost
    assert not AnnualReportSettings.objects.exists()


def test_a_stale_save_is_a_conflict_and_overwrites_nothing(
    client_for: Any, cycle: ReportingCycle, people: dict[str, Any]
) -> None:
    settings_for(cycle, people["secretariat"])  # version 1
    client = client_for("administrator")
    first = client.post(_url(cycle), _post(ecosoc_session=cycle.year + 1, findings="Theirs.", version=1))
    assert first.status_code == 302
    stale = client_for("secretariat").post(
        _url(cycle), _post(ecosoc_session=cycle.year + 1, findings="Mine.", version=1)
    )
    assert stale.status_code == 409
    assert AnnualReportSettings.objects.get(cycle=cycle).findings == "Theirs."
    page = stale.content.decode()
    assert "Mine." in page and "Theirs." in page  # their value shown, mine kept in the form
    assert stale.context["form"]["version"].value() == "2"
    again = client_for("secretariat").post(
        _url(cycle), _post(ecosoc_session=cycle.year + 1, findings="Mine.", version=2)
    )
    assert again.status_code == 302 and AnnualReportSettings.objects.get(cycle=cycle).findings == "Mine."
    reasons = list(
        AnnualReportSettings.objects.get(cycle=cycle).history.values_list("history_change_reason", flat=True)
    )
    assert reasons.count("reports.annual_report_settings.changed") == 2


def test_demo_settings_are_idempotent(cycle: ReportingCycle) -> None:
    from wsis_portal import demo

    demo.seed_accounts()
    assert annual_demo.load() == 1
    assert annual_demo.load() == 0
    settings = AnnualReportSettings.objects.get(cycle=cycle)
    assert settings.symbol_ga == "A/81/62" and settings.findings.startswith("Progress in the implementation")
