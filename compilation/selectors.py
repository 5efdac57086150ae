"""Reads of compilation runs."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from compilation.models import AnnualReportRun, RunOutput


def runs_list(*, kind: str, cycle_id: int | None = None) -> QuerySet[AnnualReportRun]:
    """Runs of one cycle (annual report) or of every year (stocktaking report), newest first, with
    who started them; the outline (large) is not loaded. 1 query."""
    runs = AnnualReportRun.objects.filter(kind=kind).select_related("started_by").defer("outline", "log")
    if cycle_id is not None:
        runs = runs.filter(cycle_id=cycle_id)
    return runs.order_by("-created_at", "-pk")


def run_detail(pk: int) -> AnnualReportRun:
    """One run with its cycle, who started it, and the outputs of the run whose files it offers
    (itself, or the one it reused). 2 queries (the run, its outputs)."""
    run = get_object_or_404(
        AnnualReportRun.objects.select_related("cycle", "started_by", "reused_from").defer("outline"), pk=pk
    )
    outputs = list(RunOutput.objects.filter(run_id=run.result_run_id).order_by("format"))
    run.files = {o.format: o for o in outputs}  # type: ignore[attr-defined]
    return run
