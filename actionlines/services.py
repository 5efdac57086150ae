"""Writes to action-line roadmaps: objectives with their measurable targets, and progress on targets."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from actionlines.models import (
    ROADMAP_FIRST_YEAR,
    ROADMAP_LAST_YEAR,
    ActionLine,
    MeasurableTarget,
    RoadmapObjective,
    TargetProgress,
)
from stakeholders.models import Organisation
from wsis_portal import audit, permissions
from wsis_portal.errors import ApplicationError

TARGET_FIELDS = ("indicator", "unit", "baseline_value", "baseline_year", "target_value", "target_year")
OBJECTIVE_FIELDS = ("period", "title", "description", "source")


class RoadmapConflictError(ApplicationError):
    """Someone saved the objective in between: the caller shows both versions; nothing was overwritten."""

    def __init__(self, *, theirs: dict[str, Any] | None, version: int | None) -> None:
        if theirs is None:
            message = _("Someone deleted this objective while you were editing it; your changes were not saved.")
        else:
            message = _(
                "Someone saved this objective while you were editing it. Compare both versions below, then save again."
            )
        super().__init__(message)
        self.theirs = theirs
        self.version = version


def objective_read(objective: RoadmapObjective) -> dict[str, Any]:
    """The objective and its targets as plain data (what a form or the API starts from)."""
    data: dict[str, Any] = {name: getattr(objective, name) for name in OBJECTIVE_FIELDS}
    data["targets"] = [
        {"id": target.pk, **{name: getattr(target, name) for name in TARGET_FIELDS}}
        for target in objective.targets.order_by("position", "pk")
    ]
    return data


def _check_year(value: Any, field: str) -> None:
    if value is not None and not ROADMAP_FIRST_YEAR <= int(value) <= ROADMAP_LAST_YEAR:
        raise ApplicationError(
            _("Enter a year between %(first)d and %(last)d.")
            % {"first": ROADMAP_FIRST_YEAR, "last": ROADMAP_LAST_YEAR},
            field=field,
        )


def _validation_error(error: ValidationError, prefix: str = "") -> ApplicationError:
    """The first message of a model validation error, naming its field."""
    if hasattr(error, "error_dict"):
        field, errors = next(iter(error.error_dict.items()))
        name = None if field == "__all__" else f"{prefix}{field}"
        return ApplicationError(str(errors[0].messages[0]), field=name)
    return ApplicationError(str(error.messages[0]))


def _write_targets(objective: RoadmapObjective, targets: list[dict[str, Any]], by: Any) -> None:
    existing = {target.pk: target for target in objective.targets.select_for_update()}
    kept: set[int] = set()
    for position, values in enumerate(targets):
        prefix = f"targets.{position}."
        target_id = values.get("id")
        if target_id:
            target = existing.get(int(target_id))
            if target is None:
                raise ApplicationError(_("This target is not part of the objective."), field=f"{prefix}id")
            kept.add(target.pk)
        else:
            target = MeasurableTarget(objective=objective)
        for name in TARGET_FIELDS:
            setattr(target, name, values.get(name, "" if name in ("indicator", "unit") else None))
        target.position = position
        try:  # converts the values first, so that the rules below compare numbers
            target.clean_fields(exclude=["objective"])
        except ValidationError as error:
            raise _validation_error(error, prefix) from None
        _check_year(target.baseline_year, f"{prefix}baseline_year")
        _check_year(target.target_year, f"{prefix}target_year")
        if (target.baseline_value is None) != (target.baseline_year is None):
            raise ApplicationError(
                _("Give the baseline value and its year, or neither."), field=f"{prefix}baseline_year"
            )
        if target.baseline_year is not None and target.target_year < target.baseline_year:
            raise ApplicationError(
                _("The target year cannot be before the baseline year."), field=f"{prefix}target_year"
            )
        audit.record_as(target, by, "actionlines.target.saved")
        target.save()
    for target_id, target in existing.items():
        if target_id in kept:
            continue
        if target.progress.exists():
            raise ApplicationError(
                _("The target “%(indicator)s” has progress reported against it and cannot be removed.")
                % {"indicator": target.indicator},
                field="targets",
            )
        audit.record_as(target, by, "actionlines.target.removed")
        target.delete()


def _write_objective(objective: RoadmapObjective, data: dict[str, Any]) -> None:
    for name in OBJECTIVE_FIELDS:
        setattr(objective, name, data.get(name, ""))
    try:
        objective.clean_fields(exclude=["action_line", "position"])
    except ValidationError as error:
        raise _validation_error(error) from None


@transaction.atomic
def roadmap_objective_create(*, action_line: ActionLine, data: dict[str, Any], by: Any) -> RoadmapObjective:
    """Add an objective, with its targets, at the end of the action line's roadmap."""
    action_line = ActionLine.objects.select_for_update().get(pk=action_line.pk)
    permissions.require(by, "actionlines.roadmap.edit", action_line)
    objective = RoadmapObjective(action_line=action_line)
    _write_objective(objective, data)
    last = action_line.roadmap_objectives.order_by("-position").values_list("position", flat=True).first()
    objective.position = 0 if last is None else last + 1
    audit.record_as(objective, by, "actionlines.objective.created")
    objective.save()
    _write_targets(objective, list(data.get("targets", [])), by)
    return objective


