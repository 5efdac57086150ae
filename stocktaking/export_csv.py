"""The CSV export of a search read through COPY ... TO STDOUT (see search_csv_chunks): the same bytes
as exports.csv_chunks(exports.records(...)), written while PostgreSQL produces the rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from typing import Any

from stocktaking import exports, filters

MEMO_SIZE = 50_000  # distinct lists (of countries, regions, ...) whose cells are kept during one CSV export


def search_csv_chunks(
    query: filters.Query, *, language: str, progress: Callable[[int], None] | None = None
) -> Iterator[bytes]:
    """The CSV of a search (the same bytes as csv_chunks(records(...))), read through COPY. 8 queries.

    The 6 reference tables, `SET LOCAL`, then the rows as `COPY (<the rows' query>) TO STDOUT`:
    PostgreSQL sends them as fast as it produces them while this process writes the CSV (a
    server-side cursor waits for each FETCH, so the database and Python would take turns), and
    the values come as text, parsed by psycopg's C code. Lists are kept as their text ('{12,40}'):
    the cells of each distinct list are computed once (MEMO_SIZE of them at a time), since most
    entries share their lists of countries, regions, action lines and targets with others.
    Memory stays constant: rows are read as they come, chunks of exports.FLUSH_BYTES are handed over.
    Must run inside a transaction (streamed_chunks and export_job_run open one): SET LOCAL.
    `progress(rows)` is called every exports.PROGRESS_EVERY rows and once at the end with the total.
    """
    from django.db import connection

    labels = exports._Labels.load(language)
    separator, formula_start = exports.SEPARATOR, exports._FORMULA_START
    flush_bytes, progress_every = exports.FLUSH_BYTES, exports.PROGRESS_EVERY
    reference = labels.reference
    sql, params = exports._rows(query, language=language).query.sql_with_params()
    statement = "COPY (" + connection.ops.compose_sql(sql, params) + ") TO STDOUT"  # type: ignore[attr-defined]
    stakeholder_types = {str(pk): value for pk, value in reference.stakeholder_types.items()}
    countries, regions = reference.countries, reference.regions
    activity_types, statuses, coverages = labels.activity_types, labels.statuses, labels.coverages
    permalink = labels.permalink
    memo: dict[tuple[int, str], tuple[str, str] | str] = {}

    def ids(text: str | None) -> list[int]:
        return [int(i) for i in text[1:-1].split(",") if i and i != "NULL"] if text else []

    def pair(column: int, text: str, table: dict[int, tuple[str, str]]) -> tuple[str, str]:
        found = [table[i] for i in ids(text) if i in table]
        return separator.join(code for code, _n in found), separator.join(name for _c, name in found)

    def cells(column: int, text: str) -> Any:
        key = (column, text)
        cached = memo.get(key)
        if cached is None:
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            if column == 0:
                cached = pair(column, text, countries)
            elif column == 1:
                cached = pair(column, text, regions)
            elif column == 2:
                found = labels.lines(ids(text))
                cached = (separator.join(c for c, _n in found), separator.join(n for _c, n in found))
            elif column == 3:
                cached = separator.join(labels.sdg_codes(ids(text)))
            else:
                cached = separator.join(map(str, labels.wsis_numbers(ids(text))))
            memo[key] = cached
        return cached

    def text(value: str | None) -> str:
        if value is None:
            return ""
        return "'" + value if value.startswith(formula_start) else value

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(exports.headers(language))
    done = 0
    with connection.cursor() as cursor:
        # jit: compiling the subqueries' expressions costs more than it saves on this plan.
        # DateStyle: the dates come as text in ISO (YYYY-MM-DD), as the other formats write them.
        cursor.execute("SET LOCAL jit = off; SET LOCAL DateStyle = 'ISO, YMD'")
        with cursor.copy(statement) as copy:
            for (
                pk,
                title,
                original_language,
                organisation_en,
                organisation_local,
                stakeholder_type_id,
                activity_type,
                status,
                coverage,
                country_ids,
                region_ids,
                line_ids,
                sdg_ids,
                wsis_ids,
                start_date,
                end_date,
                website,
                published_day,
            ) in copy.rows():
                stakeholder_type = stakeholder_types.get(stakeholder_type_id, ("", ""))
                country_cells = cells(0, country_ids)
                region_cells = cells(1, region_ids)
                line_cells = cells(2, line_ids)
                writer.writerow(
                    (
                        pk,
                        permalink.format(pk),
                        text(title),
                        text(original_language),
                        text(organisation_local or organisation_en),
                        text(stakeholder_type[0]),
                        text(stakeholder_type[1]),
                        text(activity_type),
                        text(activity_types.get(activity_type, "")),
                        text(status),
                        text(statuses.get(status, "")),
                        text(coverage),
                        text(coverages.get(coverage, "")),
                        country_cells[0],
                        country_cells[1],
                        region_cells[0],
                        region_cells[1],
                        line_cells[0],
                        line_cells[1],
                        cells(3, sdg_ids or "{}"),
                        cells(4, wsis_ids or "{}"),
                        start_date or "",
                        end_date or "",
                        text(website),
                        published_day or "",
                    )
                )
                done += 1
                if progress is not None and done % progress_every == 0:
                    progress(done)
                if buffer.tell() >= flush_bytes:
                    yield buffer.getvalue().encode()
                    buffer.seek(0)
                    buffer.truncate()
    if progress is not None:
        progress(done)
    yield buffer.getvalue().encode()
