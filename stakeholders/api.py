from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stakeholders import selectors
from stakeholders.models import Country, Region


class CountryListApi(APIView):
    """Every country and area: ISO codes, M49 code, region, groupings, name in the request's language."""

    permission_action = "stakeholders.organisation.view"

    class CountryOutputSerializer(serializers.Serializer):
        iso3 = serializers.CharField()
        iso2 = serializers.CharField()
        m49 = serializers.CharField()
        name = serializers.CharField()
        region = serializers.CharField(source="region.code", allow_null=True)
        subregion = serializers.CharField(source="subregion.code", allow_null=True)
        groupings = serializers.SerializerMethodField()

        def get_groupings(self, country: Country) -> list[str]:
            return [grouping.code for grouping in country.groupings.all()]

    @extend_schema(responses=CountryOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        countries = Country.objects.select_related("region", "subregion").prefetch_related("groupings")
        return Response(self.CountryOutputSerializer(countries, many=True).data)


class RegionListApi(APIView):
    """UN M49 regions, sub-regions, intermediate regions and the LDC, LLDC and SIDS groupings."""

    permission_action = "stakeholders.organisation.view"

    class RegionOutputSerializer(serializers.Serializer):
        code = serializers.CharField()
        kind = serializers.CharField()
        parent = serializers.CharField(source="parent.code", allow_null=True)
        name = serializers.CharField()

    @extend_schema(responses=RegionOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(self.RegionOutputSerializer(Region.objects.select_related("parent"), many=True).data)


class OrganisationPagination(CursorPagination):
    ordering = ("name_en", "id")
    page_size = 100


class OrganisationListApi(APIView):
    """The register of organisations, filtered by name, stakeholder type and country."""

    permission_action = "stakeholders.organisation.view"

    class OrganisationOutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        code = serializers.CharField(allow_null=True)
        name = serializers.CharField()
        acronym = serializers.CharField()
        stakeholder_type = serializers.CharField(source="stakeholder_type.code")
        country = serializers.CharField(source="country.iso3", allow_null=True)
        website = serializers.CharField()
        verified = serializers.BooleanField()

    @extend_schema(
        parameters=[OpenApiParameter("q", str), OpenApiParameter("type", str), OpenApiParameter("country", str)],
        responses=OrganisationOutputSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        organisations = selectors.organisation_list(
            query=request.query_params.get("q", "")[:200],
            stakeholder_type=request.query_params.get("type", "")[:40],
            country=request.query_params.get("country", "")[:3],
        )
        paginator = OrganisationPagination()
        page = paginator.paginate_queryset(organisations, request, view=self)
        return paginator.get_paginated_response(self.OrganisationOutputSerializer(page, many=True).data)
