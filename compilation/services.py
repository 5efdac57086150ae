"""Compiling reports: starting a run (web request), running it (worker), cancelling it.

The web request only records the run and queues the task after commit; everything that reads the
data or draws a document happens in `run_execute`, in the worker. The task is idempotent:

- a finished run (succeeded, failed, cancelled) is left alone when its message comes again;
- a run found "running" was interrupted (the worker process died): it starts again from the first
  step and writes its files over the ones of the interrupted attempt (same names), so one run never
  leaves two sets of files nor two records;
- a run interrupted MAX_ATTEMPTS times (killed by the time limit, the memory limit or a crash each
  time) is marked failed with a clear message instead of being redelivered forever.

Compiling unchanged inputs again (same kind, year, language and inputs fingerprint as an earlier
successful run) reuses that run's files: the new run succeeds at once and names the run it reused.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import re
import resource
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from compilation import outline
from compilation.models import AnnualReportRun, RunOutput
from reports.document.model import LANGUAGES, Document
from reports.models import ReportingCycle
from wsis_portal import audit, permissions
from wsis_portal.errors import ApplicationError

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
Status = AnnualReportRun.Status
Kind = AnnualReportRun.Kind

CONTENT_TYPES: dict[str, str] = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "article": "text/html; charset=utf-8",
}
EXTENSIONS = {"docx": "docx", "html": "html", "pdf": "pdf", "article": "article.html"}


class Cancelled(Exception):
    """The secretariat cancelled the run; raised between steps."""


# Starting and cancelling (web request) ------------------------------------------------------------


@transaction.atomic
def run_start(
    *, by: Any, kind: str, language: str, cycle: ReportingCycle | None = None, year: int | None = None
) -> AnnualReportRun:
    """Record a compilation and queue it for the worker after commit; nothing is compiled here."""
    permissions.require(by, "compilation.run.manage")
    if language not in LANGUAGES:
        raise ApplicationError(_("Choose one of the six UN languages."), field="language")
    if kind == Kind.ANNUAL_REPORT:
        if cycle is None:
            raise ApplicationError(_("Choose the reporting cycle to compile."), field="cycle")
        year = cycle.year
    elif kind == Kind.STOCKTAKING_REPORT:
        cycle = None
        if year is None or not 2003 <= year <= timezone.now().year:
            raise ApplicationError(
                _("Choose a year between 2003 and %(year)s.") % {"year": timezone.now().year}, field="year"
            )
    else:
        raise ApplicationError(_("Unknown kind of document."), field="kind")
    run = AnnualReportRun(kind=kind, cycle=cycle, year=year, language=language, started_by=by)
    run.full_clean()
    audit.record_as(run, by, "compilation.run.started")
    run.save()
    _log(run.pk, "Requested by %s." % (getattr(by, "email", "") or by.pk))
    from compilation import tasks

    transaction.on_commit(lambda: tasks.compile_report.delay(run.pk))
    return run


@transaction.atomic
def run_cancel(*, run: AnnualReportRun, by: Any) -> AnnualReportRun:
    """Cancel a queued run at once; ask a running one to stop at its next step."""
    permissions.require(by, "compilation.run.manage", run)
    run = AnnualReportRun.objects.select_for_update().get(pk=run.pk)
    if not run.active:
        raise ApplicationError(_("Only a queued or running compilation can be cancelled."))
    run.cancel_requested = True
    if run.status == Status.QUEUED:
        run.status = Status.CANCELLED
        run.finished_at = timezone.now()
    audit.record_as(run, by, "compilation.run.cancelled")
    run.save()
    _log(run.pk, "Cancellation requested by %s." % (getattr(by, "email", "") or by.pk))
    return run


# Running (worker) ---------------------------------------------------------------------------------


def _log(run_id: int, line: str, **fields: Any) -> None:
    """Append a line to the run's log; `fields` (a final status...) change in the same UPDATE, so
    whoever sees the run finished also sees why in its log."""
    stamp = timezone.now().strftime("%Y-%m-%d %H:%M:%S")
    AnnualReportRun.objects.filter(pk=run_id).update(log=Concat(F("log"), Value(f"{stamp} {line}\n")), **fields)


class _Progress:
    """Records each step reached on the run, and stops the run if it was cancelled (checked as each
    step starts: between steps, never in the middle of one).

    The content builder calls `step(name, done, total)` as each of its steps starts, `done` being the
    number of its steps already done and `total` how many it has; the service adds its own steps
    around them (checking the inputs before; writing the three files and storing them after)."""

    OWN_STEPS = 5

    def __init__(self, run_id: int) -> None:
        self.run_id = run_id
        self.steps: list[dict[str, Any]] = []
        self.expected = 0
        # Celery's soft limit interrupts a long step (prefork pool, checked about every second); this
        # one is also checked as each step starts, so it holds in a solo pool and for short limits.
        self.deadline = time.monotonic() + settings.COMPILATION_SOFT_TIME_LIMIT

    def step(self, label: str, done: int = 0, total: int = 0) -> None:
        label = str(label)
        if self.steps and self.steps[-1]["label"] == label:
            return
        if time.monotonic() > self.deadline:
            raise SoftTimeLimitExceeded()
        if total:
            self.expected = self.OWN_STEPS + total
        if self.steps:
            self.steps[-1]["finished"] = True
        self.steps.append({"label": label, "finished": False})
        _log(self.run_id, f"Step {len(self.steps)}: {label}")
        runs = AnnualReportRun.objects.filter(pk=self.run_id)
        runs.update(steps=self.steps, step_number=len(self.steps), step_count=max(self.expected, len(self.steps)))
        if runs.filter(cancel_requested=True).exists():
            raise Cancelled()

    def finish(self) -> None:
        if self.steps:
            self.steps[-1]["finished"] = True
        count = len(self.steps)
        AnnualReportRun.objects.filter(pk=self.run_id).update(steps=self.steps, step_number=count, step_count=count)


def _builders(kind: str) -> tuple[Callable[..., Document], Callable[..., str]]:
    from reports import compile as content  # the content of the documents (reports/compile/)

    if kind == Kind.ANNUAL_REPORT:
        return content.build_annual_report, content.annual_report_fingerprint
    return content.build_stocktaking_report, content.stocktaking_report_fingerprint


def _subject(run: AnnualReportRun) -> Any:
    return run.cycle if run.kind == Kind.ANNUAL_REPORT else run.year


def file_stem(run: AnnualReportRun) -> str:
    """The files' name without extension: deterministic, the same for every attempt of a run."""
    what = "annual-report" if run.kind == Kind.ANNUAL_REPORT else "stocktaking-report"
    return f"compilation/run-{run.pk}/{what}-{run.year}-{run.language}"


