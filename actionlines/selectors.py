from __future__ import annotations

from itertools import groupby
from typing import Any

from django.db.models import Case, F, IntegerField, Prefetch, QuerySet, Value, When

from actionlines.models import ActionLine, Facilitation, MatrixLink, MeasurableTarget, RoadmapObjective, TargetProgress

# Leads first, then co-facilitators, then partners; current roles before past ones.
ROLE_ORDER = (
    Case(
        When(role=Facilitation.Role.LEAD, then=Value(0)),
        When(role=Facilitation.Role.CO_FACILITATOR, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    ),
    F("valid_to").desc(nulls_first=True),
    "organisation__acronym",
)


def actionline_tree() -> list[ActionLine]:
    """Top-level lines with their C7 sub-lines and all facilitation roles.

    Queries: 3 (lines, sub-lines, facilitations with organisations).
    """
    facilitations = Prefetch(
        "facilitations",
        queryset=Facilitation.objects.select_related("organisation").order_by(*ROLE_ORDER),
    )
    sublines = Prefetch("sublines", queryset=ActionLine.objects.prefetch_related(facilitations).order_by("sort"))
    lines = ActionLine.objects.filter(parent__isnull=True).prefetch_related(facilitations, sublines).order_by("sort")
    return list(lines)


def actionline_detail(*, code: str) -> QuerySet[ActionLine]:
    return ActionLine.objects.select_related("parent").filter(code=code)


def actionline_facilitations(*, action_line: ActionLine) -> list[Facilitation]:
    """Every role on the line, current and past, leads first; 1 query."""
    return list(action_line.facilitations.select_related("organisation").order_by(*ROLE_ORDER))


def actionline_sdg_targets(*, action_line: ActionLine) -> list[dict[str, Any]]:
    """The SDG targets the line serves, grouped by goal; 1 query."""
    links = (
        MatrixLink.objects.filter(action_line=action_line)
        .select_related("target__goal")
        .order_by("target__goal__number", "target__sort")
    )
    return [
        {"goal": goal, "links": list(goal_links)}
        for goal, goal_links in groupby(links, key=lambda link: link.target.goal)
    ]


def actionline_roadmap(*, action_line: ActionLine) -> list[dict[str, Any]]:
    """The line's roadmap by period (short, medium, long), each objective with its targets and their
    progress (with the reporting organisations). 3 queries: objectives, targets, progress."""
    progress = Prefetch(
        "progress", queryset=TargetProgress.objects.select_related("organisation").order_by("year", "organisation_id")
    )
    targets = Prefetch(
        "targets", queryset=MeasurableTarget.objects.order_by("position", "pk").prefetch_related(progress)
    )
    objectives = list(action_line.roadmap_objectives.order_by("position", "pk").prefetch_related(targets))
    return [
        {"period": value, "label": label, "objectives": [o for o in objectives if o.period == value]}
        for value, label in RoadmapObjective.Period.choices
    ]


def roadmap_history_sources(*, action_line: ActionLine) -> list[QuerySet[Any]]:
    """History rows of the line's objectives, targets and progress, including deleted ones (for
    audit.history_for(..., related=...)): subqueries by id, so they run as 3 queries."""
    objectives = RoadmapObjective.history.filter(action_line_id=action_line.pk)  # type: ignore[attr-defined]
    targets = MeasurableTarget.history.filter(  # type: ignore[attr-defined]
        objective_id__in=objectives.values("id")
    )
    progress = TargetProgress.history.filter(target_id__in=targets.values("id"))  # type: ignore[attr-defined]
    return [objectives, targets, progress]
