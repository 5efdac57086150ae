"""Public pages: indicators (chart, table, CSV), country profiles, comparisons, WSIS targets."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from indicators import charts, selectors
from indicators.models import Indicator, Observation, TargetIndicator
from stakeholders.models import Country, Region
from stocktaking import selectors as stocktaking_selectors
from wsis_portal import audit, permissions

GROUPING_ORDER: dict[str, int] = {Region.Kind.WORLD: 0, Region.Kind.REGION: 1, Region.Kind.GROUPING: 2}
MAX_COMPARED = 5


def _regional_series(observations: list[Observation], indicator: Indicator) -> list[charts.Series]:
    """One series per region with total values, the world first, then M49 regions, then groupings."""
    grouped: dict[int, tuple[Region, list[tuple[int, Decimal]]]] = {}
    for observation in observations:
        if observation.sex != Observation.Sex.TOTAL or observation.area != Observation.Area.TOTAL:
            continue
        region = observation.region
        assert region is not None
        grouped.setdefault(region.pk, (region, []))[1].append((observation.year, observation.value))
    ordered = sorted(grouped.values(), key=lambda item: (GROUPING_ORDER.get(item[0].kind, 3), item[0].code))
    return [charts.Series(key=region.code, label=region.name, points=points) for region, points in ordered]


def _formatted(rows: list[dict[str, Any]], indicator: Indicator) -> list[dict[str, Any]]:
    for row in rows:
        row["female_text"] = charts.format_value(row["female"], indicator.unit)
        row["male_text"] = charts.format_value(row["male"], indicator.unit)
    return rows


def _disaggregated(observations: list[Observation]) -> list[Observation]:
    return [o for o in observations if o.sex != Observation.Sex.TOTAL or o.area != Observation.Area.TOTAL]


@require_http_methods(["GET"])
def indicator_list(request: HttpRequest) -> HttpResponse:
    """Every indicator: unit, SDG code, custodian, latest world value, number of values. 1 query."""
    permissions.require(request.user, "indicators.indicator.view")
    indicators = list(selectors.indicator_list())
    rows = [
        {
            "indicator": indicator,
            "world": charts.format_value(indicator.world_value, indicator.unit),  # type: ignore[attr-defined]
        }
        for indicator in indicators
    ]
    return render(
        request,
        "indicators/indicator_list.html",
        {"rows": rows, "can_import": permissions.can(request.user, "indicators.observation.import")},
    )


@require_http_methods(["GET"])
def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    """World and regional values over time (chart and table), values by sex and area with the gender
    gap (computed, and as published by its gap indicator), the latest value of each country, the WSIS
    targets measured. 5 queries, 6 when another indicator publishes its gender gap."""
    permissions.require(request.user, "indicators.indicator.view")
    indicator = selectors.indicator_detail(code=code).first()
    if indicator is None:
        raise Http404
    regional = selectors.regional_observations(indicator=indicator)
    series = _regional_series(regional, indicator)
    by_sex = selectors.country_observations_by_sex(indicator=indicator)
    gap_rows = _formatted(
        selectors.gender_gap([o for o in regional if o.sex != Observation.Sex.TOTAL] + by_sex), indicator
    )
    latest_gaps: dict[str, dict[str, Any]] = {}
    for row in gap_rows:  # sorted by place and year: the last one of a place is its latest
        if row["area"] == Observation.Area.TOTAL.label:
            latest_gaps[str(row["place"])] = row
    gap_chart = charts.bar_layout(
        [(f"{name} ({row['year']})", row["gap"]) for name, row in latest_gaps.items()][:40],
        unit=Indicator.Unit.PERCENT,
    )
    countries = selectors.country_latest(indicator=indicator)
    published = [
        {"observation": o, "value": charts.format_value(o.value, Indicator.Unit.PERCENT)}
        for o in selectors.published_gaps(indicator=indicator)
    ]
    context = {
        "published_gaps": published,
        "indicator": indicator,
        "chart": charts.line_layout(series, unit=indicator.unit),
        "table": charts.year_table(series, unit=indicator.unit),
        "disaggregated": [
            {"observation": o, "value": charts.format_value(o.value, indicator.unit)} for o in _disaggregated(regional)
        ],
        "gap_rows": gap_rows,
        "gap_chart": gap_chart,
        "countries": [{"observation": o, "value": charts.format_value(o.value, indicator.unit)} for o in countries],
        "targets": selectors.indicator_targets(indicator=indicator),
        "sources": sorted({o.source_note for o in regional if o.source_note}),
        "history": _history(indicator) if permissions.can(request.user, "indicators.indicator.change") else None,
    }
    return render(request, "indicators/indicator_detail.html", context)


def _history(indicator: Indicator) -> list[audit.HistoryItem]:
    """The audit trail of an indicator, its links to WSIS targets and its values (imports included)."""
    return audit.history_for(
        indicator,
        related=[
            TargetIndicator.history.filter(indicator_id=indicator.pk),  # type: ignore[attr-defined]
            Observation.history.filter(indicator_id=indicator.pk),  # type: ignore[attr-defined]
        ],
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


@require_http_methods(["GET"])
def indicator_csv(request: HttpRequest, code: str) -> StreamingHttpResponse:
    """Every value of an indicator as CSV (UTF-8 with BOM, codes and readable names). 2 queries."""
    permissions.require(request.user, "indicators.indicator.view")
    indicator = selectors.indicator_detail(code=code).first()
    if indicator is None:
        raise Http404
    observations = selectors.series_for_export(indicator=indicator)
    writer = csv.writer(_Echo())

    def rows() -> Iterator[str]:
        yield "\ufeff" + writer.writerow(
            [
                "indicator",
                "indicator_name",
                "sdg_indicator",
                "unit",
                "place_type",
                "place_code",
                "place_name",
                "year",
                "sex",
                "area",
                "value",
                "source_note",
            ]
        )
        for o in observations.iterator(chunk_size=2000):
            if o.country_id:
                assert o.country is not None
                kind, place_code, place_name = "country", o.country.iso3, o.country.name
            else:
                assert o.region is not None
                kind, place_code, place_name = o.region.kind, o.region.code, o.region.name
            yield writer.writerow(
                [
                    indicator.code,
                    indicator.name,
                    indicator.sdg_indicator,
                    indicator.unit,
                    kind,
                    place_code,
                    place_name,
                    o.year,
                    o.sex,
                    o.area,
                    format(o.value.normalize(), "f"),
                    o.source_note,
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="wsis-indicator-{indicator.code}.csv"'
    return response


# ---------------------------------------------------------------------------------------------
# Countries


@require_http_methods(["GET"])
def country_list(request: HttpRequest) -> HttpResponse:
    """Countries and areas by region, with the number of indicator values of each. 1 query."""
    permissions.require(request.user, "indicators.indicator.view")
    groups: dict[str, dict[str, Any]] = {}
    for country in selectors.country_list():
        name = country.region.name if country.region else _("Other areas")
        groups.setdefault(name, {"name": name, "countries": []})["countries"].append(country)
    ordered = sorted(groups.values(), key=lambda group: group["name"])
    for group in ordered:
        group["countries"].sort(key=lambda country: country.name)
    return render(request, "indicators/country_list.html", {"groups": ordered})


@require_http_methods(["GET"])
def country_detail(request: HttpRequest, iso3: str) -> HttpResponse:
    """A country profile: regions, groupings and regional commission, indicators over time beside the
    world's, its national ICT strategy and its stocktaking entries. 8 queries."""
    permissions.require(request.user, "indicators.indicator.view")
    country = selectors.country_profile(iso3=iso3).first()  # 3 queries
    if country is None:
        raise Http404
    indicators = []
    for item in selectors.country_indicators(country=country):  # 1 query
        unit = item.indicator.unit
        series = [charts.Series(key=country.iso3, label=country.name, points=[(o.year, o.value) for o in item.country])]
        if item.world:
            world = item.world[0].region
            assert world is not None
            series.append(charts.Series(key="001", label=world.name, points=[(o.year, o.value) for o in item.world]))
        indicators.append(
            {
                "indicator": item.indicator,
                "chart": charts.line_layout(series, unit=unit),
                "table": charts.year_table(series, unit=unit),
                "by_sex": [{"observation": o, "value": charts.format_value(o.value, unit)} for o in item.by_sex],
                "gaps": _formatted(selectors.gender_gap(item.by_sex), item.indicator),
            }
        )
    statuses, reviews = selectors.country_strategies(country=country)  # 2 queries
    entries, entry_count = stocktaking_selectors.published_in_country(country_id=country.pk)  # 2 queries
    context = {
        "country": country,
        "groupings": list(country.groupings.all()),
        "commissions": list(country.commission_memberships.all()),
        "indicators": indicators,
        "statuses": statuses,
        "reviews": reviews,
        "entries": entries,
        "entry_count": entry_count,
    }
    return render(request, "indicators/country_detail.html", context)


