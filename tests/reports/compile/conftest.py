"""Fixtures of the annual report: last year's cycle with its settings and ITU's and ESCWA's reports accepted."""

from __future__ import annotations

import datetime
import io
from typing import Any

import docx
import pytest

from reports import services
from reports.annual_settings import save_settings
from reports.compile_models import AnnualReportSettings
from reports.models import ActivityReport, ReportingCycle
from tests.reports.conftest import escwa_content, itu_content

SETTINGS = {
    "symbol_ga": "A/81/62",
    "symbol_ecosoc": "E/2026/10",
    "document_date": datetime.date(2026, 3, 2),
    "ga_session": 81,
    "ga_item": "16",
    "ga_item_title": "",
    "ga_preliminary_list": "A/81/50",
    "ecosoc_session": 2026,
    "ecosoc_dates_and_place": "",
    "ecosoc_item": "18 (b)",
    "ecosoc_item_title": "",
    "ecosoc_agenda": "E/2026/1",
    "title": "",
    "summary": "",
    "findings": "Progress remains uneven.\n\nThe Commission may wish to encourage reporting.",
}


def settings_for(cycle: ReportingCycle, by: Any, **changes: Any) -> AnnualReportSettings:
    values = dict(SETTINGS, **changes)
    values["ecosoc_session"] = cycle.year + 1
    return save_settings(cycle=cycle, values=values, version=None, by=by)


def accept(report: ActivityReport, author: Any, reviewer: Any, content: dict[str, Any]) -> ActivityReport:
    report.refresh_from_db()
    services.report_save(report=report, by=author, data=content, version=report.version)
    services.report_submit(report=report, by=author)
    report.refresh_from_db()
    return services.report_accept(report=report, by=reviewer)


@pytest.fixture
def annual_cycle(cycle: ReportingCycle, people: dict[str, Any]) -> ReportingCycle:
    settings_for(cycle, people["secretariat"])
    accept(cycle.reports.get(organisation__code="ITU"), people["facilitator"], people["secretariat"], itu_content())
    accept(cycle.reports.get(organisation__code="ESCWA"), people["commission"], people["secretariat"], escwa_content())
    return cycle


def read_docx(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))
