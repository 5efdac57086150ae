"""Report compilation through the REST API (secretariat): start a run, follow its status and
progress, cancel it, list and download its files. The same services and rules as the pages; the
worker compiles, never the request.

    GET  /api/v1/report-runs/?kind=annual_report&cycle=2026   runs, newest first
    POST /api/v1/report-runs/                                  {"kind", "cycle" or "year", "language"}
    GET  /api/v1/report-runs/<id>/                             status, steps, error, outputs
    POST /api/v1/report-runs/<id>/cancel/
    GET  /api/v1/report-runs/<id>/outputs/<docx|html|pdf>/     the file
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from compilation import selectors, services
from compilation.models import AnnualReportRun, RunOutput
from reports.models import ReportingCycle
from wsis_portal import files

TAGS = ["report compilation"]
DOWNLOADS = ("docx", "html", "pdf")


class OutputSerializer(serializers.Serializer):
    format = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    pages = serializers.IntegerField(allow_null=True)
    url = serializers.CharField()


class RunSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=AnnualReportRun.Kind.choices)
    year = serializers.IntegerField()
    language = serializers.CharField()
    status = serializers.ChoiceField(choices=AnnualReportRun.Status.choices)
    step_number = serializers.IntegerField()
    step_count = serializers.IntegerField()
    steps = serializers.ListField(child=serializers.DictField())
    inputs_fingerprint = serializers.CharField()
    reused_from = serializers.IntegerField(source="reused_from_id", allow_null=True)
    cancel_requested = serializers.BooleanField()
    error = serializers.CharField()
    attempts = serializers.IntegerField()
    started_by = serializers.CharField(source="started_by.email")
    created_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)


class RunDetailSerializer(RunSerializer):
    log = serializers.CharField()
    outputs = OutputSerializer(many=True)


def _detail(run: AnnualReportRun) -> dict[str, Any]:
    outputs = []
    if run.status == AnnualReportRun.Status.SUCCEEDED:
        for fmt in DOWNLOADS:
            output = run.files.get(fmt)  # type: ignore[attr-defined]
            if output is not None:
                url = reverse("api-report-run-output", kwargs={"pk": run.pk, "fmt": fmt})
                outputs.append(
                    {"format": fmt, "size": output.size, "sha256": output.sha256, "pages": output.pages, "url": url}
                )
    data = dict(RunSerializer(run).data)
    data["log"] = run.log
    data["outputs"] = outputs
    return data


class RunListApi(APIView):
    """Compilation runs (secretariat), newest first; POST starts one (the worker compiles it)."""

    permission_action = "compilation.run.manage"

    class StartSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=AnnualReportRun.Kind.choices)
        cycle = serializers.IntegerField(required=False, help_text="The cycle's year (annual report).")
        year = serializers.IntegerField(required=False, help_text="The year of the entries (stocktaking report).")
        language = serializers.ChoiceField(choices=["ar", "zh-hans", "en", "fr", "ru", "es"])

    @extend_schema(
        tags=TAGS,
        parameters=[
            OpenApiParameter("kind", str, enum=AnnualReportRun.Kind.values),
            OpenApiParameter("cycle", int, description="Only the runs of this cycle's year."),
        ],
        responses=RunSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        kind = request.query_params.get("kind") or AnnualReportRun.Kind.ANNUAL_REPORT
        if kind not in AnnualReportRun.Kind.values:
            raise ValidationError({"kind": [_("Unknown kind of document.")]})
        cycle_id = None
        year = request.query_params.get("cycle")
        if year:
            if not year.isdigit():
                raise ValidationError({"cycle": [_("Give the cycle's year, e.g. 2025.")]})
            cycle_id = get_object_or_404(ReportingCycle, year=int(year)).pk
        return Response(RunSerializer(selectors.runs_list(kind=kind, cycle_id=cycle_id), many=True).data)

    @extend_schema(tags=TAGS, request=StartSerializer, responses={202: RunDetailSerializer})
    def post(self, request: Request) -> Response:
        serializer = self.StartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        cycle = None
        if data["kind"] == AnnualReportRun.Kind.ANNUAL_REPORT:
            if "cycle" not in data:
                raise ValidationError({"cycle": [_("Give the cycle's year, e.g. 2025.")]})
            cycle = ReportingCycle.objects.filter(year=data["cycle"]).first()
            if cycle is None:
                raise ValidationError({"cycle": [_("No reporting cycle of that year.")]})
        elif "year" not in data:
            raise ValidationError({"year": [_("Give the year of the entries, e.g. 2025.")]})
        run = services.run_start(
            by=request.user, kind=data["kind"], cycle=cycle, year=data.get("year"), language=data["language"]
        )
        return Response(_detail(selectors.run_detail(run.pk)), status=status.HTTP_202_ACCEPTED)


class RunDetailApi(APIView):
    """One run: status, the steps reached, the error, the log and (once succeeded) its files."""

    permission_action = "compilation.run.manage"

    @extend_schema(tags=TAGS, responses=RunDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(_detail(selectors.run_detail(pk)))


class RunCancelApi(APIView):
    """Cancel a queued run at once, or ask a running one to stop at its next step."""

    permission_action = "compilation.run.manage"

    @extend_schema(tags=TAGS, request=None, responses={200: RunDetailSerializer})
    def post(self, request: Request, pk: int) -> Response:
        run = get_object_or_404(AnnualReportRun, pk=pk)
        services.run_cancel(run=run, by=request.user)
        return Response(_detail(selectors.run_detail(pk)))


class RunOutputApi(APIView):
    """A file of a succeeded run (DOCX, HTML or PDF)."""

    permission_action = "compilation.run.manage"

    @extend_schema(
        tags=TAGS,
        responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY), 404: None},
    )
    def get(self, request: Request, pk: int, fmt: str) -> HttpResponseBase:
        if fmt not in DOWNLOADS:
            raise Http404("unknown format")
        run = get_object_or_404(AnnualReportRun.objects.defer("outline", "log"), pk=pk)
        output = RunOutput.objects.filter(run_id=run.result_run_id, format=fmt).first()
        if run.status != AnnualReportRun.Status.SUCCEEDED or output is None:
            raise Http404("this run has no such file")
        return files.file_response(
            output.file, filename=services.download_name(run, fmt), content_type=services.CONTENT_TYPES[fmt]
        )
