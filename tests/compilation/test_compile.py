"""What the worker does with a run (services.run_execute, called here in the test's process: only the
transport differs from the worker, see test_worker.py): compile from the data, store the files,
reuse an unchanged compilation, fail without touching earlier drafts, count interrupted attempts."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from django.test import Client

from compilation import services, tasks
from compilation.models import AnnualReportRun, RunOutput
from reports.models import ReportingCycle
from tests.compilation.conftest import accept

pytestmark = pytest.mark.django_db


def start(people: dict[str, Any], cycle: ReportingCycle, language: str = "en") -> AnnualReportRun:
    return services.run_start(by=people["secretariat"], kind="annual_report", cycle=cycle, language=language)


def execute(run: AnnualReportRun) -> AnnualReportRun:
    tasks.compile_report(run.pk)  # what the worker runs
    run.refresh_from_db()
    return run


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_a_run_compiles_the_cycle_into_three_readable_files(
    people: dict[str, Any], cycle: ReportingCycle, media: Path, client_for: Callable[[str], Client]
) -> None:
    itu = accept(cycle.reports.get(organisation__code="ITU"), people, "facilitator")
    run = execute(start(people, cycle))
    assert run.status == "succeeded", run.error
    assert run.attempts == 1 and run.started_at and run.finished_at and run.error == ""
    assert len(run.inputs_fingerprint) == 64 and len(run.document_fingerprint) == 64
    labels = [step["label"] for step in run.steps]
    assert labels[0] == "Checking the inputs" and labels[-2:] == ["Writing the PDF", "Storing the files"]
    assert all(step["finished"] for step in run.steps) and run.step_number == run.step_count == len(labels)
    assert "Succeeded" in run.log and run.peak_memory_kb
    outputs = {o.format: o for o in run.outputs.all()}
    assert set(outputs) == {"docx", "html", "pdf", "article"}
    for output in outputs.values():  # deterministic names under the run's own folder
        assert output.file.name.startswith(f"compilation/run-{run.pk}/annual-report-{cycle.year}-en.")
        assert output.size == Path(output.file.path).stat().st_size
    word = docx.Document(outputs["docx"].file.path)
    assert "A/81/62" in word.sections[0].first_page_header._element.xml  # the symbol on the first page
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    text = _pdf_text(Path(outputs["pdf"].file.path))
    assert "A/81/62" in text and "Partner2Connect" in text
    info = subprocess.run(["pdfinfo", outputs["pdf"].file.path], capture_output=True, text=True, check=True).stdout
    pages = next(int(line.split()[1]) for line in info.splitlines() if line.startswith("Pages:"))
    assert outputs["pdf"].pages == pages
    # The draft read in the portal links the paragraphs drawn from ITU's report to it.
    read = client_for("secretariat").get(f"/en/reports/drafts/{run.pk}/read/").content.decode()
    assert f'href="/en/reports/{itu.pk}/"' in read


def test_compiling_unchanged_inputs_reuses_the_earlier_draft(
    people: dict[str, Any], cycle: ReportingCycle, media: Path, client_for: Callable[[str], Client]
) -> None:
    accept(cycle.reports.get(organisation__code="ITU"), people, "facilitator")
    first = execute(start(people, cycle))
    second = execute(start(people, cycle))
    assert second.status == "succeeded" and second.reused_from == first
    assert second.inputs_fingerprint == first.inputs_fingerprint and not second.outputs.exists()
    assert RunOutput.objects.count() == 4  # nothing compiled or stored again
    page = client_for("secretariat").get(f"/en/reports/drafts/{second.pk}/").content.decode()
    assert "The inputs have not changed since" in page and f"/en/reports/drafts/{first.pk}/" in page
    download = client_for("secretariat").get(f"/en/reports/drafts/{second.pk}/download/docx/")
    assert docx.Document(io.BytesIO(b"".join(download.streaming_content))).paragraphs
    for closer in download._resource_closers:
        closer()
    # Another language, or a change of the data, compiles again.
    french = execute(start(people, cycle, "fr"))
    assert french.reused_from is None and french.outputs.count() == 4
    accept(cycle.reports.get(organisation__code="ESCWA"), people, "commission")
    third = execute(start(people, cycle))
    assert third.reused_from is None and third.inputs_fingerprint != first.inputs_fingerprint
    assert third.outputs.count() == 4


def test_a_failure_is_shown_and_leaves_earlier_drafts_intact(
    people: dict[str, Any], cycle: ReportingCycle, media: Path, client_for: Callable[[str], Client]
) -> None:
    accept(cycle.reports.get(organisation__code="ITU"), people, "facilitator")
    first = execute(start(people, cycle))
    before = {o.format: (o.file.name, o.sha256) for o in first.outputs.all()}
    accept(cycle.reports.get(organisation__code="ESCWA"), people, "commission")  # new inputs: no reuse
    second = start(people, cycle)
    # The storage cannot write the run's folder: a file stands where the folder should be.
    blocker = media / "compilation" / f"run-{second.pk}"
    blocker.write_text("not a folder")
    second = execute(second)
    assert second.status == "failed" and second.finished_at is not None
    assert "Error" in second.error and not second.outputs.exists()
    page = client_for("secretariat").get(f"/en/reports/drafts/{second.pk}/").content.decode()
    assert "The compilation failed." in page and "Earlier drafts are unchanged." in page
    assert client_for("secretariat").get(f"/en/reports/drafts/{second.pk}/download/pdf/").status_code == 404
    first.refresh_from_db()
    assert first.status == "succeeded"
    assert {o.format: (o.file.name, o.sha256) for o in first.outputs.all()} == before
    assert all(Path(o.file.path).exists() for o in first.outputs.all())
    tasks.compile_report(second.pk)  # a redelivered message of a failed run does nothing
    second.refresh_from_db()
    assert second.attempts == 1


def test_an_interrupted_attempt_is_redone_over_its_own_files(
    people: dict[str, Any], cycle: ReportingCycle, media: Path
) -> None:
    run = start(people, cycle)
    # The worker died during a first attempt, after writing part of a file.
    AnnualReportRun.objects.filter(pk=run.pk).update(status="running", attempts=1, step_number=5)
    stem = media / services.file_stem(run)
    stem.parent.mkdir(parents=True)
    Path(f"{stem}.pdf").write_bytes(b"%PDF-1.7 half written")
    run = execute(run)
    assert run.status == "succeeded" and run.attempts == 2
    assert "the previous one was interrupted" in run.log
    assert sorted(p.name for p in stem.parent.iterdir()) == sorted(
        f"{stem.name}.{ext}" for ext in ("docx", "html", "pdf", "article.html")
    )
    assert AnnualReportRun.objects.count() == 1 and run.outputs.count() == 4


def test_a_run_interrupted_too_many_times_fails_clearly(
    people: dict[str, Any], cycle: ReportingCycle, media: Path
) -> None:
    run = start(people, cycle)
    AnnualReportRun.objects.filter(pk=run.pk).update(status="running", attempts=services.MAX_ATTEMPTS)
    run = execute(run)
    assert run.status == "failed" and run.attempts == services.MAX_ATTEMPTS
    assert "interrupted 3 times" in run.error and not run.outputs.exists()


def test_the_stocktaking_report_is_compiled_by_the_same_machinery(people: dict[str, Any], media: Path) -> None:
    run = services.run_start(by=people["secretariat"], kind="stocktaking_report", year=2024, language="fr")
    run = execute(run)
    assert run.status == "succeeded", run.error
    assert run.cycle is None and run.outputs.count() == 4
    pdf = run.outputs.get(format="pdf")
    assert pdf.pages and pdf.pages >= 1 and pdf.file.name.endswith("stocktaking-report-2024-fr.pdf")
    again = execute(services.run_start(by=people["secretariat"], kind="stocktaking_report", year=2024, language="fr"))
    assert again.reused_from == run
