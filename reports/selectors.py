"""Reads of the reporting cycle that join several tables or serve several callers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from actionlines.models import ActionLine, MeasurableTarget
from reports.models import ActivityReport, Invitation, ProgressState, ReportingCycle, progress_state
from stakeholders import roles


def cycle_list() -> QuerySet[ReportingCycle]:
    """Cycles, newest first, with their number of reports by state; 1 query."""
    return ReportingCycle.objects.annotate(
        total=Count("reports"),
        accepted=Count("reports", filter=Q(reports__state=ActivityReport.State.ACCEPTED)),
        waiting=Count("reports", filter=Q(reports__state__in=ActivityReport.REVIEWABLE_STATES)),
        returned=Count("reports", filter=Q(reports__state=ActivityReport.State.CHANGES_REQUESTED)),
    ).order_by("-year")


def reporting_units() -> list[ActionLine]:
    """The 18 reportable units: C1-C11 with C7 replaced by its eight sub-lines; 1 query."""
    return list(ActionLine.objects.exclude(code="C7").order_by("sort"))


@dataclass
class LineCoverage:
    line: ActionLine
    reports: list[ActivityReport] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        return any(report.state == ActivityReport.State.ACCEPTED for report in self.reports)


@dataclass
class Dashboard:
    cycle: ReportingCycle
    reports: list[ActivityReport]
    lines: list[LineCoverage]
    counts: dict[str, int]

    @property
    def uncovered(self) -> list[LineCoverage]:
        return [coverage for coverage in self.lines if not coverage.covered]


def cycle_dashboard(*, cycle: ReportingCycle, state: str = "", kind: str = "", action_line: str = "") -> Dashboard:
    """Every invited entity's report with its state, and per action line (or C7 sub-line) the reports
    that cover it. Filters apply to the list of entities; counts and coverage are for the whole cycle.

    Queries: 3 (reports with organisation and invitation, their action lines, the 18 units)."""
    now = timezone.now()
    reports: list[ActivityReport] = list(
        ActivityReport.objects.filter(cycle=cycle)
        .select_related("organisation", "invitation", "accepted_by")
        .annotate(
            focal_points=Count(
                "organisation__memberships",
                filter=Q(organisation__memberships__role__in=roles.FOCAL_ROLES),
                distinct=True,
            )
        )
        .prefetch_related(Prefetch("invitation__action_lines", queryset=ActionLine.objects.order_by("sort")))
        .order_by("invitation__kind", "organisation__acronym", "organisation__name_en")
    )
    counts = dict.fromkeys(ProgressState.values, 0)
    for report in reports:
        report.cycle = cycle  # the dashboard's own cycle: no query per row
        report.shown_state = progress_state(report, now)  # type: ignore[attr-defined]
        report.line_codes = [line.code for line in report.invitation.action_lines.all()]  # type: ignore[attr-defined]
        counts[report.shown_state] += 1  # type: ignore[attr-defined]
    coverage = {line.pk: LineCoverage(line) for line in reporting_units()}
    for report in reports:
        for line in report.invitation.action_lines.all():
            if line.pk in coverage:
                coverage[line.pk].reports.append(report)
    shown = [
        report
        for report in reports
        if (not state or report.shown_state == state)  # type: ignore[attr-defined]
        and (not kind or report.invitation.kind == kind)
        and (not action_line or action_line in report.line_codes)  # type: ignore[attr-defined]
    ]
    return Dashboard(cycle=cycle, reports=shown, lines=list(coverage.values()), counts=counts)


def reports_of_user(*, user: Any) -> QuerySet[ActivityReport]:
    """The reports of the organisations the user belongs to, newest cycle first; 1 query."""
    organisation_ids = list(roles.organisation_roles(user))
    return (
        ActivityReport.objects.filter(organisation_id__in=organisation_ids)
        .select_related("cycle", "organisation", "invitation", "accepted_by")
        .order_by("-cycle__year", "organisation__name_en")
    )


def report_detail(*, pk: int) -> QuerySet[ActivityReport]:
    return ActivityReport.objects.select_related(
        "cycle", "organisation", "invitation", "accepted_by", "last_saved_by"
    ).filter(pk=pk)


def line_targets(*, codes: list[str], year: int) -> dict[str, list[MeasurableTarget]]:
    """The measurable targets of these lines' roadmaps that a report for `year` can report on
    (baseline not after the year), grouped by line code; 1 query."""
    targets = (
        MeasurableTarget.objects.filter(objective__action_line__code__in=codes)
        .filter(Q(baseline_year__isnull=True) | Q(baseline_year__lte=year))
        .select_related("objective__action_line")
        .order_by("objective__action_line__sort", "objective__position", "position", "pk")
    )
    grouped: dict[str, list[MeasurableTarget]] = {code: [] for code in codes}
    for target in targets:
        grouped.setdefault(target.objective.action_line.code, []).append(target)
    return grouped


def invitation_kinds() -> list[tuple[str, Any]]:
    return list(Invitation.Kind.choices)