class CompareForm(forms.Form):
    indicator = forms.ChoiceField(label=gettext_lazy("Indicator"))
    country = forms.MultipleChoiceField(
        label=gettext_lazy("Countries (2 to 5)"),
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=gettext_lazy("Hold Ctrl (or ⌘) to choose several."),
    )

    def __init__(self, *args: Any, indicators: list[Indicator], countries: list[Country], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        indicator_field = self.fields["indicator"]
        country_field = self.fields["country"]
        assert isinstance(indicator_field, forms.ChoiceField) and isinstance(country_field, forms.ChoiceField)
        indicator_field.choices = [(i.code, i.name) for i in indicators]
        country_field.choices = [(c.iso3, c.name) for c in countries]

    def clean_country(self) -> list[str]:
        chosen: list[str] = list(dict.fromkeys(self.cleaned_data["country"]))
        if not 2 <= len(chosen) <= MAX_COMPARED:
            raise forms.ValidationError(_("Choose between 2 and 5 countries."))
        return chosen


@require_http_methods(["GET"])
def compare(request: HttpRequest) -> HttpResponse:
    """Compare 2 to 5 countries on one indicator: a chart and a table by year. 3 queries."""
    permissions.require(request.user, "indicators.indicator.view")
    indicators = list(Indicator.objects.order_by("sort", "code"))
    countries = sorted(Country.objects.all(), key=lambda c: c.name)
    by_iso = {c.iso3: c for c in countries}
    data = request.GET.copy()
    if "country" in data:
        data.setlist("country", [code.upper() for code in data.getlist("country")])
    form = CompareForm(data or None, indicators=indicators, countries=countries)
    context: dict[str, Any] = {"form": form, "result": None}
    if data and form.is_valid():
        indicator = next(i for i in indicators if i.code == form.cleaned_data["indicator"])
        chosen = [by_iso[code] for code in form.cleaned_data["country"]]
        observations = selectors.comparison(indicator=indicator, countries=chosen)
        points: dict[int, list[tuple[int, Decimal]]] = {c.pk: [] for c in chosen}
        for o in observations:
            points[o.country_id or 0].append((o.year, o.value))
        series = [charts.Series(key=c.iso3, label=c.name, points=points[c.pk]) for c in chosen]
        latest = [(s.label, max(s.points)[1], max(s.points)[0]) for s in series if s.points]
        context["result"] = {
            "indicator": indicator,
            "countries": chosen,
            "chart": charts.line_layout(series, unit=indicator.unit),
            "table": charts.year_table(series, unit=indicator.unit),
            "bars": charts.bar_layout(
                [(f"{label} ({year})", value) for label, value, year in latest], unit=indicator.unit
            ),
            "missing": [s.label for s in series if not s.points],
        }
    status = 400 if data and form.errors else 200
    return render(request, "indicators/compare.html", context, status=status)


# ---------------------------------------------------------------------------------------------
# WSIS targets


@require_http_methods(["GET"])
def target_list(request: HttpRequest) -> HttpResponse:
    """The 11 WSIS targets, each with the indicators that measure it and their latest world value. 2 queries."""
    permissions.require(request.user, "indicators.indicator.view")
    targets = []
    for target in selectors.target_list():
        links = [
            {
                "link": link,
                "world": charts.format_value(link.world_value, link.indicator.unit),  # type: ignore[attr-defined]
            }
            for link in target.indicator_links.all()  # type: ignore[attr-defined]
        ]
        targets.append({"target": target, "links": links})
    return render(request, "indicators/target_list.html", {"targets": targets})


@require_http_methods(["GET"])
def target_detail(request: HttpRequest, number: int) -> HttpResponse:
    """A WSIS target and the progress of each of its indicators (world and regions): chart and table. 3 queries."""
    permissions.require(request.user, "indicators.indicator.view")
    target, links, values = selectors.target_detail(number=number)
    if target is None:
        raise Http404
    items = []
    for link in links:
        series = _regional_series(values[link.indicator_id], link.indicator)
        items.append(
            {
                "link": link,
                "chart": charts.line_layout(series, unit=link.indicator.unit),
                "table": charts.year_table(series, unit=link.indicator.unit),
            }
        )
    return render(request, "indicators/target_detail.html", {"target": target, "items": items})
