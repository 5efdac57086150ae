"""Load action lines, facilitation roles, SDGs, the WSIS-SDG matrix and WSIS targets from
actionlines/data/ (sources: data/SOURCES.md)."""

from __future__ import annotations

import datetime
from pathlib import Path

from actionlines.models import ActionLine, Facilitation, MatrixLink, SdgGoal, SdgTarget, WsisTarget
from stakeholders.models import Organisation
from wsis_portal.reference import Upserter, read_csv, translated

DATA_DIR = Path(__file__).resolve().parent / "data"
FILES = [
    "action_lines.csv",
    "facilitations.csv",
    "sdg_goals.csv",
    "sdg_targets.csv",
    "wsis_sdg_matrix.csv",
    "wsis_targets.csv",
]


def load(upserter: Upserter) -> None:
    load_action_lines(upserter)
    load_facilitations(upserter)
    load_sdgs(upserter)
    load_matrix(upserter)
    load_wsis_targets(upserter)


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
        target: dict[str, object] = {"goal_id": goals[row["goal"]].pk, "sort": sort, "text_en": row["text_en"]}
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
