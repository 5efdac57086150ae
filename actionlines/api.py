from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from actionlines.models import SdgGoal
from wsis_portal.i18n import localized


class ActionLineListApi(APIView):
    """The 11 action lines and the 8 C7 sub-lines, with their current facilitators."""

    permission_action = "actionlines.actionline.view"

    class ActionLineOutputSerializer(serializers.Serializer):
        code = serializers.CharField()
        parent = serializers.CharField(allow_null=True)
        name = serializers.CharField()
        prize_category = serializers.IntegerField(allow_null=True)
        facilitators = serializers.ListField(child=serializers.DictField())

    @extend_schema(responses=ActionLineOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        from actionlines import selectors

        rows = []
        for line in selectors.actionline_tree():
            for item in [line, *line.sublines.all()]:
                rows.append(
                    {
                        "code": item.code,
                        "parent": line.code if item is not line else None,
                        "name": item.name,
                        "prize_category": item.prize_category,
                        "facilitators": [
                            {"organisation": f.organisation.code, "role": f.role, "since": f.valid_from}
                            for f in item.facilitations.all()
                            if f.valid_to is None
                        ],
                    }
                )
        return Response(self.ActionLineOutputSerializer(rows, many=True).data)


class SdgGoalListApi(APIView):
    """The 17 SDGs and their 169 targets (codes as the UN writes them)."""

    permission_action = "actionlines.actionline.view"

    class SdgGoalOutputSerializer(serializers.Serializer):
        number = serializers.IntegerField()
        name = serializers.CharField()
        targets = serializers.ListField(child=serializers.DictField())

    @extend_schema(responses=SdgGoalOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        goals = SdgGoal.objects.prefetch_related("targets").order_by("number")
        rows = [
            {
                "number": goal.number,
                "name": localized(goal, "name"),
                "targets": [{"code": t.code, "text": localized(t, "text")} for t in goal.targets.all()],
            }
            for goal in goals
        ]
        return Response(self.SdgGoalOutputSerializer(rows, many=True).data)
