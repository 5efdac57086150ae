"""The REST API of consultations, contributions, tallies, events and participation figures: the same
services, selectors and permission rules as the pages; errors as JSON naming the field."""

from __future__ import annotations

import datetime
from typing import Any

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from consultations import events, selectors, services
from consultations.models import Channel, Consultation, Contribution, Event, Participation, StakeholderGroup
from stakeholders.models import Country, Organisation
from wsis_portal import permissions

ERRORS = {
    400: OpenApiResponse(description="Bad input: JSON naming each field and its error."),
    403: OpenApiResponse(description="Not allowed for this user."),
    409: OpenApiResponse(description="Stale version: the current content is returned."),
}


class Pagination(PageNumberPagination):
    page_size = 100
    max_page_size = 500
    page_size_query_param = "page_size"


def _reject_nul(data: Any, field: str | None = None) -> None:
    """PostgreSQL cannot store NUL: refuse it, naming the (top-level) field, rather than failing later."""
    if isinstance(data, str):
        if "\x00" in data:
            raise ValidationError({field or "non_field_errors": [_("Null characters are not allowed.")]})
    elif hasattr(data, "items"):
        for key, value in data.items():
            _reject_nul(value, field or str(key))
    elif isinstance(data, list):
        for value in data:
            _reject_nul(value, field)


def _version(request: Request) -> int:
    version = request.query_params.get("version", "")
    if not version.isdigit():
        raise ValidationError({"version": [_("Give the version you edited (?version=N).")]})
    return int(version)


def _conflict(error: Any) -> Response:
    current = {k: (v.pk if hasattr(v, "pk") else v) for k, v in error.theirs.items()}
    return Response(
        {"version": [error.message], "current_version": error.version, "current": current},
        status=status.HTTP_409_CONFLICT,
    )


class OrganisationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="name_en")


# ---------------------------------------------------------------------------------------------
# Consultations


class ConsultationInputSerializer(serializers.Serializer):
    slug = serializers.SlugField(max_length=80)
    title = serializers.CharField(max_length=300)
    mandate_symbol = serializers.CharField(max_length=60, allow_blank=True, required=False, default="")
    mandate_text = serializers.CharField(max_length=4000, allow_blank=True, required=False, default="")
    description = serializers.CharField(max_length=20000, allow_blank=True, required=False, default="")
    organiser = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), allow_null=True, required=False, default=None
    )
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()
    meeting_date = serializers.DateField(allow_null=True, required=False, default=None)
    meeting_place = serializers.CharField(max_length=200, allow_blank=True, required=False, default="")


class ConsultationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    url = serializers.CharField(source="get_absolute_url")
    title = serializers.CharField()
    mandate_symbol = serializers.CharField()
    mandate_text = serializers.CharField()
    description = serializers.CharField(help_text="Sanitised HTML.")
    organiser = OrganisationRefSerializer(allow_null=True)
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()
    meeting_date = serializers.DateField(allow_null=True)
    meeting_place = serializers.CharField()
    status = serializers.SerializerMethodField()
    contribution_count = serializers.IntegerField(required=False)
    version = serializers.IntegerField()

    def get_status(self, consultation: Consultation) -> str:
        return consultation.status(services.today())


