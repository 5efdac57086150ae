"""Tables of stocktaking statistics (entries by action line, region, stakeholder type), shared by the
annual report (chapter IV) and the stocktaking report."""

from __future__ import annotations

from reports.compile import data
from reports.compile.common import number, t
from reports.document import model as m
from wsis_portal.i18n import localized


def count_table(caption: str, row_header: str, rows: list[tuple[str, int]], language: str, total: int) -> m.Table:
    """A two-column table (label, entries) whose last row is `total` (the entries counted, which an
    entry counted under several labels makes smaller than the column's sum: the note says so)."""
    return m.Table(
        caption=caption,
        header_rows=((m.Cell(row_header), m.Cell(t("Entries"))),),
        body_rows=tuple((m.Cell(label), m.Cell(number(count, language))) for label, count in rows),
        totals_row=(m.Cell(t("Entries published")), m.Cell(number(total, language))),
        numeric_columns=frozenset({1}),
    )


def statistics_blocks(year: int, stats: data.EntryStatistics, language: str) -> list[m.Block | m.Section]:
    if not stats.total:
        return [
            m.Paragraph.of(t("No entry was published in the WSIS stocktaking database in %(year)s.") % {"year": year})
        ]
    lines = [
        (f"{line.code} – {localized(line, 'name')}", n) for line, n in stats.by_line if line.parent_id is None or n
    ]
    regions = [(region.name, n) for region, n in stats.by_region]
    types = list(stats.by_type)
    if stats.unspecified_type:
        types.append((t("Not specified"), stats.unspecified_type))
    return [
        m.Paragraph.of(
            t(
                "In %(year)s, %(count)s entries were published in the WSIS stocktaking database. An entry may "
                "relate to several action lines and regions: it is counted under each of them."
            )
            % {"year": year, "count": number(stats.total, language)}
        ),
        count_table(t("Entries published by action line"), t("Action line"), lines, language, stats.total),
        count_table(t("Entries published by region"), t("Region"), regions, language, stats.total),
        count_table(t("Entries published by stakeholder type"), t("Stakeholder type"), types, language, stats.total),
    ]
