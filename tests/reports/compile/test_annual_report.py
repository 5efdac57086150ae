"""The annual report compiled from the data, read back from its DOCX (issue 6, "Done when")."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx.oxml.ns import qn

from consultations import demo as consultations_demo
from indicators.models import Indicator, Observation
from reports.compile import (
    CompileError,
    annual_report_fingerprint,
    build_annual_report,
)
from reports.compile.annual import step_names
from reports.document import model as m
from reports.document.render_docx import render_docx
from reports.document.sample import CONSULTATION_ROWS
from reports.models import ReportingCycle
from stakeholders.models import Membership, Organisation, Region
from tests.factories import MembershipFactory
from tests.reports.compile.conftest import accept, read_docx, settings_for
from tests.reports.conftest import itu_content

CHAPTERS_EN = [
    "Introduction",
    "Key trends",
    "Regional implementation",
    "International implementation",
    "Internet governance",
    "Enhanced cooperation",
    "Measuring ICT for development",
    "Findings and suggestions",
]


def _headings(document: Any, level: int) -> list[str]:
    return [p.text.split("\t", 1)[-1] for p in document.paragraphs if p.style.name == f"Heading {level}"]


def test_chapters_in_order_numbers_continuous_and_symbol_on_the_first_page(annual_cycle: ReportingCycle) -> None:
    report = build_annual_report(annual_cycle, "en")
    document = read_docx(render_docx(report))
    assert _headings(document, 1)[:8] == CHAPTERS_EN
    numbered = [p for p in document.paragraphs if p.style.name == "Numbered Paragraph"]
    assert len(numbered) == m.layout(report).paragraph_count > 20
    # One Word list, never restarted: the numbers run on from 1 through the chapters.
    num_ids = {p._p.pPr.find(qn("w:numPr")).find(qn("w:numId")).get(qn("w:val")) for p in numbered}
    assert len(num_ids) == 1
    placed = [item for item in m.layout(report).body if isinstance(item, m.Placed) and item.number]
    assert [item.number for item in placed] == list(range(1, len(placed) + 1))
    section = document.sections[0]
    masthead = [[cell.text for cell in row.cells] for row in section.first_page_header.tables[0].rows]
    assert masthead[0] == ["United Nations", "A/81/62–E/2026/10"]
    assert masthead[1][1] == "Distr.: General\n2 March 2026\nOriginal: English"
    agenda = [cell.text.split("\n") for cell in document.tables[0].rows[0].cells]
    assert agenda[0][:3] == ["General Assembly", "Eighty-first session", "Item 16 of the preliminary list*"]
    assert agenda[1][:3] == ["Economic and Social Council", "2026 session", "Item 18 (b) of the provisional agenda**"]
    title = next(p for p in document.paragraphs if p.style.name == "Title")
    assert title.text.startswith("Progress made in the implementation of and follow-up to the outcomes")


def test_content_comes_from_the_accepted_reports_with_links_to_them(annual_cycle: ReportingCycle) -> None:
    report = build_annual_report(annual_cycle, "en")
    itu = annual_cycle.reports.get(organisation__code="ITU")
    escwa = annual_cycle.reports.get(organisation__code="ESCWA")
    texts = {p.plain_text: p for p in report.iter_blocks(m.Paragraph)}
    partner = next(p for t, p in texts.items() if "Partner2Connect Digital Coalition" in t)
    assert partner.source is not None and partner.source.url == f"/en/reports/{itu.pk}/"
    assert any("ESCWA supported Arab States" in t for t in texts)  # the commission's part
    assert any("ITU took part in the IGF in Norway." in t for t in texts)  # chapter V
    intro = next(t for t in texts if t.startswith("The report is based on the activity reports"))
    responded = annual_cycle.reports.filter(submitted_at__isnull=False).count()
    assert f"{responded} responded" in intro and "reports of 2 were reviewed" in intro
    c2 = next(s for s in _sections(report) if s.title.startswith("C2 – "))
    facilitators = c2.content[0].plain_text
    assert facilitators.startswith("Facilitated by ") and "International Telecommunication Union" in facilitators
    annex = report.annexes[0]
    names = [item[0].text for s in annex.content if isinstance(s, m.Section) for b in s.content for item in b.items]
    assert {itu.organisation.name_en, escwa.organisation.name_en} == set(names)
    assert report.footnotes  # the mandate and the indicators' sources
    sources = [run for block in report.annexes[1].content for item in block.items for run in item]
    assert any(isinstance(r, m.SourceLink) and r.url == f"/en/reports/{escwa.pk}/" for r in sources)
    # The findings written by the secretariat make chapter VIII.
    findings = next(s for s in report.body if s.anchor == "findings")
    assert [p.plain_text for p in findings.content] == [
        "Progress remains uneven.",
        "The Commission may wish to encourage reporting.",
    ]


def _sections(document: m.Document) -> list[m.Section]:
    found: list[m.Section] = []

    def walk(content: tuple[Any, ...]) -> None:
        for item in content:
            if isinstance(item, m.Section):
                found.append(item)
                walk(item.content)

    walk(document.body)
    return found


def test_sections_without_data_say_so(cycle: ReportingCycle, people: dict[str, Any]) -> None:
    settings_for(cycle, people["secretariat"], findings="")
    report = build_annual_report(cycle, "en")
    texts = [p.plain_text for p in report.iter_blocks(m.Paragraph)]
    assert f"No activity under this action line was reported for {cycle.year}." in texts
    assert any(t.startswith("No accepted report of Economic Commission for Africa") for t in texts)
    assert f"No contribution on Internet governance was reported for {cycle.year}." in texts
    assert f"No contribution on measuring ICT for development was reported for {cycle.year}." in texts
    assert "The secretariat has not written findings and suggestions for this report." in texts
    assert "No report had been accepted when the report was compiled." in texts
    assert all(s.content for s in _sections(report))  # no chapter disappears or stays empty
    assert [s.title for s in report.body] == CHAPTERS_EN


def test_without_settings_the_compiler_says_what_to_enter(cycle: ReportingCycle) -> None:
    with pytest.raises(CompileError, match="Enter the report settings"):
        build_annual_report(cycle, "en")


def test_progress_is_reported_step_by_step(annual_cycle: ReportingCycle) -> None:
    calls: list[tuple[str, int, int]] = []
    build_annual_report(annual_cycle, "fr", lambda step, done, total: calls.append((step, done, total)))
    assert [c[1] for c in calls] == list(range(10)) and {c[2] for c in calls} == {10}
    assert calls[0][0] == "Page de titre" and calls[3][0] == "Mise en œuvre au niveau régional"


def test_the_seed_002_consultation_table_is_reproduced_from_its_98_contributions(
    people: dict[str, Any],
) -> None:
    consultations_demo.load()  # seed 002's consultation: 98 contributions, September-December 2010
    cycle = ReportingCycle.objects.create(
        year=2010,
        session="fourteenth session, 2011",
        deadline=datetime.date(2011, 1, 15),
        opened_by=people["secretariat"],
    )
    settings_for(
        cycle,
        people["secretariat"],
        symbol_ga="A/66/77",
        symbol_ecosoc="E/2011/103",
        document_date=datetime.date(2011, 5, 4),
    )
    report = build_annual_report(cycle, "fr")
    table = next(t for t in report.iter_blocks(m.Table) if t.caption.startswith("Répartition des contributions"))
    body = [[c.text for c in row] for row in table.body_rows]
    assert body == [[label, *map(str, values), str(sum(values))] for label, values in CONSULTATION_ROWS]
    assert [c.text for c in table.totals_row or ()] == ["Total", "59", "26", "13", "98"]
    # and in the DOCX
    document = read_docx(render_docx(report))
    docx_table = next(t for t in document.tables if t.rows[-1].cells[0].text == "Total")
    rows = [[cell.text for cell in row.cells] for row in docx_table.rows]
    assert rows[-1] == ["Total", "59", "26", "13", "98"]
    assert rows[1] == ["Gouvernements", "11", "13", "8", "32"]
    assert rows[0][1] == "Observations présentées par écrit entre septembre et décembre 2010"


def test_french_and_arabic_versions_translate_the_fixed_text(annual_cycle: ReportingCycle) -> None:
    french = build_annual_report(annual_cycle, "fr")
    assert [s.title for s in french.body][:3] == [
        "Introduction",
        "Principales tendances",
        "Mise en œuvre au niveau régional",
    ]
    assert french.title.startswith("Progrès accomplis dans la mise en œuvre")
    assert french.agenda[0].item == "Point 16 de la liste préliminaire"
    texts = [p.plain_text for p in french.iter_blocks(m.Paragraph)]
    assert any(t.startswith("Le rapport s'appuie sur les rapports d'activité pour") for t in texts)
    # Submitted text stays in the language submitted.
    assert any("Partner2Connect Digital Coalition" in t for t in texts)
    arabic = build_annual_report(annual_cycle, "ar")
    assert arabic.rtl and arabic.body[0].title == "مقدمة" and arabic.body[7].title == "الاستنتاجات والاقتراحات"
    document = read_docx(render_docx(arabic))
    assert document.sections[0]._sectPr.find(qn("w:bidi")) is not None
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "أولا -\tمقدمة"
    masthead = document.sections[0].first_page_header.tables[0]
    assert masthead.rows[0].cells[0].text == "الأمم المتحدة"
    numbered = [p for p in document.paragraphs if p.style.name == "Numbered Paragraph"]
    assert all(p._p.pPr.find(qn("w:bidi")) is not None for p in numbered)


def test_every_language_compiles(annual_cycle: ReportingCycle) -> None:
    titles = {language: build_annual_report(annual_cycle, language).body[1].title for language in m.LANGUAGES}
    assert titles == {
        "ar": "الاتجاهات الرئيسية",
        "zh-hans": "主要趋势",
        "en": "Key trends",
        "fr": "Principales tendances",
        "ru": "Основные тенденции",
        "es": "Principales tendencias",
    }
    assert step_names()  # English outside any override


def test_build_twice_same_document_same_bytes_same_fingerprint(annual_cycle: ReportingCycle) -> None:
    first, second = build_annual_report(annual_cycle, "en"), build_annual_report(annual_cycle, "en")
    assert first == second and first.fingerprint() == second.fingerprint()
    assert render_docx(first) == render_docx(second)
    assert annual_report_fingerprint(annual_cycle, "en") == annual_report_fingerprint(annual_cycle, "en")
    assert annual_report_fingerprint(annual_cycle, "en") != annual_report_fingerprint(annual_cycle, "fr")


def test_the_fingerprint_changes_with_each_input(annual_cycle: ReportingCycle, people: dict[str, Any]) -> None:
    seen = {annual_report_fingerprint(annual_cycle, "en")}

    def changed() -> bool:
        value = annual_report_fingerprint(annual_cycle, "en")
        new = value not in seen
        seen.add(value)
        return new

    settings = annual_cycle.report_settings
    from reports.annual_settings import FIELDS, save_settings

    values = {name: getattr(settings, name) for name in FIELDS}
    save_settings(
        cycle=annual_cycle, values=dict(values, findings="New."), version=settings.version, by=people["secretariat"]
    )
    assert changed()
    indicator = Indicator.objects.order_by("sort").first()
    assert indicator is not None
    Observation.objects.create(indicator=indicator, region=Region.objects.get(code="001"), year=1990, value=Decimal(1))
    assert changed()
    unesco = annual_cycle.reports.get(organisation__code="UNESCO")
    unesco.submitted_at = datetime.datetime(2026, 1, 2, tzinfo=datetime.UTC)
    unesco.save(update_fields=["submitted_at"])
    assert changed()
    assert not changed()


def test_query_count_does_not_grow_with_reports_and_entries(
    annual_cycle: ReportingCycle, people: dict[str, Any]
) -> None:
    with CaptureQueriesContext(connection) as before:
        build_annual_report(annual_cycle, "en")
    # More accepted reports (three more facilitators) and more stocktaking entries.
    from stocktaking import demo as entries_demo

    for code in ("UNESCO", "UNDP", "FAO"):
        organisation = Organisation.objects.get(code=code)
        report = annual_cycle.reports.filter(organisation=organisation).first()
        if report is None:
            continue
        focal = MembershipFactory(organisation=organisation, role=Membership.Role.FOCAL_POINT).user
        lines = list(report.invitation.action_lines.values_list("code", flat=True))
        content = itu_content(
            activities={code: [{"title": f"Work of {organisation.code} on {code}"}] for code in lines}
        )
        accept(report, focal, people["secretariat"], content)
    entries_demo.load(40, seed=3)
    with CaptureQueriesContext(connection) as after:
        document = build_annual_report(annual_cycle, "en")
    assert annual_cycle.reports.filter(state="accepted").count() >= 4
    assert len(after.captured_queries) == len(before.captured_queries) <= 16
    assert len([s for s in document.annexes[0].content if isinstance(s, m.Section)]) >= 1
    with CaptureQueriesContext(connection) as fingerprint:
        annual_report_fingerprint(annual_cycle, "en")
    assert len(fingerprint.captured_queries) == 2


def test_key_trends_cite_the_latest_world_and_regional_values_with_their_source(
    annual_cycle: ReportingCycle,
) -> None:
    indicator = Indicator.objects.create(
        code="test-internet-use", sort=0, name_en="Test Internet use", unit="percent", source="ITU test source"
    )
    world, africa = Region.objects.get(code="001"), Region.objects.get(code="002")
    year = annual_cycle.year
    for region, value_year, value in ((world, year - 1, "60.5"), (world, year, "67.4"), (africa, year - 1, "37.2")):
        Observation.objects.create(indicator=indicator, region=region, year=value_year, value=Decimal(value))
    Observation.objects.create(indicator=indicator, region=world, year=year + 1, value=Decimal("99"))  # too late
    report = build_annual_report(annual_cycle, "en")
    chapter = next(s for s in report.body if s.anchor == "key-trends")
    paragraph = next(p for p in chapter.content if isinstance(p, m.Paragraph) and "Test Internet use" in p.plain_text)
    assert paragraph.plain_text == f"Test Internet use: 67.4\u00a0% worldwide in {year}."
    note_key = next(r.key for r in paragraph.runs if isinstance(r, m.FootnoteRef))
    note = next(f for f in report.footnotes if f.key == note_key)
    assert note.runs[0].text == "Source: ITU test source."  # type: ignore[union-attr]
    table = next(b for b in chapter.content if isinstance(b, m.Table))
    header = [c.text for c in table.header_rows[0]]
    row = next(r for r in table.body_rows if r[0].text == "Test Internet use")
    assert (
        row[1].text == f"67.4\u00a0% ({year})" and row[header.index(africa.name_en)].text == f"37.2\u00a0% ({year - 1})"
    )