class ConsultationListApi(APIView):
    """Consultations, newest first; POST opens a new one (the secretariat)."""

    permission_action = "consultations.consultation.view"

    @extend_schema(responses=ConsultationOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        rows = selectors.consultation_list().order_by("-opens_on", "pk")
        paginator = Pagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(ConsultationOutputSerializer(page, many=True).data)

    @extend_schema(request=ConsultationInputSerializer, responses={201: ConsultationOutputSerializer, **ERRORS})
    def post(self, request: Request) -> Response:
        permissions.require(request.user, "consultations.consultation.manage")
        _reject_nul(request.data)
        serializer = ConsultationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        consultation = services.consultation_create(by=request.user, data=serializer.validated_data)
        consultation = selectors.consultation_list().get(pk=consultation.pk)
        return Response(ConsultationOutputSerializer(consultation).data, status=status.HTTP_201_CREATED)


class ConsultationDetailApi(APIView):
    """One consultation; PUT saves a new version (the secretariat)."""

    permission_action = "consultations.consultation.view"

    @extend_schema(responses=ConsultationOutputSerializer)
    def get(self, request: Request, slug: str) -> Response:
        consultation = get_object_or_404(selectors.consultation_list(), slug=slug)
        return Response(ConsultationOutputSerializer(consultation).data)

    @extend_schema(
        request=ConsultationInputSerializer,
        parameters=[OpenApiParameter("version", int, required=True, description="The version you edited.")],
        responses={200: ConsultationOutputSerializer, **ERRORS},
    )
    def put(self, request: Request, slug: str) -> Response:
        consultation = get_object_or_404(Consultation, slug=slug)
        permissions.require(request.user, "consultations.consultation.manage", consultation)
        _reject_nul(request.data)
        version = _version(request)
        serializer = ConsultationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            consultation = services.consultation_update(
                consultation=consultation, by=request.user, data=serializer.validated_data, version=version
            )
        except services.ConflictError as error:
            return _conflict(error)
        return Response(ConsultationOutputSerializer(selectors.consultation_list().get(pk=consultation.pk)).data)


class TallySerializer(serializers.Serializer):
    channels = serializers.ListField(child=serializers.CharField(), help_text="Channel codes, in column order.")
    headings = serializers.DictField(
        child=serializers.CharField(), help_text="Column headings as the report words them, in the request's language."
    )
    rows = serializers.ListField(child=serializers.DictField())
    column_totals = serializers.DictField(child=serializers.IntegerField())
    total = serializers.IntegerField()


class ConsultationTallyApi(APIView):
    """The contributions counted by stakeholder group and channel, with row and column totals."""

    permission_action = "consultations.consultation.view"

    @extend_schema(responses=TallySerializer)
    def get(self, request: Request, slug: str) -> Response:
        consultation = get_object_or_404(Consultation, slug=slug)
        tally = selectors.consultation_tally(consultation=consultation).as_dict()
        return Response({**tally, "headings": selectors.tally_headings(consultation=consultation)})


# ---------------------------------------------------------------------------------------------
# Contributions


class ContributionInputSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.select_related("stakeholder_type"), allow_null=True, required=False, default=None
    )
    contributor_name = serializers.CharField(max_length=255, allow_blank=True, required=False, default="")
    stakeholder_group = serializers.ChoiceField(
        choices=StakeholderGroup.choices, allow_blank=True, required=False, default=""
    )
    channel = serializers.ChoiceField(choices=Channel.choices, allow_blank=True, required=False, default="")
    date = serializers.DateField(allow_null=True, required=False, default=None)
    text = serializers.CharField(max_length=50000, allow_blank=True, required=False, default="")
    file = serializers.FileField(required=False, allow_null=True, default=None, allow_empty_file=True)
    remove_file = serializers.BooleanField(required=False, default=False)


class ContributionFileSerializer(serializers.Serializer):
    name = serializers.CharField(source="file_name")
    type = serializers.CharField(source="file_type")
    size = serializers.IntegerField(source="file_size")
    url = serializers.SerializerMethodField()

    def get_url(self, contribution: Contribution) -> str:
        return reverse("consultations:contribution-document", kwargs={"pk": contribution.pk})


class ContributionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField(source="get_absolute_url")
    consultation = serializers.CharField(source="consultation.slug")
    organisation = OrganisationRefSerializer(allow_null=True)
    contributor = serializers.CharField()
    stakeholder_group = serializers.ChoiceField(choices=StakeholderGroup.choices)
    channel = serializers.ChoiceField(choices=Channel.choices)
    date = serializers.DateField()
    text = serializers.CharField(help_text="Sanitised HTML.")
    file = serializers.SerializerMethodField()
    recorded_by_secretariat = serializers.BooleanField()
    version = serializers.IntegerField()

    @extend_schema_field(ContributionFileSerializer(allow_null=True))
    def get_file(self, contribution: Contribution) -> dict[str, Any] | None:
        return ContributionFileSerializer(contribution).data if contribution.file else None


