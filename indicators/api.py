"""The indicators REST API: indicators, observations with filters, country profiles, WSIS targets with
their indicators (read for everyone), indicator edits and the import of World Bank / ITU files (the
secretariat). Errors are JSON naming the field."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from indicators import importers, selectors, services
from indicators.models import Indicator, Observation, ObservationImport
from stakeholders.models import Country, Region
from stocktaking import selectors as stocktaking_selectors
from wsis_portal import permissions

MAX_FILTER_CODES = 50


def _decimal(value: Any) -> str | None:
    return None if value is None else format(value.normalize(), "f")


class IndicatorOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    names = serializers.SerializerMethodField()
    definition = serializers.CharField()
    unit = serializers.CharField()
    sdg_indicator = serializers.CharField()
    custodian = serializers.CharField(source="custodian.code", allow_null=True, default=None)
    source = serializers.CharField()
    source_url = serializers.CharField()
    itu_code = serializers.CharField()
    wb_code = serializers.CharField()
    gender_gap = serializers.CharField(source="gender_gap.code", allow_null=True, default=None)
    version = serializers.IntegerField()
    url = serializers.CharField(source="get_absolute_url")

    def get_names(self, indicator: Indicator) -> dict[str, str]:
        return {suffix: getattr(indicator, f"name_{suffix}") for suffix in ("en", "fr", "es", "ru", "ar", "zh")}


class IndicatorListOutputSerializer(IndicatorOutputSerializer):
    observation_count = serializers.IntegerField()
    latest_year = serializers.IntegerField(allow_null=True)
    world_year = serializers.IntegerField(allow_null=True)
    world_value = serializers.SerializerMethodField()

    def get_world_value(self, indicator: Any) -> str | None:
        return _decimal(indicator.world_value)


class IndicatorInputSerializer(serializers.Serializer):
    """An indicator's fields; on update, only those given change."""

    code = serializers.SlugField(max_length=60, required=False)
    name_en = serializers.CharField(max_length=255, required=False)
    name_fr = serializers.CharField(max_length=255, required=False, allow_blank=True)
    name_es = serializers.CharField(max_length=255, required=False, allow_blank=True)
    name_ru = serializers.CharField(max_length=255, required=False, allow_blank=True)
    name_ar = serializers.CharField(max_length=255, required=False, allow_blank=True)
    name_zh = serializers.CharField(max_length=255, required=False, allow_blank=True)
    definition = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    unit = serializers.ChoiceField(choices=Indicator.Unit.choices, required=False)
    sdg_indicator = serializers.RegexField(
        r"^([0-9]{1,2}\.[0-9a-z]{1,2}\.[0-9]{1,2})?$", max_length=10, required=False, allow_blank=True
    )
    custodian = serializers.CharField(max_length=40, required=False, allow_blank=True, allow_null=True)
    source = serializers.CharField(max_length=500, required=False, allow_blank=True)
    source_url = serializers.URLField(max_length=500, required=False, allow_blank=True)
    itu_code = serializers.CharField(max_length=40, required=False, allow_blank=True)
    wb_code = serializers.CharField(max_length=40, required=False, allow_blank=True)
    sort = serializers.IntegerField(min_value=0, max_value=32767, required=False)
    gender_gap = serializers.SlugField(max_length=60, required=False, allow_blank=True, allow_null=True)
    targets = serializers.ListField(child=serializers.IntegerField(), required=False, max_length=11)

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        for key, value in data.items():
            if isinstance(value, str) and "\x00" in value:
                raise ValidationError({key: [_("Null characters are not allowed.")]})
        return data


