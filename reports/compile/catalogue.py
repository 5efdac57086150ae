"""The report's own translation catalogue: reports/locale/<ar|zh_Hans|fr|ru|es>/LC_MESSAGES/django.po.

Its messages carry the gettext context "annual report" and are written only in reports/compile/ (as
`t("...")` or `mark("...")`) and reports/document/terms.py (`mark("...")`); the project's catalogue
under locale/ excludes reports/compile/. `make report-messages` (python -m reports.compile.catalogue)
extracts them again with Babel and updates the five .po files, keeping their translations; new
messages arrive with an empty msgstr, which the tests refuse until translated by hand.

The .mo files are not committed: `compile_catalogue()` writes them with Babel when missing or older
than their .po. `ensure_compiled()` does so once per process before the first report is built (the
portal's boot compiles every catalogue too).
"""

from __future__ import annotations

import datetime
import hashlib
import sys
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
SOURCES = [Path(__file__).resolve().parent, Path(__file__).resolve().parent.parent / "document" / "terms.py"]
CONTEXT = "annual report"
LOCALE_DIRS = {"ar": "ar", "zh-hans": "zh_Hans", "fr": "fr", "ru": "ru", "es": "es"}


def po_path(language: str) -> Path | None:
    directory = LOCALE_DIRS.get(language)
    return LOCALE_DIR / directory / "LC_MESSAGES" / "django.po" if directory else None


_digests: dict[tuple[str, float], str] = {}


def digest(language: str) -> str:
    """sha256 of the language's translations (msgctxt, msgid, msgstr; not the comments or line numbers);
    empty for English, whose text is the source. Kept per file modification time."""
    from babel.messages.pofile import read_po

    path = po_path(language)
    if path is None or not path.exists():
        return ""
    key = (language, path.stat().st_mtime)
    if key not in _digests:
        with path.open("rb") as source:
            catalog = read_po(source, locale=LOCALE_DIRS[language])
        pairs = sorted((m.context or "", str(m.id), str(m.string)) for m in catalog if m.id)
        _digests[key] = hashlib.sha256(repr(pairs).encode()).hexdigest()
    return _digests[key]


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

        trans_real._translations = {}  # type: ignore[attr-defined]
        trans_real._default = None  # type: ignore[attr-defined]
    return written


_compiled = False
HEADER = (
    '# The fixed text of the annual report and of the stocktaking report (gettext context "annual report").\n'
    "# Updated by `make report-messages`; translated by hand with the UN's terminology (UNTERM)."
)
FIXED_DATE = datetime.datetime(2026, 11, 22, tzinfo=datetime.UTC)


def ensure_compiled() -> None:
    """Compile the catalogue once per process (a stat of five files when up to date)."""
    global _compiled
    if not _compiled:
        compile_catalogue()
        _compiled = True


def extract() -> list[tuple[str, str]]:
    """Every (msgid, location) written as t("...") or mark("...") in the sources, in file order."""
    from babel.messages.extract import extract_from_file

    found: list[tuple[str, str]] = []
    files = sorted(p for source in SOURCES for p in ([source] if source.is_file() else source.glob("*.py")))
    for path in files:
        for lineno, message, _comments, _context in extract_from_file(
            "python", str(path), keywords={"t": None, "mark": None}
        ):
            if isinstance(message, str):
                found.append((message, f"{path.relative_to(LOCALE_DIR.parent.parent)}:{lineno}"))
    return found


def update() -> dict[str, int]:
    """Rewrite each .po with the messages extracted, keeping existing translations; returns per language
    the number of messages still untranslated."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    messages = extract()
    missing = {}
    for language, directory in LOCALE_DIRS.items():
        po = po_path(language)
        assert po is not None
        old = None
        if po.exists():
            with po.open("rb") as source:
                old = read_po(source, locale=directory)
        catalog = Catalog(
            locale=directory,
            project="WSIS portal: annual report",
            version="1",
            charset="utf-8",
            fuzzy=False,
            header_comment=HEADER,
            creation_date=FIXED_DATE,
            revision_date=FIXED_DATE,
            language_team="WSIS portal secretariat",
            last_translator="WSIS portal secretariat",
            msgid_bugs_address="",
        )
        for msgid, location in messages:
            previous = old.get(msgid, CONTEXT) if old is not None else None
            file, line = location.rsplit(":", 1)
            existing = catalog.get(msgid, CONTEXT)
            if existing is not None:
                existing.locations.append((file, int(line)))
                continue
            catalog.add(msgid, previous.string if previous else "", [(file, int(line))], context=CONTEXT)
        po.parent.mkdir(parents=True, exist_ok=True)
        with po.open("wb") as target:
            write_po(target, catalog, width=100, omit_header=False, sort_output=False, include_lineno=False)
        missing[language] = sum(1 for message in catalog if message.id and not message.string)
    return missing


def untranslated() -> dict[str, list[str]]:
    """Per language, the messages of the sources without a translation (or fuzzy) in its .po."""
    from babel.messages.pofile import read_po

    wanted = {msgid for msgid, _location in extract()}
    out = {}
    for language, directory in LOCALE_DIRS.items():
        po = po_path(language)
        assert po is not None
        with po.open("rb") as source:
            catalog = read_po(source, locale=directory)
        out[language] = sorted(
            msgid for msgid in wanted if (m := catalog.get(msgid, CONTEXT)) is None or not m.string or m.fuzzy
        )
    return out


def main() -> None:
    """`make report-messages`: extract, update the five .po files, say what is left to translate."""
    result = update()
    for language, count in result.items():
        print(f"{language}: {count} untranslated")
    sys.exit(1 if any(result.values()) else 0)
