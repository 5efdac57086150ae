"""DOCX output with python-docx: an editable Word document laid out as the UN issues its reports.

- Styles: Heading 1/2/3 (chapters "I.", sub-sections "A.", parts "1."), "Numbered Paragraph" whose
  numbers are a real Word numbering definition (one list for the whole body, so Word renumbers when a
  paragraph is inserted), "Report Table", "Caption", footnote styles; A4 pages.
- Footnotes are real Word footnotes: python-docx has no API for them, so the footnotes part
  (word/footnotes.xml, with Word's separator notes -1 and 0) and its relationship are written here.
  The agenda items' notes are footnotes with custom marks (*, **), as on UN first pages.
- First page: the UN masthead in the first-page header (United Nations, the symbol top right, the
  organs, "Distr.: General", the date, "Original: ..."); later pages: the symbol in the header (left
  on even pages, right on odd ones) and the page number (a PAGE field) in the footer.
- Fonts are named for Latin (w:ascii/w:hAnsi), complex scripts (w:cs) and East Asian text
  (w:eastAsia); Arabic documents get right-to-left paragraphs (w:bidi), runs (w:rtl), tables
  (w:bidiVisual) and section (w:bidi).
- Deterministic: core properties dated from the document's date, zip entries stamped with it too.
"""

from __future__ import annotations

import datetime
import io
from typing import Any