class IndicatorListApi(APIView):
    """Every indicator with its latest world value; POST (secretariat) adds one."""

    permission_action = "indicators.indicator.view"

    @extend_schema(responses=IndicatorListOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(IndicatorListOutputSerializer(selectors.indicator_list(), many=True).data)

    @extend_schema(request=IndicatorInputSerializer, responses={201: IndicatorOutputSerializer})
    def post(self, request: Request) -> Response:
        permissions.require(request.user, "indicators.indicator.change")
        serializer = IndicatorInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        missing = {name: [_("This field is required.")] for name in ("code", "name_en", "unit") if not data.get(name)}
        if missing:
            raise ValidationError(missing)
        indicator = services.indicator_create(by=request.user, data=data)
        indicator = selectors.indicator_detail(code=indicator.code).get()
        return Response(IndicatorOutputSerializer(indicator).data, status=status.HTTP_201_CREATED)


class IndicatorDetailApi(APIView):
    """One indicator with the WSIS targets it measures; PUT ?version=N (secretariat) saves an edit."""

    permission_action = "indicators.indicator.view"

    class DetailOutputSerializer(IndicatorOutputSerializer):
        targets = serializers.SerializerMethodField()

        def get_targets(self, indicator: Indicator) -> list[dict[str, Any]]:
            return [
                {"number": link.target.number, "text": link.target.text, "note": link.note}
                for link in selectors.indicator_targets(indicator=indicator)
            ]

    @extend_schema(responses=DetailOutputSerializer)
    def get(self, request: Request, code: str) -> Response:
        indicator = get_object_or_404(selectors.indicator_detail(code=code))
        return Response(self.DetailOutputSerializer(indicator).data)

    @extend_schema(
        request=IndicatorInputSerializer,
        parameters=[OpenApiParameter("version", int, required=True, description="The version you edited.")],
        responses={200: DetailOutputSerializer, 409: dict},
    )
    def put(self, request: Request, code: str) -> Response:
        indicator = get_object_or_404(Indicator, code=code)
        permissions.require(request.user, "indicators.indicator.change", indicator)
        version = request.query_params.get("version", "")
        if not version.isdigit():
            raise ValidationError({"version": [_("Give the version you edited (?version=N).")]})
        serializer = IndicatorInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "code" in data and data["code"] != indicator.code:
            raise ValidationError({"code": [_("The code of an indicator cannot change.")]})
        try:
            services.indicator_update(indicator=indicator, by=request.user, data=data, version=int(version))
        except services.ConflictError as conflict:
            return Response(
                {"version": [conflict.message], "current_version": conflict.version, "current": conflict.theirs},
                status=status.HTTP_409_CONFLICT,
            )
        return Response(self.DetailOutputSerializer(selectors.indicator_detail(code=code).get()).data)


class ObservationPagination(CursorPagination):
    ordering = ("indicator_id", "year", "id")
    page_size = 200
    max_page_size = 1000
    page_size_query_param = "page_size"


class ObservationOutputSerializer(serializers.Serializer):
    indicator = serializers.CharField(source="indicator.code")
    country = serializers.CharField(source="country.iso3", allow_null=True, default=None)
    region = serializers.CharField(source="region.code", allow_null=True, default=None)
    place_name = serializers.SerializerMethodField()
    year = serializers.IntegerField()
    sex = serializers.CharField()
    area = serializers.CharField()
    value = serializers.SerializerMethodField()
    unit = serializers.CharField(source="indicator.unit")
    source_note = serializers.CharField()

    def get_place_name(self, observation: Observation) -> str:
        place = observation.country or observation.region
        return place.name if place else ""

    def get_value(self, observation: Observation) -> str | None:
        return _decimal(observation.value)


OBSERVATION_PARAMETERS = [
    OpenApiParameter("indicator", str, many=True, description="Indicator codes, e.g. internet-users."),
    OpenApiParameter("country", str, many=True, description="ISO alpha-3 codes, e.g. SEN."),
    OpenApiParameter("region", str, many=True, description="UN M49 region or grouping codes, e.g. 001, 199."),
    OpenApiParameter("year_from", int),
    OpenApiParameter("year_to", int),
    OpenApiParameter("sex", str, enum=Observation.Sex.values),
    OpenApiParameter("area", str, enum=Observation.Area.values),
    OpenApiParameter("cursor", str),
    OpenApiParameter("page_size", int),
]


def _codes(request: Request, name: str) -> list[str]:
    values: list[str] = []
    for value in request.query_params.getlist(name):
        values += [code.strip() for code in value.split(",") if code.strip()]
    if len(values) > MAX_FILTER_CODES:
        raise ValidationError({name: [_("Give at most %(max)d codes.") % {"max": MAX_FILTER_CODES}]})
    return values


def _year(request: Request, name: str, errors: dict[str, list[str]]) -> int | None:
    text = request.query_params.get(name, "").strip()
    if not text:
        return None
    if not text.isdigit() or not 1950 <= int(text) <= 2100:
        errors[name] = [_("Give a year between 1950 and 2100.")]
        return None
    return int(text)


class ObservationListApi(APIView):
    """Indicator values, filtered by indicator, country, region, years, sex and area; cursor pages."""

    permission_action = "indicators.indicator.view"

    @extend_schema(parameters=OBSERVATION_PARAMETERS, responses=ObservationOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        observations = Observation.objects.select_related("indicator", "country", "region")
        errors: dict[str, list[str]] = {}
        indicators = _codes(request, "indicator")
        if indicators:
            known = dict(Indicator.objects.filter(code__in=indicators).values_list("code", "pk"))
            unknown = [code for code in indicators if code not in known]
            if unknown:
                errors["indicator"] = [_("Unknown indicators: %(codes)s") % {"codes": ", ".join(unknown[:10])}]
            observations = observations.filter(indicator_id__in=known.values())
        countries = [code.upper() for code in _codes(request, "country")]
        regions = [code.zfill(3) if code.isdigit() else code for code in _codes(request, "region")]
        place = Q()
        if countries:
            known_countries = dict(Country.objects.filter(iso3__in=countries).values_list("iso3", "pk"))
            unknown = [code for code in countries if code not in known_countries]
            if unknown:
                errors["country"] = [_("Unknown country codes: %(codes)s") % {"codes": ", ".join(unknown[:10])}]
            place |= Q(country_id__in=known_countries.values())
        if regions:
            known_regions = dict(Region.objects.filter(code__in=regions).values_list("code", "pk"))
            unknown = [code for code in regions if code not in known_regions]
            if unknown:
                errors["region"] = [_("Unknown region codes: %(codes)s") % {"codes": ", ".join(unknown[:10])}]
            place |= Q(region_id__in=known_regions.values())
        if countries or regions:
            observations = observations.filter(place)
        for name, choices in (("sex", Observation.Sex.values), ("area", Observation.Area.values)):
            value = request.query_params.get(name, "")
            if value and value not in choices:
                errors[name] = [_("Use one of: %(values)s.") % {"values": ", ".join(choices)}]
            elif value:
                observations = observations.filter(**{name: value})
        year_from, year_to = _year(request, "year_from", errors), _year(request, "year_to", errors)
        if year_from and year_to and year_to < year_from:
            errors["year_to"] = [_("The last year is before the first.")]
        if errors:
            raise ValidationError(errors)
        if year_from:
            observations = observations.filter(year__gte=year_from)
        if year_to:
            observations = observations.filter(year__lte=year_to)
        paginator = ObservationPagination()
        page = paginator.paginate_queryset(observations, request, view=self)
        return paginator.get_paginated_response(ObservationOutputSerializer(page, many=True).data)


class CountryProfileApi(APIView):
    """A country profile: regions, groupings, regional commissions, indicator values over time (with the
    world's), national ICT strategy statuses and reviews, stocktaking entries."""

    permission_action = "indicators.indicator.view"

    class ProfileOutputSerializer(serializers.Serializer):
        iso3 = serializers.CharField()
        iso2 = serializers.CharField()
        m49 = serializers.CharField()
        name = serializers.CharField()
        region = serializers.DictField(allow_null=True)
        subregion = serializers.DictField(allow_null=True)
        groupings = serializers.ListField(child=serializers.DictField())
        regional_commissions = serializers.ListField(child=serializers.DictField())
        indicators = serializers.ListField(child=serializers.DictField())
        national_ict_strategy = serializers.ListField(child=serializers.DictField())
        strategy_reviews = serializers.ListField(child=serializers.DictField())
        stocktaking = serializers.DictField()

    @extend_schema(responses=ProfileOutputSerializer)
    def get(self, request: Request, iso3: str) -> Response:
        country = selectors.country_profile(iso3=iso3[:3]).first()
        if country is None:
            raise NotFound(_("No country or area has the code %(code)s.") % {"code": iso3[:3]})

        def region(value: Region | None) -> dict[str, str] | None:
            return {"code": value.code, "name": value.name} if value else None

        def values(observations: list[Observation]) -> list[dict[str, Any]]:
            return [
                {"year": o.year, "sex": o.sex, "area": o.area, "value": _decimal(o.value), "source_note": o.source_note}
                for o in observations
            ]

        statuses, reviews = selectors.country_strategies(country=country)
        entries, entry_count = stocktaking_selectors.published_in_country(country_id=country.pk)
        data = {
            "iso3": country.iso3,
            "iso2": country.iso2,
            "m49": country.m49,
            "name": country.name,
            "region": region(country.region),
            "subregion": region(country.subregion),
            "groupings": [region(g) for g in country.groupings.all()],
            "regional_commissions": [
                {"code": m.commission.code, "name": m.commission.name, "status": m.status}
                for m in country.commission_memberships.all()  # type: ignore[attr-defined]
            ],
            "indicators": [
                {
                    "indicator": item.indicator.code,
                    "name": item.indicator.name,
                    "unit": item.indicator.unit,
                    "sdg_indicator": item.indicator.sdg_indicator,
                    "values": values(item.country + item.by_sex),
                    "world": values(item.world),
                }
                for item in selectors.country_indicators(country=country)
            ],
            "national_ict_strategy": [
                {"year": s.year, "status": s.status, "title": s.title, "source": s.source} for s in statuses
            ],
            "strategy_reviews": [
                {
                    "code": r.code,
                    "year": r.year,
                    "countries_covered": r.countries_covered,
                    "summary": r.summary,
                    "source": r.source,
                    "source_url": r.source_url,
                }
                for r in reviews
            ],
            "stocktaking": {
                "published_entries": entry_count,
                "latest": [{"id": e.pk, "title": e.title, "url": e.get_absolute_url()} for e in entries],
            },
        }
        return Response(data)


class WsisTargetListApi(APIView):
    """The 11 WSIS targets, each with the indicators that measure it and their latest world value."""

    permission_action = "indicators.indicator.view"

    class TargetOutputSerializer(serializers.Serializer):
        number = serializers.IntegerField()
        text = serializers.CharField()
        indicators = serializers.SerializerMethodField()

        def get_indicators(self, target: Any) -> list[dict[str, Any]]:
            return [
                {
                    "code": link.indicator.code,
                    "name": link.indicator.name,
                    "unit": link.indicator.unit,
                    "note": link.note,
                    "source": link.source,
                    "world_year": link.world_year,
                    "world_value": _decimal(link.world_value),
                }
                for link in target.indicator_links.all()
            ]

    @extend_schema(responses=TargetOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(self.TargetOutputSerializer(selectors.target_list(), many=True).data)


class ImportOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    original_name = serializers.CharField()
    layout = serializers.CharField()
    state = serializers.CharField()
    row_count = serializers.IntegerField()
    observation_count = serializers.IntegerField()
    created_count = serializers.IntegerField()
    updated_count = serializers.IntegerField()
    unchanged_count = serializers.IntegerField()
    errors = serializers.ListField(child=serializers.DictField(), help_text="{row, column, reason} per problem")
    notes = serializers.ListField(child=serializers.DictField(), help_text="rows skipped, with the reason")
    uploaded_at = serializers.DateTimeField()
    imported_at = serializers.DateTimeField(allow_null=True)


class IndicatorImportApi(APIView):
    """The secretariat uploads a World Bank or ITU file: a dry run that writes no value and lists every
    error by row and column. Confirm with POST .../<id>/run/."""

    permission_action = "indicators.observation.import"
    parser_classes = [MultiPartParser, FormParser]

    class ImportInputSerializer(serializers.Serializer):
        file = serializers.FileField()
        layout = serializers.ChoiceField(choices=sorted(importers.LAYOUTS))

    @extend_schema(request=ImportInputSerializer, responses={201: ImportOutputSerializer})
    def post(self, request: Request) -> Response:
        serializer = self.ImportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        batch = services.import_check(
            by=request.user, upload=serializer.validated_data["file"], layout=serializer.validated_data["layout"]
        )
        return Response(ImportOutputSerializer(batch).data, status=status.HTTP_201_CREATED)


class IndicatorImportDetailApi(APIView):
    """The report of a dry run, or the outcome of an import."""

    permission_action = "indicators.observation.import"

    @extend_schema(responses=ImportOutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(ImportOutputSerializer(get_object_or_404(ObservationImport, pk=pk)).data)


class IndicatorImportRunApi(APIView):
    """Import a checked file: all its values in one transaction, or none (400 naming the reason)."""

    permission_action = "indicators.observation.import"

    @extend_schema(request=None, responses=ImportOutputSerializer)
    def post(self, request: Request, pk: int) -> Response:
        batch = get_object_or_404(ObservationImport, pk=pk)
        batch = services.import_run(batch=batch, by=request.user)
        return Response(ImportOutputSerializer(batch).data)
