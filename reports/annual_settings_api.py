"""The annual report's settings and findings through the REST API (secretariat only): GET reads them (or
the suggested values when none are saved), PUT saves them with the same form and service as the editor
page. Errors name the field; a stale `version` answers 409 with the values saved meanwhile."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reports.annual_settings import FIELDS, AnnualReportSettingsForm, ConflictError, initial_for, save_settings
from reports.compile_models import AnnualReportSettings
from reports.models import ReportingCycle

TAGS = ["reporting cycle"]


class AnnualReportSettingsSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = AnnualReportSettings
        fields = [*FIELDS, "version", "updated_at"]
        read_only_fields = ["updated_at"]


def _body(settings: AnnualReportSettings | None, cycle: ReportingCycle) -> dict[str, Any]:
    if settings is None:
        return {**dict.fromkeys(FIELDS, ""), **initial_for(cycle), "version": 0, "updated_at": None, "saved": False}
    return {**AnnualReportSettingsSerializer(settings).data, "saved": True}


class AnnualReportSettingsApi(APIView):
    """The front matter (symbols, sessions, agenda items, date, title, summary) and the findings of the
    cycle's annual report."""

    permission_action = "reports.cycle.manage"

    @extend_schema(tags=TAGS, responses=AnnualReportSettingsSerializer)
    def get(self, request: Request, year: int) -> Response:
        cycle = get_object_or_404(ReportingCycle, year=year)
        return Response(_body(AnnualReportSettings.objects.filter(cycle=cycle).first(), cycle))

    @extend_schema(
        tags=TAGS,
        request=AnnualReportSettingsSerializer,
        responses={
            200: AnnualReportSettingsSerializer,
            400: OpenApiResponse(description="Problems, by field."),
            409: OpenApiResponse(description="Saved meanwhile: the current values."),
        },
    )
    def put(self, request: Request, year: int) -> Response:
        cycle = get_object_or_404(ReportingCycle, year=year)
        data = {name: request.data.get(name, "") for name in FIELDS}
        data["version"] = request.data.get("version")
        form = AnnualReportSettingsForm(data, cycle=cycle)
        if not form.is_valid():
            raise ValidationError({field: [str(e) for e in errors] for field, errors in form.errors.items()})
        if form.cleaned_data.get("version") is None:
            raise ValidationError({"version": ["Send the version you edited (0 when none is saved)."]})
        try:
            saved = save_settings(
                cycle=cycle, values=form.cleaned_data, version=form.cleaned_data["version"], by=request.user
            )
        except ConflictError as conflict:
            body = {
                "version": [str(conflict)],
                "current": _body(conflict.current if conflict.current.pk else None, cycle),
            }
            return Response(body, status=status.HTTP_409_CONFLICT)
        return Response(_body(saved, cycle))
