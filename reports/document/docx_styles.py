"""The style sheet of the report's DOCX: Normal, Heading 1/2/3, Title, Subtitle, Numbered Paragraph,
Report Text, Caption, the footnote styles, Hyperlink and the Report Table style."""

from __future__ import annotations

from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from . import fonts, wordxml
from .model import RTL_LANGUAGES

TWIPS_PER_CM = 567
INDENT = 709  # 1.25 cm: the UN's text block starts here; chapter numbers hang to the margin
NUMBER_TAB = 1134  # 2 cm: where the text of a numbered paragraph's first line starts
BODY_SIZE = Pt(10)
LANG_TAGS = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES", "ru": "ru-RU", "ar": "ar-SA", "zh-hans": "zh-CN"}


def apply(doc: Any, language: str) -> None:
    """The report's style sheet on a new python-docx document (fonts, sizes, indents of the UN layout)."""
    styles = doc.styles
    rtl = language in RTL_LANGUAGES
    lang = LANG_TAGS[language]
    defaults = styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for tag in ("w:rFonts", "w:lang", "w:sz", "w:szCs"):
        for old in r_pr.findall(qn(tag)):
            r_pr.remove(old)
    r_pr.insert(0, fonts_xml(fonts.DOCX_LATIN))
    r_pr.append(parse_xml(f'<w:sz {nsdecls("w")} w:val="20"/>'))
    r_pr.append(parse_xml(f'<w:szCs {nsdecls("w")} w:val="20"/>'))
    r_pr.append(
        parse_xml(
            f'<w:lang {nsdecls("w")} w:val="{lang if not rtl else "en-GB"}" '
            f'w:eastAsia="{lang if language == "zh-hans" else "zh-CN"}" '
            f'w:bidi="{lang if rtl else "ar-SA"}"/>'
        )
    )
    normal = styles["Normal"]
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = Pt(12)
    font_of(normal, fonts.DOCX_LATIN, BODY_SIZE)

    def heading(name: str, size: float, italic: bool = False) -> None:
        style = styles[name]
        font_of(style, fonts.DOCX_LATIN, Pt(size), bold=True, italic=italic)
        fmt = style.paragraph_format
        fmt.left_indent = Cm(INDENT / TWIPS_PER_CM)
        fmt.first_line_indent = -Cm(INDENT / TWIPS_PER_CM)
        fmt.space_before, fmt.space_after = Pt(12 if size > 10 else 10), Pt(6)
        fmt.keep_with_next = True
        fmt.line_spacing = Pt(size + 2)
        fmt.tab_stops.add_tab_stop(Cm(INDENT / TWIPS_PER_CM))

    heading("Heading 1", 12)
    heading("Heading 2", 10)
    heading("Heading 3", 10, italic=True)
    title = styles["Title"]
    font_of(title, fonts.DOCX_LATIN, Pt(15), bold=True)
    title.paragraph_format.left_indent = Cm(INDENT / TWIPS_PER_CM)
    title.paragraph_format.right_indent = Cm(INDENT / TWIPS_PER_CM)
    title.paragraph_format.space_before, title.paragraph_format.space_after = Pt(12), Pt(4)
    title.paragraph_format.line_spacing = Pt(18)
    wordxml.drop_borders(title.element)
    subtitle = styles["Subtitle"]
    font_of(subtitle, fonts.DOCX_LATIN, Pt(12), bold=True, italic=False)
    subtitle.paragraph_format.left_indent = Cm(INDENT / TWIPS_PER_CM)
    subtitle.paragraph_format.space_after = Pt(10)
    for spacing in subtitle.element.get_or_add_rPr().findall(qn("w:spacing")):
        spacing.getparent().remove(spacing)

    numbered = styles.add_style("Numbered Paragraph", WD_STYLE_TYPE.PARAGRAPH)
    numbered.base_style = normal
    fmt = numbered.paragraph_format
    fmt.left_indent = fmt.right_indent = Cm(INDENT / TWIPS_PER_CM)
    fmt.first_line_indent = Cm(0)
    fmt.space_after = Pt(6)
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.widow_control = True
    body_text = styles.add_style("Report Text", WD_STYLE_TYPE.PARAGRAPH)
    body_text.base_style = normal
    body_text.paragraph_format.left_indent = body_text.paragraph_format.right_indent = Cm(INDENT / TWIPS_PER_CM)
    body_text.paragraph_format.space_after = Pt(6)
    body_text.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    caption = styles["Caption"]
    font_of(caption, fonts.DOCX_LATIN_SANS, Pt(9), bold=True, italic=False)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.space_before, caption.paragraph_format.space_after = Pt(6), Pt(4)
    caption.paragraph_format.keep_with_next = True
    list_bullet = styles["List Bullet"]
    list_bullet.paragraph_format.left_indent = Cm((INDENT + 425) / TWIPS_PER_CM)
    for style in (styles["Header"], styles["Footer"]):
        font_of(style, fonts.DOCX_LATIN_SANS, Pt(9))
    styles.element.append(
        parse_xml(
            f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="FootnoteText">'
            '<w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/>'
            '<w:unhideWhenUsed/><w:pPr><w:tabs><w:tab w:val="left" w:pos="1247"/></w:tabs>'
            f'<w:spacing w:after="0" w:line="200" w:lineRule="exact"/><w:ind w:left="1247" w:right="{INDENT}" '
            'w:hanging="538"/></w:pPr><w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>'
        )
    )
    styles.element.append(
        parse_xml(
            f'<w:style {nsdecls("w")} w:type="character" w:styleId="FootnoteReference">'
            '<w:name w:val="footnote reference"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
            '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
        )
    )
    styles.element.append(
        parse_xml(
            f'<w:style {nsdecls("w")} w:type="character" w:styleId="Hyperlink">'
            '<w:name w:val="Hyperlink"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
            '<w:rPr><w:color w:val="1F4F8F"/><w:u w:val="single"/></w:rPr></w:style>'
        )
    )
    sans = fonts_xml(fonts.DOCX_LATIN_SANS)
    styles.element.append(
        parse_xml(
            f'<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="ReportTable">'
            '<w:name w:val="Report Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
            '<w:pPr><w:spacing w:before="30" w:after="30" w:line="220" w:lineRule="exact"/></w:pPr>'
            f'<w:rPr>{etree.tostring(sans).decode()}<w:sz w:val="17"/><w:szCs w:val="17"/></w:rPr>'
            '<w:tblPr><w:jc w:val="center"/><w:tblBorders>'
            '<w:bottom w:val="single" w:sz="12" w:space="0" w:color="000000"/>'
            '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="999999"/></w:tblBorders>'
            '<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
            "</w:tblPr></w:style>"
        )
    )


