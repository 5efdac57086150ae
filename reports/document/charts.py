"""Bar charts of the document model, drawn as SVG (HTML, PDF) and PNG (DOCX) from one geometry.

Horizontal bars: category labels are often long ("Organisations internationales"). Values are also
given in the chart's data table in every output, so the picture is never the only carrier of a number.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from babel.numbers import format_decimal
from PIL import Image, ImageDraw, ImageFont

from . import fonts
from .model import BarChart

PALETTE = ("#1f5fa8", "#e07b00", "#3a8a3a", "#8a3a8a")
WIDTH = 640
LABEL_WIDTH = 220
BAR_HEIGHT = 18
GAP = 10
TOP = 12
LEGEND = 24
FONT_SIZE = 12
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_CJK = re.compile("[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def format_value(value: float, decimals: int, language: str) -> str:
    locale = {"zh-hans": "zh_Hans_CN"}.get(language, language)
    return format_decimal(
        round(value, decimals), format=f"#,##0{'.' + '0' * decimals if decimals else ''}", locale=locale
    )


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    colour: str
    label: str


@dataclass(frozen=True)
class Geometry:
    width: int
    height: int
    rows: tuple[tuple[str, float], ...]  # category label, y of its centre
    bars: tuple[Bar, ...]
    legend: tuple[tuple[str, str], ...]  # series name, colour (empty with one series)
    legend_y: float


def geometry(chart: BarChart, language: str) -> Geometry:
    top = max((v for s in chart.series for v in s.values), default=0.0) or 1.0
    plot = WIDTH - LABEL_WIDTH - 70
    per_category = len(chart.series) * BAR_HEIGHT + GAP
    rows, bars = [], []
    for i, category in enumerate(chart.categories):
        y0 = TOP + i * per_category
        rows.append((category, y0 + len(chart.series) * BAR_HEIGHT / 2))
        for j, series in enumerate(chart.series):
            value = series.values[i]
            bars.append(
                Bar(
                    x=LABEL_WIDTH,
                    y=y0 + j * BAR_HEIGHT,
                    width=round(plot * max(value, 0.0) / top, 2),
                    colour=PALETTE[j % len(PALETTE)],
                    label=format_value(value, chart.decimals, language) + (f" {chart.unit}" if chart.unit else ""),
                )
            )
    legend = (
        tuple((s.name, PALETTE[j % len(PALETTE)]) for j, s in enumerate(chart.series)) if len(chart.series) > 1 else ()
    )
    legend_y = TOP + len(chart.categories) * per_category
    height = int(legend_y + (LEGEND if legend else 0) + 4)
    return Geometry(WIDTH, height, tuple(rows), tuple(bars), legend, legend_y)


def svg(chart: BarChart, language: str) -> str:
    """An inline SVG (no script, no style attribute: the strict CSP allows it in the portal's pages)."""
    g = geometry(chart, language)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" viewBox="0 0 {g.width} {g.height}" '
        f'width="{g.width}" height="{g.height}" role="img" aria-label={quoteattr(chart.title)} direction="ltr">',
        f"<title>{escape(chart.title)}</title>",
    ]
    for label, y in g.rows:
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="{FONT_SIZE}">'
            f"{escape(label)}</text>"
        )
    for bar in g.bars:
        parts.append(
            f'<rect x="{bar.x}" y="{bar.y}" width="{bar.width}" height="{BAR_HEIGHT - 2}" fill="{bar.colour}"/>'
        )
        parts.append(
            f'<text x="{bar.x + bar.width + 4:.1f}" y="{bar.y + BAR_HEIGHT - 5}" font-size="{FONT_SIZE}">'
            f"{escape(bar.label)}</text>"
        )
    parts.append(
        f'<line x1="{LABEL_WIDTH}" y1="{TOP - 4}" x2="{LABEL_WIDTH}" y2="{g.legend_y - GAP + 4}" stroke="#333"/>'
    )
    x = float(LABEL_WIDTH)
    for name, colour in g.legend:
        parts.append(f'<rect x="{x}" y="{g.legend_y + 4}" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 16}" y="{g.legend_y + 14}" font-size="{FONT_SIZE}">{escape(name)}</text>')
        x += 24 + 7 * len(name)
    parts.append("</svg>")
    return "".join(parts)


def _font(text: str, scale: int) -> ImageFont.FreeTypeFont:
    if _ARABIC.search(text):
        path = fonts.path("NotoNaskhArabic-Regular.ttf")
    elif _CJK.search(text):
        path = fonts.path("NotoSansSC-Regular-GB2312.ttf")
    else:
        path = fonts.path("NotoSans-Regular.ttf")
    return ImageFont.truetype(str(path), FONT_SIZE * scale)


def png(chart: BarChart, language: str, scale: int = 3) -> bytes:
    """The same chart as a PNG at `scale` times the SVG's size (300 % prints sharply at 16 cm)."""
    g = geometry(chart, language)
    image = Image.new("RGB", (g.width * scale, g.height * scale), "white")
    draw = ImageDraw.Draw(image)
    for label, y in g.rows:
        font = _font(label, scale)
        draw.text(((LABEL_WIDTH - 8) * scale, y * scale), label, fill="black", font=font, anchor="rm")
    for bar in g.bars:
        box = (bar.x * scale, bar.y * scale, (bar.x + bar.width) * scale, (bar.y + BAR_HEIGHT - 2) * scale)
        if bar.width > 0:
            draw.rectangle(box, fill=bar.colour)
        draw.text(
            ((bar.x + bar.width + 4) * scale, (bar.y + (BAR_HEIGHT - 2) / 2) * scale),
            bar.label,
            fill="black",
            font=_font(bar.label, scale),
            anchor="lm",
        )
    draw.line(
        (LABEL_WIDTH * scale, (TOP - 4) * scale, LABEL_WIDTH * scale, (g.legend_y - GAP + 4) * scale),
        fill="#333333",
        width=scale,
    )
    x = float(LABEL_WIDTH)
    for name, colour in g.legend:
        draw.rectangle((x * scale, (g.legend_y + 4) * scale, (x + 12) * scale, (g.legend_y + 16) * scale), fill=colour)
        draw.text(
            ((x + 16) * scale, (g.legend_y + 10) * scale), name, fill="black", font=_font(name, scale), anchor="lm"
        )
        x += 24 + 7 * len(name)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()