def _member_submission(data: dict[str, Any], consultation: Consultation, user: Any) -> Organisation:
    """What a member may send: their organisation's written comments, dated today."""
    organisation = data.get("organisation")
    if organisation is None:
        raise ValidationError({"organisation": [_("Give the id of your organisation.")]})
    if data.get("contributor_name"):
        raise ValidationError({"contributor_name": [_("Contributions are made in the name of your organisation.")]})
    if data.get("channel") not in ("", Channel.WRITTEN):
        raise ValidationError(
            {"channel": [_("Stakeholders send written comments; the secretariat records statements at the meeting.")]}
        )
    if data.get("stakeholder_group") not in ("", services.group_of(organisation)):
        raise ValidationError(
            {"stakeholder_group": [_("The stakeholder group follows from your organisation's type.")]}
        )
    if data.get("date") not in (None, services.today()):
        raise ValidationError({"date": [_("A contribution sent through the portal is dated the day it is sent.")]})
    permissions.require(user, "consultations.contribution.submit", organisation)
    return organisation


class ContributionListApi(APIView):
    """A consultation's contributions (filters: stakeholder_group, channel). POST: members send their
    organisation's written comments while it is open (JSON, or multipart with a file); the
    secretariat records any contribution with any group, channel and date, also after closing."""

    permission_action = "consultations.consultation.view"
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        parameters=[
            OpenApiParameter("stakeholder_group", str, enum=StakeholderGroup.values),
            OpenApiParameter("channel", str, enum=Channel.values),
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int),
        ],
        responses={200: ContributionOutputSerializer(many=True), **ERRORS},
    )
    def get(self, request: Request, slug: str) -> Response:
        consultation = get_object_or_404(Consultation, slug=slug)
        group = request.query_params.get("stakeholder_group", "")
        channel = request.query_params.get("channel", "")
        if group and group not in StakeholderGroup.values:
            raise ValidationError({"stakeholder_group": [_("Unknown stakeholder group: %(v)s") % {"v": group[:40]}]})
        if channel and channel not in Channel.values:
            raise ValidationError({"channel": [_("Unknown channel: %(v)s") % {"v": channel[:40]}]})
        rows = selectors.contribution_list(consultation=consultation, group=group, channel=channel).select_related(
            "consultation"
        )
        paginator = Pagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(ContributionOutputSerializer(page, many=True).data)

    @extend_schema(
        request={"application/json": ContributionInputSerializer, "multipart/form-data": ContributionInputSerializer},
        responses={201: ContributionOutputSerializer, **ERRORS},
    )
    def post(self, request: Request, slug: str) -> Response:
        consultation = get_object_or_404(Consultation, slug=slug)
        if not request.user.is_authenticated:
            permissions.require(request.user, "consultations.contribution.submit")
        _reject_nul(request.data)
        serializer = ContributionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        upload = data.pop("file", None)
        data.pop("remove_file", None)
        if permissions.can(request.user, "consultations.contribution.record", consultation):
            contribution = services.contribution_record(
                consultation=consultation, by=request.user, data=data, upload=upload
            )
        else:
            organisation = _member_submission(data, consultation, request.user)
            contribution = services.contribution_submit(
                consultation=consultation, by=request.user, organisation=organisation, text=data["text"], upload=upload
            )
        contribution = selectors.contribution_detail(pk=contribution.pk).get()
        return Response(ContributionOutputSerializer(contribution).data, status=status.HTTP_201_CREATED)


