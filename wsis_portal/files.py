"""Stored files (uploads, exports, generated reports) reach users only through views that checked
permission first; MEDIA_ROOT is never served as a public folder.

In production the view only decides and nginx sends the bytes: with PROTECTED_MEDIA_ACCEL_PREFIX set
(e.g. "/_protected/", an `internal` nginx location aliased to MEDIA_ROOT, see deploy/nginx.conf) the
response is an empty X-Accel-Redirect. A storage without local paths (S3) answers with a redirect to
its own short-lived signed URL. Otherwise Django streams the file itself (development, tests).
"""

from __future__ import annotations

import mimetypes
import os
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext as _

from wsis_portal.errors import ApplicationError


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


# Documents attached to entries and activity reports: PDF, Office Open XML and images.
DOCUMENT_TYPES = {
    "application/pdf": (b"%PDF",),
    "image/png": (b"\x89PNG",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (b"PK\x03\x04",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (b"PK\x03\x04",),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (b"PK\x03\x04",),
}
DOCUMENT_EXTENSIONS = {".pdf", ".png", ".jpg", ".jpeg", ".docx", ".xlsx", ".pptx"}
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


def check_document(upload: Any, *, field: str = "file") -> tuple[str, str]:
    """(file name, content type) of an uploaded document checked by extension, size and first bytes;
    ApplicationError naming `field` otherwise."""
    name = os.path.basename(upload.name or "")[:200]
    if os.path.splitext(name)[1].lower() not in DOCUMENT_EXTENSIONS:
        raise ApplicationError(_("Attach PDF, Word, Excel, PowerPoint, PNG or JPEG files only."), field=field)
    if upload.size > DOCUMENT_MAX_BYTES:
        raise ApplicationError(_("The file is larger than 10 MB."), field=field)
    head = upload.read(8)
    upload.seek(0)
    kind = next((k for k, magics in DOCUMENT_TYPES.items() if any(head.startswith(m) for m in magics)), None)
    if kind is None:
        raise ApplicationError(_("The file's content does not match its type."), field=field)
    return name, kind
