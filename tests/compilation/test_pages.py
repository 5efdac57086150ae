"""Pages of report compilation: who may use them, starting and cancelling (audited), the run page,
downloads, the draft read in the portal and the comparison of two drafts. The worker's part is in
test_compile.py and test_worker.py."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import docx
import pytest
from django.test import Client

from compilation import tasks
from compilation.models import AnnualReportRun
from reports.models import ReportingCycle
from tests.compilation.conftest import changed_sample

pytestmark = pytest.mark.django_db

DENIED_ROLES = ["registered", "contributor", "organisation_admin", "facilitator", "commission"]


def _close_file(response: Any) -> None:
    """A file response holds its file open until the server closes it (response.close() would also
    end the test's database connection, through request_finished)."""
    for closer in getattr(response, "_resource_closers", []):
        closer()


def outcome(response: Any) -> str:
    _close_file(response)
    if response.status_code == 302 and "/account/sign-in/" in response["Location"]:
        return "sign in"
    if response.status_code == 302 and "two-factor" in response["Location"]:
        return "second factor"
    return "forbidden" if response.status_code == 403 else "ok"


def _urls(run: AnnualReportRun, other: AnnualReportRun) -> list[str]:
    return [
        f"/en/reports/cycles/{run.year}/drafts/",
        "/en/reports/stocktaking-report/",
        f"/en/reports/drafts/{run.pk}/",
        f"/en/reports/drafts/{run.pk}/read/",
        f"/en/reports/drafts/{run.pk}/download/pdf/",
        f"/en/reports/drafts/compare/?a={other.pk}&b={run.pk}",
    ]


def test_only_the_secretariat_sees_the_drafts(
    client_for: Callable[[str], Client], stored_draft: Callable[..., AnnualReportRun]
) -> None:
    run, other = stored_draft(), stored_draft(changed_sample())
    for url in _urls(run, other):
        assert outcome(client_for("secretariat").get(url)) == "ok", url
        assert outcome(client_for("administrator").get(url)) == "ok", url
        assert outcome(client_for("anonymous").get(url)) == "sign in", url
        assert outcome(client_for("secretariat_without_2fa").get(url)) == "second factor", url
        for role in DENIED_ROLES:  # focal points of facilitators and commissions included
            assert outcome(client_for(role).get(url)) == "forbidden", (role, url)


def test_only_the_secretariat_starts_or_cancels(
    client_for: Callable[[str], Client], cycle: ReportingCycle, people: dict[str, Any]
) -> None:
    for role in DENIED_ROLES:
        response = client_for(role).post(f"/en/reports/cycles/{cycle.year}/drafts/", {"language": "en"})
        assert response.status_code == 403
    assert (
        client_for("anonymous")
        .post("/en/reports/stocktaking-report/", {"year": 2025, "language": "en"})["Location"]
        .startswith("/en/account/sign-in/")
    )
    assert not AnnualReportRun.objects.exists()
    run = AnnualReportRun.objects.create(
        kind="annual_report", cycle=cycle, year=cycle.year, language="en", started_by=people["secretariat"]
    )
    assert client_for("facilitator").post(f"/en/reports/drafts/{run.pk}/cancel/").status_code == 403
    assert AnnualReportRun.objects.get(pk=run.pk).status == "queued"


def test_compile_draft_records_the_run_and_queues_it_after_commit(
    client_for: Callable[[str], Client],
    cycle: ReportingCycle,
    people: dict[str, Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = client_for("secretariat")
    dashboard = client.get(f"/en/reports/cycles/{cycle.year}/").content.decode()
    assert f'action="/en/reports/cycles/{cycle.year}/drafts/"' in dashboard and "Compile draft" in dashboard
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(f"/en/reports/cycles/{cycle.year}/drafts/", {"language": "fr"})
    run = AnnualReportRun.objects.get()
    assert response["Location"] == f"/en/reports/drafts/{run.pk}/"
    assert (run.kind, run.cycle, run.year, run.language, run.status) == (
        "annual_report",
        cycle,
        cycle.year,
        "fr",
        "queued",
    )
    assert run.started_by == people["secretariat"] and run.attempts == 0
    assert len(callbacks) == 1  # the task is sent once the run is committed, never compiled here
    assert run.history.get().history_change_reason == "compilation.run.started"
    assert run.history.get().history_user == people["secretariat"]
    page = client.get(response["Location"]).content.decode()
    assert "Queued" in page and 'hx-trigger="every 2s"' in page and 'http-equiv="refresh"' in page
    assert "Cancel the compilation" in page


def test_a_wrong_language_is_refused_and_nothing_is_queued(
    client_for: Callable[[str], Client], cycle: ReportingCycle
) -> None:
    response = client_for("secretariat").post(f"/en/reports/cycles/{cycle.year}/drafts/", {"language": "de"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    response = client_for("secretariat").post("/en/reports/stocktaking-report/", {"year": "1999", "language": "ru"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "2003" in page and 'value="1999"' in page  # what was typed is kept
    assert not AnnualReportRun.objects.exists()


def test_stocktaking_report_is_started_from_its_page(
    client_for: Callable[[str], Client], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        response = client_for("secretariat").post("/en/reports/stocktaking-report/", {"year": "2024", "language": "es"})
    run = AnnualReportRun.objects.get()
    assert response.status_code == 302 and len(callbacks) == 1
    assert (run.kind, run.cycle, run.year, run.language) == ("stocktaking_report", None, 2024, "es")


def test_cancelling_a_queued_run_ends_it_and_the_worker_then_does_nothing(
    client_for: Callable[[str], Client], cycle: ReportingCycle, people: dict[str, Any]
) -> None:
    run = AnnualReportRun.objects.create(
        kind="annual_report", cycle=cycle, year=cycle.year, language="en", started_by=people["secretariat"]
    )
    response = client_for("secretariat").post(f"/en/reports/drafts/{run.pk}/cancel/", follow=True)
    assert "The compilation was cancelled." in response.content.decode()
    run.refresh_from_db()
    assert run.status == "cancelled" and run.cancel_requested and run.finished_at is not None
    assert run.history.first().history_change_reason == "compilation.run.cancelled"
    tasks.compile_report(run.pk)  # the message still arrives: nothing happens
    run.refresh_from_db()
    assert run.status == "cancelled" and run.attempts == 0 and not run.outputs.exists()
    again = client_for("secretariat").post(f"/en/reports/drafts/{run.pk}/cancel/", follow=True)
    assert "Only a queued or running compilation can be cancelled." in again.content.decode()


def test_run_page_downloads_and_read_view(
    client_for: Callable[[str], Client], stored_draft: Callable[..., AnnualReportRun]
) -> None:
    run = stored_draft(language="fr")
    client = client_for("secretariat")
    page = client.get(f"/en/reports/drafts/{run.pk}/").content.decode()
    assert "Succeeded" in page and "hx-trigger" not in page and 'http-equiv="refresh"' not in page
    for fmt in ("docx", "html", "pdf"):
        assert f"/en/reports/drafts/{run.pk}/download/{fmt}/" in page
    pdf = client.get(f"/en/reports/drafts/{run.pk}/download/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf["Cache-Control"] == "private, no-store"
    assert f"wsis-annual-report-{run.year}-fr-draft-{run.pk}.pdf" in pdf["Content-Disposition"]
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    _close_file(pdf)
    word = client.get(f"/en/reports/drafts/{run.pk}/download/docx/")
    document = docx.Document(io.BytesIO(b"".join(word.streaming_content)))
    _close_file(word)
    assert any("Contexte général" in p.text for p in document.paragraphs)
    assert client.get(f"/en/reports/drafts/{run.pk}/download/article/").status_code == 404
    read = client.get(f"/en/reports/drafts/{run.pk}/read/").content.decode()
    # Traceability: a paragraph drawn from a submission links to it.
    assert 'href="/fr/consultations/"' in read and "<article" in read


def test_list_and_run_pages_are_constant_in_queries(
    client_for: Callable[[str], Client],
    stored_draft: Callable[..., AnnualReportRun],
    cycle: ReportingCycle,
    django_assert_num_queries: Any,
) -> None:
    runs = [stored_draft() for _ in range(3)]
    client = client_for("secretariat")
    client.get("/en/")  # warm the session
    # session, user, OTP device, the cycle, the runs with who started them, the menu's memberships
    with django_assert_num_queries(6):
        assert client.get(f"/en/reports/cycles/{cycle.year}/drafts/").status_code == 200
    # session, user, OTP device, the run (cycle, starter, reused run joined), its outputs, the menu
    with django_assert_num_queries(6):
        assert client.get(f"/en/reports/drafts/{runs[0].pk}/").status_code == 200
    # session, user, OTP device, the runs with who started them, the menu's memberships
    with django_assert_num_queries(5):
        assert client.get("/en/reports/stocktaking-report/").status_code == 200


def test_compare_shows_what_changed_paragraph_by_paragraph_escaped(
    client_for: Callable[[str], Client], stored_draft: Callable[..., AnnualReportRun]
) -> None:
    first, second = stored_draft(language="en"), stored_draft(changed_sample("en"), language="en")
    page = client_for("secretariat").get(f"/en/reports/drafts/compare/?a={first.pk}&b={second.pk}").content.decode()
    assert "2 paragraphs changed" in page
    assert "<ins>&lt;b&gt;welcomed&lt;/b&gt;</ins>" in page or "&lt;b&gt;welcomed&lt;/b&gt;" in page
    assert "<b>welcomed" not in page  # the submission's text is escaped
    assert "<ins>A paragraph added in the second draft.</ins>" in page
    assert "Added (paragraph" in page and "Changed (paragraph" in page
    same = client_for("secretariat").get(f"/en/reports/drafts/compare/?a={first.pk}&b={first.pk}").content.decode()
    assert "0 paragraphs changed" in same and "The two documents are identical." in same


def test_compare_refuses_drafts_that_did_not_succeed(
    client_for: Callable[[str], Client], stored_draft: Callable[..., AnnualReportRun]
) -> None:
    run = stored_draft()
    failed = AnnualReportRun.objects.create(
        kind=run.kind, cycle=run.cycle, year=run.year, language="en", started_by=run.started_by, status="failed"
    )
    response = client_for("secretariat").get(f"/en/reports/drafts/compare/?a={failed.pk}&b={run.pk}")
    assert response.status_code == 400
    assert "Only drafts that compiled successfully can be compared." in response.content.decode()
    assert client_for("secretariat").get("/en/reports/drafts/compare/?a=x&b=1").status_code == 404
