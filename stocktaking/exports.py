"""Exports of exactly the current search of the stocktaking database, as CSV, XLSX or JSON.

Rows are read in constant memory: one server-side cursor over `.values_list()` of the published
entries (fetched 2,000 at a time), with the action lines, countries and regions read from the
denormalised facet columns (ids) and mapped to codes and names through the reference tables, each
read once per export. Whatever the number of rows, an export is 7 queries: the 6 reference tables
(action lines, countries, regions, stakeholder types, SDG and WSIS targets) and the entries. The
CSV reads the same rows through COPY instead (export_csv.py: 8 queries, SET LOCAL included).

Small exports are streamed to the browser (views in export_views.py); larger ones are written by a
Celery worker (export_tasks.py) into an ExportJob's file, while the page polls its progress.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime
import functools
import io
import json
import logging
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

import xlsxwriter
from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import DateField, F, Func, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from actionlines.models import ActionLine, SdgTarget, WsisTarget
from stakeholders.models import Country, Region, StakeholderType
from stocktaking import filters
from stocktaking.models import Entry, EntrySdgTarget, ExportJob
from wsis_portal.i18n import column_suffix

logger = logging.getLogger(__name__)

FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
CHUNK_ROWS = 2000  # rows fetched per round trip of the server-side cursor
FLUSH_BYTES = 64 * 1024  # bytes gathered before a streamed chunk is handed to the server
PROGRESS_EVERY = 5000  # rows between two progress updates of an ExportJob
MAX_ATTEMPTS = 3  # runs of one job (acks_late redelivers a job whose worker died)
XLSX_MAX_ROWS = 1_048_576  # Excel's limit, the header row included
KEEP_DAYS = 7  # exports older than this are deleted by exports_cleanup
SEPARATOR = "; "  # between the values of a list in one CSV or XLSX cell


class ExportError(Exception):
    """An export that cannot be written (unknown format, too many rows for the format)."""


@dataclasses.dataclass(frozen=True)
class Column:
    key: str  # the stable key of the JSON output
    header: str | Promise  # the translated header of the CSV and XLSX outputs


COLUMNS = [
    Column("id", _("ID")),
    Column("url", _("Permalink")),
    Column("title", _("Title")),
    Column("original_language", _("Original language")),
    Column("organisation", _("Organisation")),
    Column("stakeholder_type", _("Type of entity (code)")),
    Column("stakeholder_type_label", _("Type of entity")),
    Column("activity_type", _("Type of activity (code)")),
    Column("activity_type_label", _("Type of activity")),
    Column("status", _("Status (code)")),
    Column("status_label", _("Status")),
    Column("coverage", _("Coverage (code)")),
    Column("coverage_label", _("Coverage")),
    Column("countries", _("Countries (ISO 3166 alpha-3)")),
    Column("country_names", _("Countries")),
    Column("regions", _("Regions (UN M49)")),
    Column("region_names", _("Regions")),
    Column("action_lines", _("Action lines (codes)")),
    Column("action_line_names", _("Action lines")),
    Column("sdg_targets", _("SDG targets")),
    Column("wsis_targets", _("WSIS targets")),
    Column("start_date", _("Start date")),
    Column("end_date", _("End date")),
    Column("website", _("Website")),
    Column("published", _("Published")),
]
KEYS = [column.key for column in COLUMNS]
LIST_KEYS = {
    "countries",
    "country_names",
    "regions",
    "region_names",
    "action_lines",
    "action_line_names",
    "sdg_targets",
    "wsis_targets",
}
DATE_KEYS = {"start_date", "end_date", "published"}

Record = dict[str, Any]  # one entry: KEYS -> str, int, date, None or a list of str / int


def headers(language: str) -> list[str]:
    """The column headers in `language`. 0 queries."""
    with translation.override(language):
        return [str(column.header) for column in COLUMNS]


def file_name(fmt: str, day: datetime.date | None = None) -> str:
    """wsis-stocktaking-2026-11-22.csv"""
    return f"wsis-stocktaking-{(day or timezone.localdate()).isoformat()}.{fmt}"


# ---------------------------------------------------------------------------------------------
# Reading


@dataclasses.dataclass
class _Reference:
    """Codes and names (in the export's language) of the reference tables, by id."""

    action_lines: dict[int, tuple[str, str]]
    countries: dict[int, tuple[str, str]]
    regions: dict[int, tuple[str, str]]
    stakeholder_types: dict[int, tuple[str, str]]
    sdg_targets: dict[int, tuple[str, tuple[int, int]]]  # id -> (code, (goal number, order))
    wsis_targets: dict[int, int]  # id -> number

    @classmethod
    def load(cls, language: str) -> _Reference:
        """6 queries, one per table, whatever the number of rows exported."""
        suffix = column_suffix(language)

        def table(queryset: Any, code: str) -> dict[int, tuple[str, str]]:
            return {
                pk: (str(value), local or english)
                for pk, value, english, local in queryset.values_list("pk", code, "name_en", f"name_{suffix}")
            }

        lines = list(ActionLine.objects.values_list("pk", "code", "parent_id", "name_en", f"name_{suffix}"))
        # facet_action_lines also holds the parents of the chosen lines (C7 for C7.4), so that a
        # search for C7 finds them; the export names the lines that were chosen, as the search page does.
        parents = {parent for _pk, _code, parent, _en, _local in lines if parent is not None}
        return cls(
            action_lines={pk: (code, local or english) for pk, code, _p, english, local in lines if pk not in parents},
            countries=table(Country.objects.all(), "iso3"),
            regions=table(Region.objects.all(), "code"),
            stakeholder_types=table(StakeholderType.objects.all(), "code"),
            sdg_targets={
                pk: (code, (goal, sort))
                for pk, code, goal, sort in SdgTarget.objects.values_list("pk", "code", "goal__number", "sort")
            },
            wsis_targets=dict(WsisTarget.objects.values_list("pk", "number")),
        )


_VALUES = [
    "pk",
    "title",
    "original_language",
    "organisation__name_en",
    "organisation_name",
    "stakeholder_type_id",
    "activity_type",
    "status",
    "coverage",
    "facet_countries",
    "facet_regions",
    "facet_action_lines",
    "sdg_target_ids",
    "wsis_target_ids",
    "start_date",
    "end_date",
    "website",
    "published_day",  # the date of published_at in UTC
]


@dataclasses.dataclass
class _Labels:
    """What a row needs besides its own columns: reference tables, choice labels, the permalink."""

    reference: _Reference
    activity_types: dict[str, str]
    statuses: dict[str, str]
    coverages: dict[str, str]
    permalink: str  # with "{}" for the entry's id
    line_order: dict[int, tuple[int, ...]]

    @classmethod
    def load(cls, language: str) -> _Labels:
        """The 6 queries of _Reference.load."""
        reference = _Reference.load(language)
        with translation.override(language):
            # One reverse() for all rows: the permalink differs only by the entry's id.
            permalink = settings.SITE_URL + reverse("stocktaking:entry-detail", kwargs={"pk": 999_999_999}).replace(
                "999999999", "{}"
            )
            return cls(
                reference=reference,
                activity_types={value: str(label) for value, label in Entry.ActivityType.choices},
                statuses={value: str(label) for value, label in Entry.Status.choices},
                coverages={value: str(label) for value, label in Entry.Coverage.choices},
                permalink=permalink,
                line_order={pk: _line_order(line) for pk, line in reference.action_lines.items()},
            )

    def lines(self, ids: Iterable[int]) -> list[tuple[str, str]]:
        """The chosen action lines (not their parents), in the order of their codes."""
        lines = self.reference.action_lines
        return [lines[i] for i in sorted((i for i in ids if i in lines), key=self.line_order.__getitem__)]

    def sdg_codes(self, ids: Iterable[int]) -> list[str]:
        sdg = self.reference.sdg_targets
        return [sdg[i][0] for i in sorted((i for i in ids if i in sdg), key=lambda i: sdg[i][1])]

    def wsis_numbers(self, ids: Iterable[int]) -> list[int]:
        wsis = self.reference.wsis_targets
        return sorted(wsis[i] for i in ids if i in wsis)


def _rows(query: filters.Query, *, language: str) -> QuerySet[Any]:
    """The published entries of a search, in its order, as tuples of _VALUES. 0 queries until read.

    The SDG and WSIS targets have no facet column: their ids are gathered by array subqueries that
    are index-only scans of the link tables (entry, target) unique indexes; codes come from the
    reference tables (a join to the targets in the subquery made the export 5 times slower).
    """
    suffix = column_suffix(language)
    # order_by(): without it the link model's default ordering (by goal and target) joins both tables.
    sdg_target_ids = ArraySubquery(
        EntrySdgTarget.objects.filter(entry_id=OuterRef("pk")).order_by().values("target_id")
    )
    wsis_target_ids = ArraySubquery(
        Entry.wsis_targets.through.objects.filter(entry_id=OuterRef("pk")).values("wsistarget_id")
    )
    return (
        filters.published_entries(query, language=language)
        .annotate(
            organisation_name=F(f"organisation__name_{suffix}"),
            sdg_target_ids=sdg_target_ids,
            wsis_target_ids=wsis_target_ids,
            published_day=Func(
                F("published_at"), template="(%(expressions)s AT TIME ZONE 'UTC')::date", output_field=DateField()
            ),
        )
        .values_list(*_VALUES)
    )


def records(query: filters.Query, *, language: str) -> Iterator[Record]:
    """The published entries of a search, in its order, as records with codes and labels in `language`.

    7 queries in all (the 6 reference tables when the generator starts, then one server-side
    cursor read CHUNK_ROWS at a time), never one per row; memory does not grow with the rows.
    """
    labels = _Labels.load(language)
    reference = labels.reference
    countries, regions = reference.countries, reference.regions
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
    ) in _rows(query, language=language).iterator(chunk_size=CHUNK_ROWS):
        entry_countries = [countries[i] for i in country_ids if i in countries]
        entry_regions = [regions[i] for i in region_ids if i in regions]
        entry_lines = labels.lines(line_ids)
        stakeholder_type = reference.stakeholder_types.get(stakeholder_type_id, ("", ""))
        yield {
            "id": pk,
            "url": labels.permalink.format(pk),
            "title": title,
            "original_language": original_language,
            "organisation": organisation_local or organisation_en,
            "stakeholder_type": stakeholder_type[0],
            "stakeholder_type_label": stakeholder_type[1],
            "activity_type": activity_type,
            "activity_type_label": labels.activity_types.get(activity_type, ""),
            "status": status,
            "status_label": labels.statuses.get(status, ""),
            "coverage": coverage,
            "coverage_label": labels.coverages.get(coverage, ""),
            "countries": [code for code, _name in entry_countries],
            "country_names": [name for _code, name in entry_countries],
            "regions": [code for code, _name in entry_regions],
            "region_names": [name for _code, name in entry_regions],
            "action_lines": [code for code, _name in entry_lines],
            "action_line_names": [name for _code, name in entry_lines],
            "sdg_targets": labels.sdg_codes(sdg_ids or []),
            "wsis_targets": labels.wsis_numbers(wsis_ids or []),
            "start_date": start_date,
            "end_date": end_date,
            "website": website,
            "published": published_day,
        }


