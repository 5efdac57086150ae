"""Small WordprocessingML helpers for render_docx: property order, borders, fields, a stable zip."""

from __future__ import annotations

import datetime
import io
import zipfile
from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


P_PR_ORDER = [
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
    "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
]  # fmt: skip


def p_pr_position(p_pr: Any, tag: str) -> int:
    """Where `tag` goes among a w:pPr's children (Word refuses elements out of the schema's order)."""
    rank = P_PR_ORDER.index(tag)
    for i, child in enumerate(p_pr):
        name = etree.QName(child).localname
        if f"w:{name}" in P_PR_ORDER and P_PR_ORDER.index(f"w:{name}") > rank:
            return i
    return len(p_pr)


def sect_pr_position(sect_pr: Any, tag: str) -> int:
    order = ["w:pgNumType", "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection"]
    order += ["w:bidi", "w:rtlGutter", "w:docGrid"]
    rank = order.index(tag)
    for i, child in enumerate(sect_pr):
        name = f"w:{etree.QName(child).localname}"
        if name in order and order.index(name) > rank:
            return i
    return len(sect_pr)


# The order the schema gives the children of w:rPr and w:tblPr: Word refuses a document whose
# properties come in another order, and a few of them are added here by hand.
CHILD_ORDER = {
    "rPr": [
        "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
        "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
        "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
        "em", "lang", "eastAsianLayout", "specVanish", "oMath",
    ],
    "tblPr": [
        "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
        "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption",
        "tblDescription",
    ],
}  # fmt: skip


def schema_order(root: Any) -> None:
    for name, order in CHILD_ORDER.items():
        rank = {f"{{{W_NS}}}{tag}": i for i, tag in enumerate(order)}
        for element in root.iter(f"{{{W_NS}}}{name}"):
            children = list(element)
            ordered = sorted(children, key=lambda child: rank.get(child.tag, len(order)))
            if ordered != children:
                for child in children:
                    element.remove(child)
                element.extend(ordered)


def bottom_border(paragraph: DocxParagraph, size: int) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    border = parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="{size}" w:space="1" w:color="000000"/></w:pBdr>'
    )
    p_pr.insert(p_pr_position(p_pr, "w:pBdr"), border)


def drop_borders(style_element: Any) -> None:
    p_pr = style_element.find(qn("w:pPr"))
    if p_pr is not None:
        for border in p_pr.findall(qn("w:pBdr")):
            p_pr.remove(border)


def cell_border(cell: Any, side: str, size: int) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = tc_pr.find(qn("w:tcBorders"))
    if borders is None:
        borders = parse_xml(f"<w:tcBorders {nsdecls('w')}/>")
        # tcBorders follows tcW / gridSpan / vMerge in a w:tcPr.
        anchor = None
        for tag in ("w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge"):
            found = tc_pr.find(qn(tag))
            if found is not None:
                anchor = found
        if anchor is not None:
            anchor.addnext(borders)
        else:
            tc_pr.insert(0, borders)
    order = ["top", "left", "start", "bottom", "right", "end"]
    element = parse_xml(f'<w:{side} {nsdecls("w")} w:val="single" w:sz="{size}" w:space="0" w:color="000000"/>')
    for old in borders.findall(qn(f"w:{side}")):
        borders.remove(old)
    position = len(borders)
    for i, child in enumerate(borders):
        name = etree.QName(child).localname
        if name in order and order.index(name) > order.index(side):
            position = i
            break
    borders.insert(position, element)


def page_field(paragraph: DocxParagraph) -> None:
    for xml in (
        '<w:r {ns}><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r {ns}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
        '<w:r {ns}><w:fldChar w:fldCharType="separate"/></w:r>',
        "<w:r {ns}><w:t>1</w:t></w:r>",
        '<w:r {ns}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml.format(ns=nsdecls("w"))))


def normalise_zip(data: bytes, date: datetime.date) -> bytes:
    """The same entries in the same order, each stamped with the document's date (not the time of saving)."""
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
