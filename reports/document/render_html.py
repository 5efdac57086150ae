"""HTML output: templates/reports/document/ rendered with the laid-out model.

Paragraph numbers are visible text with ids (`#para-12`) so that a paragraph can be linked; footnotes
are an ordered list at the end with back-links (on screen) or, for the PDF, placed inline where they
are first called so that WeasyPrint floats them to the foot of the page. Every text is escaped; no
inline script or style (the portal's CSP forbids both).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from . import charts, terms
from .model import (
    BarChart,
    Document,
    Emphasis,
    FootnoteRef,
    Heading,
    Inline,
    ItemList,
    Layout,
    Paragraph,
    Placed,
    SourceLink,
    Table,
    Text,
    layout,
    paragraph_label,
)


@dataclass
class _Notes:
    """Counts the calls of each footnote while the document is walked in reading order."""

    numbers: dict[str, int]
    calls: dict[str, int]
    definitions: dict[str, tuple[Inline, ...]]
    print_mode: bool


def _runs_html(runs: tuple[Inline, ...], notes: _Notes | None) -> SafeString:
    out: list[str] = []
    for run in runs:
        if isinstance(run, Text):
            out.append(escape(run.text))
        elif isinstance(run, Emphasis):
            out.append(format_html("<strong>{}</strong>" if run.strong else "<em>{}</em>", run.text))
        elif isinstance(run, SourceLink):
            if run.label:
                out.append(
                    format_html('<a class="source-link" href="{}" title="{}">{}</a>', run.url, run.label, run.text)
                )
            else:
                out.append(format_html('<a class="source-link" href="{}">{}</a>', run.url, run.text))
        elif isinstance(run, FootnoteRef) and notes is not None:
            number = notes.numbers[run.key]
            notes.calls[run.key] = calls = notes.calls.get(run.key, 0) + 1
            if notes.print_mode:
                if calls == 1:
                    body = _runs_html(notes.definitions[run.key], None)
                    out.append(format_html('<span class="footnote" data-number="{}">{}</span>', number, body))
                else:
                    out.append(format_html('<sup class="note-again">{}</sup>', number))
            else:
                ref_id = f"fnref-{number}" if calls == 1 else f"fnref-{number}-{calls}"
                out.append(
                    format_html(
                        '<a class="note-ref" id="{}" href="#fn-{}" role="doc-noteref"><sup>{}</sup></a>',
                        ref_id,
                        number,
                        number,
                    )
                )
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped or format_html


def _table(table: Table) -> dict[str, Any]:
    grid = table.grid()
    header_count = len(table.header_rows)
    total_index = len(grid) - 1 if table.totals_row is not None else -1
    rows = []
    for r, row in enumerate(grid):
        cells = []
        for c, slot in enumerate(row):
            assert slot is not None  # grid() refuses holes
            cell, origin, header = slot
            if not origin:
                continue
            if header:
                scope = "colgroup" if cell.colspan > 1 else "col"
                tag = "th"
            elif c == 0:
                scope, tag = "row", "th"
            else:
                scope, tag = "", "td"
            cells.append(
                {
                    "tag": tag,
                    "scope": scope,
                    "text": cell.text,
                    "colspan": cell.colspan,
                    "rowspan": cell.rowspan,
                    "numeric": c in table.numeric_columns and not (header and c == 0),
                }
            )
        rows.append({"cells": cells, "totals": r == total_index})
    return {
        "kind": "table",
        "caption": table.caption,
        "head": rows[:header_count],
        "body": rows[header_count : total_index if total_index >= 0 else None],
        "foot": rows[total_index:] if total_index >= 0 else [],
    }


def _chart(chart: BarChart, language: str) -> dict[str, Any]:
    unit = f" ({chart.unit})" if chart.unit else ""
    return {
        "kind": "chart",
        "title": chart.title,
        "svg": mark_safe(charts.svg(chart, language)),  # noqa: S308 - charts.svg escapes every text
        "data_caption": terms.term("chart_data", language),
        "series": [s.name + unit for s in chart.series],
        "rows": [
            {
                "label": category,
                "values": [charts.format_value(s.values[i], chart.decimals, language) for s in chart.series],
            }
            for i, category in enumerate(chart.categories)
        ],
    }


def _items(items: tuple[Heading | Placed, ...], document: Document, notes: _Notes) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for item in items:
        if isinstance(item, Heading):
            out.append(
                {
                    "kind": "heading",
                    "tag": f"h{min(item.level + 1, 6)}",
                    "level": item.level,
                    "number": item.number,
                    "title": item.title,
                    "anchor": item.anchor,
                }
            )
            continue
        block = item.block
        if isinstance(block, Paragraph):
            out.append(
                {
                    "kind": "paragraph",
                    "number": item.number,
                    "anchor": item.anchor,
                    "label": terms.term("paragraph", document.language, n=item.number) if item.number else "",
                    "shown": paragraph_label(item.number, document.language) if item.number else "",
                    "html": _runs_html(block.runs, notes),
                    "source": block.source,
                }
            )
        elif isinstance(block, Table):
            out.append({**_table(block), "source": _runs_html(block.source, notes)})
        elif isinstance(block, BarChart):
            out.append({**_chart(block, document.language), "source": _runs_html(block.source, notes)})
        elif isinstance(block, ItemList):
            out.append({"kind": "list", "items": [_runs_html(entry, notes) for entry in block.items]})
    return out


def context(document: Document, *, print_mode: bool = False, laid_out: Layout | None = None) -> dict[str, Any]:
    laid_out = laid_out or layout(document)
    language = document.language
    notes = _Notes(
        numbers=laid_out.footnote_numbers,
        calls={},
        definitions={f.key: f.runs for f in document.footnotes},
        print_mode=print_mode,
    )
    agenda_notes: list[dict[str, str]] = []
    agenda: list[dict[str, str]] = []
    for item in document.agenda:
        mark = ""
        if item.note:
            mark = "*" * (len(agenda_notes) + 1)
            agenda_notes.append({"mark": mark, "text": item.note})
        agenda.append(
            {
                "organ": terms.term(item.organ.value, language),
                "session": item.session,
                "dates_and_place": item.dates_and_place,
                "item": item.item,
                "mark": mark,
                "title": item.title,
            }
        )
    summary = [_runs_html(p.block.runs, notes) for p in laid_out.summary if isinstance(p.block, Paragraph)]
    body = _items(laid_out.body, document, notes)
    annexes: list[dict[str, Any]] = []
    for annex in laid_out.annexes:
        word = terms.term("annex", language)
        annexes.append(
            {
                "heading": f"{word} {annex.label}".strip(),
                "title": annex.title,
                "anchor": annex.anchor,
                "items": _items(annex.items, document, notes),
            }
        )
    footnotes = [
        {"number": laid_out.footnote_numbers[f.key], "html": _runs_html(f.runs, None)} for f in laid_out.footnotes
    ]
    subtitle = document.subtitle or terms.term(
        "report_of_the_secretary_general" if document.kind == "annual_report" else "stocktaking_report", language
    )
    return {
        "document": document,
        "language": language,
        "direction": "rtl" if document.rtl else "ltr",
        "print_mode": print_mode,
        "symbol": document.symbol,
        "annual": document.kind == "annual_report",
        "united_nations": terms.term("united_nations", language),
        "organs": [terms.term("general_assembly", language), terms.term("ecosoc", language)],
        "distribution": terms.term("distribution", language),
        "date": terms.masthead_date(document.date, language),
        "iso_date": document.date.isoformat(),
        "language_lines": terms.masthead_languages(language, document.compiled_language),
        "masthead_language": terms.MASTHEAD_LANGUAGE[language],
        "agenda": agenda,
        "agenda_notes": agenda_notes,
        "title": document.title,
        "subtitle": subtitle,
        "summary_heading": terms.term("summary", language),
        "summary": summary,
        "body": body,
        "annexes": annexes,
        "notes_heading": terms.term("notes", language),
        "back_to_text": terms.term("back_to_text", language),
        "footnotes": footnotes,
        "fingerprint": document.fingerprint(),
    }


def render_fragment(document: Document) -> str:
    """The report as an <article>, to be placed in a portal page that links static/css/report.css."""
    return render_to_string("reports/document/article.html", context(document))


def render_html(document: Document) -> str:
    """A whole HTML page (the stored output): the article, its language and direction, report.css."""
    return render_to_string("reports/document/page.html", context(document))
