"""Pages of report compilation (secretariat only).

    /<lang>/reports/cycles/<year>/drafts/            the cycle's drafts; POST compiles a new one
    /<lang>/reports/stocktaking-report/              the stocktaking reports; POST compiles one
    /<lang>/reports/drafts/<pk>/                     a run: progress by step, log, error, downloads
    /<lang>/reports/drafts/<pk>/cancel/              POST: cancel a queued or running run
    /<lang>/reports/drafts/<pk>/read/                the HTML draft inside the portal (traceability links)
    /<lang>/reports/drafts/<pk>/download/<fmt>/      the DOCX, HTML or PDF file
    /<lang>/reports/drafts/compare/?a=<pk>&b=<pk>    what changed between two succeeded drafts

Nothing is compiled here: a POST records the run and the worker does the work.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from compilation import forms, outline, selectors, services
from compilation.models import AnnualReportRun, RunOutput
from reports.models import ReportingCycle
from wsis_portal import files, permissions
from wsis_portal.errors import ApplicationError
from wsis_portal.http import AuthenticatedHttpRequest

Kind = AnnualReportRun.Kind
DOWNLOADS = (RunOutput.Format.DOCX, RunOutput.Format.HTML, RunOutput.Format.PDF)


def _require(request: AuthenticatedHttpRequest) -> None:
    permissions.require(request.user, "compilation.run.manage")


@login_required
@require_http_methods(["GET", "POST"])
def cycle_drafts(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    """The drafts of a cycle's annual report, newest first, and the form that compiles another.

    Queries (GET): session, user, OTP device (3), the cycle, the runs with who started them (1), the
    menu's memberships (1)."""
    _require(request)
    cycle = get_object_or_404(ReportingCycle, year=year)
    form = forms.CompileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.run_start(
                by=request.user, kind=Kind.ANNUAL_REPORT, cycle=cycle, language=form.cleaned_data["language"]
            )
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return redirect("compilation:run", pk=run.pk)
    runs = list(selectors.runs_list(kind=Kind.ANNUAL_REPORT, cycle_id=cycle.pk))
    context = {"cycle": cycle, "form": form, "runs": runs, "kind": Kind.ANNUAL_REPORT}
    return render(request, "compilation/run_list.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def stocktaking_drafts(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The compiled stocktaking reports (any year) and the form that compiles one."""
    _require(request)
    form = forms.StocktakingCompileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.run_start(
                by=request.user,
                kind=Kind.STOCKTAKING_REPORT,
                year=form.cleaned_data["year"],
                language=form.cleaned_data["language"],
            )
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return redirect("compilation:run", pk=run.pk)
    runs = list(selectors.runs_list(kind=Kind.STOCKTAKING_REPORT))
    context = {"cycle": None, "form": form, "runs": runs, "kind": Kind.STOCKTAKING_REPORT}
    return render(request, "compilation/run_list.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET"])
def run_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A run: status, progress by step (the block polls itself with htmx while the run is active;
    without JavaScript the page refreshes itself), the error, the log, the downloads.

    Queries: session, user, OTP device (3), the run with its cycle, starter and reused run (1), the
    outputs of the run whose files it offers (1), the menu's memberships (1)."""
    _require(request)
    run = selectors.run_detail(pk)
    context = {
        "run": run,
        "downloads": [run.files[f] for f in DOWNLOADS if f in run.files],  # type: ignore[attr-defined]
        "readable": RunOutput.Format.ARTICLE in run.files,  # type: ignore[attr-defined]
        "elapsed": services.elapsed(run),
        "poll": run.active,
    }
    return render(request, "compilation/run_detail.html", context)


