#!/usr/bin/env python3
"""Validate the WSIS reference data CSVs in this folder.

Usage: python actionlines/data/check_data.py   (exit code 1 on any error)
Standard library only; does not import Django.
"""

import csv
import re
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
LANGS = ["en", "fr", "es", "ru", "ar", "zh"]
ORGS = {
    "ITU",
    "UNESCO",
    "UNDP",
    "UNDESA",
    "UNCTAD",
    "FAO",
    "WHO",
    "ILO",
    "WMO",
    "UNEP",
    "ITC",
    "UPU",
    "ECA",
    "ECE",
    "ECLAC",
    "ESCAP",
    "ESCWA",
}
ROLES = {"lead", "co_facilitator", "partner"}
TARGETS_PER_GOAL = {
    1: 7,
    2: 8,
    3: 13,
    4: 10,
    5: 9,
    6: 8,
    7: 5,
    8: 12,
    9: 8,
    10: 10,
    11: 10,
    12: 11,
    13: 5,
    14: 10,
    15: 12,
    16: 12,
    17: 19,
}
AL_ORDER = [
    "C1",
    "C2",
    "C3",
    "C4",
    "C5",
    "C6",
    "C7",
    "C7.1",
    "C7.2",
    "C7.3",
    "C7.4",
    "C7.5",
    "C7.6",
    "C7.7",
    "C7.8",
    "C8",
    "C9",
    "C10",
    "C11",
]
HEADERS = {
    "roadmap_objectives.csv": ["reference", "action_line", "period", "title", "description", "source"],
    "roadmap_targets.csv": [
        "reference",
        "objective",
        "indicator",
        "unit",
        "baseline_value",
        "baseline_year",
        "target_value",
        "target_year",
    ],
    "roadmap_progress.csv": ["target", "year", "organisation", "value", "source", "note"],
    "action_lines.csv": ["code", "parent", "prize_category", "sort"]
    + [f"name_{l}" for l in LANGS]
    + [f"description_{l}" for l in LANGS],
    "facilitations.csv": ["action_line", "organisation", "role", "valid_from", "valid_to", "source"],
    "sdg_goals.csv": ["number"] + [f"name_{l}" for l in LANGS] + ["short_en"],
    "sdg_targets.csv": ["code", "goal"] + [f"text_{l}" for l in LANGS],
    "wsis_sdg_matrix.csv": ["action_line", "sdg_target", "rationale"],
    "wsis_targets.csv": ["number"] + [f"text_{l}" for l in LANGS],
}

errors = []


def err(msg):
    errors.append(msg)


def load(name):
    path = HERE / name
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        err(f"{name}: has a UTF-8 BOM")
    text = raw.decode("utf-8")  # raises if not UTF-8
    rows = list(csv.reader(text.splitlines(keepends=True)))
    header, body = rows[0], rows[1:]
    if header != HEADERS[name]:
        err(f"{name}: header {header} != {HEADERS[name]}")
    for i, r in enumerate(body, 2):
        if len(r) != len(header):
            err(f"{name}:{i}: {len(r)} fields, expected {len(header)}")
    return [dict(zip(header, r, strict=False)) for r in body]


def nonempty(name, rows, cols, key):
    for r in rows:
        for c in cols:
            if not (r.get(c) or "").strip():
                err(f"{name}: {r[key]}: empty {c}")
            elif r[c] != r[c].strip():
                err(f"{name}: {r[key]}: leading/trailing whitespace in {c}")


def parse_date(s, where):
    try:
        return date.fromisoformat(s)
    except ValueError:
        err(f"{where}: bad date {s!r}")
        return None


