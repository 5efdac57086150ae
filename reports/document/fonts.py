"""The vendored fonts (static/fonts/, see SOURCES.md there) and the font stacks of each output.

The PDF is drawn only with these files: @font-face rules give them family names of our own
("Noto Serif Report"...), so that a Noto font the machine may also have installed is never picked instead,
and no generic family (serif, sans-serif) is named, so nothing falls back to the system's fonts.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts"

# family, weight, style, file
FACES: tuple[tuple[str, int, str, str], ...] = (
    ("Noto Serif Report", 400, "normal", "NotoSerif-Regular.ttf"),
    ("Noto Serif Report", 700, "normal", "NotoSerif-Bold.ttf"),
    ("Noto Serif Report", 400, "italic", "NotoSerif-Italic.ttf"),
    ("Noto Serif Report", 700, "italic", "NotoSerif-BoldItalic.ttf"),
    ("Noto Sans Report", 400, "normal", "NotoSans-Regular.ttf"),
    ("Noto Sans Report", 700, "normal", "NotoSans-Bold.ttf"),
    ("Noto Naskh Arabic Report", 400, "normal", "NotoNaskhArabic-Regular.ttf"),
    ("Noto Naskh Arabic Report", 700, "normal", "NotoNaskhArabic-Bold.ttf"),
    ("Noto Sans SC Report", 400, "normal", "NotoSansSC-Regular-GB2312.ttf"),
    ("Noto Sans SC Report", 700, "normal", "NotoSansSC-Bold-GB2312.ttf"),
)

# The PDF's stacks by the document's language: its own script first, then the others for quotations.
SERIF_STACK = {
    "ar": '"Noto Naskh Arabic Report", "Noto Serif Report", "Noto Sans SC Report"',
    "zh-hans": '"Noto Sans SC Report", "Noto Serif Report", "Noto Naskh Arabic Report"',
}
DEFAULT_SERIF_STACK = '"Noto Serif Report", "Noto Naskh Arabic Report", "Noto Sans SC Report"'
SANS_STACK = {
    "ar": '"Noto Naskh Arabic Report", "Noto Sans Report", "Noto Sans SC Report"',
    "zh-hans": '"Noto Sans SC Report", "Noto Sans Report", "Noto Naskh Arabic Report"',
}
DEFAULT_SANS_STACK = '"Noto Sans Report", "Noto Naskh Arabic Report", "Noto Sans SC Report"'

# The DOCX names fonts (it embeds none): Latin/Cyrillic (w:ascii, w:hAnsi), complex scripts (w:cs:
# Arabic) and East Asian (w:eastAsia). The Noto families are free to install wherever Word runs.
DOCX_LATIN = "Noto Serif"
DOCX_LATIN_SANS = "Noto Sans"
DOCX_COMPLEX = "Noto Naskh Arabic"
DOCX_EAST_ASIAN = "Noto Sans SC"


def path(name: str) -> Path:
    return FONT_DIR / name


def font_face_css() -> str:
    rules = []
    for family, weight, style, filename in FACES:
        rules.append(
            f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-style: {style}; '
            f'src: url("{path(filename).as_uri()}") format("truetype"); }}'
        )
    return "\n".join(rules)


def stacks_css(language: str) -> str:
    """The font-family rules of the PDF for `language` (the print stylesheet leaves them to this)."""
    serif = SERIF_STACK.get(language, DEFAULT_SERIF_STACK)
    sans = SANS_STACK.get(language, DEFAULT_SANS_STACK)
    # The footnote area belongs to the page, not to the article: give it the document's direction.
    direction = ".footnote { direction: rtl; text-align: right; }\n" if language == "ar" else ""
    return direction + (
        f"html {{ font-family: {serif}; }}\n"
        f".masthead, .report-table, .chart-data, .agenda, figure, .page-note {{ font-family: {sans}; }}\n"
    )
