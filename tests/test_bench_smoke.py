"""`make bench` end to end at a tiny size: a throwaway database, gunicorn, every scenario measured."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = {
    "search",
    "search_broad",
    "facet_browse",
    "api_list",
    "api_list_built",
    "entry_page",
    "bare",
    "drf_default",
    "admin_changelist",
}


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


@pytest.mark.slow
def test_bench_runs_end_to_end_and_writes_every_scenario(tmp_path: Path) -> None:
    if not os.environ.get("DATABASE_URL"):
        pytest.skip("needs DATABASE_URL (run through `make test`, which starts the embedded PostgreSQL)")
    # Its own name per test database, so that two test runs on one server never drop each other's.
    database = os.environ.get("TEST_DATABASE_NAME", "test_wsis") + "_bench_smoke"
    env = {
        **os.environ,
        "BENCH_ENTRIES": "300",
        "BENCH_SEED_ENTRIES": "200",  # 100 entries copied by the SQL loader: both loaders run
        "BENCH_DURATION": "1",
        "BENCH_WARMUP": "0",
        "BENCH_LOADGEN": "python",  # the fallback: CI machines may lack wrk
        "BENCH_DATABASE": database,
        "BENCH_DROP_DATABASE": "1",
        "BENCH_RESULTS_DIR": str(tmp_path),
        "BENCH_STATIC_ROOT": str(tmp_path / "static"),
        "BENCH_REPORT": "0",  # the annual report's benchmark (bench/report.py) is not part of this smoke test
    }
    result = subprocess.run(
        [sys.executable, "-m", "bench.run"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]

    data = json.loads((tmp_path / "latest.json").read_text())
    assert data["entries"] == 300
    assert data["load"]["loaded"] is True
    # The copies' search rows and related keys are what reindex_entries computes: none rewritten.
    assert data["load"]["reindex_rows_rewritten"] == 0
    assert set(data["scenarios"]) == SCENARIOS
    # The first request after a change of the search rows, for the pages whose counts span all rows.
    assert len(data["after_change"]) == 3
    for row in data["after_change"].values():
        assert row["rounds"] == 6 and _number(row["p50_ms"]) and _number(row["max_ms"])
    for name, row in data["scenarios"].items():
        assert row["status"] == 200, name
        assert row["errors"] == 0 and row["non_2xx"] == 0, name
        assert all(_number(row["latency_ms"][p]) and row["latency_ms"][p] > 0 for p in ("p50", "p95", "p99")), name
        assert _number(row["throughput_rps"]) and row["throughput_rps"] > 0, name
        assert _number(row["queries_per_request"]), name
    assert data["scenarios"]["bare"]["queries_per_request"] == 0
    assert data["scenarios"]["search"]["queries_per_request"] > 0
    csv = data["csv_export"]
    if csv["skipped"]:
        assert csv["note"]
    else:
        assert _number(csv["seconds"]) and _number(csv["peak_rss_mb"]) and csv["peak_rss_mb"] > 0
        assert csv["lines"] >= 301  # a header and one line per entry at least
    assert len(data["targets"]) == 13
    assert {t["result"] for t in data["targets"]} <= {"PASS", "FAIL", "SKIP"}
    assert "target (issue 3)" in result.stdout  # the table was printed
    # The throwaway database is gone.
    assert f"database {database} dropped" in result.stdout
