"""Load the indicators, the WSIS targets they measure, the sample of real observations and the reviews of
national ICT strategies from indicators/data/ (sources: data/SOURCES.md)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from actionlines.models import WsisTarget
from indicators.models import Indicator, Observation, StrategyReview, TargetIndicator
from stakeholders.models import Country, Organisation, Region
from wsis_portal.reference import Upserter, read_csv, translated

DATA_DIR = Path(__file__).resolve().parent / "data"
FILES = ["indicators.csv", "target_indicators.csv", "observations.csv", "strategy_reviews.csv"]


def load(upserter: Upserter) -> None:
    load_indicators(upserter)
    load_target_links(upserter)
    load_observations(upserter)
    load_strategy_reviews(upserter)


def load_indicators(upserter: Upserter) -> None:
    organisations = dict(Organisation.objects.exclude(code=None).values_list("code", "pk"))
    for row in read_csv(DATA_DIR / "indicators.csv"):
        values = {
            "sort": int(row["sort"]),
            "unit": row["unit"],
            "sdg_indicator": row["sdg_indicator"],
            "custodian_id": organisations[row["custodian"]] if row["custodian"] else None,
            "itu_code": row["itu_code"],
            "wb_code": row["wb_code"],
            "source": row["source"],
            "source_url": row["source_url"],
            "definition": row["definition"],
            **translated(row, "name"),
        }
        upserter.upsert(Indicator, {"code": row["code"]}, values)
    codes = dict(Indicator.objects.values_list("code", "pk"))
    for row in read_csv(DATA_DIR / "indicators.csv"):  # once all exist: the gap is another indicator
        gap = codes[row["gender_gap"]] if row["gender_gap"] else None
        upserter.upsert(Indicator, {"code": row["code"]}, {"gender_gap_id": gap})


def load_target_links(upserter: Upserter) -> None:
    indicators = dict(Indicator.objects.values_list("code", "pk"))
    targets = dict(WsisTarget.objects.values_list("number", "pk"))
    for row in read_csv(DATA_DIR / "target_indicators.csv"):
        lookup = {"target_id": targets[int(row["target"])], "indicator_id": indicators[row["indicator"]]}
        upserter.upsert(TargetIndicator, lookup, {"note": row["note"], "source": row["source"]})


def load_observations(upserter: Upserter) -> None:
    indicators = dict(Indicator.objects.values_list("code", "pk"))
    countries = dict(Country.objects.values_list("iso3", "pk"))
    regions = dict(Region.objects.values_list("code", "pk"))
    for row in read_csv(DATA_DIR / "observations.csv"):
        place = row["place"]
        lookup = {
            "indicator_id": indicators[row["indicator"]],
            "country_id": countries.get(place),
            "region_id": None if place in countries else regions[place],
            "year": int(row["year"]),
            "sex": row["sex"],
            "area": row["area"],
        }
        values = {"value": Decimal(row["value"]).quantize(Decimal("0.0001")), "source_note": row["source_note"]}
        current = Observation.objects.filter(**lookup).values_list("source_note", flat=True).first()
        if current is not None and current != row["source_note"]:
            continue  # a value imported since (another source) is newer than the sample: keep it
        upserter.upsert(Observation, lookup, values)


def load_strategy_reviews(upserter: Upserter) -> None:
    regions = dict(Region.objects.values_list("code", "pk"))
    for row in read_csv(DATA_DIR / "strategy_reviews.csv"):
        values = {
            "year": int(row["year"]),
            "region_id": regions[row["region"]] if row["region"] else None,
            "countries_covered": int(row["countries_covered"]) if row["countries_covered"] else None,
            "source": row["source"],
            "source_url": row["source_url"],
            **translated(row, "summary"),
        }
        upserter.upsert(StrategyReview, {"code": row["code"]}, values)