def check_roadmaps(codes):
    """Roadmap objectives, their measurable targets and progress values (seed 004)."""
    objectives = load("roadmap_objectives.csv")
    targets = load("roadmap_targets.csv")
    progress = load("roadmap_progress.csv")
    refs = Counter(r["reference"] for r in objectives)
    for i, r in enumerate(objectives, 2):
        if r["action_line"] not in codes:
            err(f"roadmap_objectives:{i}: unknown action_line {r['action_line']}")
        if r["period"] not in {"short", "medium", "long"}:
            err(f"roadmap_objectives:{i}: period must be short, medium or long")
    nonempty("roadmap_objectives", objectives, ["reference", "title", "source"], "reference")
    target_years = {}
    for i, r in enumerate(targets, 2):
        if r["objective"] not in refs:
            err(f"roadmap_targets:{i}: unknown objective {r['objective']}")
        if bool(r["baseline_value"]) != bool(r["baseline_year"]):
            err(f"roadmap_targets:{i}: give baseline value and year, or neither")
        years = [int(y) for y in (r["baseline_year"], r["target_year"]) if y]
        if any(not 2000 <= y <= 2100 for y in years) or years != sorted(years):
            err(f"roadmap_targets:{i}: years out of range or target before baseline")
        target_years[r["reference"]] = int(r["baseline_year"] or 2000)
    nonempty("roadmap_targets", targets, ["reference", "indicator", "target_value", "target_year"], "reference")
    seen = Counter((r["target"], r["year"], r["organisation"]) for r in progress)
    for i, r in enumerate(progress, 2):
        if r["target"] not in target_years:
            err(f"roadmap_progress:{i}: unknown target {r['target']}")
        elif int(r["year"]) < target_years[r["target"]]:
            err(f"roadmap_progress:{i}: year before the target's baseline")
        if r["organisation"] not in ORGS:
            err(f"roadmap_progress:{i}: unknown organisation {r['organisation']}")
    for key, n in seen.items():
        if n > 1:
            err(f"roadmap_progress: duplicate {key}")
    for counter, name in ((refs, "roadmap_objectives"), (Counter(r["reference"] for r in targets), "roadmap_targets")):
        for key, n in counter.items():
            if n > 1:
                err(f"{name}: duplicate reference {key}")
    print(f"roadmap_objectives: {len(objectives)}  roadmap_targets: {len(targets)}  roadmap_progress: {len(progress)}")


