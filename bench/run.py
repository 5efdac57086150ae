"""Load benchmark of the stocktaking database (issue 3): `make bench`.

    BENCH_ENTRIES=50000 make bench        # a smaller database (default 1,000,000)

1. A dedicated database (BENCH_DATABASE, default `wsis_bench`) on the server of DATABASE_URL is
   created, migrated and filled with BENCH_ENTRIES published entries, unless it already holds
   exactly that many (a second run skips the load). The first BENCH_SEED_ENTRIES come from
   `stocktaking.demo.load` (plausible texts in six languages, organisations, links); the rest are
   copies of those made by INSERT ... SELECT over generate_series with their link tables, secondary
   indexes dropped during the load and rebuilt after; a copy keeps its source's text, organisation
   and links, hence its search vector and facets, which `search.reindex_entries` checks on a sample
   of 2,000 copies (BENCH_FULL_REINDEX=1: all of them, ~1.3-5 ms per entry); then VACUUM ANALYZE.
2. The portal runs under gunicorn (2 sync workers) with bench.settings (DEBUG off, whitenoise
   manifest storage, an X-Query-Count header).
3. Each scenario is driven from another process, closed loop, by `wrk` when installed, else by a
   Python load generator (http.client in processes and threads), for BENCH_DURATION seconds after
   BENCH_WARMUP seconds of warm-up; the CSV export of all entries is one timed request with the
   peak RSS (VmHWM) of the gunicorn workers.
4. A table is printed, the figures written to bench/results/<date>-stocktaking.json and
   bench/results/latest.json, and each target of issue 3 marked PASS or FAIL.

Settings (environment): BENCH_ENTRIES, BENCH_DURATION (s, 15), BENCH_WARMUP (s, 3), BENCH_CONNECTIONS
(2: one per worker, so latencies are service times, not queueing), BENCH_WORKERS (2), BENCH_DATABASE,
BENCH_DROP_DATABASE (1 drops it at the end: throwaway runs), BENCH_LOADGEN (auto | wrk | python),
BENCH_RESULTS_DIR, BENCH_SEED_ENTRIES (10000), BENCH_CSV_TIMEOUT (s, 300), BENCH_SCENARIOS (comma list),
BENCH_FULL_REINDEX (1: reindex every copied entry instead of a sample of 2,000), BENCH_REQUEST_TIMEOUT
(s, 300: one request of a slow scenario).
"""

from __future__ import annotations

import dataclasses
import datetime
import http.client
import json
import math
import multiprocessing
import os
import platform
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


# ---------------------------------------------------------------------------------------------
# Configuration


@dataclasses.dataclass(frozen=True)
class Config:
    entries: int
    duration: float
    warmup: float
    connections: int
    workers: int
    database: str
    drop_database: bool
    loadgen: str
    results_dir: Path
    seed_entries: int
    csv_timeout: float
    scenarios: tuple[str, ...]
    full_reindex: bool
    request_timeout: float

    @classmethod
    def from_env(cls) -> Config:
        env = os.environ
        return cls(
            entries=int(env.get("BENCH_ENTRIES", "1000000")),
            duration=float(env.get("BENCH_DURATION", "15")),
            warmup=float(env.get("BENCH_WARMUP", "3")),
            connections=int(env.get("BENCH_CONNECTIONS", "2")),
            workers=int(env.get("BENCH_WORKERS", "2")),
            database=env.get("BENCH_DATABASE", "wsis_bench"),
            drop_database=env.get("BENCH_DROP_DATABASE", "") in ("1", "true", "yes"),
            loadgen=env.get("BENCH_LOADGEN", "auto"),
            results_dir=Path(env.get("BENCH_RESULTS_DIR", str(ROOT / "bench" / "results"))),
            seed_entries=int(env.get("BENCH_SEED_ENTRIES", "10000")),
            csv_timeout=float(env.get("BENCH_CSV_TIMEOUT", "300")),
            scenarios=tuple(s for s in env.get("BENCH_SCENARIOS", "").split(",") if s),
            full_reindex=env.get("BENCH_FULL_REINDEX", "") in ("1", "true", "yes"),
            request_timeout=float(env.get("BENCH_REQUEST_TIMEOUT", "300")),
        )


# ---------------------------------------------------------------------------------------------
# The bench database (created with psycopg before Django is set up)


