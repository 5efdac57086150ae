"""Pages of the observation import (secretariat only): upload and dry run, its report, the import."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from indicators import services
from indicators.models import ObservationImport
from wsis_portal import permissions
from wsis_portal.errors import ApplicationError


class ImportForm(forms.Form):
    layout = forms.ChoiceField(
        label=gettext_lazy("Layout of the file"),
        choices=ObservationImport.Layout.choices,
        initial=ObservationImport.Layout.WORLD_BANK,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "A CSV file or an Excel workbook (.xlsx) as downloaded from the publisher; 10 MB at most."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


def _group(items: list[dict[str, object]]) -> list[tuple[object, list[dict[str, object]]]]:
    rows: dict[object, list[dict[str, object]]] = {}
    for item in items:
        rows.setdefault(item.get("row"), []).append(item)
    return list(rows.items())


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload a file; the POST is a dry run that checks every row and writes no value."""
    permissions.require(request.user, "indicators.observation.import")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.import_check(
                by=request.user, upload=form.cleaned_data["file"], layout=form.cleaned_data["layout"]
            )
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return redirect("indicators:import-result", pk=batch.pk)
    recent = ObservationImport.objects.select_related("uploaded_by")[:10]
    return render(
        request, "indicators/import.html", {"form": form, "recent": recent}, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET"])
def import_result(request: HttpRequest, pk: int) -> HttpResponse:
    """The dry run's report (rows, values, errors by row and column, rows skipped) or the import's outcome."""
    permissions.require(request.user, "indicators.observation.import")
    batch = get_object_or_404(ObservationImport.objects.select_related("uploaded_by"), pk=pk)
    context = {
        "batch": batch,
        "error_rows": _group(batch.errors),
        "error_count": len(batch.errors),
        "note_rows": _group(batch.notes),
    }
    return render(request, "indicators/import_result.html", context)


@login_required
@require_POST
def import_run(request: HttpRequest, pk: int) -> HttpResponse:
    """Import a checked file: every value in one transaction, or none."""
    permissions.require(request.user, "indicators.observation.import")
    batch = get_object_or_404(ObservationImport, pk=pk)
    try:
        batch = services.import_run(batch=batch, by=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        if batch.state == ObservationImport.State.QUEUED:
            return redirect("indicators:import-result", pk=pk)
        messages.success(
            request,
            _("Imported: %(created)d values created, %(updated)d updated, %(unchanged)d unchanged.")
            % {"created": batch.created_count, "updated": batch.updated_count, "unchanged": batch.unchanged_count},
        )
    return redirect("indicators:import-result", pk=pk)
