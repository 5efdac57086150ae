"""Action-line roadmaps through the REST API: read (public), and edit objectives with their targets
(the secretariat and facilitators' focal points) with the same services, rules and version check as
the pages; a stale edit answers 409 with the objective as saved meanwhile."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from actionlines import selectors, services
from actionlines.models import (
    ROADMAP_FIRST_YEAR,
    ROADMAP_LAST_YEAR,
    ActionLine,
    MeasurableTarget,
    RoadmapObjective,
    plain_number,
)
from wsis_portal import permissions

TAGS = ["roadmaps"]


class TargetInputSerializer(serializers.Serializer):
    id = serializers.IntegerField(required=False, allow_null=True, help_text=_("Leave out for a new target."))
    indicator = serializers.CharField()
    unit = serializers.CharField(max_length=100, allow_blank=True, required=False, default="")
    baseline_value = serializers.DecimalField(max_digits=20, decimal_places=4, required=False, allow_null=True)
    baseline_year = serializers.IntegerField(
        min_value=ROADMAP_FIRST_YEAR, max_value=ROADMAP_LAST_YEAR, required=False, allow_null=True
    )
    target_value = serializers.DecimalField(max_digits=20, decimal_places=4)
    target_year = serializers.IntegerField(min_value=ROADMAP_FIRST_YEAR, max_value=ROADMAP_LAST_YEAR)


class ObjectiveInputSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False, help_text=_("The version you edited (PUT and DELETE)."))
    period = serializers.ChoiceField(choices=RoadmapObjective.Period.choices)
    title = serializers.CharField(max_length=500)
    description = serializers.CharField(allow_blank=True, required=False, default="")
    source = serializers.CharField(max_length=300, allow_blank=True, required=False, default="")
    targets = TargetInputSerializer(
        many=True, required=False, default=list, help_text=_("The whole list: targets left out are removed.")
    )


class DeleteSerializer(serializers.Serializer):
    version = serializers.IntegerField()


class ProgressSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    value = serializers.SerializerMethodField()
    organisation = serializers.CharField(source="organisation.code")
    source = serializers.CharField()
    note = serializers.CharField()

    def get_value(self, row: Any) -> str:
        return plain_number(row.value)


class TargetSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    indicator = serializers.CharField()
    unit = serializers.CharField()
    baseline_value = serializers.SerializerMethodField()
    baseline_year = serializers.IntegerField(allow_null=True)
    target_value = serializers.SerializerMethodField()
    target_year = serializers.IntegerField()
    progress = ProgressSerializer(many=True, source="progress.all")

    def get_baseline_value(self, target: MeasurableTarget) -> str | None:
        return target.baseline_display or None

    def get_target_value(self, target: MeasurableTarget) -> str:
        return target.target_display


class ObjectiveSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField()
    period = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    source = serializers.CharField()
    targets = TargetSerializer(many=True, source="targets.all")


def _objectives(action_line: ActionLine) -> list[RoadmapObjective]:
    return [o for period in selectors.actionline_roadmap(action_line=action_line) for o in period["objectives"]]


def _one(objective: RoadmapObjective) -> dict[str, Any]:
    fresh = next(o for o in _objectives(objective.action_line) if o.pk == objective.pk)
    return dict(ObjectiveSerializer(fresh).data)


def _conflict(error: services.RoadmapConflictError) -> Response:
    body = {"version": [error.message], "current_version": error.version, "current": error.theirs}
    return Response(body, status=status.HTTP_409_CONFLICT)


class RoadmapApi(APIView):
    """An action line's roadmap: objectives (short, medium, long term) with their targets and the
    values reported; POST adds an objective."""

    permission_action = "actionlines.actionline.view"

    @extend_schema(tags=TAGS, responses=ObjectiveSerializer(many=True))
    def get(self, request: Request, code: str) -> Response:
        action_line = get_object_or_404(ActionLine, code=code.upper())
        return Response(ObjectiveSerializer(_objectives(action_line), many=True).data)

    @extend_schema(tags=TAGS, request=ObjectiveInputSerializer, responses={201: ObjectiveSerializer})
    def post(self, request: Request, code: str) -> Response:
        action_line = get_object_or_404(ActionLine, code=code.upper())
        permissions.require(request.user, "actionlines.roadmap.edit", action_line)
        serializer = ObjectiveInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        objective = services.roadmap_objective_create(
            action_line=action_line, data=dict(serializer.validated_data), by=request.user
        )
        return Response(_one(objective), status=status.HTTP_201_CREATED)


class ObjectiveApi(APIView):
    """One objective: PUT replaces it and its list of targets, DELETE removes it (both with the
    version you edited)."""

    permission_action = "actionlines.actionline.view"

    def _objective(self, request: Request, pk: int) -> RoadmapObjective:
        objective = get_object_or_404(RoadmapObjective.objects.select_related("action_line"), pk=pk)
        permissions.require(request.user, "actionlines.roadmap.edit", objective.action_line)
        return objective

    @extend_schema(
        tags=TAGS,
        request=ObjectiveInputSerializer,
        responses={200: ObjectiveSerializer, 409: OpenApiResponse(description="Saved meanwhile: the current one.")},
    )
    def put(self, request: Request, pk: int) -> Response:
        objective = self._objective(request, pk)
        serializer = ObjectiveInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "version" not in data:
            raise serializers.ValidationError({"version": [_("Give the version you edited.")]})
        try:
            services.roadmap_objective_update(
                objective=objective, version=data.pop("version"), data=data, by=request.user
            )
        except services.RoadmapConflictError as error:
            return _conflict(error)
        return Response(_one(objective))

    @extend_schema(
        tags=TAGS,
        request=DeleteSerializer,
        responses={204: None, 409: OpenApiResponse(description="Changed meanwhile: the current one.")},
    )
    def delete(self, request: Request, pk: int) -> Response:
        objective = self._objective(request, pk)
        serializer = DeleteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.roadmap_objective_delete(
                objective=objective, version=serializer.validated_data["version"], by=request.user
            )
        except services.RoadmapConflictError as error:
            return _conflict(error)
        return Response(status=status.HTTP_204_NO_CONTENT)
