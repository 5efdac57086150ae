"""Benchmark of the annual report's compilation (issue 6): `make bench` (after the stocktaking
scenarios; BENCH_REPORT=0 leaves it out), or alone: `python -m wsis_portal.boot exec -- python -m bench.report`.

Over the bench database (BENCH_DATABASE, default `wsis_bench`, filled with BENCH_ENTRIES entries by
bench.run), it opens the reporting cycle of last year if absent and writes, submits and accepts 60
activity reports (BENCH_REPORTS): the facilitators and regional commissions invited by default,
plus other organisations invited on two action lines each, every report with a few activities (the
regional commissions with regional activities and meetings). Then it starts a real Celery worker
process (solo pool: the task runs in the process whose peak memory is read), asks for the annual
report in English as the page does, and measures until the run has succeeded:

- wall time from the request to the run's end, and the time of each step (polled every 50 ms);
- peak RSS of the worker process (VmHWM from /proc, which covers DOCX, HTML and PDF together);
- the PDF's page count, the files' sizes;
- then the same request again, which reuses the result (inputs unchanged).

Earlier bench runs of the cycle are deleted first so that the measured one really compiles.
Targets: under 60 s and under 500 MB. Results: bench/results/<date>-report.json and
bench/results/latest-report.json.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 60.0
TARGET_MB = 500.0


def log(message: str) -> None:
    print(f"[bench report] {message}", flush=True)


def _secretariat() -> Any:
    from accounts.models import User

    user, _ = User.objects.get_or_create(
        email="bench-secretariat@example.org",
        defaults={"full_name": "Bench secretariat", "role": User.Role.SECRETARIAT, "email_verified": True},
    )
    user.is_verified = lambda: True  # acts as a reviewer who passed the second factor
    return user


def _focal_point(organisation: Any) -> Any:
    from accounts.models import User
    from stakeholders.models import Membership

    user, _ = User.objects.get_or_create(
        email=f"bench-focal-{organisation.pk}@example.org",
        defaults={"full_name": f"Focal point {organisation.pk}", "email_verified": True},
    )
    Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": Membership.Role.FOCAL_POINT}
    )
    return user


def _content(report: Any, n: int, year: int) -> dict[str, Any]:
    from reports.models import Invitation

    name = report.organisation.acronym or report.organisation.name_en
    text = {
        "language": "en",
        "executive_summary": (
            f"In {year}, {name} continued to implement the outcomes of the World Summit on the Information "
            "Society with its partners, with a focus on affordable connectivity, digital skills and trust."
        ),
        "igf": f"{name} organised sessions at the Internet Governance Forum on meaningful connectivity.",
        "ict_measurement": f"{name} contributed data to the Partnership on Measuring ICT for Development.",
        "obstacles": "Affordability of broadband and digital skills remain the main obstacles.",
        "proposals": "Strengthen the measurement of meaningful connectivity and of the gender digital divide.",
    }
    if report.invitation.kind == Invitation.Kind.REGIONAL_COMMISSION:
        text["regional_activities"] = [
            {"title": f"Regional digital development review {k + 1} ({name})", "countries": []} for k in range(3)
        ]
        text["regional_meetings"] = [
            {"title": f"Regional WSIS review meeting ({name})", "held_on": f"{year}-05-12", "place": "Geneva"}
        ]
        return text
    codes = list(report.invitation.action_lines.values_list("code", flat=True))
    text["activities"] = {
        code: [
            {
                "title": f"{name}: programme {k + 1} under {code} (report {n})",
                "description": (
                    f"Activities of {name} under action line {code}: capacity building, policy advice and "
                    "partnerships with governments, civil society and the private sector."
                ),
                "countries": ["SEN", "KEN", "BRA"][: k + 1],
                "partners": "UNDP, UNESCO",
                "sdg_targets": ["9.c"],
                "links": [f"https://example.org/{report.organisation.pk}/{code}/{k}"],
            }
            for k in range(2)
        ]
        for code in codes
    }
    return text


def prepare_cycle(year: int, count: int) -> Any:
    """The cycle of `year` with `count` accepted reports, created once (a second bench reuses it)."""
    from django.db import transaction
    from django.utils import timezone

    from actionlines.models import ActionLine
    from reports import annual_settings, services
    from reports.models import ActivityReport, Invitation, ReportingCycle
    from stakeholders.models import Organisation

    reviewer = _secretariat()
    cycle = ReportingCycle.objects.filter(year=year).first()
    if cycle is not None and cycle.reports.filter(state=ActivityReport.State.ACCEPTED).count() >= count:
        return cycle
    if cycle is not None:
        raise SystemExit(f"the bench database has a {year} cycle without {count} accepted reports: drop it first")
    started = time.monotonic()
    with transaction.atomic():
        invitees = services.default_invitees(year=year)[:count]
        taken = {i["organisation"].pk for i in invitees}
        # Reports name C7's sub-lines (C7.1-C7.8), never C7 itself.
        lines = list(ActionLine.objects.exclude(code="C7").order_by("sort").values_list("code", flat=True))
        others = Organisation.objects.exclude(pk__in=taken).order_by("pk")[: count - len(invitees)]
        for k, organisation in enumerate(others):
            codes = [lines[k % len(lines)], lines[(k + 3) % len(lines)]]
            invitees.append(
                {"organisation": organisation, "kind": Invitation.Kind.OTHER_UN_ENTITY, "action_lines": codes}
            )
        cycle = services.cycle_open(
            year=year,
            session=f"session of {year + 1}",
            deadline=timezone.localdate() + datetime.timedelta(days=30),
            symbol_ga=f"A/{year - 1944}/65",
            symbol_ecosoc=f"E/{year + 1}/52",
            invitees=invitees,
            by=reviewer,
        )
        values = dict.fromkeys(annual_settings.FIELDS, "")
        values.update(annual_settings.initial_for(cycle))
        values.update(ga_item="17", ecosoc_item="13 (b)", findings="Affordability remains the main obstacle.")
        annual_settings.save_settings(cycle=cycle, values=values, version=None, by=reviewer)
        reports = cycle.reports.select_related("organisation", "invitation").order_by("pk")
        for n, report in enumerate(reports):
            author = _focal_point(report.organisation)
            report = services.report_save(
                report=report, by=author, data=_content(report, n, year), version=report.version
            )
            report = services.report_submit(report=report, by=author)
            services.report_accept(report=report, by=reviewer)
    log(f"cycle {year}: {cycle.reports.count()} reports written and accepted in {time.monotonic() - started:.1f} s")
    return cycle


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _own_broker() -> str:
    """A broker folder of the report bench's own: tasks queued by the bench's web server (large
    exports) never reach the worker measured here, nor the report's task theirs."""
    from wsis_portal.celery import app

    folder = Path(tempfile.gettempdir()) / f"wsis-bench-report-broker-{os.getpid()}"
    options = {
        "data_folder_in": str(folder / "queue"),
        "data_folder_out": str(folder / "queue"),
        "processed_folder": str(folder / "processed"),
        "control_folder": str(folder / "control"),
        "store_processed": False,
    }
    for sub in ("queue", "processed", "control"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    # The Django namespace's keys: lower-case ones would be shadowed by the settings' CELERY_* values.
    app.conf.update(CELERY_BROKER_URL="filesystem://", CELERY_BROKER_TRANSPORT_OPTIONS=options)
    return str(folder)


def _start_worker(media_root: str, broker: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "MEDIA_ROOT": media_root, "CELERY_BROKER_URL": "filesystem://"}
    env["CELERY_FILESYSTEM_DIR"] = broker
    command = [sys.executable, "-m", "celery", "-A", "wsis_portal", "worker", "--pool", "solo"]
    command += ["--loglevel", "WARNING", "--without-heartbeat", "--without-gossip", "--without-mingle"]
    command += ["--queues", "celery"]
    return subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)


