from __future__ import annotations

import io

import docx
import pytest
from django.core.management import CommandError, call_command


def test_render_sample_report_writes_the_three_outputs(tmp_path):
    out = io.StringIO()
    call_command("render_sample_report", "--lang", "es", "--out", str(tmp_path / "new"), stdout=out)
    written = sorted(p.name for p in (tmp_path / "new").iterdir())
    assert written == ["sample-report-es.docx", "sample-report-es.html", "sample-report-es.pdf"]
    assert (tmp_path / "new" / "sample-report-es.pdf").read_bytes().startswith(b"%PDF-")
    html = (tmp_path / "new" / "sample-report-es.html").read_text()
    assert "<p>Distr. general</p>" in html and "<p>4 de mayo de 2011</p>" in html
    masthead = docx.Document(str(tmp_path / "new" / "sample-report-es.docx")).sections[0].first_page_header.tables[0]
    assert masthead.rows[0].cells[0].text == "Naciones Unidas"
    assert "fingerprint " in out.getvalue()


def test_an_unknown_language_is_refused_and_nothing_written(tmp_path):
    with pytest.raises(CommandError, match="Unknown language 'de'"):
        call_command("render_sample_report", "--lang", "de", "--out", str(tmp_path / "x"))
    assert not (tmp_path / "x").exists()
