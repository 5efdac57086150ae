"""Reads of indicators, observations, country profiles and WSIS targets; each states its query count."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, OuterRef, Prefetch, Q, QuerySet, Subquery

from actionlines.models import WsisTarget
from indicators.models import Indicator, NationalStrategy, Observation, StrategyReview, TargetIndicator
from stakeholders.models import CommissionMembership, Country, Region

WORLD = "001"
TOTAL = Q(sex=Observation.Sex.TOTAL, area=Observation.Area.TOTAL)


def _world_latest(field_name: str, indicator: str = "pk") -> Subquery:
    latest = Observation.objects.filter(
        indicator=OuterRef(indicator), region__code=WORLD, sex=Observation.Sex.TOTAL, area=Observation.Area.TOTAL
    ).order_by("-year")
    return Subquery(latest.values(field_name)[:1])


def indicator_list() -> QuerySet[Indicator]:
    """Every indicator with its custodian, number of values, latest year and latest world value; 1 query."""
    return (
        Indicator.objects.select_related("custodian", "gender_gap")
        .annotate(
            observation_count=Count("observations"),
            latest_year=Max("observations__year"),
            world_year=_world_latest("year"),
            world_value=_world_latest("value"),
        )
        .order_by("sort", "code")
    )


def indicator_detail(*, code: str) -> QuerySet[Indicator]:
    """One indicator with its custodian and its published gender gap indicator; 1 query."""
    return Indicator.objects.select_related("custodian", "gender_gap").filter(code=code)


def published_gaps(*, indicator: Indicator) -> list[Observation]:
    """The world and regional values of the indicator that publishes this one's gender gap; 1 query,
    none when there is no such indicator."""
    if indicator.gender_gap_id is None:
        return []
    return list(
        Observation.objects.filter(TOTAL, indicator_id=indicator.gender_gap_id, region__isnull=False)
        .select_related("region")
        .order_by("region__code", "year")
    )


def indicator_targets(*, indicator: Indicator) -> list[TargetIndicator]:
    """The WSIS targets an indicator measures, with the note of the mapping; 1 query."""
    return list(indicator.target_links.select_related("target").order_by("target__number"))


def regional_observations(*, indicator: Indicator) -> list[Observation]:
    """Values for the world, regions and groupings (every sex and area), oldest first; 1 query."""
    return list(
        indicator.observations.filter(region__isnull=False)
        .select_related("region")
        .order_by("region__code", "year", "sex", "area")
    )


def country_latest(*, indicator: Indicator) -> list[Observation]:
    """The latest total value of each country (one row per country), by country name; 1 query."""
    latest = list(
        indicator.observations.filter(TOTAL, country__isnull=False)
        .select_related("country")
        .order_by("country_id", "-year")
        .distinct("country_id")
    )
    latest.sort(key=lambda observation: observation.country.name if observation.country else "")
    return latest


def country_observations_by_sex(*, indicator: Indicator) -> list[Observation]:
    """Country values by sex (female and male, all areas), for the gender gap; 1 query."""
    return list(
        indicator.observations.filter(country__isnull=False, sex__in=[Observation.Sex.FEMALE, Observation.Sex.MALE])
        .select_related("country")
        .order_by("country__name_en", "year")
    )


def series_for_export(*, indicator: Indicator) -> QuerySet[Observation]:
    """Every value of an indicator with its place, regions first then countries; 1 query (iterated)."""
    return indicator.observations.select_related("country", "region").order_by(
        "region__code", "country__iso3", "year", "sex", "area"
    )


# ---------------------------------------------------------------------------------------------
# Country profiles


def country_list() -> QuerySet[Country]:
    """Countries and areas with their region and number of indicator values; 1 query."""
    return (
        Country.objects.select_related("region").annotate(observation_count=Count("observations")).order_by("name_en")
    )


def country_profile(*, iso3: str) -> QuerySet[Country]:
    """One country with regions, groupings and regional commissions: 1 query and 2 prefetches."""
    return (
        Country.objects.select_related("region", "subregion", "intermediate_region")
        .prefetch_related(
            "groupings",
            Prefetch(
                "commission_memberships",
                queryset=CommissionMembership.objects.select_related("commission").order_by("commission__acronym"),
            ),
        )
        .filter(iso3=iso3.upper())
    )


@dataclass
class IndicatorSeries:
    """One indicator's values for a country, with the world's for comparison."""

    indicator: Indicator
    country: list[Observation] = field(default_factory=list)
    world: list[Observation] = field(default_factory=list)
    by_sex: list[Observation] = field(default_factory=list)


def country_indicators(*, country: Country) -> list[IndicatorSeries]:
    """The indicators with values for a country, each with the world's values; 1 query for all.

    Country values of every sex and area come with the world's totals of the same indicators."""
    rows = (
        Observation.objects.filter(
            Q(country=country)
            | Q(
                TOTAL,
                region__code=WORLD,
                indicator_id__in=Observation.objects.filter(country=country).values("indicator_id"),
            )
        )
        .select_related("indicator", "region", "country")
        .order_by("indicator__sort", "indicator__code", "year", "sex", "area")
    )
    series: dict[int, IndicatorSeries] = {}
    for observation in rows:
        item = series.setdefault(observation.indicator_id, IndicatorSeries(indicator=observation.indicator))
        if observation.country_id is None:
            item.world.append(observation)
        elif observation.sex == Observation.Sex.TOTAL and observation.area == Observation.Area.TOTAL:
            item.country.append(observation)
        else:
            item.by_sex.append(observation)
    return [item for item in series.values() if item.country or item.by_sex]


