"""A small line chart per measurable target: the values reported over the years, from the baseline
towards the target, laid out here and drawn as inline SVG by the template (no script, no style
attribute: the portal's CSP allows neither). 0 queries: it reads prefetched progress."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from actionlines.models import MeasurableTarget, plain_number

WIDTH, HEIGHT = 480, 200
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 14, 28  # margins for the axes' labels
SERIES_CLASSES = 4  # colours cycle over .series-0 .. .series-3


@dataclass
class Point:
    year: int
    value: Decimal
    x: float
    y: float

    @property
    def shown(self) -> str:
        return plain_number(self.value)


@dataclass
class Series:
    organisation: Any
    css: str
    points: list[Point] = field(default_factory=list)

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.points)

    @property
    def single(self) -> bool:
        return len(self.points) == 1


def _ticks(low: int, high: int, most: int = 8) -> list[int]:
    step = max(1, -(-(high - low) // most))
    return list(range(low, high + 1, step))


def _nice_top(value: Decimal) -> Decimal:
    """A round upper bound for the value axis (1, 2, 2.5 or 5 times a power of ten)."""
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1) if value >= 1 else Decimal("0.1")
    for factor in (1, 2, Decimal("2.5"), 5, 10):
        if value <= magnitude * factor:
            return magnitude * factor
    return magnitude * 10


def target_chart(target: MeasurableTarget) -> dict[str, Any] | None:
    """Layout of the chart of one target, or None when nothing was reported yet."""
    progress = list(target.progress.all())
    if not progress:
        return None
    years = [p.year for p in progress] + [target.target_year]
    if target.baseline_year is not None:
        years.append(target.baseline_year)
    first, last = min(years), max(years)
    values = [p.value for p in progress] + [target.target_value]
    if target.baseline_value is not None:
        values.append(target.baseline_value)
    low = min(Decimal(0), min(values))
    top = _nice_top(max(values))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(year: int) -> float:
        return round(LEFT + (plot_w * (year - first) / (last - first) if last > first else plot_w / 2), 1)

    def y(value: Decimal) -> float:
        return round(TOP + plot_h - float((value - low) / (top - low)) * plot_h, 1)

    series: dict[int, Series] = {}
    for item in progress:
        line = series.setdefault(
            item.organisation_id, Series(item.organisation, f"series-{len(series) % SERIES_CLASSES}")
        )
        line.points.append(Point(item.year, item.value, x(item.year), y(item.value)))
    baseline = None
    if target.baseline_value is not None and target.baseline_year is not None:
        baseline = Point(target.baseline_year, target.baseline_value, x(target.baseline_year), y(target.baseline_value))
    value_ticks = [low + (top - low) * i / 4 for i in range(5)]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "plot": {"left": LEFT, "right": WIDTH - RIGHT, "top": TOP, "bottom": TOP + plot_h},
        "series": list(series.values()),
        "baseline": baseline,
        "goal": Point(target.target_year, target.target_value, x(target.target_year), y(target.target_value)),
        "year_ticks": [{"year": year, "x": x(year)} for year in _ticks(first, last)],
        "value_ticks": [{"value": plain_number(value), "y": y(value)} for value in value_ticks],
        "rows": progress,
    }


def attach(periods: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give every target of a roadmap (selectors.actionline_roadmap) its `chart`. 0 queries."""
    for period in periods:
        for objective in period["objectives"]:
            for target in objective.targets.all():
                target.chart = target_chart(target)
    return periods
