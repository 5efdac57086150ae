"""Spreadsheet import of stocktaking entries by the secretariat.

Three steps: a template to fill (XLSX or CSV), a dry run that reads the uploaded file, checks every row
through the entry form's own fields and keeps the errors on an ImportBatch, then one all-or-nothing
import that creates or updates entries by their external_id.

The dry run's queries do not depend on the number of rows: the reference codes are read once (through
forms.EntryForm, the same choices the entry form offers), the organisations and the entries already
known are each read with one `IN` query.


Modules: `reading` (file to rows), `checks` (the dry run's row checks), `services` (dry run, queue,
import), `template` (the file to fill). The names below are the package's public face.
"""

from __future__ import annotations

from stocktaking.imports.checks import check_rows
from stocktaking.imports.reading import COLUMNS, MAX_ROWS, parse, read_upload
from stocktaking.imports.services import batch_check, batch_queue, batch_run
from stocktaking.imports.template import (
    template_code_lists,
    template_csv,
    template_example,
    template_notes,
    template_xlsx,
)

__all__ = [
    "COLUMNS",
    "MAX_ROWS",
    "batch_check",
    "batch_queue",
    "batch_run",
    "check_rows",
    "parse",
    "read_upload",
    "template_code_lists",
    "template_csv",
    "template_example",
    "template_notes",
    "template_xlsx",
]
