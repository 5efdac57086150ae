"""Reading an uploaded CSV or XLSX file into numbered records (lists of cell texts), with the checks a
file gets before any row is read: extension, size, content matching the extension, encoding."""

from __future__ import annotations

import csv
import datetime
import io
import os
import warnings
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from wsis_portal.errors import ApplicationError

MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # an XLSX is a zip: refuse one that unpacks into a bomb
MAX_RECORDS = 50_000
MAX_COLUMNS_READ = 200  # a World Bank file has 4 + one column per year since 1960

SIGNATURES = {
    b"\x89PNG": "PNG",
    b"%PDF": "PDF",
    b"\xff\xd8\xff": "JPEG",
    b"GIF8": "GIF",
    b"\xd0\xcf\x11\xe0": "XLS",
    b"PK\x03\x04": "ZIP",
}

Record = tuple[int, list[str]]  # (the row number a spreadsheet program shows, the cells)


def read_upload(upload: Any) -> tuple[str, bytes]:
    """The kind ("xlsx" or "csv") and bytes of an uploaded file, checked by extension, size and content."""
    name = os.path.basename(getattr(upload, "name", "") or "")
    extension = os.path.splitext(name)[1].lower()
    if extension not in (".xlsx", ".csv"):
        raise ApplicationError(
            _("Upload a CSV file (.csv) or an Excel workbook (.xlsx), as the World Bank or ITU publish them."),
            field="file",
        )
    if upload.size > MAX_BYTES:
        raise ApplicationError(
            _("The file is larger than 10 MB (%(size)s MB). Split it into several files.")
            % {"size": f"{upload.size / 1024 / 1024:.1f}"},
            field="file",
        )
    data = upload.read(MAX_BYTES + 1)
    upload.seek(0)
    if not data:
        raise ApplicationError(_("The file is empty."), field="file")
    kind = extension[1:]
    check_content(kind, data)
    return kind, data


def _signature(data: bytes) -> str | None:
    return next((kind for magic, kind in SIGNATURES.items() if data.startswith(magic)), None)


def check_content(kind: str, data: bytes) -> None:
    """Refuse a file whose content does not match its extension (a PDF named .csv, an .xls named .xlsx)."""
    signature = _signature(data)
    if kind == "xlsx":
        if signature == "XLS":
            raise ApplicationError(
                _("This is an old Excel file (.xls): open it and save it as an Excel workbook (.xlsx)."), field="file"
            )
        if signature != "ZIP":
            raise ApplicationError(
                _("The file is not an Excel workbook: its content does not match the .xlsx name."), field="file"
            )
    elif signature == "ZIP":
        raise ApplicationError(
            _("This looks like an Excel workbook or a zip archive, not a CSV file: unpack it or name it .xlsx."),
            field="file",
        )
    elif signature is not None:
        raise ApplicationError(
            _("The file is not a CSV text file (its content is a %(kind)s file).") % {"kind": signature}, field="file"
        )


def records(kind: str, data: bytes) -> list[Record]:
    """Every non-empty record of the file (first sheet of a workbook), numbered as a spreadsheet shows them."""
    found = list(_xlsx_records(data) if kind == "xlsx" else _csv_records(data))
    result = [(number, cells) for number, cells in found if any(cells)]
    if not result:
        raise ApplicationError(_("The file is empty."), field="file")
    if len(result) > MAX_RECORDS:
        raise ApplicationError(
            _("The file has more than %(max)d rows. Split it into several files.") % {"max": MAX_RECORDS},
            field="file",
        )
    return result


def _csv_records(data: bytes) -> Iterator[Record]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")  # what Excel writes for "CSV (comma delimited)" in Western locales
        except UnicodeDecodeError:
            raise ApplicationError(
                _("The file is not UTF-8 text. In your spreadsheet program, save it as “CSV UTF-8”."), field="file"
            ) from None
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r")
    if "\x00" in sample or (controls > 8 and controls * 100 > len(sample)):
        raise ApplicationError(_("The file is not a CSV text file: it holds binary data."), field="file")
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, record in enumerate(reader, start=1):
            yield number, [cell.strip() for cell in record]
    except csv.Error as error:
        raise ApplicationError(
            _("The CSV file cannot be read near line %(line)d: %(error)s") % {"line": reader.line_num, "error": error},
            field="file",
        ) from None


def _xlsx_records(data: bytes) -> Iterator[Record]:
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
            warnings.simplefilter("ignore")  # styles and extensions other programs write do not matter here
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds of errors on a damaged file
        raise ApplicationError(_("The workbook is damaged and cannot be opened."), field="file") from None
    try:
        # The World Bank's workbooks put the values on the sheet "Data" and metadata on other sheets.
        sheet = workbook["Data"] if "Data" in workbook.sheetnames else workbook.worksheets[0]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for number, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS_READ, values_only=True), start=1):
                yield number, [cell_text(value) for value in values]
    except ApplicationError:
        raise
    except Exception:  # noqa: BLE001
        raise ApplicationError(_("The workbook is damaged and cannot be read."), field="file") from None
    finally:
        workbook.close()


def cell_text(value: Any) -> str:
    """A cell as text: whole numbers without ".0" (a year), other numbers exactly as stored."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    return str(value).strip()