def database_url(base_url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(base_url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def _admin_connect(base_url: str) -> Any:
    import psycopg

    parts = urllib.parse.urlsplit(base_url)
    query = dict(urllib.parse.parse_qsl(parts.query))
    return psycopg.connect(
        dbname="postgres",
        user=urllib.parse.unquote(parts.username or "") or None,
        password=urllib.parse.unquote(parts.password or "") or None,
        host=query.get("host") or parts.hostname or None,
        port=parts.port or None,
        autocommit=True,
    )


def ensure_database(base_url: str, name: str) -> bool:
    """Create the bench database on the server of base_url when absent; True when it was created."""
    from psycopg import sql

    with _admin_connect(base_url) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True


def drop_database(base_url: str, name: str) -> None:
    from psycopg import sql

    with _admin_connect(base_url) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


# ---------------------------------------------------------------------------------------------
# Loading entries


def ensure_entries(n: int, seed_entries: int, *, full_reindex: bool) -> dict[str, Any]:
    """Make the bench database hold exactly n published entries (and nothing else in stocktaking)."""
    from django.db import connection

    from stocktaking.models import Entry

    _restore_indexes()  # an interrupted load dropped them
    have = Entry.objects.filter(state=Entry.State.PUBLISHED).count()
    total = Entry.objects.count()
    if have == n and total == n:
        log(f"{n:,} published entries already loaded: skipping the load")
        _vacuum_never_vacuumed()
        return {"loaded": False, "entries": n}
    started = time.monotonic()
    if total:
        log(f"the bench database holds {total:,} entries, not {n:,}: emptying it")
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {Entry._meta.db_table} CASCADE")
    from stocktaking import demo

    seed = min(n, seed_entries)
    log(f"generating {seed:,} entries with stocktaking.demo.load")
    demo.load(seed, state=Entry.State.PUBLISHED)
    seeded = time.monotonic()
    timings = {"demo_load_s": round(seeded - started, 1)}
    if n > seed:
        timings.update(_replicate(n - seed, full_reindex=full_reindex))
    # VACUUM as well: it sets the visibility map, which index-only scans need (the export reads the
    # targets of each entry from the link tables' unique indexes); autovacuum does it on a live site.
    log("VACUUM ANALYZE")
    vacuumed = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    timings["vacuum_s"] = round(time.monotonic() - vacuumed, 1)
    timings["total_s"] = round(time.monotonic() - started, 1)
    log(f"{n:,} entries loaded in {timings['total_s']:.0f}s {timings}")
    return {"loaded": True, "entries": n, "seed_entries": seed, **timings}


def _vacuum_never_vacuumed() -> None:
    """VACUUM ANALYZE the tables of a database loaded before the load ended with VACUUM (a reused one)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_stat_user_tables WHERE n_live_tup > 0"
            " AND last_vacuum IS NULL AND last_autovacuum IS NULL ORDER BY relname"
        )
        tables = [name for (name,) in cursor.fetchall()]
        if tables:
            log(f"VACUUM ANALYZE of {len(tables)} tables never vacuumed (visibility maps for index-only scans)")
        for name in tables:
            cursor.execute(f'VACUUM ANALYZE "{name}"')


def _link_tables() -> list[tuple[str, str, list[str]]]:
    """(table, entry column, other columns) of every table that hangs off an entry and is loaded."""
    from stocktaking.models import Entry, EntryActionLine, EntrySdgTarget, EntryTranslation

    tables = []
    for model in (EntryActionLine, EntrySdgTarget, EntryTranslation):
        columns = [f.column for f in model._meta.concrete_fields if not f.primary_key and f.column != "entry_id"]
        tables.append((model._meta.db_table, "entry_id", columns))
    for name in ("wsis_targets", "countries", "regions"):
        field = Entry._meta.get_field(name)
        through = field.remote_field.through
        tables.append((through._meta.db_table, field.m2m_column_name(), [field.m2m_reverse_name()]))
    return tables


REINDEX_SAMPLE = 2000


def _replicate(extra: int, *, full_reindex: bool) -> dict[str, float]:
    """Add `extra` entries copied from the loaded ones (round robin), with their links. Texts, links
    and so search vectors are the sources'; only ids, external ids and publication times differ."""
    from django.db import connection, transaction

    from stocktaking import search
    from stocktaking.models import Entry, EntrySearch, RelatedKey

    entry = Entry._meta.db_table
    timings: dict[str, float] = {}
    started = time.monotonic()
    with connection.cursor() as cursor:
        _save_and_drop_indexes(cursor, entry)
        _save_and_drop_indexes(cursor, EntrySearch._meta.db_table)
        _save_and_drop_indexes(cursor, RelatedKey._meta.db_table)
        with transaction.atomic():
            # Django's foreign keys are DEFERRABLE INITIALLY DEFERRED: millions of per-row checks at
            # COMMIT. Copies of valid rows are valid: skip the checks when allowed (a superuser).
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            if cursor.fetchone()[0]:
                cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute(f"SELECT count(*), max(id) FROM {entry}")  # noqa: S608
            k, max_id = cursor.fetchone()
            log(f"copying {extra:,} entries from the {k:,} generated ones (INSERT ... SELECT generate_series)")
            cursor.execute(
                f"""
                CREATE TEMP TABLE bench_map ON COMMIT DROP AS
                SELECT %(max_id)s + 1 + j AS new_id, src.id AS src_id, j / %(k)s + 1 AS copy_no
                FROM generate_series(0, %(extra)s - 1) AS j
                JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS rn FROM {entry}) AS src
                  ON src.rn = j %% %(k)s
                """,  # noqa: S608
                {"max_id": max_id, "k": k, "extra": extra},
            )
            columns = [f.column for f in Entry._meta.concrete_fields]
            moved = {"published_at", "content_updated_at", "approved_at", "submitted_at", "created_at", "updated_at"}

            def source(column: str) -> str:
                if column == "id":
                    return "m.new_id"
                if column == "external_id":
                    return "NULL"
                if column in moved:  # a minute apart per copy: distinct, same year almost always
                    return f"e.{column} + m.copy_no * interval '1 minute'"
                return f"e.{column}"

            names = ", ".join(connection.ops.quote_name(c) for c in columns)
            cursor.execute(
                f"INSERT INTO {entry} ({names}) SELECT {', '.join(source(c) for c in columns)} "  # noqa: S608
                "FROM bench_map m JOIN " + entry + " e ON e.id = m.src_id"
            )
            # The search rows of the copies: their sources' (same texts and links), with the copies'
            # publication dates.
            rows = EntrySearch._meta.db_table
            row_columns = [f.column for f in EntrySearch._meta.concrete_fields if f.column != "entry_id"]
            cursor.execute(
                f"INSERT INTO {rows} (entry_id, {', '.join(row_columns)}) "  # noqa: S608
                f"SELECT m.new_id, {', '.join(source(c) for c in row_columns).replace('e.', 's.')} "
                f"FROM bench_map m JOIN {rows} s ON s.entry_id = m.src_id"
            )
            keys = RelatedKey._meta.db_table  # the same for their related keys
            cursor.execute(
                f"INSERT INTO {keys} (entry_id, line, country, published_at) "  # noqa: S608
                f"SELECT m.new_id, k.line, k.country, {source('published_at').replace('e.', 'k.')} "
                f"FROM bench_map m JOIN {keys} k ON k.entry_id = m.src_id"
            )
            for table, entry_column, others in _link_tables():
                cols = ", ".join(connection.ops.quote_name(c) for c in others)
                cursor.execute(
                    f"INSERT INTO {table} ({entry_column}, {cols}) "  # noqa: S608
                    f"SELECT m.new_id, {', '.join('t.' + c for c in others)} "
                    f"FROM {table} t JOIN bench_map m ON t.{entry_column} = m.src_id"
                )
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{entry}', 'id'), (SELECT max(id) FROM {entry}))")  # noqa: S608
        timings["copy_s"] = round(time.monotonic() - started, 1)
        started = time.monotonic()
        if full_reindex:
            log(f"copied in {timings['copy_s']:.0f}s; search.reindex_entries(None)")
            rewritten = search.reindex_entries(None)
        else:
            # Copies hold their source's text, organisation and links, so their copied vectors and
            # facets are what reindex_entries computes: checked on a sample (0 rows rewritten expected).
            log(f"copied in {timings['copy_s']:.0f}s; search.reindex_entries(<{REINDEX_SAMPLE} copies>)")
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT id FROM {entry} WHERE id > %s ORDER BY random() LIMIT %s",  # noqa: S608
                    [max_id, REINDEX_SAMPLE],
                )
                rewritten = search.reindex_entries([row[0] for row in cursor.fetchall()])
            timings["reindex_sampled"] = REINDEX_SAMPLE
        timings["reindex_s"] = round(time.monotonic() - started, 1)
        timings["reindex_rows_rewritten"] = rewritten
        started = time.monotonic()
        search.recount_facet_totals()  # the copies were written without triggers (replica role)
        timings["facet_totals_s"] = round(time.monotonic() - started, 1)
        log(f"reindexed in {timings['reindex_s']:.0f}s ({rewritten:,} rows rewritten); rebuilding indexes")
        started = time.monotonic()
        _restore_indexes()
        timings["indexes_s"] = round(time.monotonic() - started, 1)
    return timings


def _save_and_drop_indexes(cursor: Any, table: str) -> None:
    """Drop the secondary indexes of `table` (not those of constraints), remembering their SQL."""
    cursor.execute("CREATE TABLE IF NOT EXISTS bench_saved_index (name text PRIMARY KEY, definition text NOT NULL)")
    cursor.execute(
        """
        INSERT INTO bench_saved_index (name, definition)
        SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.tablename = %s AND i.schemaname = current_schema()
          AND i.indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)
        ON CONFLICT DO NOTHING
        """,
        [table, table],
    )
    cursor.execute("SELECT name FROM bench_saved_index")
    for (name,) in cursor.fetchall():
        cursor.execute(f'DROP INDEX IF EXISTS "{name}"')


def _restore_indexes() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('bench_saved_index') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return
        cursor.execute("SELECT name, definition FROM bench_saved_index ORDER BY name")
        saved = cursor.fetchall()
        if saved:
            cursor.execute("SET maintenance_work_mem = '1GB'")
            cursor.execute("SET max_parallel_maintenance_workers = 2")
        for name, definition in saved:
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [name])
            if not cursor.fetchone()[0]:
                started = time.monotonic()
                cursor.execute(definition)
                log(f"  index {name} in {time.monotonic() - started:.0f}s")
            cursor.execute("DELETE FROM bench_saved_index WHERE name = %s", [name])