def main():
    al = load("action_lines.csv")
    fac = load("facilitations.csv")
    goals = load("sdg_goals.csv")
    targets = load("sdg_targets.csv")
    matrix = load("wsis_sdg_matrix.csv")
    wt = load("wsis_targets.csv")

    # action lines
    codes = [r["code"] for r in al]
    if codes != AL_ORDER:
        err(f"action_lines: codes/order {codes}")
    nonempty("action_lines", al, [f"name_{l}" for l in LANGS] + [f"description_{l}" for l in LANGS], "code")
    for r in al:
        exp_parent = "C7" if r["code"].startswith("C7.") else ""
        if r["parent"] != exp_parent:
            err(f"action_lines: {r['code']}: parent {r['parent']!r}")
        if r["sort"] != str(AL_ORDER.index(r["code"]) + 1):
            err(f"action_lines: {r['code']}: sort {r['sort']}")
    prize = {r["code"]: r["prize_category"] for r in al}
    units = [c for c in AL_ORDER if c != "C7"]
    for i, c in enumerate(units, 1):
        if prize[c] != str(i):
            err(f"action_lines: {c}: prize_category {prize[c]!r}, expected {i}")
    if prize["C7"] != "":
        err("action_lines: C7 must have no prize_category")

    # facilitations
    lead_periods = defaultdict(list)
    seen = Counter()
    for i, r in enumerate(fac, 2):
        where = f"facilitations:{i}"
        if r["action_line"] not in codes:
            err(f"{where}: unknown action_line {r['action_line']}")
        if r["organisation"] not in ORGS:
            err(f"{where}: unknown organisation {r['organisation']}")
        if r["role"] not in ROLES:
            err(f"{where}: unknown role {r['role']}")
        if not r["source"].strip():
            err(f"{where}: empty source")
        vf = parse_date(r["valid_from"], where)
        vt = parse_date(r["valid_to"], where) if r["valid_to"] else None
        if vf and vt and vt < vf:
            err(f"{where}: valid_to before valid_from")
        seen[(r["action_line"], r["organisation"], r["role"], r["valid_from"])] += 1
        if r["role"] == "lead" and vf:
            lead_periods[r["action_line"]].append((vf, vt or date.max, r["organisation"]))
    for k, n in seen.items():
        if n > 1:
            err(f"facilitations: duplicate {k}")
    for a, periods in lead_periods.items():
        periods.sort()
        for (f1, t1, o1), (f2, t2, o2) in zip(periods, periods[1:], strict=False):
            if f2 <= t1:
                err(f"facilitations: {a}: lead periods overlap ({o1} {f1}..{t1} / {o2} {f2}..{t2})")
    for c in units:
        today = date.today()
        if not any(f <= today <= t for f, t, _ in lead_periods.get(c, [])):
            err(f"facilitations: {c}: no current lead")

    # goals
    if [r["number"] for r in goals] != [str(n) for n in range(1, 18)]:
        err("sdg_goals: numbers must be 1..17")
    nonempty("sdg_goals", goals, [f"name_{l}" for l in LANGS] + ["short_en"], "number")

    # targets
    tcodes = [r["code"] for r in targets]
    if len(tcodes) != 169:
        err(f"sdg_targets: {len(tcodes)} rows, expected 169")
    if len(set(tcodes)) != len(tcodes):
        err("sdg_targets: duplicate codes")
    per_goal = Counter()
    for r in targets:
        m = re.fullmatch(r"(\d{1,2})\.(\d{1,2}|[a-z])", r["code"])
        if not m or m.group(1) != r["goal"]:
            err(f"sdg_targets: bad code/goal {r['code']}/{r['goal']}")
        per_goal[int(r["goal"])] += 1
    for g, n in TARGETS_PER_GOAL.items():
        if per_goal[g] != n:
            err(f"sdg_targets: goal {g} has {per_goal[g]} targets, expected {n}")
    nonempty("sdg_targets", targets, [f"text_{l}" for l in LANGS], "code")

    # matrix
    tset = set(tcodes)
    pairs = Counter()
    per_unit = Counter()
    for i, r in enumerate(matrix, 2):
        if r["action_line"] not in units:
            err(f"wsis_sdg_matrix:{i}: action_line {r['action_line']} not a reportable unit")
        if r["sdg_target"] not in tset:
            err(f"wsis_sdg_matrix:{i}: unknown sdg_target {r['sdg_target']}")
        if not r["rationale"].strip():
            err(f"wsis_sdg_matrix:{i}: empty rationale")
        pairs[(r["action_line"], r["sdg_target"])] += 1
        per_unit[r["action_line"]] += 1
    for k, n in pairs.items():
        if n > 1:
            err(f"wsis_sdg_matrix: duplicate {k}")
    for c in units:
        if per_unit[c] < 4:
            err(f"wsis_sdg_matrix: {c} has only {per_unit[c]} targets")

    # WSIS targets
    if [r["number"] for r in wt] != [str(n) for n in range(1, 12)]:
        err("wsis_targets: numbers must be 1..11")
    nonempty("wsis_targets", wt, [f"text_{l}" for l in LANGS], "number")

    check_roadmaps({r["code"] for r in al})

    print(
        f"action_lines: {len(al)}  facilitations: {len(fac)}  sdg_goals: {len(goals)}  "
        f"sdg_targets: {len(targets)}  wsis_sdg_matrix: {len(matrix)}  wsis_targets: {len(wt)}"
    )
    print("targets per goal:", dict(sorted(per_goal.items())))
    print("matrix links per unit:", {c: per_unit[c] for c in units})
    if errors:
        print(f"{len(errors)} ERROR(S):")
        for e in errors:
            print("  -", e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