@login_required
@require_POST
def run_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request)
    run = get_object_or_404(AnnualReportRun, pk=pk)
    try:
        run = services.run_cancel(run=run, by=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        if run.status == AnnualReportRun.Status.CANCELLED:
            messages.success(request, _("The compilation was cancelled."))
        else:
            messages.success(request, _("The compilation will stop at its next step."))
    return redirect("compilation:run", pk=pk)


def _output(run: AnnualReportRun, fmt: str) -> RunOutput:
    output = RunOutput.objects.filter(run_id=run.result_run_id, format=fmt).first()
    if run.status != AnnualReportRun.Status.SUCCEEDED or output is None:
        raise Http404("this draft has no such file")
    return output


@login_required
@require_http_methods(["GET"])
def run_read(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The draft as HTML inside the portal: paragraphs drawn from a submission link to it."""
    _require(request)
    run = get_object_or_404(AnnualReportRun.objects.select_related("cycle").defer("outline", "log"), pk=pk)
    article = _output(run, RunOutput.Format.ARTICLE)
    try:
        with default_storage.open(article.file.name, "rb") as handle:
            html = handle.read().decode()
    except FileNotFoundError:
        raise Http404("the file is no longer stored") from None
    # Written by reports.document.render_html, which escapes every text it is given.
    context = {"run": run, "article": mark_safe(html)}  # noqa: S308
    return render(request, "compilation/run_read.html", context)


@login_required
@require_http_methods(["GET"])
def run_download(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    _require(request)
    if fmt not in DOWNLOADS:
        raise Http404("unknown format")
    run = get_object_or_404(AnnualReportRun.objects.defer("outline", "log"), pk=pk)
    output = _output(run, fmt)
    return files.file_response(
        output.file, filename=services.download_name(run, fmt), content_type=services.CONTENT_TYPES[fmt]
    )


@login_required
@require_http_methods(["GET"])
def run_compare(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What changed from draft `a` to draft `b` (both succeeded, same kind), paragraph by paragraph
    within each section. Without both, a form to choose them among the succeeded drafts."""
    _require(request)
    succeeded = (
        AnnualReportRun.objects.filter(status=AnnualReportRun.Status.SUCCEEDED)
        .defer("outline", "log")
        .order_by("-created_at", "-pk")
    )
    choices = list(succeeded[:200])
    a_id, b_id = request.GET.get("a", ""), request.GET.get("b", "")
    context: dict[str, object] = {"choices": choices, "a": a_id, "b": b_id, "sections": None}
    if a_id and b_id:
        if not (a_id.isdigit() and b_id.isdigit()):
            raise Http404("unknown draft")
        before = get_object_or_404(AnnualReportRun.objects.select_related("cycle"), pk=int(a_id))
        after = get_object_or_404(AnnualReportRun.objects.select_related("cycle"), pk=int(b_id))
        if before.status != AnnualReportRun.Status.SUCCEEDED or after.status != AnnualReportRun.Status.SUCCEEDED:
            context["error"] = _("Only drafts that compiled successfully can be compared.")
        elif before.kind != after.kind:
            context["error"] = _("Compare two drafts of the same document.")
        else:
            sections = outline.compare(before.outline, after.outline)
            context.update(
                before=before,
                after=after,
                sections=sections,
                unchanged_sections=[s for s in sections if not s.changes],
                changed=sum(len(s.changes) for s in sections),
                identical=before.document_fingerprint == after.document_fingerprint,
            )
    return render(request, "compilation/compare.html", context, status=400 if context.get("error") else 200)


app_name = "compilation"

urlpatterns = [
    path("reports/cycles/<int:year>/drafts/", cycle_drafts, name="cycle-drafts"),
    path("reports/stocktaking-report/", stocktaking_drafts, name="stocktaking-drafts"),
    path("reports/drafts/compare/", run_compare, name="compare"),
    path("reports/drafts/<int:pk>/", run_detail, name="run"),
    path("reports/drafts/<int:pk>/cancel/", run_cancel, name="run-cancel"),
    path("reports/drafts/<int:pk>/read/", run_read, name="run-read"),
    path("reports/drafts/<int:pk>/download/<str:fmt>/", run_download, name="run-download"),
]