# ---------------------------------------------------------------------------------------------
# What the scenarios need: a signed-in secretariat session, entry ids, query parameters


def secretariat_cookie() -> str:
    """A session of a secretariat reviewer who passed the second factor (as tests/conftest.py login())."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import User

    user, _ = User.objects.get_or_create(
        email="bench-secretariat@example.org",
        defaults={"full_name": "Bench secretariat", "role": User.Role.SECRETARIAT, "email_verified": True},
    )
    user.role, user.is_staff, user.is_superuser = User.Role.SECRETARIAT, True, True
    user.set_unusable_password()
    user.save()
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def broad_word() -> str:
    """A word of the search vectors found in most entries (read from a 1% sample with ts_stat)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word FROM ts_stat($$SELECT search_vector FROM stocktaking_entrysearch "
            "WHERE entry_id % 100 = 7$$) WHERE word ~ '^[a-z]{5,}$' "
            "ORDER BY ndoc DESC, word LIMIT 1"
        )
        row = cursor.fetchone()
    return row[0] if row else "digital"


def sample_entry_ids(count: int = 500) -> list[int]:
    from stocktaking.models import Entry

    ids = list(Entry.objects.filter(state=Entry.State.PUBLISHED).values_list("id", flat=True).order_by("?")[:count])
    return ids or [0]


