"""PDF output: the HTML of render_html in print mode, report.css + report-print.css, vendored fonts.

WeasyPrint may read nothing but the vendored font files: the URL fetcher refuses every other address
(a hostile link in a submission cannot make the worker read a local file or call the network).
The PDF's dates come from the document's date and its identifier from the fingerprint, so the same
document gives the same bytes.
"""

from __future__ import annotations

import calendar
import contextlib
import hashlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from . import fonts
from .model import Document
from .render_html import context

CSS_DIR = Path(settings.BASE_DIR) / "static" / "css"


# fontTools (WeasyPrint's font subsetter when HarfBuzz-Subset is missing) logs every table it touches.
logging.getLogger("fontTools").setLevel(logging.WARNING)
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # one line per page otherwise


@contextlib.contextmanager
def _fixed_font_timestamps(document: Document) -> Iterator[None]:
    """Without HarfBuzz-Subset, WeasyPrint subsets fonts with fontTools, which stamps each subset with
    the time of day unless SOURCE_DATE_EPOCH is set: set it to the document's date while rendering.
    (A worker renders one document at a time; the previous value is restored.)"""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(document.date.timetuple()))
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


class VendoredFontsOnly(URLFetcher):
    """Serves the files of static/fonts/ and nothing else."""

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        allowed = {fonts.path(name).as_uri(): fonts.path(name) for *_, name in fonts.FACES}
        if url not in allowed:
            raise ValueError(f"The report renderer does not fetch {url[:80]!r}.")
        return URLFetcherResponse(url, body=allowed[url].read_bytes(), headers={"Content-Type": "font/ttf"})


def render_pdf(document: Document) -> bytes:
    html = render_to_string("reports/document/page.html", context(document, print_mode=True))
    fetcher = VendoredFontsOnly()
    font_config = FontConfiguration()
    stylesheets = [
        CSS(string=fonts.font_face_css(), font_config=font_config, url_fetcher=fetcher),
        CSS(filename=str(CSS_DIR / "report.css"), font_config=font_config, url_fetcher=fetcher),
        CSS(filename=str(CSS_DIR / "report-print.css"), font_config=font_config, url_fetcher=fetcher),
        CSS(string=fonts.stacks_css(document.language), font_config=font_config, url_fetcher=fetcher),
    ]
    identifier = hashlib.sha256(document.fingerprint().encode()).hexdigest()[:32].encode()
    with _fixed_font_timestamps(document):
        # Links to portal paths ("/fr/...") resolve against the portal's address; nothing is fetched
        # from it (the fetcher serves the fonts only).
        pdf = HTML(string=html, base_url=settings.SITE_URL + "/", url_fetcher=fetcher).write_pdf(
            stylesheets=stylesheets,
            font_config=font_config,
            pdf_identifier=identifier,
        )
    assert pdf is not None  # write_pdf returns the bytes when no target is given
    return pdf
