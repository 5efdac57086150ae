"""The report's own translation catalogue: reports/locale/<ar|zh_Hans|fr|ru|es>/LC_MESSAGES/django.po.

Its messages carry the gettext context "annual report" and live only in reports/compile/ (the project's
catalogue under locale/ excludes that directory). `make report-messages` extracts them again
(django-admin makemessages run inside reports/, see README "Annual report"); the .po files are
translated by hand into the five languages. The .mo files are not committed: `compile_catalogue()`
writes them with Babel (the portal's boot compiles every catalogue, the tests call it in a fixture).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LOCALE_DIRS = {"ar": "ar", "zh-hans": "zh_Hans", "fr": "fr", "ru": "ru", "es": "es"}


def po_path(language: str) -> Path | None:
    directory = LOCALE_DIRS.get(language)
    return LOCALE_DIR / directory / "LC_MESSAGES" / "django.po" if directory else None


def digest(language: str) -> str:
    """sha256 of the language's catalogue (empty for English, whose text is the source)."""
    path = po_path(language)
    if path is None or not path.exists():
        return ""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def compile_catalogue() -> list[Path]:
    """Write each .mo next to its .po when missing or older; returns the files written. Resets Django's
    translation cache so the running process sees them."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for language in LOCALE_DIRS:
        po = po_path(language)
        assert po is not None
        if not po.exists():
            continue
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalog = read_po(source, locale=LOCALE_DIRS[language])
        tmp = mo.with_suffix(".mo.tmp")
        with tmp.open("wb") as target:
            write_mo(target, catalog)
        tmp.replace(mo)
        written.append(mo)
    if written:
        from django.utils.translation import trans_real

        trans_real._translations = {}
        trans_real._default = None
    return written
