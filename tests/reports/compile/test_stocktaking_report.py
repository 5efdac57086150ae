"""The yearly stocktaking report: entries published in a year, counted in SQL, with examples per line."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db import connection
from django.db.models.functions import ExtractYear
from django.test.utils import CaptureQueriesContext

from actionlines.models import ActionLine
from reports.compile import build_stocktaking_report, stocktaking_report_fingerprint
from reports.document import model as m
from reports.document.render_docx import render_docx
from stocktaking import demo as entries_demo
from stocktaking.models import EntrySearch
from tests.reports.compile.conftest import read_docx


def _busiest_year() -> int:
    years = Counter(
        EntrySearch.objects.annotate(y=ExtractYear("published_at", tzinfo=None)).values_list("y", flat=True)
    )
    return years.most_common(1)[0][0]


def test_table_totals_equal_the_entries_published_that_year(db: Any) -> None:
    entries_demo.load(60, seed=11)
    year = _busiest_year()
    rows = list(
        EntrySearch.objects.filter(published_at__year=year).values_list("facet_action_lines", "stakeholder_type_id")
    )
    by_line = Counter(line for lines, _type in rows for line in lines)
    report = build_stocktaking_report(year, "en")
    tables = {t.caption: t for t in report.iter_blocks(m.Table)}
    line_table = tables["Entries published by action line"]
    codes = {line.pk: line.code for line in ActionLine.objects.all()}
    shown = {row[0].text.split(" – ")[0]: int(row[1].text.replace(",", "")) for row in line_table.body_rows}
    assert {code: n for code, n in shown.items() if n} == {codes[pk]: n for pk, n in by_line.items()}
    for table in tables.values():
        assert table.totals_row is not None and table.totals_row[1].text == f"{len(rows):,}"
    type_table = tables["Entries published by stakeholder type"]
    assert sum(int(r[1].text.replace(",", "")) for r in type_table.body_rows) == len(rows)
    assert (
        report.summary[0].plain_text
        == f"In {year}, {len(rows):,} entries were published in the WSIS stocktaking database."
    )
    examples = [p for p in report.iter_blocks(m.Paragraph) if p.source is not None]
    assert examples and all(p.source.url.startswith("/en/stocktaking/entries/") for p in examples)
    document = read_docx(render_docx(report))
    assert [p.text.split("\t")[-1] for p in document.paragraphs if p.style.name == "Heading 1"] == [
        "Introduction",
        "Overview",
        "Entries by action line",
    ]


def test_a_year_without_entries_says_so_and_queries_stay_constant(db: Any) -> None:
    with CaptureQueriesContext(connection) as empty:
        report = build_stocktaking_report(2007, "fr")
    texts = [p.plain_text for p in report.iter_blocks(m.Paragraph)]
    assert "Aucune entrée n'a été publiée dans la base de données de l'inventaire du SMSI en 2007." in texts
    entries_demo.load(30, seed=12)
    year = _busiest_year()
    with CaptureQueriesContext(connection) as full:
        build_stocktaking_report(year, "fr")
    assert len(full.captured_queries) <= len(empty.captured_queries) + 1 <= 6  # + the examples


def test_fingerprint_follows_the_entries(db: Any) -> None:
    before = stocktaking_report_fingerprint(2025, "en")
    assert before == stocktaking_report_fingerprint(2025, "en") != stocktaking_report_fingerprint(2025, "ar")
    entries_demo.load(5, seed=13)
    assert stocktaking_report_fingerprint(2025, "en") != before
