"""Rich text and uploaded documents of consultations and events, checked before anything is stored.

Rich text goes through `wsis_portal.richtext`, like every app's. Documents have a type list of their
own (PDF, Word, OpenDocument, RTF), checked by extension and first bytes, with a size limit.
"""

from __future__ import annotations

import os
import re
from html import unescape
from typing import Any

import nh3
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from wsis_portal import richtext
from wsis_portal.errors import ApplicationError

# extension -> (type recorded, accepted first bytes)
FILE_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    ".odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    ".rtf": ("application/rtf", (b"{\\rtf",)),
}


def max_file_bytes() -> int:
    return int(getattr(settings, "CONSULTATION_FILE_MAX_BYTES", 10 * 1024 * 1024))


sanitise_html = richtext.sanitise_html  # one sanitiser for every app's rich text


def plain_text(html: str) -> str:
    """The words of sanitised HTML, for the iCalendar feed and the API's summaries."""
    text = re.sub(r"</(p|li|h3|h4|blockquote)>|<br\s*/?>", "\n", html or "")
    text = nh3.clean(text, tags=set())
    return re.sub(r"\n{3,}", "\n\n", unescape(text)).strip()


def has_words(html: str) -> bool:
    return bool(plain_text(html))


def check_upload(upload: Any, *, field: str = "file") -> tuple[str, str]:
    """(file name, content type) of an acceptable document; ApplicationError naming `field` otherwise."""
    name = os.path.basename(getattr(upload, "name", "") or "")[:200]
    extension = os.path.splitext(name)[1].lower()
    if extension not in FILE_TYPES:
        raise ApplicationError(_("Send a PDF, Word (.docx), OpenDocument (.odt) or RTF file."), field=field)
    limit = max_file_bytes()
    if upload.size > limit:
        raise ApplicationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            field=field,
        )
    if upload.size == 0:
        raise ApplicationError(_("The file is empty."), field=field)
    content_type, magics = FILE_TYPES[extension]
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in magics):
        raise ApplicationError(
            _("The file's content is not a %(kind)s document.") % {"kind": extension[1:].upper()}, field=field
        )
    return name, content_type
