from __future__ import annotations

import re
import subprocess

import pytest

from reports.document import fonts
from reports.document.render_pdf import VendoredFontsOnly, render_pdf

from .conftest import need_tool


def pdf_text(tmp_path, data: bytes) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    return subprocess.run([need_tool("pdftotext"), str(path), "-"], check=True, capture_output=True, text=True).stdout


def pdf_fonts(tmp_path, data: bytes) -> list[tuple[str, bool]]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(data)
    out = subprocess.run([need_tool("pdffonts"), str(path)], check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # name, type..., emb sub uni, object id: "emb" is the fourth column from the end but two.
        rows.append((parts[0].split("+")[-1], parts[-5] == "yes"))
    return rows


@pytest.fixture(scope="module")
def seed_pdf() -> bytes:
    from reports.document import sample

    return render_pdf(sample.sample_document("fr"))


def test_a_pdf_with_the_title_numbers_and_footnotes(seed_pdf, tmp_path):
    assert seed_pdf.startswith(b"%PDF-")
    text = pdf_text(tmp_path, seed_pdf)
    assert "Renforcement de la coopération sur les questions" in text
    assert "A/66/77–E/2011/103" in text
    assert "Distr. générale" in text and "Original : anglais" in text
    numbers = [int(n) for n in re.findall(r"^(\d)\.\s", text, flags=re.MULTILINE)]
    assert numbers == [1, 2, 3, 4, 5, 6]
    assert "1 Voir A/60/687." in text or "1\u2003Voir A/60/687." in text
    assert "Un compte-rendu complet des consultations" in text
    pages = re.findall(r"^(\d+)/(\d+)$", text, flags=re.MULTILINE)
    assert pages and pages[0] == ("1", pages[0][1]) and all(total == pages[0][1] for _, total in pages)
    assert [int(page) for page, _ in pages] == list(range(1, len(pages) + 1))


def test_only_the_vendored_noto_fonts_are_embedded(seed_pdf, tmp_path):
    embedded = pdf_fonts(tmp_path, seed_pdf)
    assert embedded and all(is_embedded for _, is_embedded in embedded)
    assert all(name.startswith(("Noto-Serif-Report", "Noto-Sans-Report")) for name, _ in embedded), embedded


@pytest.mark.parametrize(
    ("fixture", "family", "text"),
    [
        ("arabic_document", "Noto-Naskh-Arabic-Report", "الجمعية العامة"),
        ("chinese_document", "Noto-Sans-SC-Report", "信息社会世界峰会"),
    ],
)
def test_arabic_and_chinese_render_with_the_vendored_fonts(request, tmp_path, fixture, family, text):
    document = request.getfixturevalue(fixture)
    data = render_pdf(document)
    names = [name for name, _ in pdf_fonts(tmp_path, data)]
    assert any(name.startswith(family) for name in names), names
    assert all("Report" in name for name in names), names  # no DejaVu, no system fallback
    # pdftotext wraps right-to-left runs in bidi controls and may split Arabic letters with spaces.
    extracted = re.sub(r"[\s\u202a-\u202e]", "", pdf_text(tmp_path, data))
    assert text.replace(" ", "") in extracted


def test_two_renders_are_byte_identical(seed_pdf):
    from reports.document import sample

    assert render_pdf(sample.sample_document("fr")) == seed_pdf


def test_the_pdf_is_dated_from_the_document(seed_pdf, tmp_path):
    path = tmp_path / "info.pdf"
    path.write_bytes(seed_pdf)
    info = subprocess.run([need_tool("pdfinfo"), str(path)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"^CreationDate:\s+Wed May  4 00:00:00 2011 UTC$", info, flags=re.MULTILINE)
    assert re.search(r"^ModDate:\s+Wed May  4 00:00:00 2011 UTC$", info, flags=re.MULTILINE)
    assert re.search(r"^Title:\s+A/66/77–E/2011/103 · Renforcement", info, flags=re.MULTILINE)


def test_the_renderer_fetches_nothing_but_the_vendored_fonts():
    fetcher = VendoredFontsOnly()
    allowed = fonts.path("NotoSerif-Regular.ttf").as_uri()
    assert fetcher.fetch(allowed).read()[:4] == b"\x00\x01\x00\x00"
    for url in ("file:///etc/passwd", "http://127.0.0.1:9/x.css", fonts.path("../css/report.css").as_uri()):
        with pytest.raises(ValueError, match="does not fetch"):
            fetcher.fetch(url)
