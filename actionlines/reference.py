"""Load action lines, facilitation roles, SDGs, the WSIS-SDG matrix and WSIS targets from
actionlines/data/ (sources: data/SOURCES.md)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from actionlines.models import (
    ActionLine,
    Facilitation,
    MatrixLink,
    MeasurableTarget,
    RoadmapObjective,
    SdgGoal,
    SdgTarget,
    TargetProgress,
    WsisTarget,
)
from stakeholders.models import Organisation
from wsis_portal import audit
from wsis_portal.reference import Upserter, read_csv, translated

DATA_DIR = Path(__file__).resolve().parent / "data"
FILES = [
    "action_lines.csv",
    "facilitations.csv",
    "sdg_goals.csv",
    "sdg_targets.csv",
    "wsis_sdg_matrix.csv",
    "wsis_targets.csv",
    "roadmap_objectives.csv",
    "roadmap_targets.csv",
    "roadmap_progress.csv",
]


def load(upserter: Upserter) -> None:
    load_action_lines(upserter)
    load_facilitations(upserter)
    load_sdgs(upserter)
    load_matrix(upserter)
    load_wsis_targets(upserter)
    load_roadmaps(upserter)


def load_action_lines(upserter: Upserter) -> None:
    lines: dict[str, ActionLine] = {}
    for row in read_csv(DATA_DIR / "action_lines.csv"):  # C7 comes before C7.1
        values = {
            "parent_id": lines[row["parent"]].pk if row["parent"] else None,
            "prize_category": int(row["prize_category"]) if row["prize_category"] else None,
            "sort": int(row["sort"]),
            **translated(row, "name"),
            **translated(row, "description"),
        }
        lines[row["code"]] = upserter.upsert(ActionLine, {"code": row["code"]}, values)


def _date(text: str) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def load_facilitations(upserter: Upserter) -> None:
    lines = dict(ActionLine.objects.values_list("code", "pk"))
    organisations = dict(Organisation.objects.exclude(code=None).values_list("code", "pk"))
    for row in read_csv(DATA_DIR / "facilitations.csv"):
        lookup = {
            "action_line_id": lines[row["action_line"]],
            "organisation_id": organisations[row["organisation"]],
            "role": row["role"],
            "valid_from": _date(row["valid_from"]),
        }
        upserter.upsert(Facilitation, lookup, {"valid_to": _date(row["valid_to"]), "source": row["source"]})


def load_sdgs(upserter: Upserter) -> None:
    goals: dict[str, SdgGoal] = {}
    for row in read_csv(DATA_DIR / "sdg_goals.csv"):
        values = {"short_en": row["short_en"], **translated(row, "name")}
        goals[row["number"]] = upserter.upsert(SdgGoal, {"number": int(row["number"])}, values)
    for sort, row in enumerate(read_csv(DATA_DIR / "sdg_targets.csv"), start=1):
        target: dict[str, object] = {"goal_id": goals[row["goal"]].pk, "sort": sort, **translated(row, "text")}
        upserter.upsert(SdgTarget, {"code": row["code"]}, target)


def load_matrix(upserter: Upserter) -> None:
    lines = dict(ActionLine.objects.values_list("code", "pk"))
    targets = dict(SdgTarget.objects.values_list("code", "pk"))
    for row in read_csv(DATA_DIR / "wsis_sdg_matrix.csv"):
        lookup = {"action_line_id": lines[row["action_line"]], "target_id": targets[row["sdg_target"]]}
        upserter.upsert(MatrixLink, lookup, {"rationale": row["rationale"]})


def load_wsis_targets(upserter: Upserter) -> None:
    for row in read_csv(DATA_DIR / "wsis_targets.csv"):
        upserter.upsert(WsisTarget, {"number": int(row["number"])}, translated(row, "text"))


def _create_once(upserter: Upserter, model: type[Any], lookup: dict[str, Any], values: dict[str, Any]) -> Any:
    """Roadmaps are seeded once: the facilitators own them on the site afterwards, so a reload never
    overwrites their edits, and a row they deleted (it has a deletion in the history) stays deleted."""
    existing = model._default_manager.filter(**lookup).first()
    if existing is not None or model.history.filter(**lookup, history_type="-").exists():
        return existing
    obj = model(**lookup, **values)
    obj.clean_fields()
    audit.record_as(obj, None, Upserter.ACTION)
    obj.save()
    upserter.created += 1
    return obj


def load_roadmaps(upserter: Upserter) -> None:
    lines = dict(ActionLine.objects.values_list("code", "pk"))
    for row in read_csv(DATA_DIR / "roadmap_objectives.csv"):
        position = RoadmapObjective.objects.filter(action_line_id=lines[row["action_line"]]).count()
        values: dict[str, Any] = {"period": row["period"], "title": row["title"], "description": row["description"]}
        values |= {"source": row["source"], "action_line_id": lines[row["action_line"]], "position": position}
        _create_once(upserter, RoadmapObjective, {"reference": row["reference"]}, values)
    objectives = dict(RoadmapObjective.objects.exclude(reference="").values_list("reference", "pk"))
    for position, row in enumerate(read_csv(DATA_DIR / "roadmap_targets.csv")):
        if row["objective"] not in objectives:
            continue  # its objective was deleted on the site
        target: dict[str, Any] = {
            "objective_id": objectives[row["objective"]],
            "indicator": row["indicator"],
            "unit": row["unit"],
            "baseline_value": Decimal(row["baseline_value"]) if row["baseline_value"] else None,
            "baseline_year": int(row["baseline_year"]) if row["baseline_year"] else None,
            "target_value": Decimal(row["target_value"]),
            "target_year": int(row["target_year"]),
            "position": position,
        }
        _create_once(upserter, MeasurableTarget, {"reference": row["reference"]}, target)
    targets = dict(MeasurableTarget.objects.exclude(reference="").values_list("reference", "pk"))
    organisations = dict(Organisation.objects.exclude(code=None).values_list("code", "pk"))
    for row in read_csv(DATA_DIR / "roadmap_progress.csv"):
        if row["target"] not in targets:
            continue
        lookup = {
            "target_id": targets[row["target"]],
            "year": int(row["year"]),
            "organisation_id": organisations[row["organisation"]],
        }
        progress: dict[str, Any] = {"value": Decimal(row["value"]), "source": row["source"], "note": row["note"]}
        _create_once(upserter, TargetProgress, lookup, progress)
