"""Line and bar charts of indicator values, laid out in Python and drawn as server-rendered SVG by the
templates (no JavaScript, no CDN: the pages work under the strict CSP). Every chart is followed or
flanked by a table of the same values. 0 queries: the layouts take values already read.

Numbers and the time axis run left to right in every language (the SVG carries direction="ltr");
legends and labels are HTML around the SVG and follow the page's direction.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from indicators.models import Indicator

WIDTH, HEIGHT = 760, 300
LEFT, RIGHT, TOP, BOTTOM = 104, 24, 16, 34
COLOURS = 6  # .series-0 ... .series-5 in indicators.css
MAX_X_TICKS = 10


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    points: list[tuple[int, Decimal]]


def format_value(value: Decimal | float | int | None, unit: str) -> str:
    """A value as the page shows it: per cent with one decimal, counts with thousands separators."""
    if value is None:
        return ""
    number = Decimal(str(value))
    if unit == Indicator.Unit.NUMBER and number == number.to_integral_value():
        return number_format(int(number), decimal_pos=0, use_l10n=True, force_grouping=True)
    places = {Indicator.Unit.PERCENT: 1, Indicator.Unit.INDEX: 3}.get(unit, 2)  # type: ignore[call-overload]
    text = number_format(
        number.quantize(Decimal(1).scaleb(-places)), decimal_pos=places, use_l10n=True, force_grouping=True
    )
    return f"{text} %" if unit == Indicator.Unit.PERCENT else text


def axis_label(value: Decimal, unit: str) -> str:
    """A tick label: large counts in millions or billions, so that "10,000,000,000" fits the axis."""
    if unit == Indicator.Unit.NUMBER and abs(value) >= 1_000_000:
        if abs(value) >= 1_000_000_000:
            amount = number_format(value / 1_000_000_000, decimal_pos=1, use_l10n=True).removesuffix("0").rstrip(".,")
            return _("%(amount)s bn") % {"amount": amount}
        amount = number_format(value / 1_000_000, decimal_pos=1, use_l10n=True).removesuffix("0").rstrip(".,")
        return _("%(amount)s M") % {"amount": amount}
    return format_value(value, unit)


def nice_step(span: float, ticks: int = 4) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about `ticks` intervals over `span`."""
    if span <= 0:
        return 1.0
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 5, 10):
        if raw <= multiple * power:
            return float(multiple * power)
    return float(10 * power)


def line_layout(series: list[Series], *, unit: str) -> dict[str, Any]:
    """Lines (and dots) of values over years, with their axes; an empty `series` gives no chart."""
    points = [(year, float(value)) for item in series for year, value in item.points]
    if not points:
        return {"empty": True}
    years = [year for year, _value in points]
    values = [value for _year, value in points]
    first, last = min(years), max(years)
    low = min(0.0, min(values))
    high = max(values)
    step = nice_step(high - low)
    top = math.ceil(high / step) * step if high > 0 else step
    bottom = math.floor(low / step) * step
    if unit == Indicator.Unit.PERCENT and high <= 100 and top > 100:
        top = 100.0
    if unit == Indicator.Unit.INDEX and high <= 1:
        bottom, top, step = 0.0, 1.0, 0.25
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(year: int) -> float:
        if first == last:
            return round(LEFT + plot_w / 2, 1)
        return round(LEFT + (year - first) * plot_w / (last - first), 1)

    def y(value: float) -> float:
        return round(TOP + plot_h - (value - bottom) * plot_h / (top - bottom), 1)

    y_ticks = []
    tick = bottom
    while tick <= top + step / 1000:
        y_ticks.append({"y": y(tick), "label": axis_label(Decimal(str(round(tick, 6))), unit)})
        tick += step
    year_step = max(1, math.ceil((last - first + 1) / MAX_X_TICKS))
    x_ticks = [{"x": x(year), "label": str(year)} for year in range(first, last + 1, year_step)]
    lines = []
    for index, item in enumerate(series):
        ordered = sorted(item.points)
        coordinates = [(x(year), y(float(value)), year, value) for year, value in ordered]
        lines.append(
            {
                "key": item.key,
                "label": item.label,
                "css": f"series-{index % COLOURS}",
                "d": " ".join(f"{'M' if i == 0 else 'L'}{cx} {cy}" for i, (cx, cy, _y, _v) in enumerate(coordinates)),
                "dots": [
                    {"x": cx, "y": cy, "title": f"{item.label}, {year}: {format_value(value, unit)}"}
                    for cx, cy, year, value in coordinates
                ],
            }
        )
    return {
        "empty": False,
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "top": TOP,
        "bottom": HEIGHT - BOTTOM,
        "label_x": LEFT - 6,
        "year_y": HEIGHT - BOTTOM + 18,
        "y_ticks": y_ticks,
        "x_ticks": x_ticks,
        "lines": lines,
    }


BAR_WIDTH, BAR_LABEL, BAR_VALUE, BAR_ROW = 760, 260, 110, 24


def bar_layout(rows: list[tuple[str, Decimal]], *, unit: str) -> dict[str, Any]:
    """Horizontal bars, one per (label, value); negative values are drawn from the same axis."""
    if not rows:
        return {"empty": True}
    area = BAR_WIDTH - BAR_LABEL - BAR_VALUE
    largest = max(abs(float(value)) for _label, value in rows) or 1.0
    items = []
    for index, (label, value) in enumerate(rows):
        length = max(round(area * abs(float(value)) / largest, 1), 1.0 if value else 0.0)
        y = index * BAR_ROW
        items.append(
            {
                "label": label,
                "short": label if len(label) <= 30 else label[:29] + "…",
                "value": format_value(value, unit),
                "negative": value < 0,
                "y": y,
                "text_y": y + BAR_ROW / 2 + 4,
                "bar_y": y + 4,
                "label_x": BAR_LABEL - 8,
                "bar_x": BAR_LABEL,
                "length": length,
                "value_x": BAR_LABEL + length + 4,
            }
        )
    return {"empty": False, "width": BAR_WIDTH, "height": len(rows) * BAR_ROW, "items": items, "axis_x": BAR_LABEL}


def year_table(series: list[Series], *, unit: str) -> dict[str, Any]:
    """The table beside a line chart: one row per year, one column per series."""
    by_year: dict[int, dict[str, str]] = {}
    for item in series:
        for year, value in item.points:
            by_year.setdefault(year, {})[item.key] = format_value(value, unit)
    return {
        "columns": [{"key": item.key, "label": item.label} for item in series],
        "rows": [
            {"year": year, "cells": [by_year[year].get(item.key, "") for item in series]} for year in sorted(by_year)
        ],
    }
