"""Fixtures of report compilation: a cycle, and drafts stored from a document model."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from compilation import outline, services
from compilation.models import AnnualReportRun
from reports import annual_settings
from reports import services as report_services
from reports.document import model as m
from reports.document import sample
from reports.models import ReportingCycle

LAST_YEAR = timezone.localdate().year - 1


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def cycle(people: dict[str, Any]) -> ReportingCycle:
    """An open cycle with the annual report's settings entered (symbols, sessions, findings)."""
    cycle = report_services.cycle_open(
        year=LAST_YEAR,
        session="twenty-ninth session, 2026",
        deadline=timezone.localdate() + datetime.timedelta(days=30),
        symbol_ga="A/81/62",
        symbol_ecosoc="E/2026/10",
        by=people["secretariat"],
    )
    values = dict.fromkeys(annual_settings.FIELDS, "")
    values.update(annual_settings.initial_for(cycle))
    values.update(ga_item="17", ecosoc_item="13 (b)", findings="Affordability remains the main obstacle.")
    annual_settings.save_settings(cycle=cycle, values=values, version=None, by=people["secretariat"])
    return cycle


def changed_sample(language: str = "en") -> m.Document:
    """The sample report with its second numbered paragraph rewritten and one paragraph added."""
    document = sample.sample_document(language)
    chapter = document.body[0]
    content = list(chapter.content)
    index = next(i for i, block in enumerate(content) if isinstance(block, m.Paragraph) and block.numbered)
    content[index] = m.Paragraph.of("The Commission <b>welcomed</b> the progress made in 2026.")
    content.append(m.Paragraph.of("A paragraph added in the second draft."))
    body = (dataclasses.replace(chapter, content=tuple(content)), *document.body[1:])
    return dataclasses.replace(document, body=body)


@pytest.fixture
def stored_draft(people: dict[str, Any], cycle: ReportingCycle, media: Any) -> Callable[..., AnnualReportRun]:
    """A succeeded draft whose files are rendered and stored by the service from `document`."""

    def make(document: m.Document | None = None, language: str = "en") -> AnnualReportRun:
        document = document or sample.sample_document(language)
        run = AnnualReportRun.objects.create(
            kind=AnnualReportRun.Kind.ANNUAL_REPORT,
            cycle=cycle,
            year=cycle.year,
            language=language,
            started_by=people["secretariat"],
        )
        services.store_document(run, document)
        AnnualReportRun.objects.filter(pk=run.pk).update(
            status=AnnualReportRun.Status.SUCCEEDED,
            outline=outline.document_outline(document),
            document_fingerprint=document.fingerprint(),
            started_at=timezone.now(),
            finished_at=timezone.now(),
        )
        run.refresh_from_db()
        return run

    return make


def accept(report: Any, people: dict[str, Any], author: str, **changes: Any) -> Any:
    """Write, submit and accept `report` as its focal point (`author`, a key of `people`) would."""
    from reports import services as s
    from tests.reports.conftest import escwa_content, itu_content

    content = itu_content(**changes) if author == "facilitator" else escwa_content(**changes)
    report = s.report_save(report=report, by=people[author], data=content, version=report.version)
    report = s.report_submit(report=report, by=people[author])
    return s.report_accept(report=report, by=people["secretariat"])