class ContributionDetailApi(APIView):
    """One contribution; PUT corrects it (?version=N), DELETE withdraws it."""

    permission_action = "consultations.consultation.view"
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(responses=ContributionOutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        contribution = get_object_or_404(selectors.contribution_detail(pk=pk))
        return Response(ContributionOutputSerializer(contribution).data)

    @extend_schema(
        request={"application/json": ContributionInputSerializer, "multipart/form-data": ContributionInputSerializer},
        parameters=[OpenApiParameter("version", int, required=True, description="The version you edited.")],
        responses={200: ContributionOutputSerializer, **ERRORS},
    )
    def put(self, request: Request, pk: int) -> Response:
        contribution = get_object_or_404(selectors.contribution_detail(pk=pk))
        permissions.require(request.user, "consultations.contribution.change", contribution)
        _reject_nul(request.data)
        version = _version(request)
        serializer = ContributionInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = {key: value for key, value in serializer.validated_data.items() if key in request.data}
        upload, remove = data.pop("file", None), bool(data.pop("remove_file", False))
        try:
            services.contribution_update(
                contribution=contribution,
                by=request.user,
                data=data,
                version=version,
                upload=upload,
                remove_file=remove,
            )
        except services.ConflictError as error:
            return _conflict(error)
        return Response(ContributionOutputSerializer(selectors.contribution_detail(pk=pk).get()).data)

    @extend_schema(request=None, responses={204: None, **ERRORS})
    def delete(self, request: Request, pk: int) -> Response:
        contribution = get_object_or_404(Contribution, pk=pk)
        services.contribution_withdraw(contribution=contribution, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


# ---------------------------------------------------------------------------------------------
# Events and participation


class ParticipationSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=Participation.Category.choices)
    count = serializers.IntegerField(min_value=0)
    qualifier = serializers.ChoiceField(choices=Participation.Qualifier.choices, default="exact")
    unit = serializers.ChoiceField(choices=Participation.Unit.choices, default="people")
    represented_count = serializers.IntegerField(min_value=0, allow_null=True, required=False, default=None)
    represented_kind = serializers.ChoiceField(
        choices=Participation.Represented.choices, allow_blank=True, required=False, default=""
    )
    note = serializers.CharField(max_length=300, allow_blank=True, required=False, default="")


class OccurrenceSerializer(serializers.Serializer):
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()


class EventInputSerializer(serializers.Serializer):
    slug = serializers.SlugField(max_length=80, allow_blank=True, required=False, default="")
    kind = serializers.ChoiceField(choices=Event.Kind.choices)
    title = serializers.CharField(max_length=300)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    recurrence = serializers.ChoiceField(choices=Event.Recurrence.choices, allow_blank=True, required=False, default="")
    repeats_until = serializers.DateField(allow_null=True, required=False, default=None)
    venue = serializers.CharField(max_length=200, allow_blank=True, required=False, default="")
    city = serializers.CharField(max_length=120, allow_blank=True, required=False, default="")
    country = serializers.SlugRelatedField(
        slug_field="iso3", queryset=Country.objects.all(), allow_null=True, required=False, default=None
    )
    online = serializers.BooleanField(required=False, default=False)
    organisers = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), many=True, required=False, default=list
    )
    url = serializers.URLField(max_length=500, allow_blank=True, required=False, default="")
    description = serializers.CharField(max_length=20000, allow_blank=True, required=False, default="")
    side_events = serializers.IntegerField(min_value=0, allow_null=True, required=False, default=None)
    to_verify = serializers.BooleanField(required=False, default=False)
    source = serializers.CharField(max_length=500, allow_blank=True, required=False, default="")
    participation = ParticipationSerializer(many=True, required=False)

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if data["ends_on"] < data["starts_on"]:
            raise ValidationError({"ends_on": [_("The last day is before the first day.")]})
        return data


class EventOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    uid = serializers.SerializerMethodField(help_text="The iCalendar UID of the event (stable).")
    slug = serializers.CharField()
    url = serializers.CharField(source="get_absolute_url")
    kind = serializers.ChoiceField(choices=Event.Kind.choices)
    title = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    recurrence = serializers.CharField()
    repeats_until = serializers.DateField(allow_null=True)
    venue = serializers.CharField()
    city = serializers.CharField()
    country = serializers.CharField(source="country.iso3", allow_null=True, default=None)
    online = serializers.BooleanField()
    organisers = OrganisationRefSerializer(many=True)
    website = serializers.CharField(source="url")
    description = serializers.CharField(help_text="Sanitised HTML.")
    side_events = serializers.IntegerField(allow_null=True)
    to_verify = serializers.BooleanField()
    source = serializers.CharField()
    participation = serializers.SerializerMethodField()
    occurrences = serializers.SerializerMethodField()
    version = serializers.IntegerField()

    def get_uid(self, event: Event) -> str:
        return events.event_uid(event)

    def get_participation(self, event: Event) -> list[dict[str, Any]]:
        return [dict(ParticipationSerializer(row).data) for row in events.participation_rows(event)]

    def get_occurrences(self, event: Event) -> list[dict[str, Any]]:
        window = self.context.get("occurrences", {})
        if event.recurrence != Event.Recurrence.YEARLY and not window:
            return [{"starts_on": event.starts_on.isoformat(), "ends_on": event.ends_on.isoformat()}]
        found = events.occurrences([event], start=window.get("start"), end=window.get("end"))
        return [{"starts_on": o.starts_on.isoformat(), "ends_on": o.ends_on.isoformat()} for o in found]


