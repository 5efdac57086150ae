"""What both layouts share: the codes a file may name (indicators, countries, regions), the values
a row becomes, and the outcome of a dry run (values ready to write, errors by row and column, rows
skipped with the reason)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from indicators.models import Indicator, Observation
from stakeholders.models import Country, Region

MAX_ERRORS = 1000
MAX_OBSERVATIONS = 200_000
VALUE_LIMIT = Decimal("1e16")  # the column holds 20 digits, 4 after the point
YEAR_MIN, YEAR_MAX = 1950, 2100

# Region aliases the publishers use, to UN M49 codes (stakeholders/data/regions.csv).
REGION_ALIASES = {
    "WLD": "001",  # World Bank and ITU: World
    "WORLD": "001",
    "LDC": "199",  # World Bank "Least developed countries: UN classification"; ITU "LDCs"
    "LDCS": "199",
    "LLDC": "432",
    "LLDCS": "432",
    "SIDS": "722",
}

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

NaturalKey = tuple[int, int | None, int | None, int, str, str]  # indicator, country, region, year, sex, area


@dataclass
class Candidate:
    """One value a row gives, ready to write."""

    row: int
    indicator_id: int
    country_id: int | None
    region_id: int | None
    year: int
    value: Decimal
    sex: str = Observation.Sex.TOTAL
    area: str = Observation.Area.TOTAL
    source_note: str = ""

    @property
    def key(self) -> NaturalKey:
        return (self.indicator_id, self.country_id, self.region_id, self.year, self.sex, self.area)


@dataclass
class Check:
    """The outcome of reading a file: values to write, errors (row, column, reason), rows skipped."""

    candidates: list[Candidate] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    row_count: int = 0
    seen: dict[NaturalKey, int] = field(default_factory=dict)

    def error(self, row: int | None, column: str, reason: str) -> None:
        self.errors.append({"row": row, "column": column, "reason": str(reason)})

    def note(self, row: int | None, column: str, reason: str) -> None:
        self.notes.append({"row": row, "column": column, "reason": str(reason)})

    def add(self, candidate: Candidate, column: str) -> None:
        """Keep a value, unless an earlier row of the file gave the same one (same natural key)."""
        first = self.seen.get(candidate.key)
        if first is not None:
            self.error(
                candidate.row,
                column,
                _("Duplicate: row %(row)d already gives this indicator, place, year, sex and area.") % {"row": first},
            )
            return
        if len(self.candidates) >= MAX_OBSERVATIONS:
            if len(self.candidates) == MAX_OBSERVATIONS:
                self.error(
                    candidate.row,
                    "",
                    _("The file gives more than %(max)d values. Split it into several files.")
                    % {"max": MAX_OBSERVATIONS},
                )
            return
        self.seen[candidate.key] = candidate.row
        self.candidates.append(candidate)


@dataclass
class Reference:
    """The codes a file may name, read once: 3 queries whatever the number of rows."""

    indicators_by_wb: dict[str, Indicator]
    indicators_by_itu: dict[str, Indicator]
    countries: dict[str, int]  # ISO alpha-3 -> id
    regions: dict[str, int]  # M49 code -> id

    @classmethod
    def load(cls) -> Reference:
        indicators = list(Indicator.objects.all())
        return cls(
            indicators_by_wb={i.wb_code.upper(): i for i in indicators if i.wb_code},
            indicators_by_itu={i.itu_code.upper(): i for i in indicators if i.itu_code},
            countries=dict(Country.objects.values_list("iso3", "id")),
            regions=dict(Region.objects.values_list("code", "id")),
        )

    def place(self, code: str) -> tuple[int | None, int | None]:
        """(country id, region id) for an ISO alpha-3 code, an M49 region code or a known alias."""
        code = code.strip().upper()
        if code in self.countries:
            return self.countries[code], None
        m49 = REGION_ALIASES.get(code.replace(" ", ""), code)
        if m49.isdigit() and len(m49) <= 3:
            m49 = m49.zfill(3)
        if m49 in self.regions:
            return None, self.regions[m49]
        return None, None


def parse_value(text: str, indicator: Indicator) -> tuple[Decimal | None, str]:
    """The value of a cell, or None and the reason it is not one."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None, _("“%(value)s” is not a number.") % {"value": text[:40]}
    if not value.is_finite():
        return None, _("“%(value)s” is not a number.") % {"value": text[:40]}
    if abs(value) >= VALUE_LIMIT:
        return None, _("The value %(value)s is too large.") % {"value": text[:40]}
    if indicator.unit == Indicator.Unit.PERCENT and not Decimal(-100) <= value <= Decimal(100):
        return None, _("%(value)s is not a percentage between -100 and 100.") % {"value": text[:40]}
    if indicator.unit == Indicator.Unit.INDEX and not Decimal(0) <= value <= Decimal(1):
        return None, _("%(value)s is not an index between 0 and 1.") % {"value": text[:40]}
    if indicator.unit == Indicator.Unit.NUMBER and value < 0:
        return None, _("A number of people or subscriptions cannot be negative (%(value)s).") % {"value": text[:40]}
    return value.quantize(Decimal("0.0001")), ""


def parse_year(text: str) -> int | None:
    text = text.strip()
    if text.endswith(".0"):
        text = text[:-2]
    if not text.isdigit() or len(text) != 4:
        return None
    year = int(text)
    return year if YEAR_MIN <= year <= YEAR_MAX else None


def has_control_characters(text: str) -> bool:
    return bool(CONTROL_CHARACTERS.search(text))
