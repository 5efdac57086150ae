"""Spreadsheet import of stocktaking entries by the secretariat.

Three steps: a template to fill (XLSX or CSV), a dry run that reads the uploaded file, checks every row
through the entry form's own fields and keeps the errors on an ImportBatch, then one all-or-nothing
import that creates or updates entries by their external_id.

The dry run's queries do not depend on the number of rows: the reference codes are read once (through
forms.EntryForm, the same choices the entry form offers), the organisations and the entries already
known are each read with one `IN` query.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import io
import itertools
import os
import re
import uuid
import warnings
import zipfile
from collections.abc import Generator, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from actionlines.models import ActionLine, SdgTarget, WsisTarget
from stakeholders.models import Country, Organisation, Region
from stocktaking import content as entry_content
from stocktaking import forms as entry_forms
from stocktaking.models import (
    LANGUAGE_CHOICES,
    Entry,
    EntryActionLine,
    EntrySdgTarget,
    EntryTranslation,
    ImportBatch,
)
from wsis_portal import audit, permissions
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
MAX_ROWS = 1000  # one transaction in one request: 2 queries a row plus about 20 (see _write)
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


# --------------------------------------------------------------------------------------------
# Checking the rows


@dataclass
class CheckedRow:
    number: int
    external_id: str
    organisation: Organisation
    content: dict[str, Any]
    existing_id: int | None


@dataclass
class Check:
    """The outcome of a dry run: the rows ready to write and every error found."""

    rows: list[CheckedRow] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    row_count: int = 0

    @property
    def to_create(self) -> int:
        return sum(1 for row in self.rows if row.existing_id is None)

    @property
    def to_update(self) -> int:
        return sum(1 for row in self.rows if row.existing_id is not None)


@dataclass
class _Reference:
    form: entry_forms.EntryForm
    organisations: dict[str, Organisation]
    existing: dict[str, tuple[int, str]]
    codes: dict[str, set[str]] = field(default_factory=dict)  # the form's choices, as sets


def _choice_values(choices: Any) -> set[str]:
    values: set[str] = set()
    for value, label in choices:
        if isinstance(label, list | tuple):  # a group of choices (the SDG targets by goal)
            values |= {str(inner) for inner, _label in label}
        else:
            values.add(str(value))
    return values


def _load_reference(rows: list[Row]) -> _Reference:
    """The codes the entry form accepts, the organisations named and the entries known. 7 queries."""
    form = entry_forms.EntryForm()  # 5 queries: action lines, SDG targets, WSIS targets, countries, regions
    named = {row.cells.get("organisation", "") for row in rows} - {""}
    ids = [int(value) for value in named if value.isdigit() and len(value) < 18]
    codes = [value.lower() for value in named if not value.isdigit()]
    organisations: dict[str, Organisation] = {}
    found = Organisation.objects.annotate(code_lower=Lower("code")).filter(Q(pk__in=ids) | Q(code_lower__in=codes))
    for organisation in found:
        organisations[str(organisation.pk)] = organisation
        if organisation.code:
            organisations[organisation.code.lower()] = organisation
    external_ids = {row.cells.get("external_id", "") for row in rows} - {""}
    existing = {
        str(external_id): (pk, state)
        for external_id, pk, state in Entry.objects.filter(external_id__in=external_ids).values_list(
            "external_id", "pk", "state"
        )
    }
    known = {name: _choice_values(getattr(form.fields[name], "choices", [])) for name in CODE_COLUMNS}
    return _Reference(form=form, organisations=organisations, existing=existing, codes=known)


def check_rows(rows: list[Row], *, publish: bool) -> Check:
    """Check every row as the entry form would, and completeness when publishing. 7 queries, whatever the rows."""
    reference = _load_reference(rows)
    result = Check(row_count=len(rows))
    first_row_of: dict[str, int] = {}
    for row in rows:
        checked, errors = _check_row(row, reference, publish=publish, first_row_of=first_row_of)
        result.errors += errors
        if checked is not None:
            result.rows.append(checked)
    order = {name: index for index, name in enumerate(COLUMNS)}
    result.errors.sort(key=lambda error: (error["row"], order.get(error["column"], len(order))))
    return result


def _check_row(
    row: Row, reference: _Reference, *, publish: bool, first_row_of: dict[str, int]
) -> tuple[CheckedRow | None, list[dict[str, Any]]]:
    errors: list[dict[str, Any]] = []

    def error(column: str, message: str) -> None:
        errors.append({"row": row.number, "column": column, "message": str(message)})

    cells = row.cells
    if row.extra:
        error("", _("This row has cells to the right of the last column of the header."))
    for column, value in cells.items():
        if "\x00" in value:
            error(column, _("Null characters are not allowed."))
        elif CONTROL_CHARACTERS.search(value):
            error(column, _("Remove the control characters from this text."))

    def ok(column: str) -> bool:
        return not any(e["column"] == column for e in errors)

    external_id = cells.get("external_id", "")
    existing = None
    if ok("external_id"):
        if not external_id:
            error("external_id", _("Give each row an external_id: a later import finds the entry again by it."))
        elif len(external_id) > EXTERNAL_ID_MAX:
            error("external_id", _("At most %(max)d characters.") % {"max": EXTERNAL_ID_MAX})
        elif external_id in first_row_of:
            error(
                "external_id",
                _("The external_id %(id)s is also on row %(row)d: each entry appears once in a file.")
                % {"id": external_id, "row": first_row_of[external_id]},
            )
        else:
            first_row_of[external_id] = row.number
            existing = reference.existing.get(external_id)
            if existing and existing[1] == Entry.State.PUBLISHED and not publish:
                error(
                    "external_id",
                    _("%(id)s is a published entry: import with “publish at once” to update it.") % {"id": external_id},
                )

    organisation = None
    named = cells.get("organisation", "")
    if ok("organisation"):
        organisation = reference.organisations.get(named.lower())
        if not named:
            error("organisation", _("Give the organisation's id or its UN code (such as ITU)."))
        elif organisation is None:
            error("organisation", _("No organisation has the id or code %(value)s.") % {"value": named[:100]})

    content = entry_content.empty("en")
    fields = reference.form.fields
    for name in TEXT_COLUMNS:
        if ok(name):
            try:
                content[name] = fields[name].clean(cells.get(name, ""))
            except ValidationError as invalid:
                error(name, " ".join(invalid.messages))
    content["description"] = entry_content.sanitise_html(content["description"])
    for name in CHOICES:
        value = cells.get(name, "").lower()
        if not ok(name):
            continue
        allowed = CHOICES[name]
        if name == "original_language" and not value:
            error(name, _("Give the language of the entry: %(allowed)s.") % {"allowed": ", ".join(allowed)})
        elif value and value not in allowed:
            error(
                name,
                _("Unknown value %(value)s; use one of: %(allowed)s.")
                % {"value": value[:50], "allowed": ", ".join(allowed)},
            )
        else:
            content[name] = value
    for name in ("start_date", "end_date"):
        value = cells.get(name, "")
        if ok(name) and value:
            try:
                content[name] = datetime.date.fromisoformat(value).isoformat()
            except ValueError:
                error(name, _("%(value)s is not a date: write it as YYYY-MM-DD.") % {"value": value[:30]})
    if content["start_date"] and content["end_date"] and content["end_date"] < content["start_date"]:
        error("end_date", _("The end date is before the start date."))
    if ok("links"):
        _check_links(cells.get("links", ""), content, error)
    for name in CODE_COLUMNS:
        if ok(name):
            _check_codes(name, cells.get(name, ""), reference.codes[name], content, error)

    if publish:
        # A column that already has an error is not also reported as missing.
        for name, message in entry_content.missing_for_submission(content).items():
            if ok(name):
                error(name, message)
    if errors or organisation is None:
        return None, errors
    return CheckedRow(row.number, external_id, organisation, content, existing[0] if existing else None), errors


def _check_links(value: str, content: dict[str, Any], error: Any) -> None:
    links = [link.strip() for link in value.replace("\n", ";").split(";") if link.strip()]
    if len(links) > entry_forms.MAX_LINKS:
        error("links", _("Give at most %(max)d links.") % {"max": entry_forms.MAX_LINKS})
        return
    validate = URLValidator(schemes=["http", "https"])
    for link in links:
        try:
            if len(link) > LINK_MAX:
                raise ValidationError("too long")
            validate(link)
        except ValidationError:
            error("links", _("%(link)s is not a web address.") % {"link": link[:100]})
            return
    content["links"] = links


def _check_codes(name: str, value: str, known: set[str], content: dict[str, Any], error: Any) -> None:
    """Codes separated by ";" (also "," or spaces), kept as the UN writes them (C7.4, 9.c, SEN, 002)."""
    codes = [code for code in value.replace(",", ";").replace("\n", ";").replace(" ", ";").split(";") if code]
    if name in ("countries", "action_lines"):
        codes = [code.upper() for code in codes]
    elif name == "sdg_targets":
        codes = [code.lower() for code in codes]
    elif name == "regions":
        codes = [code.zfill(3) if code.isdigit() else code for code in codes]
    codes = list(dict.fromkeys(codes))
    unknown = [code for code in codes if code not in known]
    if unknown:
        messages = {
            "countries": _("Unknown country codes: %(codes)s. Use ISO 3166 alpha-3 codes such as SEN."),
            "regions": _("Unknown region codes: %(codes)s. Use UN M49 region codes such as 002."),
            "action_lines": _("Unknown action lines: %(codes)s. Use codes such as C2 or C7.4."),
            "sdg_targets": _("Unknown SDG targets: %(codes)s. Use codes such as 9.c or 17.8."),
            "wsis_targets": _("Unknown WSIS targets: %(codes)s. Use the numbers 1 to 10."),
        }
        error(name, messages[name] % {"codes": ", ".join(code[:20] for code in unknown[:10])})
        return
    if name in ("action_lines", "sdg_targets"):
        content[name] = [{"code": code, "rationale": ""} for code in codes]
    elif name == "wsis_targets":
        content[name] = sorted(int(code) for code in codes)
    else:
        content[name] = sorted(codes)


# --------------------------------------------------------------------------------------------
# Services


@transaction.atomic
def batch_check(*, by: Any, upload: Any, publish: bool) -> ImportBatch:
    """Dry run: read and check every row, keep the file and the errors; no entry is written.

    Queries: 7 to check (see check_rows) and 1 insert, whatever the number of rows."""
    permissions.require(by, "stocktaking.entry.moderate")
    kind, data = read_upload(upload)
    rows = parse(kind, data)
    result = check_rows(rows, publish=publish)
    errors = result.errors
    if len(errors) > MAX_STORED_ERRORS:
        errors = [
            *errors[:MAX_STORED_ERRORS],
            {
                "row": None,
                "column": "",
                "message": _("… and %(n)d more errors.") % {"n": len(errors) - MAX_STORED_ERRORS},
            },
        ]
    batch = ImportBatch(
        original_name=os.path.basename(upload.name or "")[:200],
        uploaded_by=by,
        publish=publish,
        row_count=result.row_count,
        errors=errors,
        # Until the import runs, the counts are those the dry run foresees.
        created_count=result.to_create,
        updated_count=result.to_update,
    )
    batch.file.save(f"{uuid.uuid4().hex}.{kind}", ContentFile(data), save=False)
    batch.save()
    return batch


class _RunFailed(Exception):
    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__("rows failed")
        self.errors = errors


def batch_run(*, batch: ImportBatch, by: Any) -> ImportBatch:
    """Import a checked batch in one transaction (all rows or none); search is reindexed after commit.

    The file is checked again inside the transaction: entries or reference data may have changed since
    the dry run. If it fails now, the batch is marked failed with the new errors and nothing is written."""
    permissions.require(by, "stocktaking.entry.moderate")
    try:
        with transaction.atomic():
            batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
            if batch.state != ImportBatch.State.CHECKED:
                raise ApplicationError(_("This file has already been imported or has failed; upload it again."))
            if batch.errors:
                raise ApplicationError(_("Correct the errors in the file and upload it again."))
            kind = "xlsx" if batch.file.name.endswith(".xlsx") else "csv"
            try:
                with batch.file.open("rb") as stored:
                    data = stored.read()
            except OSError:
                raise ApplicationError(_("The uploaded file is no longer available; upload it again.")) from None
            result = check_rows(parse(kind, data), publish=batch.publish)
            if result.errors:
                raise _RunFailed(result.errors[:MAX_STORED_ERRORS])
            ids, created, updated = _write(result.rows, by=by, publish=batch.publish)
            batch.state = ImportBatch.State.IMPORTED
            batch.created_count, batch.updated_count = created, updated
            batch.imported_at = timezone.now()
            batch.save()
            transaction.on_commit(lambda: _reindex(ids))
    except _RunFailed as failure:
        ImportBatch.objects.filter(pk=batch.pk).update(state=ImportBatch.State.FAILED, errors=failure.errors)
        raise ApplicationError(
            _(
                "The file no longer passes the checks (entries or codes changed since the dry run); "
                "nothing was imported."
            )
        ) from None
    except IntegrityError:
        ImportBatch.objects.filter(pk=batch.pk).update(state=ImportBatch.State.FAILED)
        raise ApplicationError(
            _("Another change to the same entries happened meanwhile; nothing was imported. Upload the file again.")
        ) from None
    return batch


def _reindex(ids: list[int]) -> None:
    from stocktaking import search

    search.reindex_entries(ids)


def _write(rows: list[CheckedRow], *, by: Any, publish: bool) -> tuple[list[int], int, int]:
    """Create or update one entry per row: 2 queries a row (the entry and its history row), then the
    links of all entries at once (see _write_links), plus 3 to lock and read the entries known."""
    existing = {
        entry.external_id: entry
        for entry in Entry.objects.select_for_update(of=("self",))
        .filter(external_id__in=[row.external_id for row in rows])
        .prefetch_related(
            Prefetch("action_line_links", queryset=EntryActionLine.objects.select_related("action_line")),
            Prefetch("sdg_target_links", queryset=EntrySdgTarget.objects.select_related("target")),
        )
    }
    now = timezone.now()
    written: list[tuple[Entry, dict[str, Any]]] = []
    updated: list[Entry] = []
    for row in rows:
        content = dict(row.content)
        entry = existing.get(row.external_id)
        if entry is None:
            entry = Entry(external_id=row.external_id, owner=by)
        else:
            _keep_rationales(entry, content)
            entry.version += 1
            updated.append(entry)
        entry.organisation = row.organisation
        entry.stakeholder_type_id = row.organisation.stakeholder_type_id
        entry_content.write(entry, content)
        entry.state_reason = ""
        if publish:
            entry.state = Entry.State.PUBLISHED
            entry.published_at = entry.published_at or now
            entry.approved_by, entry.approved_at, entry.content_updated_at = by, now, now
            entry.update_requested_at = None
        else:
            entry.state = Entry.State.DRAFT
        # Uniqueness, references and the date order were checked for the whole file at once; the
        # database constraints still hold them.
        entry.full_clean(
            exclude=["owner", "organisation", "stakeholder_type", "approved_by"],
            validate_unique=False,
            validate_constraints=False,
        )
        audit.record_as(entry, by, "stocktaking.entry.imported")
        entry.save()
        written.append((entry, content))
    _write_links(written, updated)
    return [entry.pk for entry, _content in written], len(written) - len(updated), len(updated)


def _keep_rationales(entry: Entry, content: dict[str, Any]) -> None:
    """The spreadsheet has no column for why each action line or SDG target applies: keep those given."""
    lines = {link.action_line.code: link.rationale for link in entry.action_line_links.all()}
    targets = {link.target.code: link.rationale for link in entry.sdg_target_links.all()}
    content["action_lines"] = [{**a, "rationale": lines.get(a["code"], "")} for a in content["action_lines"]]
    content["sdg_targets"] = [{**t, "rationale": targets.get(t["code"], "")} for t in content["sdg_targets"]]


def _write_links(written: list[tuple[Entry, dict[str, Any]]], updated: list[Entry]) -> None:
    """What content.write_links stores, for all entries at once. 5 queries to read the codes, then one
    DELETE per relation for the entries updated (6) and one INSERT per relation (5).

    content.write_links costs about 14 queries per entry (measured: 16 a row in all); written per entry,
    500 rows took a minute. Translations are kept: the file has none, except one in the entry's new
    original language, which the entry form forbids and is removed."""
    lines = dict(ActionLine.objects.values_list("code", "pk"))
    targets = dict(SdgTarget.objects.values_list("code", "pk"))
    wsis = dict(WsisTarget.objects.values_list("number", "pk"))
    countries = dict(Country.objects.values_list("iso3", "pk"))
    regions = dict(Region.objects.values_list("code", "pk"))
    entry_countries = Entry.countries.through
    entry_regions = Entry.regions.through
    entry_wsis = Entry.wsis_targets.through
    if updated:
        ids = [entry.pk for entry in updated]
        for model in (EntryActionLine, EntrySdgTarget, entry_countries, entry_regions, entry_wsis):
            model.objects.filter(entry_id__in=ids).delete()
        own_language = Q()
        for entry in updated:
            own_language |= Q(entry_id=entry.pk, language=entry.original_language)
        EntryTranslation.objects.filter(own_language).delete()
    batch = 1000
    EntryActionLine.objects.bulk_create(
        [
            EntryActionLine(entry=entry, action_line_id=lines[a["code"]], rationale=a.get("rationale", ""))
            for entry, content in written
            for a in content["action_lines"]
        ],
        batch_size=batch,
    )
    EntrySdgTarget.objects.bulk_create(
        [
            EntrySdgTarget(entry=entry, target_id=targets[t["code"]], rationale=t.get("rationale", ""))
            for entry, content in written
            for t in content["sdg_targets"]
        ],
        batch_size=batch,
    )
    entry_wsis.objects.bulk_create(
        [entry_wsis(entry_id=e.pk, wsistarget_id=wsis[n]) for e, c in written for n in c["wsis_targets"]],
        batch_size=batch,
    )
    entry_countries.objects.bulk_create(
        [entry_countries(entry_id=e.pk, country_id=countries[code]) for e, c in written for code in c["countries"]],
        batch_size=batch,
    )
    entry_regions.objects.bulk_create(
        [entry_regions(entry_id=e.pk, region_id=regions[code]) for e, c in written for code in c["regions"]],
        batch_size=batch,
    )


# --------------------------------------------------------------------------------------------
# The template


def template_example() -> dict[str, str]:
    """One complete example row (it passes the checks, also when publishing)."""
    return {
        "external_id": "ITU-2025-0001",
        "organisation": "ITU",
        "title": "Connecting rural schools in Senegal",
        "short_description": (
            "The project connects two hundred rural primary and secondary schools in Senegal to broadband "
            "through solar-powered community networks. It trains teachers in digital skills, supplies "
            "low-cost devices and open educational content in French and Wolof, and opens the school "
            "connection to the surrounding community after school hours so that health workers, farmers and "
            "small businesses can use it."
        ),
        "description": "Phase one connected 120 schools.\n\nPhase two adds 80 schools in the east.",
        "activity_type": "project",
        "original_language": "en",
        "status": "ongoing",
        "start_date": "2024-01-15",
        "end_date": "",
        "coverage": "national",
        "countries": "SEN",
        "regions": "",
        "action_lines": "C2;C7.3",
        "sdg_targets": "4.a;9.c",
        "wsis_targets": "2",
        "website": "https://schools.example.org",
        "links": "https://schools.example.org/report-2024.pdf;https://schools.example.org/map",
        "partners": "Ministry of Education; national regulator",
        "impact": "30,000 pupils online.",
        "challenges": "Power supply in the dry season.",
        "contact_name": "Awa Diop",
        "contact_email": "contact@schools.example.org",
    }


def template_notes() -> list[tuple[str, str]]:
    """What each column holds, in the active language."""
    choices = {
        name: ", ".join(code for code, _label in choice_list)
        for name, choice_list in (
            ("activity_type", Entry.ActivityType.choices),
            ("status", Entry.Status.choices),
            ("coverage", Entry.Coverage.choices),
            ("original_language", LANGUAGE_CHOICES),
        )
    }
    return [
        (
            "external_id",
            _(
                "Required. Your stable key for the entry (at most 100 characters); "
                "importing a row with a known key updates that entry."
            ),
        ),
        (
            "organisation",
            _("Required. The organisation's id in the portal, or its UN code such as ITU (sheet Organisations)."),
        ),
        ("title", _("At most 300 characters.")),
        ("short_description", _("150 to 200 words (50 to 250 accepted).")),
        ("description", _("Plain text or simple HTML (paragraphs, lists, links).")),
        ("activity_type", _("One of: %(values)s.") % {"values": choices["activity_type"]}),
        ("original_language", _("Required. One of: %(values)s.") % {"values": choices["original_language"]}),
        ("status", _("One of: %(values)s.") % {"values": choices["status"]}),
        ("start_date", _("YYYY-MM-DD.")),
        ("end_date", _("YYYY-MM-DD; required for a completed activity.")),
        ("coverage", _("One of: %(values)s.") % {"values": choices["coverage"]}),
        ("countries", _("ISO 3166 alpha-3 codes separated by “;”, such as SEN;GMB (sheet Countries).")),
        ("regions", _("UN M49 region codes separated by “;”, such as 002 (sheet Regions).")),
        ("action_lines", _("WSIS action line codes separated by “;”, such as C2;C7.4 (sheet Action lines).")),
        ("sdg_targets", _("SDG target codes separated by “;”, such as 9.c;17.8 (sheet SDG targets).")),
        ("wsis_targets", _("WSIS target numbers separated by “;”, such as 1;2 (sheet WSIS targets).")),
        ("website", _("A web address.")),
        ("links", _("Up to 10 web addresses separated by “;”.")),
        ("partners", _("At most 2,000 characters.")),
        ("impact", _("At most 4,000 characters.")),
        ("challenges", _("At most 4,000 characters.")),
        ("contact_name", _("At most 200 characters.")),
        ("contact_email", _("An e-mail address.")),
    ]


def template_code_lists() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(sheet name, code column, [(code, label)]) for each list of allowed codes. 6 queries."""
    return [
        (
            _("Action lines"),
            "action_lines",
            [(line.code, line.name) for line in ActionLine.objects.exclude(code="C7").order_by("sort")],
        ),
        (
            _("SDG targets"),
            "sdg_targets",
            [(t.code, t.text_en) for t in SdgTarget.objects.select_related("goal").order_by("goal__number", "sort")],
        ),
        (_("WSIS targets"), "wsis_targets", [(str(t.number), t.text) for t in WsisTarget.objects.order_by("number")]),
        (_("Countries"), "countries", [(c.iso3, c.name) for c in Country.objects.order_by("iso3")]),
        (
            _("Regions"),
            "regions",
            [(r.code, r.name) for r in Region.objects.exclude(kind=Region.Kind.GROUPING).order_by("code")],
        ),
        (
            _("Organisations"),
            "organisation",
            [(o.code or "", o.name) for o in Organisation.objects.exclude(code=None).exclude(code="").order_by("code")],
        ),
    ]


