"""Public pages of the published activity reports: cycles, a cycle's reports, a report, its PDF."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.views.decorators.http import require_http_methods

from reports import publication
from reports.models import ReportingCycle
from wsis_portal import permissions

app_name = "publication"


@require_http_methods(["GET"])
def cycle_list(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "reports.published.view")
    return render(request, "reports/published/cycle_list.html", {"cycles": list(publication.published_cycles())})


@require_http_methods(["GET"])
def cycle_detail(request: HttpRequest, year: int) -> HttpResponse:
    permissions.require(request.user, "reports.published.view")
    cycle = get_object_or_404(ReportingCycle, year=year)
    versions = publication.published_versions(cycle=cycle)
    return render(request, "reports/published/cycle.html", {"cycle": cycle, "versions": versions})


@require_http_methods(["GET"])
def report_detail(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    permissions.require(request.user, "reports.published.view")
    cycle = get_object_or_404(ReportingCycle, year=year)
    version = publication.published_version(cycle=cycle, report_id=pk)
    if version is None:
        raise Http404("This report is not published.")
    return render(request, "reports/published/report.html", publication.document(version))


@require_http_methods(["GET"])
def report_pdf(request: HttpRequest, year: int, pk: int) -> FileResponse:
    permissions.require(request.user, "reports.published.view")
    cycle = get_object_or_404(ReportingCycle, year=year)
    version = publication.published_version(cycle=cycle, report_id=pk)
    if version is None:
        raise Http404("This report is not published.")
    name = publication.pdf_for(version)
    response = FileResponse(
        default_storage.open(name, "rb"),
        content_type="application/pdf",
        as_attachment=request.GET.get("download") == "1",
        filename=publication.download_name(version),
    )
    response["Cache-Control"] = "public, max-age=3600"
    return response


urlpatterns = [
    path("reports/published/", cycle_list, name="cycle-list"),
    path("reports/published/<int:year>/", cycle_detail, name="cycle-detail"),
    path("reports/published/<int:year>/<int:pk>/", report_detail, name="report-detail"),
    path("reports/published/<int:year>/<int:pk>/pdf/", report_pdf, name="report-pdf"),
]