def _locked(objective: RoadmapObjective, version: int) -> RoadmapObjective:
    locked = RoadmapObjective.objects.select_for_update().select_related("action_line").filter(pk=objective.pk).first()
    if locked is None:
        raise RoadmapConflictError(theirs=None, version=None)
    if int(version) != locked.version:
        raise RoadmapConflictError(theirs=objective_read(locked), version=locked.version)
    return locked


@transaction.atomic
def roadmap_objective_update(
    *, objective: RoadmapObjective, version: int, data: dict[str, Any], by: Any
) -> RoadmapObjective:
    """Save an objective and its targets as edited from `version`; a newer one raises a conflict.
    Targets missing from `data["targets"]` are removed unless progress was reported on them."""
    permissions.require(by, "actionlines.roadmap.edit", objective.action_line)
    objective = _locked(objective, version)
    _write_objective(objective, data)
    objective.version += 1
    audit.record_as(objective, by, "actionlines.objective.saved")
    objective.save()
    _write_targets(objective, list(data.get("targets", [])), by)
    return objective


@transaction.atomic
def roadmap_objective_delete(*, objective: RoadmapObjective, version: int, by: Any) -> None:
    """Remove an objective and its targets, unless progress was reported on one of them."""
    permissions.require(by, "actionlines.roadmap.edit", objective.action_line)
    objective = _locked(objective, version)
    if TargetProgress.objects.filter(target__objective=objective).exists():
        raise ApplicationError(
            _("Progress has been reported on this objective's targets; it cannot be removed."), field="objective"
        )
    for target in objective.targets.all():
        audit.record_as(target, by, "actionlines.target.removed")
        target.delete()
    audit.record_as(objective, by, "actionlines.objective.removed")
    objective.delete()


@transaction.atomic
def roadmap_objective_move(*, objective: RoadmapObjective, version: int, offset: int, by: Any) -> RoadmapObjective:
    """Move an objective up (offset -1) or down (+1) among the objectives of its period."""
    permissions.require(by, "actionlines.roadmap.edit", objective.action_line)
    objective = _locked(objective, version)
    line = list(
        RoadmapObjective.objects.select_for_update()
        .filter(action_line=objective.action_line)
        .order_by("position", "pk")
    )
    period = [i for i, sibling in enumerate(line) if sibling.period == objective.period]
    here = next(n for n, i in enumerate(period) if line[i].pk == objective.pk)
    if offset not in (-1, 1) or not 0 <= here + offset < len(period):
        return objective
    a, b = period[here], period[here + offset]
    line[a], line[b] = line[b], line[a]
    for position, sibling in enumerate(line):  # renumbered 0..n-1 in the new order
        if sibling.position != position or sibling.pk == objective.pk:
            sibling.position = position
            if sibling.pk == objective.pk:
                sibling.version += 1
            audit.record_as(sibling, by, "actionlines.objective.moved")
            sibling.save(update_fields=["position", "version"])
    return next(sibling for sibling in line if sibling.pk == objective.pk)


@transaction.atomic
def target_progress_record(
    *,
    target: MeasurableTarget,
    year: int,
    value: Decimal | int | str,
    organisation: Organisation,
    note: str = "",
    source: str = "",
    by: Any,
) -> TargetProgress:
    """Record (or correct) the value an organisation reports for a target in a year; one row per
    (target, year, organisation), each change audited."""
    target = MeasurableTarget.objects.select_related("objective__action_line").get(pk=target.pk)
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ApplicationError(_("Enter a year."), field="year") from None
    _check_year(year, "year")
    progress = (
        TargetProgress.objects.select_for_update().filter(target=target, year=year, organisation=organisation).first()
    ) or TargetProgress(target=target, year=year, organisation=organisation)
    progress.target = target
    progress.value = value  # type: ignore[assignment]  # clean_fields converts and checks it
    progress.note = note
    progress.source = source
    permissions.require(by, "actionlines.progress.record", progress)
    try:
        progress.clean_fields(exclude=["target", "organisation"])
    except ValidationError as error:
        raise _validation_error(error) from None
    if target.baseline_year is not None and year < target.baseline_year:
        raise ApplicationError(
            _("Progress cannot be reported before the baseline year (%(year)d).") % {"year": target.baseline_year},
            field="year",
        )
    action = "actionlines.progress.corrected" if progress.pk else "actionlines.progress.recorded"
    audit.record_as(progress, by, action)
    progress.save()
    return progress
