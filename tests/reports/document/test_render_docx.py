from __future__ import annotations

import dataclasses
import io
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from reports.document import model as m
from reports.document.render_docx import render_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def seed_docx(seed_document) -> bytes:
    return render_docx(seed_document)


def body_paragraphs(data: bytes) -> list:
    return docx.Document(io.BytesIO(data)).paragraphs


def test_headings_in_order(seed_docx):
    headings = [p.text for p in body_paragraphs(seed_docx) if p.style.name.startswith("Heading")]
    assert headings == [
        "I.\tContexte général",
        "II.\tOrganisation des consultations ouvertes sur le renforcement de la coopération tenues en application "
        "de la résolution 2010/2 du Conseil économique et social",
        "Annexe",
        "Groupes de parties prenantes consultés",
    ]


def test_paragraph_numbers_are_one_word_list_running_on_across_chapters(seed_docx, seed_document):
    document = docx.Document(io.BytesIO(seed_docx))
    numbered = [p for p in document.paragraphs if p.style.name == "Numbered Paragraph"]
    assert len(numbered) == m.layout(seed_document).paragraph_count == 6
    assert numbered[0].text.startswith("L'appel lancé")
    assert numbered[3].text.startswith("Les parties prenantes")  # the first of chapter II is the 4th
    num_ids = {p._p.pPr.find(qn("w:numPr")).find(qn("w:numId")).get(qn("w:val")) for p in numbered}
    levels = {p._p.pPr.find(qn("w:numPr")).find(qn("w:ilvl")).get(qn("w:val")) for p in numbered}
    assert len(num_ids) == 1 and levels == {"0"}
    # The list is one decimal sequence "1.", "2.", ... that no paragraph restarts.
    numbering = document.part.numbering_part.element
    num_id = next(iter(num_ids))
    style_num = document.styles["Numbered Paragraph"].element.pPr.find(qn("w:numPr"))
    assert style_num.find(qn("w:numId")).get(qn("w:val")) == num_id  # the style is linked to the same list
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id)
    assert num.find(qn("w:lvlOverride")) is None
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id)
    level = abstract.find(qn("w:lvl"))
    assert level.find(qn("w:numFmt")).get(qn("w:val")) == "decimal"
    assert level.find(qn("w:lvlText")).get(qn("w:val")) == "%1."
    assert level.find(qn("w:start")).get(qn("w:val")) == "1"
    # Nothing else (summary, annex) is in that list.
    others = [p for p in document.paragraphs if p.style.name != "Numbered Paragraph" and p._p.pPr is not None]
    assert all(p._p.pPr.find(qn("w:numPr")) is None for p in others)


def test_the_symbol_is_in_the_header_of_every_page_and_the_masthead_on_the_first(seed_docx):
    document = docx.Document(io.BytesIO(seed_docx))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert document.settings.odd_and_even_pages_header_footer
    assert section.header.paragraphs[0].text == "A/66/77–E/2011/103"
    assert section.even_page_header.paragraphs[0].text == "A/66/77–E/2011/103"
    masthead = section.first_page_header.tables[0]
    cells = [[cell.text for cell in row.cells] for row in masthead.rows]
    assert cells[0] == ["Nations Unies", "A/66/77–E/2011/103"]
    assert cells[1][0] == "Assemblée générale\nConseil économique et social"
    assert cells[1][1] == "Distr. générale\n4 mai 2011\nFrançais\nOriginal : anglais"
    # The agenda items' notes at the foot of the first page, page numbers as PAGE fields.
    first_footer = [p.text for p in section.first_page_footer.paragraphs]
    assert first_footer[:2] == ["*\tA/66/50.", "**\tE/2011/100."]
    for footer in (section.footer, section.even_page_footer, section.first_page_footer):
        instructions = [t.text for t in footer._element.iter(qn("w:instrText"))]
        assert instructions == [" PAGE "]
    # A4
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)


def test_front_matter_on_the_first_page(seed_docx):
    document = docx.Document(io.BytesIO(seed_docx))
    agenda = document.tables[0]
    ga, ecosoc = (cell.text.split("\n") for cell in agenda.rows[0].cells)
    assert ga == [
        "Assemblée générale",
        "Soixante-sixième session",
        "Point 17 de la liste préliminaire*",
        "Les technologies de l'information et des communications au service du développement",
    ]
    assert ecosoc[2:4] == ["Genève, 4-29 juillet 2011", "Point 13 b) de l'ordre du jour provisoire**"]
    title = next(p for p in document.paragraphs if p.style.name == "Title")
    assert title.text.startswith("Renforcement de la coopération")
    assert next(p for p in document.paragraphs if p.style.name == "Subtitle").text == "Rapport du Secrétaire général"
    summary = document.tables[1].rows[0].cells[0].text
    assert summary.startswith("Résumé\nDans sa résolution 2010/2")


