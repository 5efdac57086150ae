"""The reporting cycle through the REST API: each action allowed and denied per role, bad input named
by field, stale saves (409 with both versions), the whole workflow, and query counts on lists."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from actionlines.models import MeasurableTarget, TargetProgress
from reports.models import ActivityReport, ReportingCycle
from tests.reports.conftest import LAST_YEAR, escwa_content, itu_content

pytestmark = pytest.mark.django_db

ClientFor = Callable[[str], Client]


def _put(client: Client, report: ActivityReport, content: dict[str, Any], version: int | None = None) -> Any:
    body = {"version": report.version if version is None else version, "content": content}
    return client.put(f"/api/v1/activity-reports/{report.pk}/", body, content_type="application/json")


def _post(client: Client, url: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(url, body or {}, content_type="application/json")


def _act(client: Client, report: ActivityReport, action: str, body: dict[str, Any] | None = None) -> Any:
    return _post(client, f"/api/v1/activity-reports/{report.pk}/{action}/", body)


# ------------------------------------------------------------------------------------------------ cycles


def test_cycles_are_listed_for_everyone_in_constant_queries(
    client: Client, cycle: ReportingCycle, django_assert_num_queries: Any
) -> None:
    # 1 query: the cycles with their invited and accepted counts (aggregated in SQL)
    with django_assert_num_queries(1):
        response = client.get("/api/v1/reporting-cycles/")
    assert response.status_code == 200
    [row] = response.json()
    assert row["year"] == LAST_YEAR and row["symbol_ga"] == "A/81/62" and row["invited"] == cycle.reports.count()
    assert client.get(f"/api/v1/reporting-cycles/{LAST_YEAR}/").json()["session"] == "twenty-ninth session, 2026"
    assert client.get("/api/v1/reporting-cycles/1999/").status_code == 404


def _open_body(**changes: Any) -> dict[str, Any]:
    deadline = (timezone.localdate() + datetime.timedelta(days=40)).isoformat()
    body = {"year": LAST_YEAR, "session": "twenty-ninth session, 2026", "deadline": deadline, "symbol_ga": "A/81/62"}
    body.update(changes)
    return body


def test_secretariat_opens_a_cycle_with_the_default_invitees(client_for: ClientFor) -> None:
    response = _post(client_for("secretariat"), "/api/v1/reporting-cycles/", _open_body(reminder_days=[-7, 3]))
    assert response.status_code == 201, response.json()
    cycle = ReportingCycle.objects.get(year=LAST_YEAR)
    assert cycle.reminder_days == [-7, 3]
    assert cycle.reports.filter(organisation__code__in=["ITU", "ESCWA", "WHO"]).count() == 3


def test_secretariat_opens_a_cycle_with_chosen_invitees(client_for: ClientFor, org: Any) -> None:
    invitees = [{"organisation": org("ITU").pk, "kind": "facilitator", "action_lines": ["C2", "C5"]}]
    response = _post(client_for("secretariat"), "/api/v1/reporting-cycles/", _open_body(invitees=invitees))
    assert response.status_code == 201
    assert response.json()["invited"] == 1


@pytest.mark.parametrize("role", ["anonymous", "facilitator", "commission", "secretariat_without_2fa"])
def test_only_the_secretariat_opens_cycles(client_for: ClientFor, role: str) -> None:
    response = _post(client_for(role), "/api/v1/reporting-cycles/", _open_body())
    if role == "secretariat_without_2fa":  # sent to pass the second factor first
        assert response.status_code == 302 and "/two-factor/" in response["Location"]
    else:
        assert response.status_code in (401, 403)
    assert not ReportingCycle.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"deadline": "tomorrow"}, "deadline"),
        ({"year": 2999}, "year"),
        ({"session": ""}, "session"),
        ({"reminder_days": [500]}, "reminder_days"),
        ({"invitees": [{"organisation": 999999, "kind": "facilitator"}]}, "invitees"),
        ({"invitees": [{"organisation": 1, "kind": "friend"}]}, "invitees"),
    ],
)
def test_bad_cycle_input_names_the_field(client_for: ClientFor, changes: dict[str, Any], field: str) -> None:
    response = _post(client_for("secretariat"), "/api/v1/reporting-cycles/", _open_body(**changes))
    assert response.status_code == 400
    assert field in response.json()
    assert not ReportingCycle.objects.exists()


def test_a_second_cycle_for_the_same_year_is_refused(client_for: ClientFor, cycle: ReportingCycle) -> None:
    response = _post(client_for("secretariat"), "/api/v1/reporting-cycles/", _open_body())
    assert response.status_code == 400 and "year" in response.json()


def test_dashboard_for_the_secretariat_only(
    client_for: ClientFor, cycle: ReportingCycle, itu_report: ActivityReport, django_assert_num_queries: Any
) -> None:
    client = client_for("secretariat")
    client.get(f"/api/v1/reporting-cycles/{LAST_YEAR}/dashboard/")  # warm the session
    # session, user, OTP device; the cycle with counts; reports with cycle, organisation, invitation
    # and people; their action lines; the action lines of the matrix
    with django_assert_num_queries(7):
        response = client.get(f"/api/v1/reporting-cycles/{LAST_YEAR}/dashboard/")
    data = response.json()
    assert response.status_code == 200
    assert data["counts"]["not_started"] == cycle.reports.count() and data["counts"]["accepted"] == 0
    assert "C2" in data["uncovered"] and "C7" not in data["uncovered"]
    c2 = next(line for line in data["lines"] if line["code"] == "C2")
    assert {"id": itu_report.pk, "organisation": "ITU", "state": "not_started"} in c2["reports"]
    assert c2["covered"] is False
    for role in ("facilitator", "commission", "anonymous"):
        assert client_for(role).get(f"/api/v1/reporting-cycles/{LAST_YEAR}/dashboard/").status_code in (401, 403)


# ----------------------------------------------------------------------------------------------- reports


def test_members_list_their_organisations_reports_the_secretariat_all(
    client_for: ClientFor, cycle: ReportingCycle, django_assert_num_queries: Any
) -> None:
    facilitator = client_for("facilitator")
    facilitator.get("/api/v1/activity-reports/")
    # session, user, memberships; reports with cycle, organisation, invitation and people; their lines
    with django_assert_num_queries(5):
        response = facilitator.get("/api/v1/activity-reports/")
    assert [r["organisation"]["code"] for r in response.json()] == ["ITU"]
    assert response.json()[0]["organisation"]["name"] == "International Telecommunication Union"
    assert {"C2", "C5", "C6"} <= set(response.json()[0]["action_lines"])
    french = facilitator.get("/api/v1/activity-reports/", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert french[0]["organisation"]["name"] == "Union internationale des télécommunications"
    assert [r["organisation"]["code"] for r in client_for("commission").get("/api/v1/activity-reports/").json()] == [
        "ESCWA"
    ]
    everything = client_for("secretariat").get(f"/api/v1/activity-reports/?cycle={LAST_YEAR}&state=draft").json()
    assert len(everything) == cycle.reports.count()
    assert client_for("anonymous").get("/api/v1/activity-reports/").status_code in (401, 403)
    assert client_for("registered").get("/api/v1/activity-reports/").status_code == 403
    bad = client_for("secretariat").get("/api/v1/activity-reports/?state=lost&cycle=x")
    assert bad.status_code == 400 and "cycle" in bad.json()


@pytest.mark.parametrize(
    ("role", "status"),
    [("facilitator", 200), ("secretariat", 200), ("commission", 403), ("anonymous", 403), ("registered", 403)],
)
def test_report_detail_by_role(client_for: ClientFor, itu_report: ActivityReport, role: str, status: int) -> None:
    response = client_for(role).get(f"/api/v1/activity-reports/{itu_report.pk}/")
    assert response.status_code == status
    if status == 200:
        assert response.json()["content"]["activities"].keys() >= {"C2", "C5"}


def test_focal_point_saves_the_draft_and_keys_left_out_are_kept(
    client_for: ClientFor, itu_report: ActivityReport
) -> None:
    client = client_for("facilitator")
    assert _put(client, itu_report, itu_content()).status_code == 200
    itu_report.refresh_from_db()
    response = _put(client, itu_report, {"proposals": "Keep the action lines."})
    assert response.status_code == 200
    content = response.json()["content"]
    assert content["proposals"] == "Keep the action lines."
    assert content["executive_summary"].startswith("ITU continued")  # not sent, kept
    assert content["activities"]["C2"][0]["title"] == "Partner2Connect Digital Coalition"
    assert response.json()["version"] == itu_report.version + 1


@pytest.mark.parametrize("role", ["commission", "secretariat", "contributor", "registered"])
def test_others_cannot_save_the_report(client_for: ClientFor, itu_report: ActivityReport, role: str) -> None:
    assert _put(client_for(role), itu_report, itu_content()).status_code == 403
    itu_report.refresh_from_db()
    assert itu_report.executive_summary == ""


@pytest.mark.parametrize(
    ("content", "field"),
    [
        ({"executive_summary": "word " * 401}, "executive_summary"),
        ({"language": "de"}, "content.language"),
        ({"activities": ["not", "a", "dict"]}, "content"),
        ({"activities": {"C2": [{"title": "", "description": "x"}]}}, "activities-C2-0-title"),
        ({"activities": {"C2": [{"title": "x", "links": ["ftp:/x"]}]}}, "activities-C2-0-links"),
        ({"activities": {"C2": [{"title": "x", "countries": ["XXX"]}]}}, "activities-C2-0-countries"),
        ({"activities": {"C10": [{"title": "x"}]}}, "activities-C10"),
        ({"regional_activities": [{"title": "ITU is no commission"}]}, "regional_activities"),
        ({"obstacles": "nul\x00byte"}, "content"),
    ],
)
def test_bad_content_is_refused_naming_the_field(
    client_for: ClientFor, itu_report: ActivityReport, content: dict[str, Any], field: str
) -> None:
    response = _put(client_for("facilitator"), itu_report, content)
    assert response.status_code == 400
    body = response.json()
    if field.startswith("content."):  # the serializer's type checks nest under "content"
        body, field = body["content"], field.removeprefix("content.")
    assert field in body, body
    itu_report.refresh_from_db()
    assert itu_report.version == 1


def test_progress_on_a_roadmap_target_is_saved_and_a_foreign_target_refused(
    client_for: ClientFor, itu_report: ActivityReport, c2_target: MeasurableTarget
) -> None:
    client = client_for("facilitator")
    good = _put(client, itu_report, {"progress": {"C2": [{"target": c2_target.pk, "value": "93.5"}]}})
    assert good.status_code == 200
    assert good.json()["content"]["progress"]["C2"] == [{"target": c2_target.pk, "value": "93.5", "note": ""}]
    itu_report.refresh_from_db()
    bad = _put(client, itu_report, {"progress": {"C2": [{"target": c2_target.pk, "value": "lots"}]}})
    assert bad.status_code == 400 and f"progress-{c2_target.pk}-value" in bad.json()


def test_stale_save_answers_409_with_both_versions(client_for: ClientFor, itu_report: ActivityReport) -> None:
    first, second = client_for("facilitator"), client_for("facilitator")
    assert _put(first, itu_report, itu_content(), version=1).status_code == 200
    response = _put(second, itu_report, {"executive_summary": "Mine, typed meanwhile."}, version=1)
    assert response.status_code == 409
    body = response.json()
    assert body["current_version"] == 2
    assert body["current"]["executive_summary"].startswith("ITU continued")
    assert body["yours"]["executive_summary"] == "Mine, typed meanwhile."
    assert "version" in body
    itu_report.refresh_from_db()
    assert itu_report.executive_summary.startswith("ITU continued")


def test_the_whole_workflow_through_the_api(
    client_for: ClientFor, itu_report: ActivityReport, escwa_report: ActivityReport, c2_target: MeasurableTarget
) -> None:
    focal, reviewer = client_for("facilitator"), client_for("secretariat")
    content = itu_content(progress={"C2": [{"target": c2_target.pk, "value": "94"}]})
    assert _put(focal, itu_report, content).status_code == 200
    assert _act(reviewer, itu_report, "submit").status_code == 403  # the secretariat does not submit
    submitted = _act(focal, itu_report, "submit")
    assert submitted.status_code == 200 and submitted.json()["state"] == "submitted"
    assert submitted.json()["late"] is False
    assert _act(focal, itu_report, "accept").status_code == 403  # focal points do not review

    no_comment = _act(reviewer, itu_report, "request-changes", {"comments": []})
    assert no_comment.status_code == 400 and "comments" in no_comment.json()
    unknown = _act(reviewer, itu_report, "request-changes", {"comments": [{"section": "nowhere", "text": "x"}]})
    assert unknown.status_code == 400 and "section" in unknown.json()
    comments = [{"section": "line:C2", "text": "Give the number of countries reached."}]
    returned = _act(reviewer, itu_report, "request-changes", {"comments": comments})
    assert returned.status_code == 200 and returned.json()["state"] == "changes_requested"
    assert returned.json()["comments"][0]["section"] == "line:C2"

    itu_report.refresh_from_db()
    _put(focal, itu_report, {"executive_summary": "ITU reached 12 countries under C2."})
    assert _act(focal, itu_report, "resubmit").json()["state"] == "resubmitted"
    accepted = _act(reviewer, itu_report, "accept")
    assert accepted.status_code == 200
    assert accepted.json()["locked"] is True and accepted.json()["accepted_by"]["name"]
    assert TargetProgress.objects.get(target=c2_target, year=LAST_YEAR, organisation__code="ITU").value == 94
    itu_report.refresh_from_db()
    assert _put(focal, itu_report, {"obstacles": "late edit"}).status_code == 400  # locked

    assert _act(focal, itu_report, "unlock", {"reason": "typo"}).status_code == 403
    no_reason = _act(reviewer, itu_report, "unlock", {"reason": ""})
    assert no_reason.status_code == 400 and "reason" in no_reason.json()
    unlocked = _act(reviewer, itu_report, "unlock", {"reason": "The figure for Senegal is wrong."})
    assert unlocked.status_code == 200 and unlocked.json()["unlock_reason"] == "The figure for Senegal is wrong."

    versions = focal.get(f"/api/v1/activity-reports/{itu_report.pk}/versions/").json()
    assert [v["event"] for v in versions] == ["submitted", "resubmitted", "accepted"]
    diff = focal.get(f"/api/v1/activity-reports/{itu_report.pk}/diff/?before=1&after=2").json()
    summary = next(c for c in diff["changes"] if c["field"] == "executive_summary")
    assert summary["after"] == "ITU reached 12 countries under C2."
    assert focal.get(f"/api/v1/activity-reports/{itu_report.pk}/diff/?before=9").status_code == 400
    assert client_for("commission").get(f"/api/v1/activity-reports/{itu_report.pk}/versions/").status_code == 403


def test_regional_commission_submits_through_the_api(client_for: ClientFor, escwa_report: ActivityReport) -> None:
    client = client_for("commission")
    assert _put(client, escwa_report, escwa_content()).status_code == 200
    response = _act(client, escwa_report, "submit")
    assert response.status_code == 200 and response.json()["language"] == "ar"


def test_submitting_an_incomplete_report_names_what_is_missing(
    client_for: ClientFor, itu_report: ActivityReport
) -> None:
    response = _act(client_for("facilitator"), itu_report, "submit")
    assert response.status_code == 400 and "executive_summary" in response.json()


def test_stale_workflow_action_is_a_conflict(client_for: ClientFor, itu_report: ActivityReport) -> None:
    client = client_for("facilitator")
    _put(client, itu_report, itu_content())
    assert _act(client, itu_report, "submit", {"version": 1}).status_code == 409


def test_copy_forward_without_an_earlier_report_is_refused(client_for: ClientFor, itu_report: ActivityReport) -> None:
    response = _act(client_for("facilitator"), itu_report, "copy-forward", {"version": 1})
    assert response.status_code == 400 and "non_field_errors" in response.json()
    assert "version" in _act(client_for("facilitator"), itu_report, "copy-forward").json()


def test_submitting_after_the_deadline_is_allowed_and_marked_late(
    client_for: ClientFor, itu_report: ActivityReport
) -> None:
    ReportingCycle.objects.filter(pk=itu_report.cycle_id).update(
        deadline=timezone.localdate() - datetime.timedelta(days=3)
    )
    client = client_for("facilitator")
    _put(client, itu_report, itu_content())
    response = _act(client, itu_report, "submit")
    assert response.status_code == 200 and response.json()["late"] is True


def test_the_schema_documents_the_reporting_endpoints(client: Client) -> None:
    schema = client.get("/api/schema/").content.decode()
    for path in (
        "/api/v1/reporting-cycles/",
        "/api/v1/reporting-cycles/{year}/dashboard/",
        "/api/v1/activity-reports/{id}/",
        "/api/v1/activity-reports/{id}/request-changes/",
        "/api/v1/activity-reports/{id}/unlock/",
        "/api/v1/activity-reports/{id}/diff/",
    ):
        assert path in schema, path
    assert "'409':" in schema


def test_a_focal_point_drafts_and_submits_with_a_token(itu_report: ActivityReport, people: dict[str, Any]) -> None:
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=people['facilitator']).key}")
    saved = client.put(
        f"/api/v1/activity-reports/{itu_report.pk}/", {"version": 1, "content": itu_content()}, format="json"
    )
    assert saved.status_code == 200
    submitted = client.post(f"/api/v1/activity-reports/{itu_report.pk}/submit/", {}, format="json")
    assert submitted.status_code == 200 and submitted.json()["state"] == "submitted"