def matches(path: str) -> int | None:
    """How many published entries a search URL matches (None for other URLs)."""
    from django.http import QueryDict

    from stocktaking import filters

    parts = urllib.parse.urlsplit(path)
    if "/stocktaking/" not in parts.path and "/api/v1/entries/" not in parts.path:
        return None
    if "/entries/" in parts.path and not parts.path.endswith("/entries/"):
        return None
    return filters.published_entries(filters.parse(QueryDict(parts.query)), language="en").count()


# ---------------------------------------------------------------------------------------------
# Scenarios


@dataclasses.dataclass
class Scenario:
    name: str
    label: str
    paths: list[str]
    cookie: str = ""


# The API list's requests: a country and an action line, as a national portal or a facilitator would
# ask; rotated at random, so the kept pages (stocktaking.listing_cache) hold several at once.
API_FILTERS = [
    "country=SEN&action_line=C2",
    "country=KEN&action_line=C7.4",
    "country=BRA&action_line=C3",
    "country=IND&action_line=C4",
    "country=FRA&action_line=C1",
    "country=EGY&action_line=C7.3",
    "country=CHN&action_line=C5",
    "country=MEX&action_line=C6",
]


def scenarios(cookie: str, word: str, ids: list[int]) -> list[Scenario]:
    return [
        Scenario("search", "search: text + 2 facets", ["/en/stocktaking/?q=broadband&action_line=C2&country=KEN"]),
        Scenario("search_broad", f"search: broad query ({word})", [f"/en/stocktaking/?q={word}"]),
        Scenario("facet_browse", "facets only", ["/en/stocktaking/?action_line=C7.4&region=002"]),
        Scenario("api_list", "API list with filters", [f"/api/v1/entries/?{f}" for f in API_FILTERS]),
        Scenario("api_list_built", "API list, pages built (no cache)", [f"/bench/api-built/?{f}" for f in API_FILTERS]),
        Scenario("entry_page", "entry page (random ids)", [f"/en/stocktaking/entries/{pk}/" for pk in ids]),
        Scenario("bare", "bare Django view", ["/bench/bare/"]),
        Scenario("drf_default", "default DRF ModelViewSet", ["/bench/drf-default/"]),
        Scenario("admin_changelist", "admin changelist ?q=", ["/en/admin/stocktaking/entry/?q=broadband"], cookie),
    ]


def fetch(port: int, path: str, cookie: str = "", timeout: float = 120) -> tuple[int, dict[str, str], bytes, float]:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    started = time.perf_counter()
    try:
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = conn.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body, time.perf_counter() - started
    finally:
        conn.close()


def probe(port: int, scenario: Scenario, timeout: float, slow: float, samples: int = 5) -> dict[str, Any]:
    """A few single requests: status, SQL queries per request (X-Query-Count) and response size."""
    counts, sizes, statuses, seconds = [], [], [], []
    paths = (scenario.paths * samples)[:samples]
    for i, path in enumerate(paths):
        if i == 2 and min(seconds) > slow:
            break  # a slow scenario: two samples are enough to count its queries
        status, headers, body, elapsed = fetch(port, path, scenario.cookie, timeout=timeout)
        statuses.append(status)
        seconds.append(elapsed)
        sizes.append(len(body))
        if "x-query-count" in headers:
            counts.append(int(headers["x-query-count"]))
        if status != 200:
            log(f"  {scenario.name}: {path} answered {status}: {body[:300]!r}")
    return {
        "status": max(set(statuses), key=statuses.count),
        # The median: the first request of each worker also fills per-process caches (reference data).
        "queries_per_request": statistics.median_low(counts) if counts else None,
        "response_bytes": round(sum(sizes) / len(sizes)),
        "probe_ms": round(1000 * min(seconds), 1),
    }


# ---------------------------------------------------------------------------------------------
# Load generators: wrk, or Python (http.client) in processes and threads. Closed loop.

WRK_SCRIPT = """
local paths = {%(paths)s}
wrk.headers["Cookie"] = %(cookie)s
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests": %%d, "duration_us": %%d, "p50": %%d, "p95": %%d, "p99": %%d, "mean": %%f, ' ..
    '"max": %%d, "errors": %%d, "non_2xx": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.mean, latency.max, e.connect + e.read + e.write + e.timeout, e.status))
end
"""


