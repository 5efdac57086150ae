"""Downloads of the current search of the stocktaking database (CSV, XLSX, JSON).

    GET /<lang>/stocktaking/export/<fmt>/?<the search's query string>
    GET /<lang>/stocktaking/export/jobs/<token>/            progress of a large export (polled)
    GET /<lang>/stocktaking/export/jobs/<token>/download/   its file, once written

Up to EXPORT_SYNC_LIMIT rows are streamed at once; above, an ExportJob is written by a worker and
the user is sent to its page. The job's token (a random UUID) is the only key an anonymous user has.
"""

from __future__ import annotations

import tempfile

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods

from stocktaking import exports, filters
from stocktaking.models import ExportJob
from wsis_portal import permissions

EXPORT_SYNC_LIMIT = 50_000  # rows streamed in the request; more go to a worker


@require_http_methods(["GET"])
def export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """The published entries of the search in the query string, in `fmt`.

    Queries: 1 count, then (streamed) the 7 of exports.records(); or, above EXPORT_SYNC_LIMIT,
    1 INSERT of the job.
    """
    permissions.require(request.user, "stocktaking.entry.view")
    if fmt not in exports.FORMATS:
        raise Http404("unknown export format")
    query = filters.parse(request.GET)
    language = request.LANGUAGE_CODE
    total = filters.published_entries(query, language=language).count()
    if total > EXPORT_SYNC_LIMIT:
        job = exports.export_job_create(query=query, language=language, fmt=fmt, total_rows=total, by=request.user)
        return redirect("stocktaking:export-job", token=job.token)
    name = exports.file_name(fmt)
    if fmt == "xlsx":
        # The zip directory of an XLSX comes last: the file is written before the first byte is sent.
        output = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes (and so deletes) it
        exports.write_xlsx(exports.records(query, language=language), output, language=language)
        output.seek(0)
        return FileResponse(output, as_attachment=True, filename=name, content_type=exports.CONTENT_TYPES[fmt])
    response = StreamingHttpResponse(
        exports.streamed_chunks(fmt, query, language=language), content_type=exports.CONTENT_TYPES[fmt]
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _job(request: HttpRequest, token: str) -> ExportJob:
    """The job of this token; a signed-in user's job is shown to that user only. 1 query."""
    permissions.require(request.user, "stocktaking.entry.view")
    job = get_object_or_404(ExportJob, token=token)
    if job.requested_by_id is not None and job.requested_by_id != request.user.pk:
        raise Http404("no such export")
    return job


@require_http_methods(["GET"])
def export_job(request: HttpRequest, token: str) -> HttpResponse:
    """Progress of a large export; the status block polls itself (htmx) until the file is ready."""
    job = _job(request, token)
    percent = min(100, job.done_rows * 100 // job.total_rows) if job.total_rows else 0
    context = {
        "job": job,
        "percent": percent,
        "running": job.state in (ExportJob.State.QUEUED, ExportJob.State.RUNNING),
        "file_name": exports.file_name(job.format, job.created_at.date()),
        "search": exports.query_from_dict(job.query).urlencode(),
    }
    return render(request, "stocktaking/export_status.html", context)


@require_http_methods(["GET"])
def export_download(request: HttpRequest, token: str) -> FileResponse:
    """The file of a finished export (404 until it is written)."""
    job = _job(request, token)
    if job.state != ExportJob.State.DONE or not job.file:
        raise Http404("this export is not ready")
    try:
        handle = job.file.open("rb")
    except FileNotFoundError:
        raise Http404("this export was deleted") from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=exports.file_name(job.format, job.created_at.date()),
        content_type=exports.CONTENT_TYPES[job.format],
    )


# Included by stocktaking/urls.py (app_name "stocktaking", under i18n_patterns).
urlpatterns = [
    path("stocktaking/export/jobs/<uuid:token>/", export_job, name="export-job"),
    path("stocktaking/export/jobs/<uuid:token>/download/", export_download, name="export-download"),
    path("stocktaking/export/<str:fmt>/", export, name="export"),
]
