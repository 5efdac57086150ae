"""The reporting cycle through the REST API: every action of the pages, with the same services and
permission rules. Errors are JSON naming the field; a stale save answers 409 with both versions."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import roles as portal_roles
from actionlines.models import ActionLine
from reports import api_serializers as s
from reports import content as report_content
from reports import selectors, services
from reports.models import ActivityReport, ReportingCycle
from reports.reminder_models import ReminderSent
from stakeholders import roles
from stakeholders.models import Organisation
from wsis_portal import permissions
from wsis_portal.errors import ApplicationError

TAGS = ["reporting cycle"]


def _reports() -> QuerySet[ActivityReport]:
    return ActivityReport.objects.select_related(
        "cycle", "organisation", "invitation", "accepted_by", "last_saved_by"
    ).prefetch_related(Prefetch("invitation__action_lines", queryset=ActionLine.objects.order_by("sort")))


def _report(request: Request, pk: int) -> ActivityReport:
    report = get_object_or_404(_reports(), pk=pk)
    permissions.require(request.user, "reports.report.view", report)
    return report


def _detail(pk: int) -> dict[str, Any]:
    return dict(s.ReportDetailSerializer(_reports().get(pk=pk)).data)


def _problems(error: ApplicationError) -> ValidationError:
    """Every problem the service found, each under its field (the form's input names)."""
    problems = getattr(error, "problems", None) or {error.field or "non_field_errors": error.message}
    return ValidationError({field: [message] for field, message in problems.items()})


def _cycles() -> QuerySet[ReportingCycle]:
    return ReportingCycle.objects.annotate(
        invited_count=Count("reports", distinct=True),
        accepted_count=Count("reports", filter=Q(reports__state=ActivityReport.State.ACCEPTED), distinct=True),
    ).order_by("-year")


class CycleListApi(APIView):
    """Reporting cycles, newest first; POST opens one (secretariat)."""

    permission_action = "reports.cycle.view"

    @extend_schema(tags=TAGS, responses=s.CycleSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(s.CycleSerializer(_cycles(), many=True).data)

    @extend_schema(tags=TAGS, request=s.CycleOpenSerializer, responses={201: s.CycleSerializer})
    def post(self, request: Request) -> Response:
        permissions.require(request.user, "reports.cycle.manage")
        serializer = s.CycleOpenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        invitees = data.pop("invitees")
        if invitees is not None:
            organisations = Organisation.objects.in_bulk([i["organisation"] for i in invitees])
            missing = [str(i["organisation"]) for i in invitees if i["organisation"] not in organisations]
            if missing:
                raise ValidationError({"invitees": [_("No such organisation: %(ids)s") % {"ids": ", ".join(missing)}]})
            invitees = [{**i, "organisation": organisations[i["organisation"]]} for i in invitees]
        cycle = services.cycle_open(by=request.user, invitees=invitees, **data)
        return Response(s.CycleSerializer(_cycles().get(pk=cycle.pk)).data, status=status.HTTP_201_CREATED)


class CycleDetailApi(APIView):
    """One cycle."""

    permission_action = "reports.cycle.view"

    @extend_schema(tags=TAGS, responses=s.CycleSerializer)
    def get(self, request: Request, year: int) -> Response:
        return Response(s.CycleSerializer(get_object_or_404(_cycles(), year=year)).data)


class DashboardApi(APIView):
    """Where the cycle stands (secretariat): every invited entity's report with its state (not started,
    draft, submitted, changes requested, accepted, overdue), counts per state, and the action lines
    and sub-lines that no accepted report covers yet."""

    permission_action = "reports.cycle.manage"

    class DashboardSerializer(serializers.Serializer):
        cycle = s.CycleSerializer()
        counts = serializers.DictField(child=serializers.IntegerField())
        reports = s.ReportSummarySerializer(many=True)
        lines = serializers.ListField(child=serializers.DictField())
        uncovered = serializers.ListField(child=serializers.CharField())

    @extend_schema(tags=TAGS, responses=DashboardSerializer)
    def get(self, request: Request, year: int) -> Response:
        cycle = get_object_or_404(_cycles(), year=year)
        dashboard = selectors.cycle_dashboard(cycle=cycle)
        lines = [
            {
                "code": coverage.line.code,
                "covered": coverage.covered,
                "reports": [
                    {
                        "id": r.pk,
                        "organisation": r.organisation.acronym or r.organisation.name,
                        "state": r.progress_state,
                    }
                    for r in coverage.reports
                ],
            }
            for coverage in dashboard.lines
        ]
        data = {
            "cycle": s.CycleSerializer(cycle).data,
            "counts": dashboard.counts,
            "reports": s.ReportSummarySerializer(dashboard.reports, many=True).data,
            "lines": lines,
            "uncovered": [coverage.line.code for coverage in dashboard.uncovered],
        }
        return Response(data)


class CycleRemindersApi(APIView):
    """The reminders sent in a cycle (secretariat): who was reminded, at which step of the schedule
    (days relative to the deadline), of which pending reports, when."""

    permission_action = "reports.cycle.manage"

    class ReminderSerializer(serializers.Serializer):
        step = serializers.IntegerField()
        email = serializers.EmailField()
        report_ids = serializers.ListField(child=serializers.IntegerField())
        sent_at = serializers.DateTimeField()

    @extend_schema(tags=TAGS, responses=ReminderSerializer(many=True))
    def get(self, request: Request, year: int) -> Response:
        cycle = get_object_or_404(ReportingCycle, year=year)
        rows = ReminderSent.objects.filter(cycle=cycle).order_by("step", "email")
        return Response(self.ReminderSerializer(rows, many=True).data)


class ReportListApi(APIView):
    """Activity reports the user may see: every report for the secretariat, its organisations' reports
    for a member. Filters: ?cycle=YEAR, ?state=draft|submitted|changes_requested|resubmitted|accepted."""

    permission_action = "reports.report.list"

    @extend_schema(
        tags=TAGS,
        parameters=[OpenApiParameter("cycle", int), OpenApiParameter("state", str, enum=ActivityReport.State.values)],
        responses=s.ReportSummarySerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        reports = _reports().order_by("-cycle__year", "organisation__name_en")
        if not portal_roles.is_secretariat(request.user):
            reports = reports.filter(organisation_id__in=list(roles.organisation_roles(request.user)))
        year, state = request.query_params.get("cycle"), request.query_params.get("state")
        if year:
            if not year.isdigit():
                raise ValidationError({"cycle": [_("Give the cycle's year, e.g. 2025.")]})
            reports = reports.filter(cycle__year=int(year))
        if state:
            if state not in ActivityReport.State.values:
                raise ValidationError({"state": [_("Unknown state: %(state)s") % {"state": state[:40]}]})
            reports = reports.filter(state=state)
        return Response(s.ReportSummarySerializer(reports, many=True).data)


class ReportDetailApi(APIView):
    """One report with its content and the secretariat's comments; PUT saves the draft."""

    permission_action = "reports.cycle.view"  # the object rule (reports.report.view) decides

    @extend_schema(tags=TAGS, responses=s.ReportDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(s.ReportDetailSerializer(_report(request, pk)).data)

    @extend_schema(
        tags=TAGS,
        request=s.ReportSaveSerializer,
        responses={
            200: s.ReportDetailSerializer,
            409: OpenApiResponse(s.ConflictSerializer, description="Someone saved meanwhile: both versions."),
        },
        description="Keys of `content` left out keep their saved value; a list given replaces the saved list.",
    )
    def put(self, request: Request, pk: int) -> Response:
        report = _report(request, pk)
        permissions.require(request.user, "reports.report.edit", report)
        serializer = s.ReportSaveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        sent = serializer.validated_data["content"]
        content = {**report_content.read(report), **sent}
        try:
            services.report_save(
                report=report, by=request.user, data=content, version=serializer.validated_data["version"]
            )
        except services.ConflictError as conflict:
            body = {
                "version": [conflict.message],
                "current_version": conflict.version,
                "current": conflict.theirs,
                "yours": report_content.normalise(content),
                "saved_by": s._person(conflict.saved_by),
            }
            return Response(body, status=status.HTTP_409_CONFLICT)
        except ApplicationError as error:
            raise _problems(error) from None
        return Response(_detail(pk))


class _ActionApi(APIView):
    """A workflow action on a report: the service checks who may and in which state."""

    permission_action = "reports.cycle.view"  # the services decide (reports.report.edit / review / unlock)
    input_serializer: type[serializers.Serializer] = s.VersionSerializer

    def act(self, report: ActivityReport, by: Any, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def post(self, request: Request, pk: int) -> Response:
        report = _report(request, pk)
        serializer = self.input_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            self.act(report, request.user, dict(serializer.validated_data))
        except services.ConflictError as conflict:
            body = {"version": [conflict.message], "current_version": conflict.version, "current": conflict.theirs}
            return Response(body, status=status.HTTP_409_CONFLICT)
        except ApplicationError as error:
            raise _problems(error) from None
        return Response(_detail(pk))


def _action_schema(description: str, request: Any = s.VersionSerializer) -> Any:
    return extend_schema(
        tags=TAGS,
        request=request,
        responses={200: s.ReportDetailSerializer, 409: OpenApiResponse(description="The report changed meanwhile.")},
        description=description,
    )


class ReportCopyForwardApi(_ActionApi):
    @_action_schema("Start the draft from the organisation's last accepted report (focal points).")
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def act(self, report: ActivityReport, by: Any, data: dict[str, Any]) -> None:
        if data["version"] is None:
            raise ApplicationError(_("Give the version you saw."), field="version")
        services.report_copy_from_last_year(report=report, by=by, version=data["version"])


class ReportSubmitApi(_ActionApi):
    @_action_schema("Submit the draft (focal points); after the deadline it is accepted and marked late.")
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def act(self, report: ActivityReport, by: Any, data: dict[str, Any]) -> None:
        services.report_submit(report=report, by=by, version=data["version"])


class ReportResubmitApi(_ActionApi):
    @_action_schema("Resubmit after requested changes (focal points).")
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def act(self, report: ActivityReport, by: Any, data: dict[str, Any]) -> None:
        services.report_resubmit(report=report, by=by, version=data["version"])


class ReportRequestChangesApi(_ActionApi):
    input_serializer = s.RequestChangesSerializer

    @_action_schema("Return the report with comments on its sections (secretariat).", s.RequestChangesSerializer)
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def act(self, report: ActivityReport, by: Any, data: dict[str, Any]) -> None:
        services.report_request_changes(report=report, by=by, comments=data["comments"], version=data["version"])


class ReportAcceptApi(_ActionApi):
    @_action_schema("Accept and lock the report; its progress values go into the roadmaps (secretariat).")
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def act(self, report: ActivityReport, by: Any, data: dict[str, Any]) -> None:
        services.report_accept(report=report, by=by, version=data["version"])


class ReportUnlockApi(_ActionApi):
    input_serializer = s.UnlockSerializer

    @_action_schema("Unlock an accepted report, with the reason (secretariat); it is audited.", s.UnlockSerializer)
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def act(self, report: ActivityReport, by: Any, data: dict[str, Any]) -> None:
        services.report_unlock(report=report, by=by, reason=data["reason"])


class ReportVersionListApi(APIView):
    """The versions frozen at each submission, resubmission and acceptance, oldest first."""

    permission_action = "reports.cycle.view"

    @extend_schema(tags=TAGS, responses=s.ReportVersionSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        report = _report(request, pk)
        versions = report.versions.select_related("created_by").order_by("number")
        return Response(s.ReportVersionSerializer(versions, many=True).data)


class ReportDiffApi(APIView):
    """What changed between two versions (?before=N&after=M; `current` names the working copy).
    By default: the last version against the one before it, or against the working copy if only one."""

    permission_action = "reports.cycle.view"

    @extend_schema(
        tags=TAGS,
        parameters=[OpenApiParameter("before", str), OpenApiParameter("after", str)],
        responses=s.DiffSerializer,
    )
    def get(self, request: Request, pk: int) -> Response:
        report = _report(request, pk)
        numbers = list(report.versions.order_by("number").values_list("number", flat=True))
        default_after = str(numbers[-1]) if len(numbers) > 1 else "current"
        default_before = str(numbers[-2]) if len(numbers) > 1 else (str(numbers[-1]) if numbers else "current")
        before = request.query_params.get("before", default_before)
        after = request.query_params.get("after", default_after)
        contents = {name: self._content(report, value, name) for name, value in (("before", before), ("after", after))}
        changes = report_content.diff(contents["before"], contents["after"])
        return Response({"before": before, "after": after, "changes": changes})

    @staticmethod
    def _content(report: ActivityReport, value: str, field: str) -> dict[str, Any]:
        if value == "current":
            return report_content.read(report)
        version = report.versions.filter(number=int(value)).first() if value.isdigit() else None
        if version is None:
            raise ValidationError({field: [_("No version %(n)s of this report.") % {"n": value[:10]}]})
        return dict(version.data)
