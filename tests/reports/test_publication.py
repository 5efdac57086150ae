"""Publication: the public sees only accepted reports (their accepted version), per cycle, as pages and
as PDFs drawn with the vendored fonts and stored once per accepted version."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.test import Client

from reports import publication, services
from reports.models import ActivityReport, ReportingCycle
from tests.reports.conftest import LAST_YEAR, escwa_content, itu_content

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def _accept(report: ActivityReport, people: dict[str, Any], role: str, content: dict[str, Any]) -> ActivityReport:
    report.refresh_from_db()
    services.report_save(report=report, by=people[role], data=content, version=report.version)
    services.report_submit(report=report, by=people[role])
    return services.report_accept(report=report, by=people["secretariat"])


@pytest.fixture
def published(
    cycle: ReportingCycle, itu_report: ActivityReport, escwa_report: ActivityReport, people: dict[str, Any]
) -> ReportingCycle:
    _accept(itu_report, people, "facilitator", itu_content())
    _accept(escwa_report, people, "commission", escwa_content())
    return cycle


def _focal(report: ActivityReport) -> Any:
    from stakeholders.models import Membership
    from tests.factories import MembershipFactory

    return MembershipFactory(organisation=report.organisation, role=Membership.Role.FOCAL_POINT).user


def _pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()


def test_cycle_page_lists_only_accepted_reports(
    client: Client, published: ReportingCycle, people: dict[str, Any], django_assert_num_queries: Any
) -> None:
    unesco = published.reports.get(organisation__code="UNESCO")
    services.report_save(
        report=unesco,
        by=_focal(unesco),
        data={"executive_summary": "A UNESCO draft."},
        version=unesco.version,
    )
    # cycle; latest accepted versions with report, organisation, invitation, cycle and acceptor;
    # their action lines
    with django_assert_num_queries(3):
        response = client.get(f"/en/reports/published/{LAST_YEAR}/")
    html = response.content.decode()
    assert response.status_code == 200
    rows = [v.report.organisation.code for v in response.context["versions"]]
    assert rows == ["ITU", "ESCWA"]  # facilitators first, then the regional commissions
    assert "A UNESCO draft" not in html and "United Nations Educational" not in html  # drafts are never listed
    assert f"/en/reports/published/{LAST_YEAR}/{published.reports.get(organisation__code='ITU').pk}/" in html
    assert "Arabic" in html


def test_cycles_with_published_reports_are_listed(client: Client, published: ReportingCycle) -> None:
    html = client.get("/en/reports/published/").content.decode()
    assert f"Reports on {LAST_YEAR}" in html and "2 reports" in html


def test_a_report_page_shows_the_accepted_content(
    client: Client, published: ReportingCycle, django_assert_num_queries: Any
) -> None:
    itu = published.reports.get(organisation__code="ITU")
    # cycle, the version with its report; action lines, countries, SDG targets of the document (no
    # progress reported: the targets' query is not made)
    with django_assert_num_queries(5):
        response = client.get(f"/en/reports/published/{LAST_YEAR}/{itu.pk}/")
    html = response.content.decode()
    assert "Partner2Connect Digital Coalition" in html
    assert "Senegal" in html and "Kenya" in html  # country names, not codes
    assert "C2 Information and communication infrastructure" in html
    assert "Affordability of broadband remains the main obstacle." in html


@pytest.mark.parametrize("state", ["draft", "submitted", "changes_requested"])
def test_unaccepted_reports_are_not_public(
    client_for: Callable[[str], Client], itu_report: ActivityReport, people: dict[str, Any], state: str
) -> None:
    if state != "draft":
        services.report_save(report=itu_report, by=people["facilitator"], data=itu_content(), version=1)
        services.report_submit(report=itu_report, by=people["facilitator"])
    if state == "changes_requested":
        comments = [{"section": "general", "text": "Shorter, please."}]
        services.report_request_changes(report=itu_report, by=people["secretariat"], comments=comments)
    for role in ("anonymous", "facilitator", "secretariat"):
        client = client_for(role)
        assert client.get(f"/en/reports/published/{LAST_YEAR}/{itu_report.pk}/").status_code == 404
        assert client.get(f"/en/reports/published/{LAST_YEAR}/{itu_report.pk}/pdf/").status_code == 404


def test_an_unlocked_report_stays_public_as_accepted(
    client: Client, published: ReportingCycle, people: dict[str, Any]
) -> None:
    itu = published.reports.get(organisation__code="ITU")
    services.report_unlock(report=itu, by=people["secretariat"], reason="The Senegal figure is wrong.")
    itu.refresh_from_db()
    services.report_save(
        report=itu, by=people["facilitator"], data=itu_content(obstacles="DRAFT TEXT"), version=itu.version
    )
    html = client.get(f"/en/reports/published/{LAST_YEAR}/{itu.pk}/").content.decode()
    assert "DRAFT TEXT" not in html and "Affordability of broadband" in html


def test_the_pdf_is_drawn_once_per_accepted_version(
    client: Client, published: ReportingCycle, people: dict[str, Any], tmp_path: Path
) -> None:
    itu = published.reports.get(organisation__code="ITU")
    response = client.get(f"/en/reports/published/{LAST_YEAR}/{itu.pk}/pdf/?download=1")
    data = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert data.startswith(b"%PDF")
    assert f'filename="WSIS-report-{LAST_YEAR}-ITU-v' in response["Content-Disposition"]
    version = publication.published_version(cycle=published, report_id=itu.pk)
    assert version is not None
    name = publication.pdf_name(version)
    assert default_storage.exists(name)
    stamp = default_storage.get_modified_time(name)
    again = client.get(f"/en/reports/published/{LAST_YEAR}/{itu.pk}/pdf/")
    assert b"".join(again.streaming_content) == data  # type: ignore[attr-defined]
    assert default_storage.get_modified_time(name) == stamp  # served from the store, not drawn again
    if os.environ.get("KEEP_PDF"):
        Path(os.environ["KEEP_PDF"], "itu.pdf").write_bytes(data)
    if shutil.which("pdftotext"):
        text = _pdf_text(data, tmp_path)
        assert "International Telecommunication Union" in text
        assert "Partner2Connect Digital Coalition" in text


def test_an_arabic_report_renders_with_the_vendored_arabic_font(
    client: Client, published: ReportingCycle, tmp_path: Path
) -> None:
    escwa = published.reports.get(organisation__code="ESCWA")
    arabic = "دعم الدول العربية في استعراضات التنمية الرقمية"
    version = publication.published_version(cycle=published, report_id=escwa.pk)
    assert version is not None
    version.data = {**version.data, "executive_summary": arabic}
    version.save()
    page = client.get(f"/ar/reports/published/{LAST_YEAR}/{escwa.pk}/").content.decode()
    assert 'dir="rtl"' in page and arabic in page
    data = publication.render_pdf(version)
    assert data.startswith(b"%PDF")
    if shutil.which("pdffonts"):  # the embedded fonts are the vendored ones
        (tmp_path / "fonts.pdf").write_bytes(data)
        fonts = subprocess.run(["pdffonts", str(tmp_path / "fonts.pdf")], capture_output=True, check=True).stdout
        assert b"Portal-Arabic" in fonts and b"Portal-Sans" in fonts  # our @font-face families only
    if shutil.which("pdftotext"):
        text = _pdf_text(data, tmp_path)
        # Extraction gives Arabic in visual order, with shaped forms: check that Arabic text is there.
        assert sum("\u0600" <= ch <= "\u06ff" or "\ufe70" <= ch <= "\ufeff" for ch in text) > 30
    if os.environ.get("KEEP_PDF"):  # to look at it: KEEP_PDF=/tmp/dir pytest -k arabic
        Path(os.environ["KEEP_PDF"], "escwa.pdf").write_bytes(data)


def test_accepting_queues_the_pdf_and_the_task_stores_it(
    itu_report: ActivityReport, people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    services.report_save(report=itu_report, by=people["facilitator"], data=itu_content(), version=1)
    services.report_submit(report=itu_report, by=people["facilitator"])
    with django_capture_on_commit_callbacks() as callbacks:
        services.report_accept(report=itu_report, by=people["secretariat"])
    [queued] = [c for c in callbacks if getattr(c, "func", None) == publication.render_published_pdf.delay]
    version = itu_report.versions.get(event="accepted")
    assert queued.keywords == {"version_id": version.pk}
    name = publication.render_published_pdf.apply(kwargs=queued.keywords).get()
    assert name == publication.pdf_name(version) and default_storage.exists(name)
    assert publication.render_published_pdf.apply(kwargs=queued.keywords).get() == name  # idempotent