def template_xlsx() -> bytes:
    """The template workbook: the Entries sheet (header and an example row), a Help sheet, code lists."""
    import xlsxwriter

    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True, "strings_to_numbers": False, "strings_to_urls": False})
    bold = workbook.add_format({"bold": True, "bg_color": "#DCE6F1"})
    text = workbook.add_format({"num_format": "@"})  # codes stay text: "17.10" must not become 17.1
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    entries = workbook.add_worksheet("Entries")
    example = template_example()
    for column, name in enumerate(COLUMNS):
        entries.set_column(column, column, 40 if name in TEXT_COLUMNS else 18, text)
        entries.write_string(0, column, name, bold)
        entries.write_string(1, column, example[name])
    entries.freeze_panes(1, 0)
    help_sheet = workbook.add_worksheet(_("Help")[:31])
    help_sheet.set_column(0, 0, 22)
    help_sheet.set_column(1, 1, 100, wrap)
    help_sheet.write_string(0, 0, _("Column"), bold)
    help_sheet.write_string(0, 1, _("What to write"), bold)
    for number, (name, note) in enumerate(template_notes(), start=1):
        help_sheet.write_string(number, 0, name)
        help_sheet.write_string(number, 1, note)
    last = len(COLUMNS) + 2
    help_sheet.write_string(
        last,
        1,
        _("Fill the sheet Entries, one row per entry; replace the example row. Codes are listed in the other sheets."),
    )
    for sheet_name, code_column, codes in template_code_lists():
        sheet = workbook.add_worksheet(sheet_name[:31])
        sheet.set_column(0, 0, 14, text)
        sheet.set_column(1, 1, 90)
        sheet.write_string(0, 0, code_column, bold)
        sheet.write_string(0, 1, _("Name"), bold)
        for number, (code, label) in enumerate(codes, start=1):
            sheet.write_string(number, 0, code)
            sheet.write_string(number, 1, label)
    workbook.close()
    return output.getvalue()


def template_csv() -> bytes:
    """The template as CSV: commented lines (#) with the columns and allowed codes, the header, an example."""
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(
        [_("# WSIS stocktaking import. Lines starting with # are ignored. One row per entry; replace the example row.")]
    )
    for name, note in template_notes():
        writer.writerow([f"# {name}: {note}"])
    for sheet_name, column, codes in template_code_lists():
        writer.writerow([f"# {column} ({sheet_name}): " + "; ".join(code for code, _label in codes)])
    writer.writerow(COLUMNS)
    example = template_example()
    writer.writerow([example[name] for name in COLUMNS])
    return ("\ufeff" + output.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8