def test_the_table_cells_and_totals_equal_the_model(seed_docx, seed_document):
    document = docx.Document(io.BytesIO(seed_docx))
    model_table = next(seed_document.iter_blocks(m.Table))
    table = document.tables[2]
    assert table.style.name == "Report Table"
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    expected = [[c.text for c in row] for row in (*model_table.header_rows, *model_table.body_rows)]
    expected.append([c.text for c in model_table.totals_row])
    assert rows == expected
    assert rows[-1] == ["Total", "59", "26", "13", "98"]
    # Totals in bold, numbers right-aligned, the header row repeats on a new page.
    totals = table.rows[-1].cells
    assert all(run.bold for cell in totals for run in cell.paragraphs[0].runs)
    assert totals[4].paragraphs[0].alignment == 2  # RIGHT
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    caption = table._tbl.getprevious()
    assert caption.xpath("string(.)") == model_table.caption


def test_real_footnotes_present_and_referenced(seed_docx):
    with zipfile.ZipFile(io.BytesIO(seed_docx)) as package:
        footnotes = etree.fromstring(package.read("word/footnotes.xml"))
        document_xml = etree.fromstring(package.read("word/document.xml"))
        rels = package.read("word/_rels/document.xml.rels").decode()
        content_types = package.read("[Content_Types].xml").decode()
    assert 'Target="footnotes.xml"' in rels
    assert "wordprocessingml.footnotes+xml" in content_types
    notes = footnotes.findall(f"{W}footnote")
    assert [(n.get(f"{W}type"), n.get(f"{W}id")) for n in notes[:2]] == [
        ("separator", "-1"),
        ("continuationSeparator", "0"),
    ]
    real = {n.get(f"{W}id"): "".join(n.itertext()) for n in notes[2:]}
    assert real == {
        "1": "Voir A/60/687.",
        "2": "Un compte-rendu complet des consultations est accessible en ligne à partir du site "
        "http://www.unpan.org/dpadm/wsisfollowup.",
    }
    assert all(n.find(f".//{W}footnoteRef") is not None for n in notes[2:])
    calls = [r.get(f"{W}id") for r in document_xml.iter(f"{W}footnoteReference")]
    assert calls == ["1", "2"]
    # The call of note 1 follows "l'Agenda de Tunis pour la société de l'information".
    call = next(document_xml.iter(f"{W}footnoteReference")).getparent()
    before = "".join(call.getparent().xpath("string(.)")).split("l'information")[0]
    assert before.endswith("Agenda de Tunis pour la société de ")


def test_fonts_for_latin_complex_and_east_asian_scripts(seed_docx):
    with zipfile.ZipFile(io.BytesIO(seed_docx)) as package:
        styles = etree.fromstring(package.read("word/styles.xml"))
    fonts = styles.find(f"{W}docDefaults").find(f".//{W}rFonts")
    assert fonts.get(f"{W}ascii") == fonts.get(f"{W}hAnsi") == "Noto Serif"
    assert fonts.get(f"{W}cs") == "Noto Naskh Arabic"
    assert fonts.get(f"{W}eastAsia") == "Noto Sans SC"


def test_arabic_paragraphs_runs_tables_and_section_are_right_to_left(arabic_document):
    data = render_docx(arabic_document)
    document = docx.Document(io.BytesIO(data))
    numbered = [p for p in document.paragraphs if p.style.name == "Numbered Paragraph"]
    assert len(numbered) == 3
    assert all(p._p.pPr.find(qn("w:bidi")) is not None for p in numbered)
    assert all(r._r.rPr.find(qn("w:rtl")) is not None for p in numbered for r in p.runs)
    assert document.sections[0]._sectPr.find(qn("w:bidi")) is not None
    masthead = document.sections[0].first_page_header.tables[0]
    assert masthead._tbl.tblPr.find(qn("w:bidiVisual")) is not None
    assert masthead.rows[1].cells[0].text == "الجمعية العامة\nالمجلس الاقتصادي والاجتماعي"


def test_hostile_text_stays_text(seed_document):
    doc = dataclasses.replace(
        seed_document, body=(m.Section("<w:p>", (m.Paragraph.of('<script>alert("x")</script> & ]]>'),)),), footnotes=()
    )
    document = docx.Document(io.BytesIO(render_docx(doc)))
    texts = [p.text for p in document.paragraphs]
    assert '<script>alert("x")</script> & ]]>' in texts
    assert "I.\t<w:p>" in texts


def test_two_renders_are_byte_identical_with_dates_from_the_document(seed_document, seed_docx):
    assert render_docx(seed_document) == seed_docx
    with zipfile.ZipFile(io.BytesIO(seed_docx)) as package:
        assert {info.date_time for info in package.infolist()} == {(2011, 5, 4, 0, 0, 0)}
    props = docx.Document(io.BytesIO(seed_docx)).core_properties
    assert props.created.date().isoformat() == props.modified.date().isoformat() == "2011-05-04"
    assert props.identifier == seed_document.fingerprint()
    assert props.title == seed_document.title