def _date_param(request: Request, name: str) -> datetime.date | None:
    value = request.query_params.get(name, "")
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValidationError({name: [_("Give a date as YYYY-MM-DD.")]}) from None


class EventListApi(APIView):
    """Events with their participation figures (filters: kind; from/to keep the events with an
    occurrence in that period and list those occurrences). POST adds one (the secretariat)."""

    permission_action = "consultations.event.view"

    @extend_schema(
        parameters=[
            OpenApiParameter("kind", str, enum=Event.Kind.values),
            OpenApiParameter("from", datetime.date, description="First day of the period (YYYY-MM-DD)."),
            OpenApiParameter("to", datetime.date, description="Last day of the period (YYYY-MM-DD)."),
        ],
        responses={200: EventOutputSerializer(many=True), **ERRORS},
    )
    def get(self, request: Request) -> Response:
        kind = request.query_params.get("kind", "")
        if kind and kind not in Event.Kind.values:
            raise ValidationError({"kind": [_("Unknown kind of event: %(v)s") % {"v": kind[:40]}]})
        start, end = _date_param(request, "from"), _date_param(request, "to")
        if start and end and end < start:
            raise ValidationError({"to": [_("The end of the period is before its start.")]})
        rows = list(events.event_list(kind=kind).prefetch_related("participation"))
        context: dict[str, Any] = {}
        if start or end:
            window = {"start": start, "end": end or events._shift_years(timezone.localdate(), events.UPCOMING_YEARS)}
            context["occurrences"] = window
            keep = {o.event.pk for o in events.occurrences(rows, start=window["start"], end=window["end"])}
            rows = [event for event in rows if event.pk in keep]
        return Response(EventOutputSerializer(rows, many=True, context=context).data)

    @extend_schema(request=EventInputSerializer, responses={201: EventOutputSerializer, **ERRORS})
    def post(self, request: Request) -> Response:
        permissions.require(request.user, "consultations.event.manage")
        _reject_nul(request.data)
        serializer = EventInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        participation = [dict(row) for row in data.pop("participation", [])]
        event = events.event_create(by=request.user, data=data, participation=participation)
        return Response(EventOutputSerializer(events.event_detail(slug=event.slug).get()).data, status=201)


class EventDetailApi(APIView):
    """One event; PUT saves it (?version=N) and, when `participation` is given, replaces its figures."""

    permission_action = "consultations.event.view"

    @extend_schema(responses=EventOutputSerializer)
    def get(self, request: Request, slug: str) -> Response:
        event = get_object_or_404(events.event_detail(slug=slug))
        return Response(EventOutputSerializer(event).data)

    @extend_schema(
        request=EventInputSerializer,
        parameters=[OpenApiParameter("version", int, required=True, description="The version you edited.")],
        responses={200: EventOutputSerializer, **ERRORS},
    )
    def put(self, request: Request, slug: str) -> Response:
        event = get_object_or_404(Event, slug=slug)
        permissions.require(request.user, "consultations.event.manage", event)
        _reject_nul(request.data)
        version = _version(request)
        serializer = EventInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        participation = data.pop("participation", None)
        if not data.get("slug"):
            data["slug"] = event.slug
        try:
            event = events.event_update(
                event=event,
                by=request.user,
                data=data,
                version=version,
                participation=[dict(row) for row in participation] if participation is not None else None,
            )
        except events.ConflictError as error:
            return _conflict(error)
        return Response(EventOutputSerializer(events.event_detail(slug=event.slug).get()).data)