def _line_order(line: tuple[str, str]) -> tuple[int, ...]:
    """C2 before C7.3 before C10 (ids do not follow the codes)."""
    return tuple(int(part) for part in line[0].lstrip("C").split(".") if part.isdigit())


# ---------------------------------------------------------------------------------------------
# Writing. Each writer takes records and returns nothing but bytes or a file: no query of its own.

# A cell starting with one of these is read as a formula by spreadsheet programs ("CSV injection");
# entries are written by the public, so such text is prefixed with an apostrophe, as OWASP advises.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(key: str, value: Any) -> Any:
    return _CONVERTERS[key](value)


def _list_cell(value: Any) -> str:
    return SEPARATOR.join(map(str, value))


def _value_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


# One converter per column, chosen once (a CSV of 1,000,000 rows converts 25 million cells).
_CONVERTERS: dict[str, Callable[[Any], Any]] = {key: _list_cell if key in LIST_KEYS else _value_cell for key in KEYS}


def csv_chunks(rows: Iterable[Record], *, language: str) -> Iterator[bytes]:
    """UTF-8 CSV with a byte-order mark (so that Excel reads the accents), in chunks of about 64 KB."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(headers(language))
    converters = [(key, _CONVERTERS[key]) for key in KEYS]
    for record in rows:
        writer.writerow([convert(record[key]) for key, convert in converters])
        if buffer.tell() >= FLUSH_BYTES:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def _json_default(value: Any) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def json_chunks(rows: Iterable[Record], *, language: str) -> Iterator[bytes]:
    """A JSON array of objects (keys are the stable column keys), written one object at a time."""
    del language  # keys do not depend on the language; labels inside the records do
    buffer = io.StringIO()
    buffer.write("[")
    first = True
    for record in rows:
        if not first:
            buffer.write(",\n")
        first = False
        buffer.write(json.dumps(record, ensure_ascii=False, default=_json_default))
        if buffer.tell() >= FLUSH_BYTES:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    buffer.write("]\n")
    yield buffer.getvalue().encode()


def write_xlsx(rows: Iterable[Record], output: IO[bytes] | str, *, language: str) -> None:
    """One worksheet written in constant memory (XlsxWriter flushes each row to a temporary file)."""
    workbook = xlsxwriter.Workbook(
        output,
        {
            "constant_memory": True,
            # Text stays text: no formulas, numbers or links guessed from what the public wrote.
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "tmpdir": tempfile.gettempdir(),
        },
    )
    try:
        sheet = workbook.add_worksheet("WSIS stocktaking")
        bold = workbook.add_format({"bold": True})
        day = workbook.add_format({"num_format": "yyyy-mm-dd"})
        sheet.write_row(0, 0, headers(language), bold)
        sheet.freeze_panes(1, 0)
        row_number = 0
        for row_number, record in enumerate(rows, start=1):
            if row_number >= XLSX_MAX_ROWS:
                raise ExportError(_("An XLSX sheet holds at most 1,048,575 rows: choose CSV or JSON."))
            for col, key in enumerate(KEYS):
                value = record[key]
                if key in DATE_KEYS and value is not None:
                    sheet.write_datetime(row_number, col, datetime.datetime.combine(value, datetime.time()), day)
                else:
                    sheet.write(row_number, col, _cell(key, value))
        sheet.autofilter(0, 0, row_number, len(KEYS) - 1)
    finally:
        workbook.close()


def response_chunks(fmt: str, rows: Iterable[Record], *, language: str) -> Iterator[bytes]:
    """The streamed formats."""
    if fmt == "csv":
        return csv_chunks(rows, language=language)
    if fmt == "json":
        return json_chunks(rows, language=language)
    raise ExportError(f"{fmt!r} is not a streamed export format")


def streamed_chunks(fmt: str, query: filters.Query, *, language: str) -> Iterator[bytes]:
    """The chunks of a streamed export of a search (CSV or JSON), the rows read in one transaction.

    Outside a transaction Django declares its server-side cursor WITH HOLD, and PostgreSQL then
    computes and stores the whole result when the implicit transaction ends, before the first row
    is fetched (38 s for 1,000,000 entries); inside one the rows stream as they are read. The
    transaction only reads (no savepoint inside an outer one); a client that goes away closes the
    generator, which ends it.
    """
    with transaction.atomic(savepoint=False):
        if fmt == "csv":
            from stocktaking.export_csv import search_csv_chunks  # it imports this module

            yield from search_csv_chunks(query, language=language)
        else:
            yield from response_chunks(fmt, records(query, language=language), language=language)


def write_file(fmt: str, rows: Iterable[Record], output: IO[bytes], *, language: str) -> None:
    """Write an export of any format into an open binary file."""
    if fmt == "xlsx":
        write_xlsx(rows, output, language=language)
        return
    for chunk in response_chunks(fmt, rows, language=language):
        output.write(chunk)


# ---------------------------------------------------------------------------------------------
# Export jobs (exports larger than the views stream): services that own their writes.


def query_as_dict(query: filters.Query) -> dict[str, Any]:
    return {"q": query.q, "filters": query.filters, "sort": query.sort}


def query_from_dict(data: dict[str, Any]) -> filters.Query:
    return filters.Query(q=data.get("q", ""), filters=dict(data.get("filters") or {}), sort=data.get("sort", "newest"))


@transaction.atomic
def export_job_create(*, query: filters.Query, language: str, fmt: str, total_rows: int, by: Any) -> ExportJob:
    """Record an export to write in the background and queue it once the row is committed. 1 query."""
    from stocktaking import export_tasks  # the task module imports this one

    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}")
    job = ExportJob.objects.create(
        token=uuid.uuid4(),
        query=query_as_dict(query),
        language=language,
        format=fmt,
        total_rows=total_rows,
        requested_by=by if getattr(by, "is_authenticated", False) else None,
    )
    transaction.on_commit(lambda: export_tasks.run_export.delay(job.pk))
    return job


def export_job_run(*, job_id: int) -> ExportJob | None:
    """Write an export job's file; idempotent (a finished job is left alone, a job interrupted by a
    crash is written again from the start, over its own file: one job never leaves two files).

    A job whose runs keep dying (MAX_ATTEMPTS) is marked failed instead of being redelivered forever.

    Queries: 1 to load the job, 1 UPDATE to mark it running, the 7 of records() (the 8 of
    search_csv_chunks for a CSV, whose progress UPDATEs go through a connection of their own: the
    COPY holds the job's until its last row), 1 UPDATE per PROGRESS_EVERY rows and 1 UPDATE at the
    end. Errors are recorded on the job (state failed).
    """
    job = ExportJob.objects.filter(pk=job_id).first()
    if job is None or job.state in (ExportJob.State.DONE, ExportJob.State.FAILED):
        return job
    jobs = ExportJob.objects.filter(pk=job.pk)
    if job.attempts >= MAX_ATTEMPTS:  # killed (time limit, lost worker) every time: stop redelivering
        jobs.update(
            state=ExportJob.State.FAILED,
            error="The export was interrupted several times; narrow the search or try again later.",
            finished_at=timezone.now(),
        )
        job.refresh_from_db()
        return job
    jobs.update(state=ExportJob.State.RUNNING, done_rows=0, error="", finished_at=None, attempts=F("attempts") + 1)
    name = f"exports/{job.token}.{job.format}"
    try:
        if job.format not in FORMATS:
            raise ExportError(f"unknown export format {job.format!r}")

        def progress(done: int) -> None:
            jobs.update(done_rows=done)

        query = query_from_dict(job.query)
        rows = _Counted(records(query, language=job.language), progress)
        with tempfile.TemporaryFile() as output:
            if job.format == "csv":  # the fast path of streamed exports, in the transaction it needs
                from stocktaking.export_csv import search_csv_chunks  # it imports this module

                with _side_connection() as side, transaction.atomic(savepoint=False):
                    # The COPY holds this connection until its last row, and the progress must be
                    # seen while the job runs: it is written and committed through another one.
                    rows.progress = functools.partial(_save_progress, side, job.pk)
                    for chunk in search_csv_chunks(query, language=job.language, progress=rows.count):
                        output.write(chunk)
            else:
                write_file(job.format, rows, output, language=job.language)
            output.seek(0)
            if default_storage.exists(name):  # a previous attempt that crashed after saving
                default_storage.delete(name)
            saved = default_storage.save(name, File(output, name=name))
        done = rows.done
        jobs.update(
            state=ExportJob.State.DONE,
            file=saved,
            done_rows=done,
            total_rows=done,  # the entries may have changed since the request was counted
            finished_at=timezone.now(),
        )
    except Exception as error:
        logger.exception("export %s failed", job.token)
        jobs.update(
            state=ExportJob.State.FAILED, error=f"{type(error).__name__}: {error}"[:2000], finished_at=timezone.now()
        )
    job.refresh_from_db()
    return job


@contextlib.contextmanager
def _side_connection() -> Iterator[Any]:
    """A connection of its own to the default database (autocommit), closed on leaving."""
    from django.db import connections

    side = connections.create_connection("default")
    try:
        yield side
    finally:
        side.close()


def _save_progress(side: Any, job_id: int, done: int) -> None:
    with side.cursor() as cursor:
        cursor.execute(f"UPDATE {ExportJob._meta.db_table} SET done_rows = %s WHERE id = %s", [done, job_id])  # noqa: S608 - a table name from _meta


class _Counted:
    """Iterate rows, calling progress(done) every PROGRESS_EVERY rows; `done` counts them."""

    def __init__(self, rows: Iterable[Record], progress: Callable[[int], None]) -> None:
        self.rows, self.progress, self.done = rows, progress, 0

    def __iter__(self) -> Iterator[Record]:
        for record in self.rows:
            yield record
            self.done += 1
            if self.done % PROGRESS_EVERY == 0:
                self.progress(self.done)

    def count(self, done: int) -> None:
        """Progress reported by a writer that reads its own rows (search_csv_chunks): saved every
        PROGRESS_EVERY rows; the total, reported at the end, is saved with the finished job."""
        if done != self.done and done % PROGRESS_EVERY == 0:
            self.progress(done)
        self.done = done


def exports_cleanup(*, older_than_days: int = KEEP_DAYS) -> int:
    """Delete export jobs older than `older_than_days`, file and row; returns how many.

    Queries: 1 to list the old jobs (a few hundred a week), 1 DELETE per 500 jobs.
    """
    cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
    old = list(ExportJob.objects.filter(created_at__lt=cutoff).values_list("pk", "file"))
    for _pk, name in old:
        if name:
            default_storage.delete(name)  # deleting a missing file is not an error
    pks = [pk for pk, _name in old]
    for start in range(0, len(pks), 500):
        ExportJob.objects.filter(pk__in=pks[start : start + 500]).delete()
    return len(pks)
