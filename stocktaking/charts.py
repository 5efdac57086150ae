"""Map and charts of one search of the stocktaking database: counts aggregated in SQL, then laid out
as server-rendered SVG (no JavaScript, no tile server; the page works under a strict CSP).

Counts are of exactly the current search (`filters.published_entries`), not the disjunctive facet
counts of the search page: a chart of "?country=SEN" shows only entries in Senegal. Each chart is one
`GROUP BY` over the denormalised columns of `Entry` (`search.facet_counts`: `unnest` of the facet
arrays, or the plain column), so the cost does not grow with the number of rows sent to Python.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import unicodedata
from pathlib import Path
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from stakeholders.models import Region
from stocktaking import filters, search
from wsis_portal.i18n import localized

WORLD_MAP = Path(__file__).with_name("data") / "world-110m.json"
CLASSES = 5  # shades of the choropleth
REGION_ORDER = ["002", "019", "142", "150", "009"]  # Africa, Americas, Asia, Europe, Oceania: M49's five
MAX_YEARS = 60  # a longer span is shown as the years that have entries, without the empty ones between


@dataclasses.dataclass(frozen=True)
class Row:
    """One bar of a chart (one row of its table)."""

    code: str
    label: str
    count: int
    sub: bool = False  # a C7 e-application, drawn under C7


@dataclasses.dataclass(frozen=True)
class Chart:
    name: str  # the facet group: action_line, region, stakeholder_type, year
    title: Any  # lazy translation
    heading: Any  # the first column of its table
    rows: list[Row]

    @property
    def total(self) -> int:
        return sum(row.count for row in self.rows)


@dataclasses.dataclass(frozen=True)
class Summary:
    total: int  # entries matching the search
    without_country: int  # of those, entries naming no country (regional or global coverage)
    countries: list[Row]  # countries with at least one entry, most first; code is the M49 code
    charts: list[Chart]
    names: dict[str, str]  # M49 code -> name of every country, in the page's language


def summarise(query: filters.Query, *, language: str) -> Summary:
    """Counts of the entries matching `query`, for the map and the four bar charts. 6 queries.

    1 aggregate (total and entries with a country), then 1 GROUP BY per chart: countries, action
    lines, regions, stakeholder types, years. Names come from the in-process code tables of
    `filters` (4 more queries only when they are cold, once per REFERENCE_TTL per process).
    """
    entries = filters.published_entries(query, language=language)
    totals = entries.order_by().aggregate(total=Count("id"), with_country=Count("id", filter=~Q(facet_countries=[])))
    reference = filters.reference()
    by_group = {
        group: dict(search.facet_counts(entries, group))
        for group in ("country", "action_line", "region", "stakeholder_type", "year")
    }

    countries = [
        Row(code=row["obj"].m49, label=localized(row["obj"], "name", language), count=by_group["country"][pk])
        for pk, row in reference["country"]["by_id"].items()
        if by_group["country"].get(pk)
    ]
    countries.sort(key=lambda row: (-row.count, row.label))

    lines = sorted(reference["action_line"]["by_id"].items(), key=lambda item: (item[1]["obj"].sort, item[1]["code"]))
    regions = {
        row["code"]: pk for pk, row in reference["region"]["by_id"].items() if row["obj"].kind == Region.Kind.REGION
    }
    types = sorted(
        reference["stakeholder_type"]["by_id"].items(), key=lambda item: (item[1]["obj"].sort, item[1]["code"])
    )
    charts = [
        Chart(
            "action_line",
            _("Entries by action line"),
            _("Action line"),
            [
                Row(
                    code=row["code"],
                    label=f"{row['code']} {localized(row['obj'], 'name', language)}",
                    count=by_group["action_line"].get(pk, 0),
                    sub=row["obj"].parent_id is not None,
                )
                for pk, row in lines
            ],
        ),
        Chart(
            "region",
            _("Entries by region"),
            _("Region"),
            [
                Row(
                    code=code,
                    label=localized(reference["region"]["by_id"][regions[code]]["obj"], "name", language),
                    count=by_group["region"].get(regions[code], 0),
                )
                for code in REGION_ORDER
                if code in regions
            ],
        ),
        Chart(
            "stakeholder_type",
            _("Entries by type of entity"),
            _("Type of entity"),
            [
                Row(
                    code=row["code"],
                    label=localized(row["obj"], "name", language),
                    count=by_group["stakeholder_type"].get(pk, 0),
                )
                for pk, row in types
            ],
        ),
        Chart("year", _("Entries by year"), _("Year"), _year_rows(by_group["year"])),
    ]
    return Summary(
        total=totals["total"],
        without_country=totals["total"] - totals["with_country"],
        countries=countries,
        charts=charts,
        names={
            row["obj"].m49: localized(row["obj"], "name", language) for row in reference["country"]["by_id"].values()
        },
    )


def _year_rows(counts: dict[int, int]) -> list[Row]:
    if not counts:
        return []
    first, last = min(counts), max(counts)
    years = range(first, last + 1) if last - first < MAX_YEARS else sorted(counts)
    return [Row(code=str(year), label=str(year), count=counts.get(year, 0)) for year in years]


# ---------------------------------------------------------------------------------------------
# Choropleth


def class_bounds(counts: list[int], classes: int = CLASSES) -> list[tuple[int, int]]:
    """Up to `classes` contiguous ranges (low, high) of positive counts, by quantiles. 0 queries.

    Quantiles give each shade about as many countries, which suits counts that are very skewed
    (a few countries hold most entries); equal values never straddle two classes.
    """
    values = sorted(count for count in counts if count > 0)
    if not values:
        return []
    highs: list[int] = []
    for i in range(1, classes + 1):
        high = values[math.ceil(i * len(values) / classes) - 1]
        if not highs or high > highs[-1]:
            highs.append(high)
    lows = [1, *(high + 1 for high in highs[:-1])]
    return list(zip(lows, highs, strict=True))


def shade_indices(number_of_classes: int) -> list[int]:
    """Which of the 5 CSS shades each class uses: spread out when there are fewer classes."""
    if number_of_classes <= 1:
        return [CLASSES] * number_of_classes
    return [round(1 + i * (CLASSES - 1) / (number_of_classes - 1)) for i in range(number_of_classes)]


@functools.cache
def world_map() -> dict[str, Any]:
    """The vendored map: viewBox size, the sphere's outline and one SVG path per M49 code. 0 queries."""
    return json.loads(WORLD_MAP.read_text(encoding="utf-8"))