def test_properties_come_in_the_schema_order_word_requires(arabic_document):
    from reports.document.wordxml import CHILD_ORDER as _CHILD_ORDER

    data = render_docx(arabic_document)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = [etree.fromstring(package.read(n)) for n in package.namelist() if n.endswith(".xml")]
    checked = 0
    for root in parts:
        for name, order in _CHILD_ORDER.items():
            for element in root.iter(f"{W}{name}"):
                tags = [etree.QName(child).localname for child in element if etree.QName(child).localname in order]
                assert tags == sorted(tags, key=order.index), (name, tags)
                checked += 1
    assert checked > 50
    # Every header ends with a paragraph (Word's rule), also the one holding the masthead table.
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        headers = [etree.fromstring(package.read(n)) for n in package.namelist() if n.startswith("word/header")]
    assert len(headers) == 3
    assert all(etree.QName(h[-1]).localname == "p" for h in headers)


def test_a_stocktaking_report_has_no_un_masthead_and_shows_its_title_in_the_header():
    import datetime

    doc = m.Document(
        kind=m.DocumentKind.STOCKTAKING_REPORT,
        language="en",
        title="WSIS Stocktaking Report 2026",
        date=datetime.date(2026, 5, 4),
        body=(m.Section("Entries of the year", (m.Paragraph.of("ITU received 1,204 entries."),)),),
    )
    document = docx.Document(io.BytesIO(render_docx(doc)))
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "WSIS Stocktaking Report 2026"
    masthead = section.first_page_header.tables[0]
    assert masthead.rows[0].cells[0].text == ""  # no "United Nations", no symbol
    assert masthead.rows[1].cells[1].text == "4 May 2026"
    assert [p.text for p in document.paragraphs if p.style.name == "Subtitle"] == ["Report on the WSIS Stocktaking"]


def test_arabic_paragraph_numbers_read_1_dash(arabic_document):
    document = docx.Document(io.BytesIO(render_docx(arabic_document)))
    numbering = document.part.numbering_part.element
    texts = [lvl.find(qn("w:lvlText")).get(qn("w:val")) for lvl in numbering.iter(qn("w:lvl"))]
    assert "%1 -" in texts
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["أولا -\tمقدمة", "ثانيا -\tالاتجاهات الرئيسية"]


def test_the_paragraph_source_link_is_not_in_the_issued_document(seed_docx):
    document = docx.Document(io.BytesIO(seed_docx))
    fourth = [p for p in document.paragraphs if p.style.name == "Numbered Paragraph"][3]
    assert fourth.text.endswith("le 14 décembre 2010.")
    with zipfile.ZipFile(io.BytesIO(seed_docx)) as package:
        assert "/fr/consultations/" not in package.read("word/_rels/document.xml.rels").decode()


def test_arabic_bold_is_complex_script_bold_and_the_subtitle_not_italic(arabic_document):
    document = docx.Document(io.BytesIO(render_docx(arabic_document)))
    organ_runs = document.sections[0].first_page_header.tables[0].rows[1].cells[0].paragraphs[0].runs
    assert organ_runs[0].bold and organ_runs[0]._r.rPr.find(qn("w:bCs")) is not None
    subtitle = document.styles["Subtitle"].element.rPr
    assert subtitle.find(qn("w:iCs")) is None and subtitle.find(qn("w:spacing")) is None


def test_a_footnote_called_twice_is_one_word_footnote_and_one_repeated_number():
    import datetime

    doc = m.Document(
        kind=m.DocumentKind.STOCKTAKING_REPORT,
        language="en",
        title="T",
        date=datetime.date(2026, 1, 1),
        body=(m.Section("A", (m.Paragraph.of("x", m.FootnoteRef("a")), m.Paragraph.of("y", m.FootnoteRef("a")))),),
        footnotes=(m.Footnote("a", (m.Text("Note A"),)),),
    )
    data = render_docx(doc)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        notes = etree.fromstring(package.read("word/footnotes.xml"))
    assert [r.get(f"{W}id") for r in body.iter(f"{W}footnoteReference")] == ["1"]
    assert len(notes.findall(f"{W}footnote")) == 3  # two separators and note 1
    second = [p for p in docx.Document(io.BytesIO(data)).paragraphs if p.style.name == "Numbered Paragraph"][1]
    assert second.text == "y1" and second.runs[-1].style.name == "footnote reference"


def test_links_to_portal_paths_become_addresses_on_the_portal(seed_document, settings):
    settings.SITE_URL = "https://wsis.example.org"
    link = m.Paragraph.of("See ", m.SourceLink("the report of ITU", "/en/reports/12/"), ".")
    doc = dataclasses.replace(seed_document, body=(m.Section("S", (link,)),), footnotes=())
    with zipfile.ZipFile(io.BytesIO(render_docx(doc))) as package:
        rels = package.read("word/_rels/document.xml.rels").decode()
    assert 'Target="https://wsis.example.org/en/reports/12/" TargetMode="External"' in rels
