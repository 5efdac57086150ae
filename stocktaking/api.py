"""The stocktaking REST API: the same filters, search, facets, workflow and permissions as the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotAuthenticated, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from actionlines.models import ActionLine, SdgTarget, WsisTarget
from stakeholders.models import Country, Organisation, Region
from stocktaking import content as entry_content
from stocktaking import filters as entry_filters
from stocktaking import listing_cache, selectors, services
from stocktaking.models import LANGUAGE_CHOICES, Entry
from wsis_portal import i18n, permissions


class EntryPagination(CursorPagination):
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"

    def get_ordering(self, request: Any, queryset: Any, view: Any) -> tuple[str, ...]:
        if request.query_params.get("sort") == "title":
            return ("title", "id")
        if "listed_at" in queryset.query.annotations:  # joined to the search rows (see EntryListApi.get)
            return ("-listed_at", "-search_row__entry_id")
        return ("-published_at", "-id")


class LinkSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=6)
    rationale = serializers.CharField(max_length=500, allow_blank=True, required=False, default="")


class TranslationSerializer(serializers.Serializer):
    language = serializers.ChoiceField(choices=LANGUAGE_CHOICES)
    title = serializers.CharField(max_length=300)
    short_description = serializers.CharField(max_length=1600)
    description = serializers.CharField(max_length=20000, allow_blank=True, required=False, default="")
    provided_by_owner = serializers.BooleanField(default=True)


class EntryContentSerializer(serializers.Serializer):
    """An entry's content; unknown codes are refused naming the field."""

    title = serializers.CharField(max_length=300, allow_blank=True, required=False, default="")
    short_description = serializers.CharField(max_length=1600, allow_blank=True, required=False, default="")
    description = serializers.CharField(max_length=20000, allow_blank=True, required=False, default="")
    activity_type = serializers.ChoiceField(
        choices=Entry.ActivityType.choices, allow_blank=True, required=False, default=""
    )
    coverage = serializers.ChoiceField(choices=Entry.Coverage.choices, allow_blank=True, required=False, default="")
    status = serializers.ChoiceField(choices=Entry.Status.choices, allow_blank=True, required=False, default="")
    start_date = serializers.DateField(allow_null=True, required=False, default=None)
    end_date = serializers.DateField(allow_null=True, required=False, default=None)
    website = serializers.URLField(max_length=500, allow_blank=True, required=False, default="")
    links = serializers.ListField(
        child=serializers.URLField(max_length=500), max_length=10, required=False, default=list
    )
    partners = serializers.CharField(max_length=2000, allow_blank=True, required=False, default="")
    impact = serializers.CharField(max_length=4000, allow_blank=True, required=False, default="")
    challenges = serializers.CharField(max_length=4000, allow_blank=True, required=False, default="")
    contact_name = serializers.CharField(max_length=200, allow_blank=True, required=False, default="")
    contact_email = serializers.EmailField(allow_blank=True, required=False, default="")
    original_language = serializers.ChoiceField(choices=LANGUAGE_CHOICES)
    action_lines = LinkSerializer(many=True, required=False, default=list)
    sdg_targets = LinkSerializer(many=True, required=False, default=list)
    wsis_targets = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    countries = serializers.ListField(child=serializers.CharField(max_length=3), required=False, default=list)
    regions = serializers.ListField(child=serializers.CharField(max_length=3), required=False, default=list)
    translations = TranslationSerializer(many=True, required=False, default=list)

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        checks: list[tuple[str, list[Any], set[Any]]] = [
            (
                "action_lines",
                [a["code"] for a in data["action_lines"]],
                set(ActionLine.objects.exclude(code="C7").values_list("code", flat=True)),
            ),
            (
                "sdg_targets",
                [t["code"] for t in data["sdg_targets"]],
                set(SdgTarget.objects.values_list("code", flat=True)),
            ),
            ("wsis_targets", data["wsis_targets"], set(WsisTarget.objects.values_list("number", flat=True))),
            ("countries", data["countries"], set(Country.objects.values_list("iso3", flat=True))),
            ("regions", data["regions"], set(Region.objects.values_list("code", flat=True))),
        ]
        errors = {}
        for field, given, known in checks:
            unknown = [str(code) for code in given if code not in known]
            if unknown:
                errors[field] = [_("Unknown codes: %(codes)s") % {"codes": ", ".join(unknown[:10])}]
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            errors["end_date"] = [_("The end date is before the start date.")]
        if errors:
            raise ValidationError(errors)
        for name in ("start_date", "end_date"):
            data[name] = data[name].isoformat() if data.get(name) else None
        return data


