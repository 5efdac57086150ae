"""Word-compatible software opens the DOCX: LibreOffice converts it, and its own numbering, footnotes and
headers come out as the model says."""

from __future__ import annotations

import re
import subprocess

import pytest

from reports.document import sample
from reports.document.render_docx import render_docx

from .conftest import need_tool


@pytest.mark.slow
def test_libreoffice_opens_the_docx_with_its_numbers_footnotes_and_symbol(tmp_path):
    office = need_tool("libreoffice")
    source = tmp_path / "report.docx"
    source.write_bytes(render_docx(sample.sample_document("fr")))
    profile = tmp_path / "profile"  # its own profile: no clash with another LibreOffice running
    result = subprocess.run(
        [office, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf", "--outdir",
         str(tmp_path), str(source)],
        capture_output=True,
        text=True,
        timeout=240,
    )  # fmt: skip
    converted = tmp_path / "report.pdf"
    assert converted.exists(), result.stdout + result.stderr
    assert converted.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(
        [need_tool("pdftotext"), str(converted), "-"], check=True, capture_output=True, text=True
    ).stdout
    # Word's numbering, as LibreOffice counts it: one list from 1 to 6 across chapters I and II.
    assert [int(n) for n in re.findall(r"^(\d)\.\s", text, flags=re.MULTILINE)] == [1, 2, 3, 4, 5, 6]
    assert text.count("A/66/77–E/2011/103") >= 2  # the masthead and the header of page 2
    assert "Voir A/60/687." in text and "Un compte-rendu complet des consultations" in text
    assert "A/66/50." in text and "E/2011/100." in text  # the agenda's notes on the first page
    layout = subprocess.run(
        [need_tool("pdftotext"), "-layout", str(converted), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert re.search(r"Gouvernements\s+11\s+13\s+8\s+32", layout)
    assert re.search(r"Total\s+59\s+26\s+13\s+98", layout)