def _compile(cycle: Any, worker: subprocess.Popen[bytes], timeout: float) -> dict[str, Any]:
    """Ask for a draft as the page does and follow it to its end; step times from polling."""
    from django.db import transaction

    from compilation import services
    from compilation.models import AnnualReportRun

    requested = time.monotonic()
    with transaction.atomic():
        run = services.run_start(by=_secretariat(), kind="annual_report", cycle=cycle, language="en")
    seen: dict[str, float] = {}
    while True:
        current = AnnualReportRun.objects.defer("outline").get(pk=run.pk)
        now = time.monotonic() - requested
        for step in current.steps:
            seen.setdefault(step["label"], now)
        if not current.active:
            break
        if worker.poll() is not None:
            raise SystemExit("the bench worker exited")
        if now > timeout:
            raise SystemExit(f"the run did not end within {timeout:.0f} s")
        time.sleep(0.05)
    wall = time.monotonic() - requested
    labels = list(seen)
    steps = {
        label: round((seen[labels[i + 1]] if i + 1 < len(labels) else wall) - seen[label], 2)
        for i, label in enumerate(labels)
    }
    outputs = {o.format: o for o in current.outputs.all()}
    if current.reused_from_id:
        outputs = {o.format: o for o in current.reused_from.outputs.all()}
    return {
        "run": current.pk,
        "status": current.status,
        "error": current.error,
        "reused_from": current.reused_from_id,
        "wall_s": round(wall, 2),
        "task_s": round((current.finished_at - current.started_at).total_seconds(), 2)
        if current.started_at and current.finished_at
        else None,
        "steps_s": steps,
        "attempts": current.attempts,
        "pdf_pages": outputs["pdf"].pages if "pdf" in outputs else None,
        "sizes_bytes": {fmt: o.size for fmt, o in outputs.items()},
        "peak_rss_in_task_mb": round((current.peak_memory_kb or 0) / 1024, 1),
    }


