"""Write the sample report (seed 002's wording) as DOCX, HTML and PDF, to look at the renderers' output."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reports.document import render_docx, render_html, render_pdf, sample
from reports.document.model import LANGUAGES


class Command(BaseCommand):
    help = (
        "Render the sample annual report (the real wording of seed 002, A/66/77-E/2011/103) to DOCX, HTML "
        "and PDF in DIR. --lang sets the language of the fixed words (masthead, organs); the content stays "
        "in French as the seed gives it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--lang", default="fr", help=f"one of {', '.join(LANGUAGES)} (default fr)")
        parser.add_argument("--out", required=True, help="directory to write into (created if missing)")

    def handle(self, *args: Any, **options: Any) -> None:
        language = options["lang"]
        if language not in LANGUAGES:
            raise CommandError(f"Unknown language {language!r}: use one of {', '.join(LANGUAGES)}.")
        out = Path(options["out"])
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"Cannot create {out}: {error.strerror}.") from error
        document = sample.sample_document(language)
        stem = f"sample-report-{language}"
        files = {
            out / f"{stem}.docx": render_docx.render_docx(document),
            out / f"{stem}.html": render_html.render_html(document).encode(),
            out / f"{stem}.pdf": render_pdf.render_pdf(document),
        }
        for path, content in files.items():
            path.write_bytes(content)
            self.stdout.write(f"{path} ({len(content):,} bytes)")
        self.stdout.write(f"fingerprint {document.fingerprint()}")
