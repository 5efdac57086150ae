"""The compiled DOCX opens in LibreOffice: converted to PDF, its text read back with pdftotext."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from reports.compile import build_annual_report
from reports.document.render_docx import render_docx
from reports.models import ReportingCycle
from tests.reports.document.conftest import need_tool


@pytest.mark.slow
@pytest.mark.parametrize(("language", "words"), [("en", ["Key trends", "Findings and suggestions"]), ("ar", ["مقدمة"])])
def test_libreoffice_converts_the_compiled_report(
    annual_cycle: ReportingCycle, tmp_path: Path, language: str, words: list[str], settings: Any
) -> None:
    soffice, pdftotext = need_tool("soffice"), need_tool("pdftotext")
    source = tmp_path / f"report-{language}.docx"
    source.write_bytes(render_docx(build_annual_report(annual_cycle, language)))
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    text = subprocess.run(
        [pdftotext, "-layout", str(tmp_path / f"report-{language}.pdf"), "-"],
        check=True, capture_output=True, text=True, timeout=60,
    ).stdout  # fmt: skip
    assert "A/81/62" in text and "E/2026/10" in text
    for word in words:
        assert word in text
    pages = text.count("\f")
    assert pages >= 3