import docx
from django.conf import settings
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from . import charts, docx_styles, fonts, terms, wordxml
from .model import (
    BarChart,
    Cell,
    Document,
    Emphasis,
    FootnoteRef,
    Heading,
    Inline,
    ItemList,
    Paragraph,
    Placed,
    SourceLink,
    Table,
    Text,
    layout,
    paragraph_label,
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
INDENT, NUMBER_TAB, LANG_TAGS = docx_styles.INDENT, docx_styles.NUMBER_TAB, docx_styles.LANG_TAGS


def render_docx(document: Document) -> bytes:
    builder = _Builder(document)
    builder.build()
    return builder.save()


class _Builder:
    def __init__(self, document: Document) -> None:
        self.model = document
        self.layout = layout(document)
        self.rtl = document.rtl
        self.doc = docx.Document()
        self.footnote_calls: dict[str, int] = {}
        self.next_footnote_id = 1
        self.footnotes_root = parse_xml(
            f"<w:footnotes {nsdecls('w', 'r')}>"
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
            'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
            'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
            "</w:footnotes>"
        )
        self.footnotes_part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, b"", self.doc.part.package)
        self.doc.part.relate_to(self.footnotes_part, RT.FOOTNOTES)
        self.num_id = 0

    # Setup -----------------------------------------------------------------------------------------

    def build(self) -> None:
        self._page()
        docx_styles.apply(self.doc, self.model.language)
        self._numbering()
        self._headers_and_footers()
        self._front_matter()
        self._body()
        self._annexes()
        self._properties()

    def _page(self) -> None:
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.top_margin, section.bottom_margin = Cm(2.3), Cm(2.4)
        section.left_margin, section.right_margin = Cm(2.1), Cm(2.1)
        section.header_distance, section.footer_distance = Cm(1.2), Cm(1.2)
        section.different_first_page_header_footer = True
        self.doc.settings.odd_and_even_pages_header_footer = True
        if self.rtl:
            sect_pr = section._sectPr
            sect_pr.insert(wordxml.sect_pr_position(sect_pr, "w:bidi"), parse_xml(f"<w:bidi {nsdecls('w')}/>"))

    def _numbering(self) -> None:
        """One numbering definition for every numbered paragraph of the body: the numbers run on
        across chapters because all paragraphs belong to the same list (w:num)."""
        numbering = self.doc.part.numbering_part.element
        abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
        num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
        abstract_id = max(abstract_ids, default=-1) + 1
        self.num_id = max(num_ids, default=0) + 1
        jc = "right" if self.rtl else "left"
        level_text = paragraph_label(1, self.model.language).replace("1", "%1")  # "%1." or "%1 -"
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            '<w:nsid w:val="5753495A"/><w:multiLevelType w:val="singleLevel"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="NumberedParagraph"/>'
            f'<w:lvlText w:val="{level_text}"/><w:lvlJc w:val="{jc}"/><w:pPr><w:tabs>'
            f'<w:tab w:val="num" w:pos="{NUMBER_TAB}"/>'
            f'</w:tabs><w:ind w:left="{INDENT}" w:firstLine="0"/></w:pPr></w:lvl></w:abstractNum>'
        )
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        numbering.append(
            parse_xml(f'<w:num {nsdecls("w")} w:numId="{self.num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>')
        )
        # The style carries the list too: a paragraph an editor gives this style in Word joins the
        # sequence and everything after it renumbers.
        style_p_pr = self.doc.styles["Numbered Paragraph"].element.get_or_add_pPr()
        style_p_pr.insert(
            wordxml.p_pr_position(style_p_pr, "w:numPr"),
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{self.num_id}"/></w:numPr>'),
        )

    # Header, footer and first page ------------------------------------------------------------------

    def _headers_and_footers(self) -> None:
        section = self.doc.sections[0]
        symbol = self.model.symbol or self.model.title
        for header, alignment in (
            (section.header, WD_ALIGN_PARAGRAPH.RIGHT),
            (section.even_page_header, WD_ALIGN_PARAGRAPH.LEFT),
        ):
            header.is_linked_to_previous = False
            paragraph = header.paragraphs[0]
            paragraph.alignment = alignment
            run = paragraph.add_run(symbol)
            run.bold = True
            self._direction(paragraph)
            wordxml.bottom_border(paragraph, size=4)
        for footer, alignment in (
            (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
            (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
            (section.first_page_footer, WD_ALIGN_PARAGRAPH.CENTER),
        ):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            paragraph.alignment = alignment
            wordxml.page_field(paragraph)
        self._masthead(section.first_page_header)
        self._agenda_notes(section.first_page_footer)

    def _agenda_notes(self, footer: Any) -> None:
        """The agenda items' notes (*, **) at the foot of the first page, above its number: in the
        first-page footer rather than as custom-mark footnotes, which LibreOffice prints twice."""
        notes = [item.note for item in self.model.agenda if item.note]
        if not notes:
            return
        page_number = footer.paragraphs[0]
        for i, note in enumerate(notes, start=1):
            paragraph = page_number.insert_paragraph_before(style="footnote text")
            if i == 1:
                p_pr = paragraph._p.get_or_add_pPr()
                p_pr.insert(
                    wordxml.p_pr_position(p_pr, "w:pBdr"),
                    parse_xml(
                        f'<w:pBdr {nsdecls("w")}><w:top w:val="single" w:sz="4" w:space="4" w:color="000000"/></w:pBdr>'
                    ),
                )
            self._direction(paragraph)
            self._run_direction(paragraph.add_run("*" * i))
            self._run_direction(paragraph.add_run("\t" + note))
        page_number.paragraph_format.space_before = Pt(6)

    def _masthead(self, header: Any) -> None:
        header.is_linked_to_previous = False
        language = self.model.language
        table = header.add_table(rows=2, cols=2, width=Cm(16.8))
        self._table_direction(table)
        table.autofit = False
        widths = (Cm(10.3), Cm(6.5))
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
        top_left, top_right = table.rows[0].cells
        if self.model.kind == "annual_report":
            self._cell_text(top_left, terms.term("united_nations", language), size=Pt(9))
        self._cell_text(
            top_right, self.model.symbol or "", size=Pt(15), bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT, latin=True
        )
        bottom_left, bottom_right = table.rows[1].cells
        if self.model.kind == "annual_report":
            organs = [terms.term("general_assembly", language), terms.term("ecosoc", language)]
            lines = [terms.term("distribution", language), terms.masthead_date(self.model.date, language)]
            lines += terms.masthead_languages(language, self.model.compiled_language)
        else:
            organs = [self.model.title]
            lines = [terms.masthead_date(self.model.date, language)]
        for i, organ in enumerate(organs):
            self._cell_text(bottom_left, organ, size=Pt(13), bold=True, first=i == 0)
        latin = terms.MASTHEAD_LANGUAGE[language] != language
        for i, line in enumerate(lines):
            self._cell_text(bottom_right, line, size=Pt(9), first=i == 0, latin=latin)
        for cell in table.rows[0].cells:
            wordxml.cell_border(cell, "bottom", 4)
        for cell in table.rows[1].cells:
            wordxml.cell_border(cell, "bottom", 24)
        # Word wants a header to end with a paragraph: the header's first (empty) one goes after the table.
        empty = header.paragraphs[0]
        empty.paragraph_format.space_after = Pt(0)
        table._tbl.addnext(empty._p)

    def _cell_text(
        self,
        cell: Any,
        text: str,
        *,
        size: Pt,
        bold: bool = False,
        align: WD_ALIGN_PARAGRAPH | None = None,
        first: bool = True,
        latin: bool = False,
    ) -> None:
        """A line in a table cell; `latin` lines (the symbol, the English masthead block of the Arabic
        version) stay left-to-right in a right-to-left document."""
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        paragraph.paragraph_format.line_spacing = 1.0  # single: Normal's exact 12 pt would clip 14 pt text
        if align is not None:
            paragraph.alignment = align
        run = paragraph.add_run(text)
        run.font.size = size
        run.bold = bold
        run.font.name = fonts.DOCX_LATIN_SANS
        if not latin:
            self._direction(paragraph)
            self._run_direction(run)

    def _front_matter(self) -> None:
        model = self.model
        language = model.language
        if model.agenda:
            table = self.doc.add_table(rows=1, cols=len(model.agenda))
            self._table_direction(table)
            marks = 0
            for cell, item in zip(table.rows[0].cells, model.agenda, strict=True):
                lines: list[tuple[str, bool]] = [(terms.term(item.organ.value, language), True), (item.session, True)]
                if item.dates_and_place:
                    lines.append((item.dates_and_place, False))
                for i, (text, bold) in enumerate(lines):
                    self._cell_text(cell, text, size=Pt(9), bold=bold, first=i == 0)
                paragraph = cell.add_paragraph()
                self._direction(paragraph)
                run = paragraph.add_run(item.item)
                run.font.size = Pt(9)
                self._run_direction(run)
                if item.note:
                    marks += 1
                    mark = paragraph.add_run("*" * marks)
                    mark.font.size = Pt(9)
                    self._run_direction(mark)
                self._cell_text(cell, item.title, size=Pt(9), bold=True, first=False)
        title = self.doc.add_paragraph(model.title, style="Title")
        self._direction(title)
        subtitle_text = model.subtitle or terms.term(
            "report_of_the_secretary_general" if model.kind == "annual_report" else "stocktaking_report", language
        )
        subtitle = self.doc.add_paragraph(subtitle_text, style="Subtitle")
        self._direction(subtitle)
        if self.layout.summary:
            box = self.doc.add_table(rows=1, cols=1)
            box.alignment = WD_TABLE_ALIGNMENT.CENTER
            self._table_direction(box)
            cell = box.rows[0].cells[0]
            cell.width = Cm(14.3)
            for side in ("top", "left", "bottom", "right"):
                wordxml.cell_border(cell, side, 6)
            heading = cell.paragraphs[0]
            heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
            heading.paragraph_format.space_before = heading.paragraph_format.space_after = Pt(6)
            run = heading.add_run(terms.term("summary", language))
            run.italic = True
            self._direction(heading)
            for placed in self.layout.summary:
                block = placed.block
                assert isinstance(block, Paragraph)
                paragraph = cell.add_paragraph()
                paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
                paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = Cm(0.5)
                paragraph.paragraph_format.space_after = Pt(6)
                self._direction(paragraph)
                self._runs(paragraph, block.runs)

    # Body -------------------------------------------------------------------------------------------

    def _body(self) -> None:
        first = True
        for item in self.layout.body:
            paragraph = self._item(item)
            if first and paragraph is not None:
                # Chapter I starts a new page after the summary, as in the UN's reports.
                paragraph.paragraph_format.page_break_before = True
                first = False

    def _annexes(self) -> None:
        for annex in self.layout.annexes:
            label = f"{terms.term('annex', self.model.language)} {annex.label}".strip()
            heading = self.doc.add_paragraph(label, style="Heading 1")
            heading.paragraph_format.page_break_before = True
            heading.paragraph_format.first_line_indent = Cm(0)
            heading.paragraph_format.left_indent = Cm(0)
            heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self._direction(heading)
            title = self.doc.add_paragraph(style="Heading 2")
            title.add_run(annex.title)
            title.paragraph_format.first_line_indent = Cm(0)
            title.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self._direction(title)
            for item in annex.items:
                self._item(item)

    def _item(self, item: Heading | Placed) -> DocxParagraph | None:
        if isinstance(item, Heading):
            paragraph = self.doc.add_paragraph(f"{item.number}\t{item.title}", style=f"Heading {min(item.level, 3)}")
            self._direction(paragraph)
            return paragraph
        block = item.block
        if isinstance(block, Paragraph):
            if item.number is not None:
                paragraph = self.doc.add_paragraph(style="Numbered Paragraph")
                p_pr = paragraph._p.get_or_add_pPr()
                num_pr = parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{self.num_id}"/></w:numPr>'
                )
                style_el = p_pr.find(qn("w:pStyle"))
                style_el.addnext(num_pr)
            else:
                paragraph = self.doc.add_paragraph(style="Report Text")
            self._direction(paragraph)
            self._runs(paragraph, block.runs)
            return paragraph
        if isinstance(block, Table):
            return self._table(block)
        if isinstance(block, BarChart):
            return self._chart(block)
        if isinstance(block, ItemList):
            first_paragraph = None
            for entry in block.items:
                paragraph = self.doc.add_paragraph(style="List Bullet")
                self._direction(paragraph)
                self._runs(paragraph, entry)
                first_paragraph = first_paragraph or paragraph
            return first_paragraph
        return None

    def _runs(self, paragraph: DocxParagraph, runs: tuple[Inline, ...], in_footnote: bool = False) -> None:
        for run in runs:
            if isinstance(run, Text):
                self._run_direction(paragraph.add_run(run.text))
            elif isinstance(run, Emphasis):
                added = paragraph.add_run(run.text)
                added.bold = run.strong or None
                added.italic = (not run.strong) or None
                self._run_direction(added)
            elif isinstance(run, SourceLink):
                part = self.footnotes_part if in_footnote else self.doc.part
                # A portal path becomes an address on the portal: the file travels outside it.
                url = settings.SITE_URL + run.url if run.url.startswith("/") else run.url
                r_id = part.relate_to(url, RT.HYPERLINK, is_external=True)
                rtl = "<w:rtl/>" if self.rtl else ""
                link = parse_xml(
                    f'<w:hyperlink {nsdecls("w", "r")} r:id="{r_id}"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/>'
                    f'{rtl}</w:rPr><w:t xml:space="preserve"></w:t></w:r></w:hyperlink>'
                )
                link.find(".//" + qn("w:t")).text = run.text
                paragraph._p.append(link)
            elif isinstance(run, FootnoteRef) and not in_footnote:
                self._footnote(paragraph, run.key)

    def _footnote(self, paragraph: DocxParagraph, key: str) -> None:
        number = self.layout.footnote_numbers[key]
        self.footnote_calls[key] = self.footnote_calls.get(key, 0) + 1
        if self.footnote_calls[key] > 1:
            # A footnote is called once in Word; later calls repeat its number, as UN editors do.
            again = paragraph.add_run(str(number))
            again.style = self.doc.styles["footnote reference"]
            self._run_direction(again)
            return
        footnote_id = self.next_footnote_id
        self.next_footnote_id += 1
        call = paragraph.add_run()
        call.style = self.doc.styles["footnote reference"]
        self._run_direction(call)
        call._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="{footnote_id}"/>'))
        definition = next(f for f in self.model.footnotes if f.key == key)
        note_paragraph = self._footnote_paragraph(footnote_id)
        self._runs(note_paragraph, definition.runs, in_footnote=True)

    def _footnote_paragraph(self, footnote_id: int) -> DocxParagraph:
        rtl = "<w:rtl/>" if self.rtl else ""
        bidi = "<w:bidi/>" if self.rtl else ""
        call = f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/>{rtl}</w:rPr><w:footnoteRef/></w:r>'
        note = parse_xml(
            f'<w:footnote {nsdecls("w")} w:id="{footnote_id}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/>{bidi}'
            f"</w:pPr>{call}<w:r><w:rPr>{rtl}</w:rPr><w:tab/></w:r></w:p></w:footnote>"
        )
        self.footnotes_root.append(note)
        return DocxParagraph(note.find(qn("w:p")), self.doc.part)

    def _table(self, table: Table) -> DocxParagraph:
        caption = self.doc.add_paragraph(table.caption, style="Caption")
        self._direction(caption)
        grid = table.grid()
        out = self.doc.add_table(rows=len(grid), cols=table.column_count)
        out.style = self.doc.styles["Report Table"]
        out.alignment = WD_TABLE_ALIGNMENT.CENTER
        self._table_direction(out)
        header_count = len(table.header_rows)
        last = len(grid) - 1
        # Merge first (python-docx joins the merged cells' texts), then write each origin cell.
        for r, row in enumerate(grid):
            for c, slot in enumerate(row):
                assert slot is not None
                cell, origin, _ = slot
                if origin and (cell.colspan > 1 or cell.rowspan > 1):
                    out.cell(r, c).merge(out.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        for r, row in enumerate(grid):
            if r < header_count:
                tr_pr = out.rows[r]._tr.get_or_add_trPr()
                tr_pr.append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
            for c, slot in enumerate(row):
                assert slot is not None
                cell, origin, header = slot
                if not origin:
                    continue
                target = out.cell(r, c)
                paragraph = target.paragraphs[0]
                numeric = c in table.numeric_columns and c > 0
                if numeric:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if self.rtl else WD_ALIGN_PARAGRAPH.RIGHT
                self._direction(paragraph)
                run = paragraph.add_run(cell.text)
                run.italic = header or None
                run.bold = (table.totals_row is not None and r == last) or None
                self._run_direction(run)
                if r == header_count - 1 or (header and r + cell.rowspan == header_count):
                    wordxml.cell_border(target, "bottom", 6)
                if table.totals_row is not None and r == last:
                    wordxml.cell_border(target, "top", 6)
        if table.source:
            note = self.doc.add_paragraph(style="Report Text")
            note.paragraph_format.space_before = Pt(3)
            self._direction(note)
            self._runs(note, table.source)
        return caption

    def _chart(self, chart: BarChart) -> DocxParagraph:
        caption = self.doc.add_paragraph(chart.title, style="Caption")
        self._direction(caption)
        picture = self.doc.add_paragraph()
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.line_spacing = 1.0  # Normal's exact 12 pt would clip the picture
        picture.paragraph_format.keep_with_next = True
        picture.add_run().add_picture(io.BytesIO(charts.png(chart, self.model.language)), width=Cm(15))
        unit = f" ({chart.unit})" if chart.unit else ""
        data = Table(
            caption=terms.term("chart_data", self.model.language),
            header_rows=((_cell(""), *(_cell(s.name + unit) for s in chart.series)),),
            body_rows=tuple(
                (
                    _cell(category),
                    *(
                        _cell(charts.format_value(s.values[i], chart.decimals, self.model.language))
                        for s in chart.series
                    ),
                )
                for i, category in enumerate(chart.categories)
            ),
            numeric_columns=frozenset(range(1, len(chart.series) + 1)),
            source=chart.source,
        )
        self._table(data)
        return caption

    # Direction and fonts ------------------------------------------------------------------------------

    def _direction(self, paragraph: DocxParagraph) -> None:
        if self.rtl:
            p_pr = paragraph._p.get_or_add_pPr()
            if p_pr.find(qn("w:bidi")) is None:
                p_pr.insert(wordxml.p_pr_position(p_pr, "w:bidi"), parse_xml(f"<w:bidi {nsdecls('w')}/>"))

    def _run_direction(self, run: Any) -> None:
        """Right-to-left runs in Arabic; there bold and italic are the complex-script ones (w:bCs, w:iCs)."""
        if self.rtl:
            r_pr = run._r.get_or_add_rPr()
            if r_pr.find(qn("w:rtl")) is None:
                r_pr.append(parse_xml(f"<w:rtl {nsdecls('w')}/>"))
            if run.bold and r_pr.find(qn("w:bCs")) is None:
                r_pr.append(parse_xml(f"<w:bCs {nsdecls('w')}/>"))
            if run.italic and r_pr.find(qn("w:iCs")) is None:
                r_pr.append(parse_xml(f"<w:iCs {nsdecls('w')}/>"))

    def _table_direction(self, table: DocxTable) -> None:
        if self.rtl:
            tbl_pr = table._tbl.tblPr
            tbl_pr.insert(0, parse_xml(f"<w:bidiVisual {nsdecls('w')}/>"))

    # Saving -----------------------------------------------------------------------------------------

    def _properties(self) -> None:
        moment = datetime.datetime.combine(self.model.date, datetime.time(0, 0))
        props = self.doc.core_properties
        props.title = self.model.title
        props.subject = self.model.symbol
        props.author = "United Nations"
        props.last_modified_by = "WSIS follow-up portal"
        props.language = LANG_TAGS[self.model.language]
        props.identifier = self.model.fingerprint()
        props.keywords = "WSIS"
        props.revision = 1
        props.created = props.modified = props.last_printed = moment
        # The template's thumbnail shows another document: drop it.
        package = self.doc.part.package
        for r_id, rel in list(package.rels.items()):
            if rel.reltype == RT.THUMBNAIL:
                del package.rels[r_id]

    def save(self) -> bytes:
        roots = [self.footnotes_root]
        roots += [part.element for part in self.doc.part.package.iter_parts() if hasattr(part, "element")]
        for root in roots:
            wordxml.schema_order(root)
        self.footnotes_part._blob = etree.tostring(
            self.footnotes_root, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        out = io.BytesIO()
        self.doc.save(out)
        return wordxml.normalise_zip(out.getvalue(), self.model.date)


def _cell(text: str) -> Cell:
    return Cell(text)
