"""Reading an uploaded spreadsheet (XLSX or CSV) into rows; the columns of the template."""

from __future__ import annotations

import contextlib
import csv
import datetime
import io
import itertools
import os
import re
import warnings
import zipfile
from collections.abc import Generator, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from stocktaking.models import (
    LANGUAGE_CHOICES,
    Entry,
)
from wsis_portal.errors import ApplicationError

COLUMNS = [
    "external_id",
    "organisation",
    "title",
    "short_description",
    "description",
    "activity_type",
    "original_language",
    "status",
    "start_date",
    "end_date",
    "coverage",
    "countries",
    "regions",
    "action_lines",
    "sdg_targets",
    "wsis_targets",
    "website",
    "links",
    "partners",
    "impact",
    "challenges",
    "contact_name",
    "contact_email",
]
REQUIRED_COLUMNS = ("external_id", "organisation")
CODE_COLUMNS = ("countries", "regions", "action_lines", "sdg_targets", "wsis_targets")
CHOICES = {  # the entry form's choices
    "activity_type": list(Entry.ActivityType.values),
    "original_language": [code for code, _label in LANGUAGE_CHOICES],
    "status": list(Entry.Status.values),
    "coverage": list(Entry.Coverage.values),
}
TEXT_COLUMNS = (
    "title",
    "short_description",
    "description",
    "website",
    "partners",
    "impact",
    "challenges",
    "contact_name",
    "contact_email",
)
EXTERNAL_ID_MAX = Entry._meta.get_field("external_id").max_length or 100
LINK_MAX = 500

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what CleanTextMixin refuses

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 1000  # one transaction in the worker: 2 queries a row plus about 20 (see services._write)
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # an XLSX is a zip: refuse one that unpacks into a bomb
MAX_COLUMNS_READ = 100
MAX_STORED_ERRORS = 1000

SIGNATURES = {
    b"\x89PNG": "PNG",
    b"%PDF": "PDF",
    b"\xff\xd8\xff": "JPEG",
    b"GIF8": "GIF",
    b"\xd0\xcf\x11\xe0": "XLS",  # the old binary Office format
    b"PK\x03\x04": "ZIP",
}


# --------------------------------------------------------------------------------------------
# Reading the file


@dataclass
class Row:
    """One data row: its number as a spreadsheet program shows it (the header is usually row 1)."""

    number: int
    cells: dict[str, str]
    extra: bool = False  # non-empty cells to the right of the last named column


def read_upload(upload: Any) -> tuple[str, bytes]:
    """The kind ("xlsx" or "csv") and bytes of an uploaded file, checked by extension, size and content."""
    name = os.path.basename(upload.name or "")
    extension = os.path.splitext(name)[1].lower()
    if extension not in (".xlsx", ".csv"):
        raise ApplicationError(
            _("Upload the spreadsheet as an Excel workbook (.xlsx) or a CSV file (.csv)."), field="file"
        )
    if upload.size > MAX_BYTES:
        raise ApplicationError(
            _("The file is larger than 5 MB (%(size)s MB). Split it into several files.")
            % {"size": f"{upload.size / 1024 / 1024:.1f}"},
            field="file",
        )
    data = upload.read(MAX_BYTES + 1)
    upload.seek(0)
    if not data:
        raise ApplicationError(_("The file is empty."), field="file")
    return extension[1:], data


def parse(kind: str, data: bytes) -> list[Row]:
    """The data rows of a file, keyed by column name; a file that cannot be read raises ApplicationError."""
    with contextlib.closing(_xlsx_records(data) if kind == "xlsx" else _csv_records(data)) as records:
        return _rows(records)


def _signature(data: bytes) -> str | None:
    return next((kind for magic, kind in SIGNATURES.items() if data.startswith(magic)), None)