def _lua(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def run_wrk(port: int, scenario: Scenario, duration: float, connections: int) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(
            WRK_SCRIPT % {"paths": ", ".join(_lua(p) for p in scenario.paths), "cookie": _lua(scenario.cookie or "")}
        )
    try:
        threads = max(1, min(2, connections))
        result = subprocess.run(
            [
                *("wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(duration))}s", "--timeout", "120s"),
                *("-s", script.name, f"http://{HOST}:{port}"),
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=duration + 180,
        )
    finally:
        os.unlink(script.name)
    line = next(x for x in result.stdout.splitlines() if x.startswith("BENCHJSON "))
    raw = json.loads(line.removeprefix("BENCHJSON "))
    seconds = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "seconds": round(seconds, 2),
        "throughput_rps": round(raw["requests"] / seconds, 1) if seconds else 0.0,
        "latency_ms": {k: round(raw[k] / 1000, 1) for k in ("p50", "p95", "p99", "mean", "max")},
        "errors": raw["errors"],
        "non_2xx": raw["non_2xx"],
        "loadgen": "wrk",
    }


def _python_worker(args: tuple[int, list[str], str, float, float, int, int]) -> tuple[list[float], int, int]:
    port, paths, cookie, start_at, stop_at, threads, seed = args
    results: list[tuple[list[float], int, int]] = []
    lock = threading.Lock()

    def loop(thread_seed: int) -> None:
        rng = random.Random(thread_seed)
        latencies: list[float] = []
        errors = non_2xx = 0
        while time.time() < start_at:
            time.sleep(0.001)
        while time.time() < stop_at:
            conn = http.client.HTTPConnection(HOST, port, timeout=120)
            began = time.perf_counter()
            try:
                conn.request("GET", rng.choice(paths), headers={"Cookie": cookie} if cookie else {})
                response = conn.getresponse()
                response.read()
                if time.time() <= stop_at:  # closed loop: only what completed inside the window
                    latencies.append(time.perf_counter() - began)
                    non_2xx += not 200 <= response.status < 400
            except (OSError, http.client.HTTPException):
                errors += 1
            finally:
                conn.close()
        with lock:
            results.append((latencies, errors, non_2xx))

    workers = [threading.Thread(target=loop, args=(seed * 1000 + i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return (
        [x for r in results for x in r[0]],
        sum(r[1] for r in results),
        sum(r[2] for r in results),
    )


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile of values (in the same unit)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def run_python(port: int, scenario: Scenario, duration: float, connections: int) -> dict[str, Any]:
    processes = max(1, min(2, connections))
    per_process = [connections // processes + (i < connections % processes) for i in range(processes)]
    context = multiprocessing.get_context("spawn")  # no fork of a process holding database connections
    with context.Pool(processes) as pool:
        start_at = time.time() + 1.0  # every process started and waiting
        stop_at = start_at + duration
        parts = pool.map(
            _python_worker,
            [(port, scenario.paths, scenario.cookie, start_at, stop_at, n, i) for i, n in enumerate(per_process)],
        )
    latencies = [x * 1000 for part in parts for x in part[0]]
    return {
        "requests": len(latencies),
        "seconds": round(duration, 2),
        "throughput_rps": round(len(latencies) / duration, 1),
        "latency_ms": {
            "p50": round(percentile(latencies, 50), 1),
            "p95": round(percentile(latencies, 95), 1),
            "p99": round(percentile(latencies, 99), 1),
            "mean": round(sum(latencies) / len(latencies), 1) if latencies else float("nan"),
            "max": round(max(latencies), 1) if latencies else float("nan"),
        },
        "errors": sum(part[1] for part in parts),
        "non_2xx": sum(part[2] for part in parts),
        "loadgen": "python",
    }


MIN_SAMPLES = 3


def sequential(port: int, scenario: Scenario, measured: dict[str, Any], config: Config) -> dict[str, Any]:
    """Latencies of MIN_SAMPLES requests one after the other, for a scenario too slow to complete that
    many in its window; its throughput is then estimated as concurrency / mean latency."""
    concurrency = min(config.workers, config.connections)
    paths = (scenario.paths * MIN_SAMPLES)[:MIN_SAMPLES]
    latencies = [fetch(port, path, scenario.cookie, timeout=config.request_timeout)[3] * 1000 for path in paths]
    mean = sum(latencies) / len(latencies)
    return {
        **measured,
        "requests": measured["requests"],
        "sequential_requests": len(latencies),
        "loadgen": "sequential",
        "throughput_rps": round(concurrency / (mean / 1000), 2),
        "throughput_estimated": True,
        "latency_ms": {
            "p50": round(percentile(latencies, 50), 1),
            "p95": round(percentile(latencies, 95), 1),
            "p99": round(percentile(latencies, 99), 1),
            "mean": round(mean, 1),
            "max": round(max(latencies), 1),
        },
    }


def measure(server: Server, scenario: Scenario, config: Config, run: Any) -> dict[str, Any]:
    """Probe, warm up and load one scenario. A scenario whose single request takes longer than a
    fifth of the window is measured with MIN_SAMPLES sequential requests instead (a load generator
    would abandon requests in flight at the end of its window, and the workers would go on with them)."""
    info = probe(server.port, scenario, config.request_timeout, slow=config.duration / 5)
    load_before = os.getloadavg()[0]
    if info["probe_ms"] / 1000 > config.duration / 5:
        measured = sequential(server.port, scenario, {"requests": 0, "errors": 0, "non_2xx": 0}, config)
    else:
        if config.warmup > 0:
            run(server.port, scenario, config.warmup, config.connections)
            server.drain()
        measured = run(server.port, scenario, config.duration, config.connections)
        server.drain()
        if measured["requests"] < MIN_SAMPLES:
            measured = sequential(server.port, scenario, measured, config)
    measured["load_average"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    found = matches(scenario.paths[0])
    lat = measured["latency_ms"]
    log(
        f"  p50 {lat['p50']} ms, p95 {lat['p95']} ms, p99 {lat['p99']} ms, "
        f"{measured['throughput_rps']} req/s, {info['queries_per_request']} queries/request, {found} matches"
    )
    return {"label": scenario.label, "url": scenario.paths[0], **info, **measured, "matches": found}


AFTER_CHANGE_ROUNDS = 6  # even: the changed search row ends as it was


def after_change(port: int, word: str, timeout: float) -> dict[str, dict[str, Any]]:
    """The first request after a change of the search rows, for pages whose counts span all rows.

    The scenarios above run on unchanging data, so every process keeps its counts. On a live site
    every publication changes the search rows, and the next request of each process for such a
    page recounts (search.counts). Each round changes one search row for real (its status, back
    and forth, so that the triggers run as for a publication), then times one request."""
    from django.db import connection

    from stocktaking.models import EntrySearch

    table = EntrySearch._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT min(entry_id) FROM {table} WHERE status = 'ongoing'")  # noqa: S608
        (changed,) = cursor.fetchone()
    if changed is None:
        raise OSError("no ongoing entry to change")
    pages = {
        "landing page": "/en/stocktaking/",
        f"broad query ({word})": f"/en/stocktaking/?q={word}",
        "one facet (region 002)": "/en/stocktaking/?region=002",
    }
    out: dict[str, dict[str, Any]] = {}
    for name, path in pages.items():
        latencies = []
        for _ in range(AFTER_CHANGE_ROUNDS):
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET status = CASE WHEN status = 'ongoing' THEN 'completed' ELSE 'ongoing' END "  # noqa: S608
                    "WHERE entry_id = %s",
                    [changed],
                )
            status, _headers, _body, seconds = fetch(port, path, timeout=timeout)
            if status != 200:
                raise OSError(f"{path} answered {status}")
            latencies.append(seconds * 1000)
        out[name] = {
            "url": path,
            "rounds": AFTER_CHANGE_ROUNDS,
            "p50_ms": round(percentile(latencies, 50), 1),
            "max_ms": round(max(latencies), 1),
        }
    return out


def choose_loadgen(wanted: str) -> str:
    if wanted == "python":
        return "python"
    if shutil.which("wrk"):
        return "wrk"
    if wanted == "wrk":
        raise SystemExit("BENCH_LOADGEN=wrk but wrk is not installed (apt-get install -y wrk)")
    log(
        "wrk is not installed: falling back to the Python load generator, which competes with the server "
        "for the cores (latencies roughly double). Install wrk with `sudo apt-get install -y wrk` "
        "(Debian/Ubuntu) or `brew install wrk` (macOS) and run again."
    )
    return "python"


# ---------------------------------------------------------------------------------------------
# gunicorn and the memory of its workers


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, workers: int, env: dict[str, str]) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "wsis_portal.wsgi:application"),
                *("--bind", f"{HOST}:{self.port}", "--workers", str(workers), "--timeout", "600"),
                *("--log-level", "warning", "--backlog", "2048"),
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited with {self.process.returncode}")
            try:
                if fetch(self.port, "/bench/bare/", timeout=5)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit("gunicorn did not answer in time")

    def drain(self) -> None:
        """Wait until the workers are done with requests a load generator abandoned at its deadline."""
        for _ in range(2):
            fetch(self.port, "/bench/bare/", timeout=900)

    def worker_pids(self) -> list[int]:
        pids = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == self.process.pid:
                    pids.append(int(entry.name))
        return sorted(pids)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def memory_kb(pid: int, field: str) -> int:
    """VmHWM (peak resident set) or VmRSS of a process, in kB; 0 when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def reset_peak(pid: int) -> bool:
    """Reset VmHWM to the current RSS (Linux: write 5 to clear_refs)."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        return True
    except OSError:
        return False


# ---------------------------------------------------------------------------------------------
# The CSV export of all entries


CSV_PATH = "/en/stocktaking/export/csv/"
CSV_FALLBACK_PATH = "/bench/export-csv/"


def _sync_export_limit() -> int | None:
    try:
        from stocktaking import export_views
    except ImportError:
        return None
    return getattr(export_views, "EXPORT_SYNC_LIMIT", None)


def csv_export(server: Server, timeout: float, entries: int) -> dict[str, Any]:
    """The CSV of all published entries as one request: total time, size, lines, workers' peak RSS.

    The portal's own URL first; when it answers 404 (not included yet) or hands the export to a
    worker (a redirect to a job: over EXPORT_SYNC_LIMIT rows), the same CSV streamed in the request
    by stocktaking.exports at /bench/export-csv/."""
    note = ""
    path = CSV_PATH
    limit = _sync_export_limit()
    if limit is not None and entries > limit:
        # Asking would queue a background job (and a task for a Celery worker): not a request to time.
        note = f"{CSV_PATH} hands exports over {limit:,} rows to a worker; measured "
    else:
        status, headers, _ = _head(server.port, CSV_PATH, timeout)
        if status != 200 or "csv" not in headers.get("content-type", ""):
            note = f"{CSV_PATH} answered {status} {headers.get('location', '')}; measured "
    if note:
        note += f"the same CSV streamed in the request by stocktaking.exports ({CSV_FALLBACK_PATH})"
        path = CSV_FALLBACK_PATH
    pids = server.worker_pids()
    baseline = {pid: memory_kb(pid, "VmRSS") for pid in pids}
    peaks_reset = all(reset_peak(pid) for pid in pids)
    conn = http.client.HTTPConnection(HOST, server.port, timeout=timeout)
    started = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    first_byte = time.perf_counter() - started
    size = lines = 0
    body = b""
    if response.status == 200:
        while chunk := response.read(1 << 16):
            size += len(chunk)
            lines += chunk.count(b"\n")
    else:
        body = response.read()
    elapsed = time.perf_counter() - started
    headers = {k.lower(): v for k, v in response.getheaders()}
    conn.close()
    peak = max((memory_kb(pid, "VmHWM") for pid in pids), default=0)
    if response.status != 200:
        return {
            "skipped": True,
            "status": response.status,
            "note": f"{note}: {path} answered {response.status} "
            f"{body[:200]!r} (stocktaking.exports missing?): CSV export not measured",
        }
    return {
        "skipped": False,
        "url": path,
        "note": note,
        "status": 200,
        "seconds": round(elapsed, 2),
        "first_byte_s": round(first_byte, 3),
        "bytes": size,
        "lines": lines,
        "streamed": "content-length" not in headers,
        "queries_before_first_byte": int(headers.get("x-query-count", "0")),
        "peak_rss_mb": round(peak / 1024, 1),
        "baseline_rss_mb": round(max(baseline.values(), default=0) / 1024, 1),
        "peak_is_for_this_request": peaks_reset,
    }


def _head(port: int, path: str, timeout: float) -> tuple[int, dict[str, str], bytes]:
    """Status and headers of a GET, reading at most 64 KB of its body (a stream is cut short)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read(1 << 16)
    finally:
        conn.close()


# ---------------------------------------------------------------------------------------------
# Targets of issue 3


def evaluate(results: dict[str, Any]) -> list[dict[str, Any]]:
    s = results["scenarios"]

    def lat(name: str, p: str) -> float | None:
        if "error" in s.get(name, {}):
            return math.inf  # timed out: slower than any target
        return s.get(name, {}).get("latency_ms", {}).get(p)

    def rps(name: str) -> float | None:
        return 0.0 if "error" in s.get(name, {}) else s.get(name, {}).get("throughput_rps")

    def check(name: str, target: str, measured: float | None, ok: Any, unit: str = "") -> dict[str, Any]:
        if measured is None or (isinstance(measured, float) and math.isnan(measured)):
            return {"target": name, "goal": target, "measured": None, "result": "SKIP"}
        return {
            "target": name,
            "goal": target,
            "measured": f"{measured:g}{unit}",
            "result": "PASS" if ok(measured) else "FAIL",
        }

    def ratio(a: float | None, b: float | None) -> float | None:
        if a is None or not b or math.isinf(b):
            return None
        return math.inf if math.isinf(a) else round(a / b, 2)

    def api_ratios(label: str, scenario: str) -> list[dict[str, Any]]:
        """Throughput against the bare view (>= 0.1x) and the default DRF viewset (>= 10x)."""
        return [
            check(f"{label} / bare view", ">= 0.1", ratio(rps(scenario), rps("bare")), lambda v: v >= 0.1, "x"),
            check(f"{label} / default DRF", ">= 10", ratio(rps(scenario), rps("drf_default")), lambda v: v >= 10, "x"),
        ]

    csv = dict(results.get("csv_export", {}))
    if "error" in csv:
        csv["seconds"] = math.inf
    return [
        check("search p95", "<= 150 ms", lat("search", "p95"), lambda v: v <= 150, " ms"),
        check("facet browsing p95", "<= 150 ms", lat("facet_browse", "p95"), lambda v: v <= 150, " ms"),
        check("API list p95", "<= 100 ms", lat("api_list", "p95"), lambda v: v <= 100, " ms"),
        check("entry page p95", "<= 50 ms", lat("entry_page", "p95"), lambda v: v <= 50, " ms"),
        check("broad query p95", "<= 1500 ms", lat("search_broad", "p95"), lambda v: v <= 1500, " ms"),
        check("CSV export time", "<= 60 s", csv.get("seconds"), lambda v: v <= 60, " s"),
        check("CSV export peak RSS", "<= 200 MB", csv.get("peak_rss_mb"), lambda v: v <= 200, " MB"),
        *api_ratios("API list throughput", "api_list"),
        # The same targets for pages built on every request (the kept pages turned off): what a
        # request costs when its page is not kept, or the first after a change.
        check("API list, pages built: p95", "<= 100 ms", lat("api_list_built", "p95"), lambda v: v <= 100, " ms"),
        *api_ratios("API list, built", "api_list_built"),
        check(
            "admin changelist p50 / search p50",
            ">= 20",
            ratio(lat("admin_changelist", "p50"), lat("search", "p50")),
            lambda v: v >= 20,
            "x",
        ),
    ]


def table(results: dict[str, Any]) -> str:
    lines = [
        f"Stocktaking benchmark, {results['entries']:,} published entries, {results['config']['workers']} gunicorn "
        f"workers, {results['config']['connections']} connections, {results['loadgen']}, {results['date']}",
        "",
        f"{'scenario':<36}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'req/s':>9}{'SQL/req':>8}{'reqs':>7}"
        f"{'err':>5}{'matches':>10}",
    ]
    for row in results["scenarios"].values():
        if "error" in row:
            lines.append(f"{row['label'][:35]:<36}  failed: {row['error'][:80]}")
            continue
        lat = row["latency_ms"]
        queries = row.get("queries_per_request")
        found = row.get("matches")
        lines.append(
            f"{row['label'][:35]:<36}{lat['p50']:>9.1f}{lat['p95']:>9.1f}{lat['p99']:>9.1f}"
            f"{row['throughput_rps']:>9.1f}{queries if queries is not None else '-':>8}{row['requests']:>7}"
            f"{row['errors'] + row['non_2xx']:>5}{found if found is not None else '-':>10}"
        )
    csv = results.get("csv_export", {})
    lines.append("")
    if csv.get("skipped"):
        lines.append(f"CSV export: skipped: {csv.get('note')}")
    elif csv and csv.get("note"):
        lines.append(f"CSV export: {csv['note']}")
    if "error" in csv:
        lines.append(f"CSV export failed: {csv['error']}")
    elif csv and not csv.get("skipped"):
        lines.append(
            f"CSV export of all entries: {csv['seconds']} s, {csv['bytes'] / 1e6:.0f} MB, {csv['lines']:,} lines, "
            f"first byte {csv['first_byte_s']} s, worker peak RSS {csv['peak_rss_mb']} MB "
            f"(idle {csv['baseline_rss_mb']} MB), streamed: {csv['streamed']}"
        )
    for name, row in results.get("after_change", {}).items():
        lines.append(f"After a change, {name}: p50 {row['p50_ms']} ms, max {row['max_ms']} ms ({row['rounds']} rounds)")
    lines += ["", f"{'target (issue 3)':<40}{'goal':>12}{'measured':>16}  result"]
    for t in results["targets"]:
        lines.append(f"{t['target']:<40}{t['goal']:>12}{t['measured'] or '-':>16}  {t['result']}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------


def main() -> int:
    config = Config.from_env()
    base_url = os.environ.get("DATABASE_URL")
    if not base_url:
        raise SystemExit("DATABASE_URL is not set: run through `make bench` (it starts the embedded PostgreSQL)")
    started = time.monotonic()
    loadgen = choose_loadgen(config.loadgen)  # before the load: a missing wrk is said at once
    created = ensure_database(base_url, config.database)
    log(f"database {config.database} {'created' if created else 'exists'}")
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url(base_url, config.database),
        DJANGO_SETTINGS_MODULE="bench.settings",
        BENCH_STATIC_ROOT=os.environ.get("BENCH_STATIC_ROOT", str(Path(tempfile.gettempdir()) / "wsis-bench-static")),
        # Tasks queued by the bench server go to a folder of its own, never to a development worker.
        CELERY_BROKER_URL="filesystem://",
        CELERY_FILESYSTEM_DIR=str(Path(tempfile.gettempdir()) / f"wsis-bench-broker-{config.database}"),
    )
    env.pop("DJANGO_DEBUG", None)
    os.environ.update(env)
    os.environ.pop("DJANGO_DEBUG", None)
    server = None
    try:
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", "--noinput", verbosity=0)
        call_command("load_reference_data", verbosity=0)
        load = ensure_entries(config.entries, config.seed_entries, full_reindex=config.full_reindex)
        call_command("collectstatic", "--noinput", verbosity=0)
        cookie = secretariat_cookie()
        word = broad_word()
        ids = sample_entry_ids()
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            pg_version = cursor.fetchone()[0]
        connection.close()

        server = Server(config.workers, env)
        server.wait_ready()
        log(f"gunicorn on port {server.port}, workers {server.worker_pids()}; load generator: {loadgen}")
        run = run_wrk if loadgen == "wrk" else run_python
        results: dict[str, Any] = {
            "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "entries": config.entries,
            "database": config.database,
            "loadgen": loadgen,
            "config": {
                "duration_s": config.duration,
                "warmup_s": config.warmup,
                "connections": config.connections,
                "workers": config.workers,
                "worker_class": "sync",
            },
            "machine": {
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "postgresql": pg_version,
                "platform": platform.platform(),
            },
            "git_commit": _git_commit(),
            "load": load,
            "scenarios": {},
        }
        for scenario in scenarios(cookie, word, ids):
            if config.scenarios and scenario.name not in config.scenarios:
                continue
            log(f"{scenario.name}: {scenario.paths[0]}{' ...' if len(scenario.paths) > 1 else ''}")
            try:
                row = measure(server, scenario, config, run)
            except (OSError, http.client.HTTPException, subprocess.SubprocessError, StopIteration) as error:
                log(f"  failed: {error!r}")
                row = {"label": scenario.label, "url": scenario.paths[0], "error": repr(error)}
                server.drain()
            results["scenarios"][scenario.name] = row
        if not config.scenarios or "after_change" in config.scenarios:
            log(f"after_change: the first request after each of {AFTER_CHANGE_ROUNDS} changes of a search row")
            try:
                results["after_change"] = after_change(server.port, word, config.request_timeout)
            except (OSError, http.client.HTTPException) as error:
                log(f"  failed: {error!r}")
                results["after_change_error"] = repr(error)
            for name, row in results.get("after_change", {}).items():
                log(f"  {name}: p50 {row['p50_ms']} ms, max {row['max_ms']} ms")
        if not config.scenarios or "csv_export" in config.scenarios:
            log(f"csv_export: {CSV_PATH}")
            try:
                results["csv_export"] = csv_export(server, config.csv_timeout, config.entries)
            except (OSError, http.client.HTTPException) as error:
                results["csv_export"] = {"skipped": False, "error": repr(error), "timeout_s": config.csv_timeout}
            log(f"  {results['csv_export']}")
        if os.environ.get("BENCH_REPORT", "1") != "0" and (not config.scenarios or "annual_report" in config.scenarios):
            from bench import report  # issue 6; its own results file: bench/results/<date>-report.json

            results["annual_report"] = report.run(config.results_dir, entries=config.entries)["targets"]
        results["targets"] = evaluate(results)
        results["total_s"] = round(time.monotonic() - started, 1)
        print()
        print(table(results), flush=True)
        config.results_dir.mkdir(parents=True, exist_ok=True)
        day = datetime.date.today().isoformat()
        text = json.dumps(results, indent=2, ensure_ascii=False) + "\n"
        (config.results_dir / f"{day}-stocktaking.json").write_text(text)
        (config.results_dir / "latest.json").write_text(text)
        log(f"results written to {config.results_dir / f'{day}-stocktaking.json'} and latest.json")
    finally:
        if server is not None:
            server.stop()
        if config.drop_database:
            from django.db import connections

            connections.close_all()
            drop_database(base_url, config.database)
            log(f"database {config.database} dropped")
    return 0


def _git_commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip() or None


if __name__ == "__main__":
    sys.exit(main())
