"""Pages of the spreadsheet import (secretariat only): template downloads, upload and dry run, import.

The lead includes `urlpatterns` below into stocktaking/urls.py (namespace "stocktaking")."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from stocktaking import imports
from stocktaking.models import ImportBatch
from wsis_portal import permissions
from wsis_portal.errors import ApplicationError

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy("An Excel workbook (.xlsx) or a CSV file (UTF-8, comma or semicolon); 5 MB at most."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    mode = forms.ChoiceField(
        label=gettext_lazy("The entries are"),
        choices=[
            ("draft", gettext_lazy("imported as drafts (publish them later from the portal)")),
            ("publish", gettext_lazy("published at once (every row must be complete)")),
        ],
        initial="draft",
        widget=forms.RadioSelect,
    )


@login_required
@require_http_methods(["GET"])
def import_template(request: HttpRequest, fmt: str) -> HttpResponse:
    """The template to fill, as an Excel workbook or a CSV file."""
    permissions.require(request.user, "stocktaking.entry.moderate")
    if fmt == "xlsx":
        response = HttpResponse(imports.template_xlsx(), content_type=XLSX_TYPE)
    elif fmt == "csv":
        response = HttpResponse(imports.template_csv(), content_type="text/csv; charset=utf-8")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="wsis-stocktaking-import.{fmt}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload a spreadsheet; the POST is a dry run that checks every row and writes no entry."""
    permissions.require(request.user, "stocktaking.entry.moderate")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = imports.batch_check(
                by=request.user, upload=form.cleaned_data["file"], publish=form.cleaned_data["mode"] == "publish"
            )
        except ApplicationError as error:
            form.add_error("file" if error.field == "file" else None, error.message)
        else:
            return redirect("stocktaking:import-result", pk=batch.pk)
    recent = ImportBatch.objects.select_related("uploaded_by")[:10]
    return render(
        request, "stocktaking/import.html", {"form": form, "recent": recent}, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET"])
def import_result(request: HttpRequest, pk: int) -> HttpResponse:
    """The dry run's outcome (rows, to create, to update, errors per row and column) or the import's;
    while the worker imports, the status block polls itself (htmx). 2 queries."""
    permissions.require(request.user, "stocktaking.entry.moderate")
    batch = get_object_or_404(ImportBatch.objects.select_related("uploaded_by"), pk=pk)
    labels = dict(imports.template_notes())
    rows: dict[int | None, list[dict[str, str]]] = {}
    for error in batch.errors:
        rows.setdefault(error.get("row"), []).append(
            {
                "column": error.get("column", ""),
                "message": error.get("message", ""),
                "hint": labels.get(error.get("column", ""), ""),
            }
        )
    context = {
        "batch": batch,
        "error_rows": list(rows.items()),
        "error_count": len(batch.errors),
        "running": batch.state == ImportBatch.State.QUEUED,
    }
    return render(request, "stocktaking/import_result.html", context)


@login_required
@require_POST
def import_run(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue a checked file for the worker, which imports all rows in one transaction, or none."""
    permissions.require(request.user, "stocktaking.entry.moderate")
    batch = get_object_or_404(ImportBatch, pk=pk)
    try:
        imports.batch_queue(batch=batch, by=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("stocktaking:import-result", pk=pk)


urlpatterns = [
    path("stocktaking/import/", import_upload, name="import"),
    path("stocktaking/import/template.xlsx", import_template, {"fmt": "xlsx"}, name="import-template-xlsx"),
    path("stocktaking/import/template.csv", import_template, {"fmt": "csv"}, name="import-template-csv"),
    path("stocktaking/import/<int:pk>/", import_result, name="import-result"),
    path("stocktaking/import/<int:pk>/run/", import_run, name="import-run"),
]