def _xlsx_records(data: bytes) -> Generator[tuple[int, list[str]], None, None]:
    signature = _signature(data)
    if signature == "XLS":
        raise ApplicationError(
            _("This is an old Excel file (.xls): save it as an Excel workbook (.xlsx)."), field="file"
        )
    if signature != "ZIP":
        raise ApplicationError(
            _("The file is not an Excel workbook: its content does not match the .xlsx name."), field="file"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ApplicationError(_("The workbook is damaged and cannot be opened."), field="file") from None
    if "xl/workbook.xml" not in names:
        raise ApplicationError(
            _("The file is not an Excel workbook: its content does not match the .xlsx name."), field="file"
        )
    if unpacked > MAX_UNPACKED_BYTES:
        raise ApplicationError(_("The workbook is too large once unpacked. Split it into several files."), field="file")
    import openpyxl  # imported here: only uploads need it

    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions other programs write; they do not matter here.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds of errors on a damaged file
        raise ApplicationError(_("The workbook is damaged and cannot be opened."), field="file") from None
    try:
        sheet = workbook["Entries"] if "Entries" in workbook.sheetnames else workbook.worksheets[0]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rows = sheet.iter_rows(max_col=MAX_COLUMNS_READ, values_only=True)
            for number, values in enumerate(rows, start=1):
                yield number, [_cell_text(value) for value in values]
    except ApplicationError:
        raise
    except Exception:  # noqa: BLE001
        raise ApplicationError(_("The workbook is damaged and cannot be read."), field="file") from None
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    """A cell as text: dates as YYYY-MM-DD, whole numbers without ".0" (an organisation id, a WSIS target)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv_records(data: bytes) -> Generator[tuple[int, list[str]], None, None]:
    signature = _signature(data)
    if signature == "ZIP":
        raise ApplicationError(
            _("This looks like an Excel workbook, not a CSV file: name it .xlsx or save it as CSV."), field="file"
        )
    if signature is not None:
        raise ApplicationError(
            _("The file is not a CSV text file (its content is a %(kind)s file).") % {"kind": signature}, field="file"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ApplicationError(
            _("The file is not UTF-8 text. In your spreadsheet program, save it as “CSV UTF-8”."), field="file"
        ) from None
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\n\r")
    if controls > 8 and controls * 100 > len(text[:65536]):
        raise ApplicationError(_("The file is not a CSV text file: it holds binary data."), field="file")
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        # The record number, not the line number: a quoted cell may span lines, and a spreadsheet
        # program shows it as one row.
        yield from enumerate(([cell.strip() for cell in record] for record in reader), start=1)
    except csv.Error as error:
        raise ApplicationError(
            _("The CSV file cannot be read near line %(line)d: %(error)s") % {"line": reader.line_num, "error": error},
            field="file",
        ) from None


def _sniff_delimiter(text: str) -> str:
    """ "," or ";": whichever splits the header row into more known column names."""

    def score(delimiter: str) -> int:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            for record in itertools.islice(reader, 200):
                if record and record[0].strip() and not record[0].lstrip().startswith("#"):
                    return sum(1 for cell in record if _column_name(cell) in COLUMNS)
        except csv.Error:
            return -1
        return 0

    return max((",", ";"), key=score)


def _column_name(header: str) -> str:
    return header.replace("\ufeff", "").strip().lower().replace(" ", "_")


def _rows(records: Iterable[tuple[int, list[str]]]) -> list[Row]:
    header: list[str] | None = None
    rows: list[Row] = []
    for number, cells in records:
        if not any(cells):
            continue
        if header is None:
            if cells[0].startswith("#"):
                continue  # the template's explanations above the header row
            header = [_column_name(cell) for cell in cells]
            while header and not header[-1]:
                header.pop()
            _check_header(header)
            continue
        if len(rows) >= MAX_ROWS:
            raise ApplicationError(
                _("The file has more than %(max)d rows. Split it into several files.") % {"max": MAX_ROWS},
                field="file",
            )
        values = dict(zip(header, cells, strict=False))
        rows.append(Row(number=number, cells=values, extra=any(cells[len(header) :])))
    if header is None:
        raise ApplicationError(_("The file has no header row. Start from the template."), field="file")
    if not rows:
        raise ApplicationError(_("The file has a header row but no entries."), field="file")
    return rows


def _check_header(header: list[str]) -> None:
    unknown = [name or "(empty)" for name in header if name not in COLUMNS]
    if unknown:
        raise ApplicationError(
            _("The header row has unknown columns: %(columns)s. Use the column names of the template.")
            % {"columns": ", ".join(unknown[:10])},
            field="file",
        )
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise ApplicationError(
            _("The header row names these columns twice: %(columns)s.") % {"columns": ", ".join(repeated)},
            field="file",
        )
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise ApplicationError(
            _("The header row lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)}, field="file"
        )