def run(results_dir: Path, *, entries: int | None = None) -> dict[str, Any]:
    """Prepare the cycle, compile once for real and once unchanged, write the results file."""
    from django.db import connection
    from django.utils import timezone

    from compilation.models import AnnualReportRun
    from stocktaking.models import Entry

    year = int(os.environ.get("BENCH_REPORT_YEAR", timezone.localdate().year - 1))
    count = int(os.environ.get("BENCH_REPORTS", "60"))
    timeout = float(os.environ.get("BENCH_REPORT_TIMEOUT", "600"))
    broker = _own_broker()  # before anything is queued (the cycle's notifications)
    cycle = prepare_cycle(year, count)
    for message in Path(broker, "queue").glob("*.msg"):
        message.unlink()  # e-mails to the bench's invented focal points: not the report's work
    earlier = AnnualReportRun.objects.filter(cycle=cycle)
    for runs in (earlier.filter(reused_from__isnull=False), earlier):  # the runs that reuse others first
        for run_ in runs:
            run_.outputs.all().delete()
            run_.delete()
    media_root = os.environ.get("BENCH_MEDIA_ROOT", str(Path(tempfile.gettempdir()) / "wsis-bench-media"))
    connection.close()
    worker = _start_worker(media_root, broker)
    try:
        time.sleep(3)  # the worker's start (imports, broker connection) is not the report's time
        idle_rss = _status_kb(worker.pid, "VmRSS")
        first = _compile(cycle, worker, timeout)
        peak_kb = _status_kb(worker.pid, "VmHWM")
        second = _compile(cycle, worker, timeout)
    finally:
        worker.terminate()
        worker.wait(timeout=60)
        shutil.rmtree(broker, ignore_errors=True)
    accepted = cycle.reports.filter(state="accepted").count()
    results = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "entries": entries if entries is not None else Entry.objects.count(),
        "cycle": year,
        "accepted_reports": accepted,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "worker": {"pool": "solo", "idle_rss_mb": round(idle_rss / 1024, 1), "peak_rss_mb": round(peak_kb / 1024, 1)},
        "compile": first,
        "compile_unchanged": second,
    }
    results["targets"] = [
        {
            "name": "annual report compiled (DOCX, HTML and PDF)",
            "target": f"< {TARGET_SECONDS:.0f} s",
            "measured": first["wall_s"],
            "pass": first["status"] == "succeeded" and first["wall_s"] < TARGET_SECONDS,
        },
        {
            "name": "peak memory of the worker",
            "target": f"< {TARGET_MB:.0f} MB",
            "measured": results["worker"]["peak_rss_mb"],
            "pass": results["worker"]["peak_rss_mb"] < TARGET_MB,
        },
    ]
    for target in results["targets"]:
        log(
            f"{'PASS' if target['pass'] else 'FAIL'} {target['name']}: {target['measured']} (target {target['target']})"
        )
    log(
        f"PDF {first['pdf_pages']} pages; steps {first['steps_s']}; unchanged inputs: {second['wall_s']} s "
        f"(reused run {second['reused_from']})"
    )
    results_dir.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results, indent=2, ensure_ascii=False) + "\n"
    day = datetime.date.today().isoformat()
    (results_dir / f"{day}-report.json").write_text(text)
    (results_dir / "latest-report.json").write_text(text)
    log(f"results written to {results_dir / f'{day}-report.json'}")
    return results


def main() -> int:
    """Alone: the bench database must exist (bench.run loads it); the same environment as bench.run."""
    from bench import run as bench_run

    config = bench_run.Config.from_env()
    base_url = os.environ.get("DATABASE_URL")
    if not base_url:
        raise SystemExit("DATABASE_URL is not set: run through `make bench` or wsis_portal.boot exec")
    os.environ.update(
        DATABASE_URL=bench_run.database_url(base_url, config.database),
        DJANGO_SETTINGS_MODULE="bench.settings",
        CELERY_BROKER_URL="filesystem://",
    )
    os.environ.pop("DJANGO_DEBUG", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", "--noinput", verbosity=0)
    results = run(config.results_dir)
    return 0 if all(t["pass"] for t in results["targets"]) else 1


if __name__ == "__main__":
    sys.exit(main())
