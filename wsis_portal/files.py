"""Stored files (uploads, exports, generated reports) reach users only through views that checked
permission first; MEDIA_ROOT is never served as a public folder.

In production the view only decides and nginx sends the bytes: with PROTECTED_MEDIA_ACCEL_PREFIX set
(e.g. "/_protected/", an `internal` nginx location aliased to MEDIA_ROOT, see deploy/nginx.conf) the
response is an empty X-Accel-Redirect. A storage without local paths (S3) answers with a redirect to
its own short-lived signed URL. Otherwise Django streams the file itself (development, tests).
"""

from __future__ import annotations

import mimetypes
from urllib.parse import quote

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.utils.encoding import iri_to_uri


def file_response(
    field_file: FieldFile, *, filename: str, content_type: str = "", as_attachment: bool = True
) -> HttpResponseBase:
    """The bytes of `field_file` as a download named `filename`; call only after a permission check."""
    if not field_file:
        raise Http404("no file")
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    try:
        local_path = field_file.path
    except NotImplementedError:  # remote storage: its own signed URL
        return HttpResponseRedirect(field_file.url)
    prefix = getattr(settings, "PROTECTED_MEDIA_ACCEL_PREFIX", "")
    if prefix:
        response: HttpResponseBase = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = iri_to_uri(prefix.rstrip("/") + "/" + quote(field_file.name or ""))
        disposition = "attachment" if as_attachment else "inline"
        response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(filename)}"
    else:
        try:
            handle = open(local_path, "rb")  # noqa: SIM115 - FileResponse closes it
        except FileNotFoundError:
            raise Http404("the file is no longer stored") from None
        response = FileResponse(handle, as_attachment=as_attachment, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    # A stored file is inert: even opened inline it may not run script in the portal's origin.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