def download_name(run: AnnualReportRun, fmt: str) -> str:
    what = "wsis-annual-report" if run.kind == Kind.ANNUAL_REPORT else "wsis-stocktaking-report"
    return f"{what}-{run.year}-{run.language}-draft-{run.result_run_id}.{EXTENSIONS[fmt]}"


def pdf_page_count(pdf: bytes) -> int:
    """Pages of a PDF written by WeasyPrint: the /Count of its page tree, which may sit in a
    compressed object stream."""
    pattern = re.compile(rb"/Type\s*/Pages\b.*?/Count\s+(\d+)", re.DOTALL)
    counts = [int(m.group(1)) for m in pattern.finditer(pdf)]
    for match in re.finditer(rb"stream\r?\n", pdf):
        try:
            data = zlib.decompressobj().decompress(pdf[match.end() : match.end() + 4_000_000])
        except zlib.error:
            continue
        counts += [int(m.group(1)) for m in pattern.finditer(data)]
    return max(counts, default=0)


@contextmanager
def memory_ceiling(limit_mb: int) -> Iterator[None]:
    """Cap the process's data segment for the duration of a job: a runaway compilation gets a
    MemoryError (the run fails, clearly) instead of the machine's OOM killer taking the worker."""
    if limit_mb <= 0:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    used = _data_kb() * 1024
    ceiling = used + limit_mb * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        ceiling = min(ceiling, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (ceiling, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_DATA, (soft, hard))


def _data_kb() -> int:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmData:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def peak_rss_kb() -> int:
    """The process's peak resident memory (VmHWM), KiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run_execute(*, run_id: int) -> AnnualReportRun | None:
    """Compile a run in the worker: fingerprint the inputs, reuse an identical earlier result or
    build the document, render DOCX, HTML and PDF, store the files. Idempotent (see the module).

    Errors end the run as failed with the error shown on its page; earlier runs are never touched.
    """
    run = AnnualReportRun.objects.select_related("cycle").filter(pk=run_id).first()
    if run is None or run.status in (Status.SUCCEEDED, Status.FAILED, Status.CANCELLED):
        return run
    runs = AnnualReportRun.objects.filter(pk=run.pk)
    now = timezone.now()
    if run.cancel_requested:
        runs.update(status=Status.CANCELLED, finished_at=now)
        return _reload(run)
    if run.attempts >= MAX_ATTEMPTS:
        message = _(
            "The compilation was interrupted %(n)s times (time limit, memory limit or a stopped worker) "
            "and was not tried again."
        ) % {"n": run.attempts}
        _log(run.pk, "Failed: interrupted too many times.", status=Status.FAILED, error=message, finished_at=now)
        return _reload(run)
    if run.attempts:
        _log(run.pk, f"Attempt {run.attempts + 1}: the previous one was interrupted; starting again.")
    runs.update(
        status=Status.RUNNING,
        attempts=F("attempts") + 1,
        started_at=now,
        finished_at=None,
        steps=[],
        step_number=0,
        step_count=0,
        error="",
    )
    progress = _Progress(run.pk)
    try:
        with memory_ceiling(settings.COMPILATION_MEMORY_LIMIT_MB), override(run.language):
            _compile(run, progress)
    except Cancelled:
        _discard_files(run)
        _log(run.pk, "Cancelled.", status=Status.CANCELLED, finished_at=timezone.now())
    except SoftTimeLimitExceeded:
        _discard_files(run)
        seconds = f"{settings.COMPILATION_SOFT_TIME_LIMIT:g}"
        message = _("The compilation took longer than %(seconds)s seconds and was stopped.") % {"seconds": seconds}
        _log(run.pk, "Failed: time limit.", status=Status.FAILED, error=message, finished_at=timezone.now())
    except Exception as error:
        _discard_files(run)
        if _out_of_memory(error):
            message = _("The compilation needed more than %(mb)s MB of memory and was stopped.") % {
                "mb": settings.COMPILATION_MEMORY_LIMIT_MB
            }
        else:
            logger.exception("compilation run %s failed", run.pk)
            message = f"{type(error).__name__}: {error}"[:4000]
        _log(run.pk, f"Failed: {message}"[:1000], status=Status.FAILED, error=message, finished_at=timezone.now())
    runs.update(peak_memory_kb=peak_rss_kb())
    return _reload(run)


def _out_of_memory(error: BaseException) -> bool:
    """A MemoryError, or a library's own words for it (psycopg: "out of memory for query result")."""
    return isinstance(error, MemoryError) or "out of memory" in str(error).lower()


def _reload(run: AnnualReportRun) -> AnnualReportRun:
    run.refresh_from_db()
    return run


def _compile(run: AnnualReportRun, progress: _Progress) -> None:
    runs = AnnualReportRun.objects.filter(pk=run.pk)
    build, fingerprint_of = _builders(run.kind)
    progress.step(_("Checking the inputs"))
    fingerprint = fingerprint_of(_subject(run), run.language)
    runs.update(inputs_fingerprint=fingerprint)
    earlier = (
        AnnualReportRun.objects.filter(
            kind=run.kind,
            year=run.year,
            language=run.language,
            inputs_fingerprint=fingerprint,
            status=Status.SUCCEEDED,
            reused_from__isnull=True,
        )
        .exclude(pk=run.pk)
        .order_by("-finished_at")
        .first()
    )
    if earlier is not None and earlier.outputs.count() == len(RunOutput.Format):
        progress.finish()
        _log(
            run.pk,
            f"Inputs unchanged since run {earlier.pk}: its documents are reused.",
            status=Status.SUCCEEDED,
            reused_from=earlier,
            document_fingerprint=earlier.document_fingerprint,
            outline=earlier.outline,
            finished_at=timezone.now(),
        )
        return
    document = build(_subject(run), run.language, progress=progress.step)
    files = store_document(run, document, progress=progress.step)
    progress.finish()
    pages = next((o.pages for o in files if o.format == RunOutput.Format.PDF), None)
    with transaction.atomic():
        if runs.select_for_update().filter(cancel_requested=True).exists():
            raise Cancelled()
        _log(
            run.pk,
            f"Succeeded: {len(files)} files, PDF of {pages} pages.",
            status=Status.SUCCEEDED,
            document_fingerprint=document.fingerprint(),
            outline=outline.document_outline(document),
            finished_at=timezone.now(),
            peak_memory_kb=peak_rss_kb(),
        )


def store_document(
    run: AnnualReportRun, document: Document, *, progress: Callable[[str], None] | None = None
) -> list[RunOutput]:
    """Render `document` to DOCX, HTML (page and portal article) and PDF and store the files under
    the run's deterministic names, replacing what an interrupted attempt of the same run wrote."""
    from reports.document import render_docx, render_html, render_pdf

    def step(label: str) -> None:
        if progress is not None:
            progress(label)

    stem = file_stem(run)
    rendered: list[tuple[str, bytes, int | None]] = []
    step(_("Writing the Word document"))
    rendered.append((RunOutput.Format.DOCX, render_docx.render_docx(document), None))
    step(_("Writing the web page"))
    rendered.append((RunOutput.Format.HTML, render_html.render_html(document).encode(), None))
    rendered.append((RunOutput.Format.ARTICLE, render_html.render_fragment(document).encode(), None))
    step(_("Writing the PDF"))
    pdf = render_pdf.render_pdf(document)
    rendered.append((RunOutput.Format.PDF, pdf, pdf_page_count(pdf)))
    step(_("Storing the files"))
    outputs = []
    for fmt, data, pages in rendered:
        name = f"{stem}.{EXTENSIONS[fmt]}"
        if default_storage.exists(name):  # written by an attempt that was interrupted
            default_storage.delete(name)
        saved = default_storage.save(name, ContentFile(data))
        output, _created = RunOutput.objects.update_or_create(
            run=run,
            format=fmt,
            defaults={"file": saved, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data), "pages": pages},
        )
        outputs.append(output)
    return outputs


def _discard_files(run: AnnualReportRun) -> None:
    """Remove what an unfinished run wrote (its own folder only: earlier drafts stay)."""
    for output in RunOutput.objects.filter(run=run):
        if output.file:
            default_storage.delete(output.file.name)
    RunOutput.objects.filter(run=run).delete()


def elapsed(run: AnnualReportRun) -> datetime.timedelta | None:
    if run.started_at is None:
        return None
    return (run.finished_at or timezone.now()) - run.started_at
