"""A real Celery worker compiles drafts: started from the page, cancelled from the page, and killed in
the middle of a run (the job then completes, with one run record and one set of files)."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from django.test import Client

from compilation.models import AnnualReportRun
from reports.models import ReportingCycle
from tests.compilation.conftest import accept
from tests.conftest import _test_database_url

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _wait(run_id: int, until: Callable[[AnnualReportRun], bool], worker: Any, seconds: float = 120) -> AnnualReportRun:
    deadline = time.monotonic() + seconds
    while True:
        run = AnnualReportRun.objects.get(pk=run_id)
        if until(run):
            return run
        assert worker.poll() is None, "the worker exited"
        assert time.monotonic() < deadline, f"run {run_id} still {run.status} at step {run.step_number}"
        time.sleep(0.02)


def _finished(run: AnnualReportRun) -> bool:
    return not run.active


def _mid_run(run: AnnualReportRun) -> bool:
    """Past its first step (the inputs' fingerprint) and not finished: the document is being built."""
    return run.status == "running" and run.step_number >= 2


def _compile(client: Client, cycle: ReportingCycle) -> int:
    response = client.post(f"/en/reports/cycles/{cycle.year}/drafts/", {"language": "en"})
    assert response.status_code == 302
    return int(response["Location"].rstrip("/").rsplit("/", 1)[1])


def _start_prefork(settings: Any, **limits: str) -> subprocess.Popen[bytes]:
    """A worker with a pool of one child process, as in production (the `worker` fixture runs tasks
    in its main process); `limits` override settings through the environment."""
    env = {**os.environ, "DATABASE_URL": _test_database_url(), "MEDIA_ROOT": str(settings.MEDIA_ROOT), **limits}
    command = [sys.executable, "-m", "celery", "-A", "wsis_portal", "worker", "--pool", "prefork"]
    command += ["--concurrency", "1", "--loglevel", "WARNING", "--without-heartbeat", "--without-gossip"]
    command += ["--without-mingle"]
    return subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, start_new_session=True)


@pytest.fixture
def prefork_worker(settings: Any, media: Path) -> Iterator[subprocess.Popen[bytes]]:
    process = _start_prefork(settings)
    yield process
    process.terminate()
    process.wait(timeout=60)


def _children(pid: int) -> list[int]:
    """The worker's pool processes: children of any of its threads (the pool restarts a process from
    a thread of its own)."""
    children = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children += [int(c) for c in (task / "children").read_text().split()]
        except FileNotFoundError:
            continue
    return sorted(children)


def test_a_worker_compiles_the_draft_started_from_the_page(
    live_reference_data: None,
    media: Path,
    people: dict[str, Any],
    cycle: ReportingCycle,
    worker: Any,
    client_for: Callable[[str], Client],
) -> None:
    accept(cycle.reports.get(organisation__code="ITU"), people, "facilitator")
    client = client_for("secretariat")
    run = _wait(_compile(client, cycle), _finished, worker)
    assert run.status == "succeeded", run.error
    page = client.get(f"/en/reports/drafts/{run.pk}/").content.decode()
    assert "Succeeded" in page and "Writing the PDF" in page
    response = client.get(f"/en/reports/drafts/{run.pk}/download/docx/")
    word = docx.Document(io.BytesIO(b"".join(response.streaming_content)))
    for closer in response._resource_closers:
        closer()
    assert "A/81/62" in word.sections[0].first_page_header._element.xml
    pdf = run.outputs.get(format="pdf")
    text = subprocess.run(["pdftotext", pdf.file.path, "-"], capture_output=True, text=True, check=True).stdout
    assert "Partner2Connect" in text


def test_cancel_from_the_page_stops_the_worker_between_steps(
    live_reference_data: None,
    media: Path,
    people: dict[str, Any],
    cycle: ReportingCycle,
    worker: Any,
    client_for: Callable[[str], Client],
) -> None:
    accept(cycle.reports.get(organisation__code="ITU"), people, "facilitator")
    client = client_for("secretariat")
    run_id = _compile(client, cycle)
    _wait(run_id, _mid_run, worker)
    client.post(f"/en/reports/drafts/{run_id}/cancel/")
    run = _wait(run_id, _finished, worker)
    assert run.status == "cancelled" and run.cancel_requested
    assert not run.outputs.exists() and "Cancelled." in run.log
    assert not any((media / "compilation" / f"run-{run_id}").glob("*"))
    # The next compilation is not held back by the cancelled one.
    again = _wait(_compile(client, cycle), _finished, worker)
    assert again.status == "succeeded" and again.reused_from is None


def test_a_run_whose_worker_process_is_killed_completes_once(
    live_reference_data: None,
    media: Path,
    people: dict[str, Any],
    cycle: ReportingCycle,
    prefork_worker: subprocess.Popen[bytes],
    client_for: Callable[[str], Client],
) -> None:
    accept(cycle.reports.get(organisation__code="ITU"), people, "facilitator")
    run_id = _compile(client_for("secretariat"), cycle)
    _wait(run_id, _mid_run, prefork_worker)
    children = _children(prefork_worker.pid)
    assert len(children) == 1
    os.kill(children[0], signal.SIGKILL)  # the process running the task dies mid-run
    # The message was not acknowledged: the broker gives it back and the pool's new process runs it.
    run = _wait(run_id, _finished, prefork_worker)
    assert run.status == "succeeded", run.error
    assert run.attempts == 2 and "the previous one was interrupted" in run.log
    assert AnnualReportRun.objects.count() == 1
    assert run.outputs.count() == 4
    folder = media / "compilation" / f"run-{run_id}"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"annual-report-{cycle.year}-en.{ext}" for ext in ("docx", "html", "pdf", "article.html")
    )
    # The worker itself lives on: its pool has a process other than the one killed.
    deadline = time.monotonic() + 30
    while not (_children(prefork_worker.pid) and _children(prefork_worker.pid) != children):
        assert prefork_worker.poll() is None and time.monotonic() < deadline, "the worker has no pool process"
        time.sleep(0.2)


@pytest.mark.parametrize(
    ("limits", "message"),
    [
        ({"COMPILATION_SOFT_TIME_LIMIT": "0.2", "COMPILATION_TIME_LIMIT": "60"}, "took longer than 0.2 seconds"),
        ({"COMPILATION_MEMORY_LIMIT_MB": "2"}, "needed more than 2 MB of memory"),
    ],
)
def test_a_run_past_its_limits_fails_clearly_and_the_worker_goes_on(
    live_reference_data: None,
    media: Path,
    people: dict[str, Any],
    cycle: ReportingCycle,
    settings: Any,
    client_for: Callable[[str], Client],
    limits: dict[str, str],
    message: str,
) -> None:
    accept(cycle.reports.get(organisation__code="ITU"), people, "facilitator")
    worker = _start_prefork(settings, **limits)
    try:
        client = client_for("secretariat")
        run = _wait(_compile(client, cycle), _finished, worker)
        assert run.status == "failed" and message in run.error, run.error
        assert run.attempts == 1 and not run.outputs.exists()
        page = client.get(f"/en/reports/drafts/{run.pk}/").content.decode()
        assert "The compilation failed." in page and message in page
        assert worker.poll() is None  # the worker itself is unharmed
    finally:
        worker.terminate()
        worker.wait(timeout=60)