def _reject_nul(data: Any) -> None:
    """PostgreSQL cannot store NUL: refuse it with the field's name rather than failing later."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str) and "\x00" in value:
                raise ValidationError({key: [_("Null characters are not allowed.")]})
            _reject_nul(value)
    elif isinstance(data, list):
        for value in data:
            _reject_nul(value)


class EntryOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    state = serializers.CharField()
    version = serializers.IntegerField()
    organisation = serializers.SerializerMethodField()
    stakeholder_type = serializers.CharField(source="stakeholder_type.code")
    published_at = serializers.DateTimeField(allow_null=True)
    content = serializers.SerializerMethodField()

    def get_url(self, entry: Entry) -> str:
        if self._url is None:  # reversed once per serializer (a page shares one): 50 reverses cost 4 ms
            marker = "2147483647"
            before, after = reverse("stocktaking:entry-detail", kwargs={"pk": marker}).split(marker, 1)
            self._url = (before, after)
        before, after = self._url
        return f"{before}{entry.pk}{after}"

    def get_organisation(self, entry: Entry) -> dict[str, Any]:
        return {"id": entry.organisation_id, "name": entry.organisation.name}

    def get_content(self, entry: Entry) -> dict[str, Any]:
        contents = self.context.get("contents")  # a list: read_many's 6 queries for the whole page
        return contents[entry.pk] if contents is not None else entry_content.read_prefetched(entry)

    _url: tuple[str, str] | None = None

    def to_representation(self, entry: Entry) -> dict[str, Any]:
        """The declared fields (the schema's), written out: DRF's field-by-field walk cost 5 ms a page."""
        published_at = entry.published_at
        return {
            "id": entry.pk,
            "url": self.get_url(entry),
            "state": entry.state,
            "version": entry.version,
            "organisation": self.get_organisation(entry),
            "stakeholder_type": entry.stakeholder_type.code,
            "published_at": self.fields["published_at"].to_representation(published_at) if published_at else None,
            "content": self.get_content(entry),
        }


# What a page of the list shows (EntryOutputSerializer): the entries' workflow columns, their content and
# the names of their organisations; not the moderation stamps, owners or facet columns.
LIST_COLUMNS = [
    "id",
    "state",
    "version",
    "published_at",
    *entry_content.SCALAR_FIELDS,
    "organisation__id",
    *(f"organisation__name_{suffix}" for suffix in i18n.SUFFIXES),
    "stakeholder_type__code",
]


class EntryListApi(APIView):
    """Published entries with the search page's filters, search and facets; POST starts a draft."""

    permission_action = "stocktaking.entry.view"
    cache_pages = True  # pages are kept while nothing public changes (stocktaking.listing_cache)

    @extend_schema(
        parameters=[OpenApiParameter(name, str, many=name in entry_filters.MULTI) for name in entry_filters.PARAMETERS]
        + [OpenApiParameter("facets", bool), OpenApiParameter("cursor", str), OpenApiParameter("page_size", int)],
        responses=EntryOutputSerializer(many=True),
    )
    def get(self, request: Request) -> HttpResponse:
        kept = listing_cache.slot(request) if self.cache_pages else None
        if kept is not None:
            served = kept.served(request)
            if served is not None:
                return served
        response = self.build(request)
        return kept.keep(response) if kept is not None else response

    def build(self, request: Request) -> Response:
        """The page asked for: 7 queries (8 with facets), whatever the number of entries."""
        query = entry_filters.parse(request.query_params)
        entries = entry_filters.published_entries(query, language=request.LANGUAGE_CODE)
        entries = entries.select_related("organisation", "stakeholder_type").only(*LIST_COLUMNS)
        if query.q or query.filters:
            # Already joined to the search rows, which hold the publication date too: ordered by their
            # columns, PostgreSQL sorts the narrow matching rows and reads the page's 51 entries, not
            # every match's (1,400 wide rows for ?country=SEN&action_line=C2 at 1,000,000 entries).
            # The cursor holds the same date either way.
            entries = entries.annotate(listed_at=F("search_row__published_at"))
        paginator = EntryPagination()
        page = paginator.paginate_queryset(entries, request, view=self) or []
        contents = entry_content.read_many(page)
        data = EntryOutputSerializer(page, many=True, context={"contents": contents}).data
        response = paginator.get_paginated_response(data)
        if request.query_params.get("facets") in ("1", "true"):
            response.data["facets"] = entry_filters.facet_table(query, language=request.LANGUAGE_CODE)
        return response

    @extend_schema(request=EntryContentSerializer, responses={201: EntryOutputSerializer})
    def post(self, request: Request) -> Response:
        if not request.user.is_authenticated:  # who is asking comes before what they sent
            raise NotAuthenticated()
        _reject_nul(request.data)
        organisation_id = request.data.get("organisation") if isinstance(request.data, dict) else None
        if not str(organisation_id or "").isdigit():
            raise ValidationError({"organisation": [_("Give the id of your organisation.")]})
        organisation = Organisation.objects.filter(pk=int(str(organisation_id))).first()
        if organisation is None:
            raise ValidationError({"organisation": [_("No such organisation.")]})
        serializer = EntryContentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        entry = services.entry_create(by=request.user, organisation=organisation, data=serializer.validated_data)
        entry = selectors.entry_detail(pk=entry.pk).get()
        return Response(EntryOutputSerializer(entry).data, status=status.HTTP_201_CREATED)


class EntryDetailApi(APIView):
    """One entry (drafts to its organisation and the secretariat); PUT saves a new version."""

    permission_action = "stocktaking.entry.view"

    @extend_schema(responses=EntryOutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        entry = get_object_or_404(selectors.entry_detail(pk=pk))
        permissions.require(request.user, "stocktaking.entry.view", entry)
        return Response(EntryOutputSerializer(entry).data)

    @extend_schema(
        request=EntryContentSerializer,
        parameters=[OpenApiParameter("version", int, required=True, description="The version you edited.")],
        responses=EntryOutputSerializer,
    )
    def put(self, request: Request, pk: int) -> Response:
        entry = get_object_or_404(Entry, pk=pk)
        permissions.require(request.user, "stocktaking.entry.edit", entry)
        _reject_nul(request.data)
        version = request.query_params.get("version", "")
        if not version.isdigit():
            raise ValidationError({"version": [_("Give the version you edited (?version=N).")]})
        serializer = EntryContentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.entry_save(entry=entry, by=request.user, data=serializer.validated_data, version=int(version))
        except services.ConflictError as conflict:
            return Response(
                {"version": [conflict.message], "current_version": conflict.version, "current": conflict.theirs},
                status=status.HTTP_409_CONFLICT,
            )
        return Response(EntryOutputSerializer(selectors.entry_detail(pk=pk).get()).data)


class EntrySubmitApi(APIView):
    """Submit a draft (or the pending changes of a published entry) for review."""

    permission_action = "stocktaking.entry.view"

    @extend_schema(request=None, responses=EntryOutputSerializer)
    def post(self, request: Request, pk: int) -> Response:
        entry = get_object_or_404(Entry, pk=pk)
        services.entry_submit(entry=entry, by=request.user)
        return Response(EntryOutputSerializer(selectors.entry_detail(pk=pk).get()).data)


class EntryDecisionApi(APIView):
    """The secretariat publishes, returns (with a reason) or rejects (with a reason) a submission."""

    permission_action = "stocktaking.entry.moderate"

    class InputSerializer(serializers.Serializer):
        decision = serializers.ChoiceField(choices=["publish", "return", "reject"])
        reason = serializers.CharField(max_length=2000, allow_blank=True, required=False, default="")

    @extend_schema(request=InputSerializer, responses=EntryOutputSerializer)
    def post(self, request: Request, pk: int) -> Response:
        entry = get_object_or_404(Entry, pk=pk)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        decision, reason = serializer.validated_data["decision"], serializer.validated_data["reason"]
        if decision == "publish":
            services.entry_publish(entry=entry, by=request.user)
        elif decision == "return":
            services.entry_return(entry=entry, by=request.user, reason=reason)
        else:
            services.entry_reject(entry=entry, by=request.user, reason=reason)
        return Response(EntryOutputSerializer(selectors.entry_detail(pk=pk).get()).data)
