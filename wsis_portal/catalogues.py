"""The translation catalogues: extract, compile and check them.

    python -m wsis_portal.catalogues extract   # `make messages`: refresh every .po from the code
    python -m wsis_portal.catalogues compile   # .po -> .mo where stale (boot does it before any command)
    python -m wsis_portal.catalogues check     # untranslated, fuzzy or broken entries; exit 1 if any

Compiling uses Babel, so a machine without GNU gettext still builds the catalogues; extracting uses
Django's `makemessages`, which needs GNU gettext (xgettext, msgmerge), a developer's tool.
The interface catalogue is `locale/`; the annual report's fixed text has its own catalogue in
`reports/locale/` (editorial wording reviewed apart from the interface), so `extract` leaves its
sources out of the interface catalogue. No Django import at module level: boot calls `compile_all`.
"""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

BASE_DIR = Path(__file__).resolve().parent.parent
# Folders of the catalogues, as gettext names them (Django's `zh-hans` is `zh_Hans`).
LANGUAGE_FOLDERS = ("ar", "zh_Hans", "fr", "ru", "es")
# What the interface catalogue does not take: tools, tests, and the report's own catalogue's sources.
EXTRACT_IGNORE = (
    ".venv/*",
    "tests/*",
    "bench/*",
    "deploy/*",
    # The report's own catalogue and its sources: without ignoring reports/locale, makemessages would
    # file every string of reports/ into that nearest locale folder.
    "reports/locale",
    "reports/compile/*",
    "reports/document/terms.py",
)

_PRINTF = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")
_BRACE = re.compile(r"\{[^{}\s]*\}")
# The number a plural form is chosen by: a language's singular may leave it out ("une fiche").
_COUNTS = {"%(count)s", "%(count)d", "%(counter)s", "%(counter)d", "%(n)s", "%(n)d", "%d", "%s"}
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b")


def catalogue_files(base: Path = BASE_DIR) -> list[Path]:
    """Every .po of the project: `locale/` and the apps' own `<app>/locale/`."""
    found = sorted(base.glob("locale/*/LC_MESSAGES/*.po")) + sorted(base.glob("*/locale/*/LC_MESSAGES/*.po"))
    return [path for path in found if ".venv" not in path.parts]


def read_catalogue(po_path: Path) -> tuple[Catalog, list[str]]:
    """The catalogue and what Babel found wrong while reading it (it prints those; we keep them)."""
    from babel.messages.pofile import read_po

    printed = io.StringIO()
    with po_path.open("rb") as source, contextlib.redirect_stdout(printed):
        catalog = read_po(source, locale=po_path.parent.parent.name)
    return catalog, [line for line in printed.getvalue().splitlines() if line.startswith("WARNING: Problem")]


def compile_catalogue(po_path: Path) -> Path:
    from babel.messages.mofile import write_mo

    catalog, _warnings = read_catalogue(po_path)
    mo_path = po_path.with_suffix(".mo")
    partial = mo_path.with_suffix(".mo.tmp")
    with partial.open("wb") as target:
        write_mo(target, catalog, use_fuzzy=False)
    partial.replace(mo_path)  # a server reading the old file never sees half a new one
    return mo_path


def compile_all(base: Path = BASE_DIR, *, force: bool = False) -> list[Path]:
    """Compile the catalogues whose .mo is missing or older than the .po; returns those compiled."""
    compiled = []
    for po_path in catalogue_files(base):
        mo_path = po_path.with_suffix(".mo")
        if force or not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            compiled.append(compile_catalogue(po_path))
    return compiled


def _placeholders(text: str) -> Counter[str]:
    found = Counter(m.group(0) for m in _PRINTF.finditer(text) if m.group(0) != "%%")
    found.update(m.group(0) for m in _BRACE.finditer(text))
    found.update(f"<{m.group(1).lower()}>" for m in _TAG.finditer(text))
    return found


def problems(po_path: Path) -> list[str]:
    """What is wrong with one catalogue: entries untranslated, fuzzy, or whose placeholders or HTML
    tags differ from the English (a translation that drops `%(count)s` breaks the page)."""
    catalog, warnings = read_catalogue(po_path)
    found = [f"{po_path.name} ({po_path.parent.parent.name}): {warning}" for warning in warnings]
    for message in catalog:
        if not message.id:
            continue
        ids = tuple(message.id) if isinstance(message.id, (tuple, list)) else (str(message.id),)
        strings = tuple(message.string or "") if isinstance(message.string, (tuple, list)) else (message.string or "",)
        label = f"{po_path.relative_to(BASE_DIR) if po_path.is_relative_to(BASE_DIR) else po_path}: {ids[0]!r}"
        if message.fuzzy:
            found.append(f"{label} is fuzzy")
        if any(not s for s in strings):
            found.append(f"{label} is not translated")
            continue
        expected = _placeholders(ids[-1])
        for string in strings:
            # Plural forms may drop the count in a language's singular ("un élément"); never add one.
            got = _placeholders(string)
            if len(ids) > 1 and got - expected == Counter() and set(expected) - set(got) <= _COUNTS:
                continue
            if got != expected:
                found.append(f"{label}: placeholders or tags {sorted(got.elements())} != {sorted(expected.elements())}")
    return found


def extract() -> None:
    command = [sys.executable, str(BASE_DIR / "manage.py"), "makemessages", "--no-obsolete", "--add-location", "file"]
    for folder in LANGUAGE_FOLDERS:
        command += ["-l", folder]
    for pattern in EXTRACT_IGNORE:
        command += ["--ignore", pattern]
    subprocess.run(command, check=True, cwd=BASE_DIR)


def main(argv: list[str]) -> int:
    action = argv[0] if argv else "compile"
    if action == "extract":
        extract()
        return 0
    if action == "compile":
        for mo_path in compile_all(force="--force" in argv):
            print(f"compiled {mo_path.relative_to(BASE_DIR)}")
        return 0
    if action == "check":
        found = [problem for po_path in catalogue_files() for problem in problems(po_path)]
        for problem in found:
            print(problem)
        print(f"{len(found)} problem(s) in {len(catalogue_files())} catalogue(s)")
        return 1 if found else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