def fonts_xml(latin: str) -> Any:
    return parse_xml(
        f'<w:rFonts {nsdecls("w")} w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{fonts.DOCX_EAST_ASIAN}" '
        f'w:cs="{fonts.DOCX_COMPLEX}"/>'
    )


def font_of(style: Any, latin: str, size: Pt, bold: bool = False, italic: bool = False) -> None:
    font = style.font
    font.size = size
    font.bold = bold
    font.italic = italic
    font.color.rgb = RGBColor(0, 0, 0)
    r_pr = style.element.get_or_add_rPr()
    for old in r_pr.findall(qn("w:rFonts")):
        r_pr.remove(old)
    r_pr.insert(0, fonts_xml(latin))
    # The template's theme leftovers (letter spacing, kerning, complex-script bold/italic) go.
    for tag in ("w:szCs", "w:bCs", "w:iCs", "w:spacing", "w:kern"):
        for old in r_pr.findall(qn(tag)):
            r_pr.remove(old)
    r_pr.append(parse_xml(f'<w:szCs {nsdecls("w")} w:val="{int(size.pt * 2)}"/>'))
    if bold:
        r_pr.append(parse_xml(f"<w:bCs {nsdecls('w')}/>"))
    if italic:
        r_pr.append(parse_xml(f"<w:iCs {nsdecls('w')}/>"))
