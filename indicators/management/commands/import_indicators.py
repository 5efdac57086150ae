from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from indicators import importers, services
from wsis_portal.errors import ApplicationError


class Command(BaseCommand):
    help = (
        "Import indicator values from a World Bank (WDI/API download) or ITU DataHub file, CSV or XLSX. "
        "Every row is checked first; a file with any error imports nothing. Re-importing updates values."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", help="The .csv or .xlsx file.")
        parser.add_argument("--layout", choices=sorted(importers.LAYOUTS), required=True)
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report; write nothing.")

    def handle(self, *args: Any, path: str, layout: str, dry_run: bool = False, **options: Any) -> None:
        try:
            result, written = services.import_path(path=path, layout=layout, dry_run=dry_run)
        except ApplicationError as failure:
            raise CommandError(failure.message) from None
        except OSError as failure:
            raise CommandError(str(failure)) from None
        for note in result.notes:
            self.stdout.write(f"skipped row {note['row']} {note['column']}: {note['reason']}")
        for error in result.errors:
            self.stderr.write(f"row {error['row']}, column {error['column'] or '-'}: {error['reason']}")
        summary = f"{result.row_count} rows, {len(result.candidates)} values, {len(result.errors)} errors"
        if result.errors:
            raise CommandError(f"{summary}; nothing was imported.")
        if written is None:
            self.stdout.write(self.style.SUCCESS(f"Dry run: {summary}; nothing was written."))
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported: {summary}; {written.created} created, {written.updated} updated, "
                f"{written.unchanged} unchanged."
            )
        )
