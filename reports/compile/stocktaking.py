"""The yearly stocktaking report (issue 6 point 7): the entries published in the WSIS stocktaking database
in a year, counted by action line, region and stakeholder type, with a few examples per action line,
as ITU publishes it. Built with the same document model and renderers as the annual report.

Queries: 5, whatever the number of entries (statistics, two label lists, action lines, examples)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.urls import reverse

from actionlines.models import ActionLine
from reports.compile import data
from reports.compile.common import Progress, Steps, number, paragraphs, t
from reports.compile.statistics import statistics_blocks
from reports.document import model as m
from stakeholders.models import Organisation
from stocktaking.models import Entry, EntrySearch, EntryTranslation
from wsis_portal.i18n import column_suffix, localized

EXAMPLES_PER_LINE = 3


@dataclass(frozen=True)
class Example:
    line_id: int
    entry_id: int
    title: str
    description: str
    organisation: str


# A line holding at least this share of the year's entries finds its first ones quickly walking the
# publication index; a rarer one is read through the GIN index of the lines instead.
COMMON_SHARE = 0.01


def _examples(year: int, language: str, counts: dict[int, int], total: int) -> dict[int, list[Example]]:
    """The first entries published in the year under each action line that has some (EXAMPLES_PER_LINE at
    most), with their title and short description in the language compiled when a translation exists.

    1 query, bounded whatever the number of entries: per common line a LIMIT read along the search rows'
    publication index (`= ANY` keeps the planner off the GIN index, which would read all its rows), per
    rare line a GIN bitmap (`@>`) of its few rows, sorted."""
    start = datetime.datetime(year, 1, 1, tzinfo=datetime.UTC)
    end = datetime.datetime(year + 1, 1, 1, tzinfo=datetime.UTC)
    common = sorted(pk for pk, n in counts.items() if n and n >= total * COMMON_SHARE)
    rare = sorted(pk for pk, n in counts.items() if n and n < total * COMMON_SHARE)
    suffix = column_suffix(language)
    search = EntrySearch._meta.db_table
    sql = f"""
    WITH picked AS (
        SELECT l.id AS line_id, x.entry_id, x.published_at
        FROM unnest(%s::integer[]) AS l(id)
        CROSS JOIN LATERAL (
            SELECT s.entry_id, s.published_at FROM {search} s
            WHERE l.id = ANY(s.facet_action_lines) AND s.published_at >= %s AND s.published_at < %s
            ORDER BY s.published_at, s.entry_id LIMIT %s
        ) x
        UNION ALL
        SELECT l.id, x.entry_id, x.published_at
        FROM unnest(%s::integer[]) AS l(id)
        CROSS JOIN LATERAL (
            SELECT s.entry_id, s.published_at FROM {search} s
            WHERE s.facet_action_lines @> ARRAY[l.id] AND s.published_at >= %s AND s.published_at < %s
            ORDER BY s.published_at, s.entry_id LIMIT %s
        ) x
    )
    SELECT p.line_id, e.id, coalesce(tr.title, e.title), coalesce(tr.short_description, e.short_description),
           coalesce(nullif(o.name_{suffix}, ''), o.name_en)
    FROM picked p
    JOIN {Entry._meta.db_table} e ON e.id = p.entry_id
    JOIN {Organisation._meta.db_table} o ON o.id = e.organisation_id
    LEFT JOIN {EntryTranslation._meta.db_table} tr ON tr.entry_id = e.id AND tr.language = %s
    ORDER BY p.line_id, p.published_at, p.entry_id
    """  # noqa: S608 - table and column names from the models, values as parameters
    code = "zh" if language.startswith("zh") else language
    params: list[Any] = [common, start, end, EXAMPLES_PER_LINE, rare, start, end, EXAMPLES_PER_LINE, code]
    grouped: dict[int, list[Example]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for line_id, entry_id, title, description, organisation in cursor.fetchall():
            grouped.setdefault(line_id, []).append(Example(line_id, entry_id, title, description, organisation))
    return grouped


def _line_section(line: ActionLine, count: int, examples: list[Example], language: str) -> m.Section:
    content: list[m.Block | m.Section] = [
        m.Paragraph.of(t("Entries published under this action line: %(count)s.") % {"count": number(count, language)})
    ]
    for example in examples:
        url = reverse("stocktaking:entry-detail", kwargs={"pk": example.entry_id})
        link = m.SourceLink(example.title, url, example.title)
        text = " ".join(paragraphs(example.description))
        content.append(
            m.Paragraph.of(
                example.organisation + ": ", m.Emphasis(example.title), (". " + text) if text else "", source=link
            )
        )
    return m.Section(f"{line.code} – {localized(line, 'name')}", tuple(content), anchor=f"line-{line.code}")


def build(year: int, language: str, progress: Progress | None) -> m.Document:
    names = [t("Statistics"), t("Entries by action line")]
    steps = Steps(progress, names)
    p = m.Paragraph.of

    steps.start(names[0])
    lines = data.action_lines()
    stats = data.entry_statistics(year, lines)
    overview = statistics_blocks(year, stats, language)

    steps.start(names[1])
    counts = {line.pk: n for line, n in stats.by_line}
    examples = _examples(year, language, counts, stats.total) if stats.total else {}
    by_line = [
        _line_section(line, count, examples.get(line.pk, []), language) for line, count in stats.by_line if count
    ]
    if not by_line:
        by_line_content: tuple[m.Block | m.Section, ...] = (
            p(t("No entry was published in the WSIS stocktaking database in %(year)s.") % {"year": year}),
        )
    else:
        by_line_content = (
            p(t("For each action line, the first entries published in the year are given as examples.")),
            *by_line,
        )
    introduction = m.Section(
        t("Introduction"),
        (
            p(
                t(
                    "The WSIS stocktaking database records activities of all stakeholders that implement the "
                    "outcomes of the World Summit on the Information Society. The present report summarizes the "
                    "entries published in the database in %(year)s."
                )
                % {"year": year}
            ),
        ),
        anchor="introduction",
    )
    return m.Document(
        kind=m.DocumentKind.STOCKTAKING_REPORT,
        language=language,
        original_language="en",
        title=t("WSIS Stocktaking: entries published in %(year)s") % {"year": year},
        date=datetime.date(year, 12, 31),
        summary=(
            p(
                t("In %(year)s, %(count)s entries were published in the WSIS stocktaking database.")
                % {"year": year, "count": number(stats.total, language)},
                numbered=False,
            ),
        ),
        body=(
            introduction,
            m.Section(t("Overview"), tuple(overview), anchor="overview"),
            m.Section(t("Entries by action line"), by_line_content, anchor="action-lines"),
        ),
    )