def map_layout(countries: list[Row], names: dict[str, str]) -> dict[str, Any]:
    """The choropleth's paths (each with its CSS class and hover title) and legend. 0 queries.

    `countries` holds the counted countries by M49 code; `names` the names of every M49 code in the
    page's language (for the title of the countries with no entry).
    """
    counts = {row.code: row.count for row in countries}
    bounds = class_bounds(list(counts.values()))
    shades = shade_indices(len(bounds))
    legend: list[dict[str, Any]] = [
        {"low": low, "high": high, "css": f"map-c{shade}"} for (low, high), shade in zip(bounds, shades, strict=True)
    ]

    def css(count: int) -> str:
        for item in legend:
            if count <= item["high"]:
                return item["css"]
        return "map-c0"

    data = world_map()
    paths = []
    for country in data["countries"]:
        count = counts.get(country["m49"], 0)
        paths.append(
            {
                "m49": country["m49"],
                "d": country["d"],
                "css": css(count) if count else "map-c0",
                "title": f"{names.get(country['m49'], country['m49'])}: {count}",
            }
        )
    return {
        "width": data["width"],
        "height": data["height"],
        "outline": data["outline"],
        "paths": paths,
        "legend": legend,
    }


# ---------------------------------------------------------------------------------------------
# Horizontal bar charts

BAR_WIDTH = 760  # SVG units
LABEL_WIDTH = 300
VALUE_WIDTH = 56
ROW_HEIGHT = 24
BAR_HEIGHT = 16
LABEL_CHARACTERS = 38  # longer labels are cut with an ellipsis (the full one is in the title and table)


def shorten(label: str, budget: int) -> str:
    """Cut a label to `budget` narrow characters (Chinese ones count two), ending in an ellipsis."""
    used = 0
    for i, character in enumerate(label):
        used += 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1
        if used > budget:
            return label[: max(i - 1, 1)].rstrip() + "…"
    return label


def bar_layout(rows: list[Row], *, rtl: bool) -> dict[str, Any]:
    """Positions of a horizontal bar chart's labels, bars and values. 0 queries.

    Right to left, the chart is mirrored: labels on the right, bars growing leftwards. The SVG then
    carries direction="rtl", under which text-anchor "end" is a text's left end and "start" its right
    end, so labels keep anchor "end" and values anchor "start" in both directions; only x moves.
    """
    area = BAR_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    largest = max((row.count for row in rows), default=0)
    items = []
    for i, row in enumerate(rows):
        length = round(area * row.count / largest, 1) if largest else 0.0
        if row.count and length < 1:
            length = 1.0  # a single entry among thousands stays visible
        indent = 12 if row.sub else 0
        if rtl:
            label_x, bar_x = BAR_WIDTH - LABEL_WIDTH + 8 + indent, BAR_WIDTH - LABEL_WIDTH - length
            value_x = bar_x - 4
        else:
            label_x, bar_x = LABEL_WIDTH - 8 - indent, float(LABEL_WIDTH)
            value_x = bar_x + length + 4
        y = i * ROW_HEIGHT
        short = shorten(row.label, LABEL_CHARACTERS - indent // 6)
        items.append(
            {
                "row": row,
                "short": short,
                "y": y,
                "text_y": y + ROW_HEIGHT / 2 + 4,
                "bar_y": y + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                "label_x": label_x,
                "bar_x": bar_x,
                "value_x": value_x,
                "length": length,
            }
        )
    return {
        "width": BAR_WIDTH,
        "height": max(len(rows), 1) * ROW_HEIGHT,
        "items": items,
        "direction": "rtl" if rtl else "ltr",
        "axis_x": BAR_WIDTH - LABEL_WIDTH if rtl else LABEL_WIDTH,
    }