def country_strategies(*, country: Country) -> tuple[list[NationalStrategy], list[StrategyReview]]:
    """The national ICT strategy statuses recorded for a country, newest first, and the reviews that
    covered its region; 2 queries."""
    statuses = list(country.ict_strategies.order_by("-year"))
    regions = [pk for pk in (country.region_id, country.subregion_id) if pk]
    reviews = list(StrategyReview.objects.filter(region_id__in=regions).select_related("region")) if regions else []
    return statuses, reviews


def comparison(*, indicator: Indicator, countries: list[Country]) -> list[Observation]:
    """Total values of an indicator for the countries compared, by year; 1 query."""
    return list(indicator.observations.filter(TOTAL, country__in=countries).select_related("country").order_by("year"))


# ---------------------------------------------------------------------------------------------
# WSIS targets


def target_list() -> list[WsisTarget]:
    """The 11 WSIS targets with their indicators (each with its latest world value); 2 queries."""
    links = (
        TargetIndicator.objects.select_related("indicator")
        .annotate(world_year=_world_latest("year", "indicator_id"), world_value=_world_latest("value", "indicator_id"))
        .order_by("indicator__sort")
    )
    return list(WsisTarget.objects.prefetch_related(Prefetch("indicator_links", queryset=links)).order_by("number"))


def target_detail(*, number: int) -> tuple[WsisTarget | None, list[TargetIndicator], dict[int, list[Observation]]]:
    """A WSIS target, its indicator links and the regional values of those indicators; 3 queries."""
    target = WsisTarget.objects.filter(number=number).first()
    if target is None:
        return None, [], {}
    links = list(target.indicator_links.select_related("indicator__custodian").order_by("indicator__sort"))
    values: dict[int, list[Observation]] = {link.indicator_id: [] for link in links}
    for observation in (
        Observation.objects.filter(TOTAL, indicator_id__in=list(values), region__isnull=False)
        .select_related("region")
        .order_by("region__code", "year")
    ):
        values[observation.indicator_id].append(observation)
    return target, links, values


def gender_gap(observations: list[Observation]) -> list[dict[str, Any]]:
    """Rows (place, year, area, female, male, gap in per cent of the male value) where both sexes have a
    value. 0 queries: the gap is how much less likely women are than men, as ITU computes it."""
    pairs: dict[tuple[str, int, str], dict[str, Any]] = {}
    for observation in observations:
        place = observation.country or observation.region
        assert place is not None  # the database holds exactly one of them
        key = (str(place.pk) + ("c" if observation.country_id else "r"), observation.year, observation.area)
        row = pairs.setdefault(key, {"place": place, "year": observation.year, "area": observation.get_area_display()})
        row[observation.sex] = observation.value
    rows = []
    for row in pairs.values():
        female, male = row.get(Observation.Sex.FEMALE), row.get(Observation.Sex.MALE)
        if female is None or male is None or not male:
            continue
        gap = ((Decimal(male) - Decimal(female)) / Decimal(male) * 100).quantize(Decimal("0.1"))
        rows.append({**row, "female": female, "male": male, "gap": gap})
    rows.sort(key=lambda r: (str(r["place"]), r["year"]))
    return rows


def regions_by_code() -> dict[str, Region]:
    """Every region by M49 code; 1 query."""
    return {region.code: region for region in Region.objects.all()}
