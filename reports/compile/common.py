"""Helpers shared by the two builders: fixed text, numbers, paragraphs from submitted text, footnotes."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal
from django.urls import reverse
from django.utils.translation import pgettext

from reports.document import model as m
from reports.document.terms import mark

__all__ = ["mark"]

CONTEXT = "annual report"  # the gettext context of every fixed text of the reports (reports/locale)
Progress = Callable[[str, int, int], None]

_TAGS = re.compile(r"<[^>]+>")
_BLANK_LINE = re.compile(r"\n\s*\n")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def t(text: str) -> str:
    """A fixed text of the report in the active language (gettext context "annual report")."""
    return pgettext(CONTEXT, text)


def babel_locale(language: str) -> str:
    return {"zh-hans": "zh_Hans_CN"}.get(language, language)


def number(value: int | Decimal | float, language: str, decimals: int = 0) -> str:
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=babel_locale(language))


DATE_PATTERNS = {
    "en": "d MMMM y",
    "fr": "d MMMM y",
    "es": "d 'de' MMMM 'de' y",
    "ru": "d MMMM y 'г.'",
    "ar": "d MMMM y",
    "zh-hans": "y年M月d日",
}


def long_date(value: datetime.date, language: str, pattern: str = "") -> str:
    """A date as UN documents write it in `language` ("14 December 2010", "14 décembre 2010")."""
    return format_date(value, pattern or DATE_PATTERNS.get(language, "d MMMM y"), locale=babel_locale(language))


def paragraphs(text: str) -> list[str]:
    """Plain paragraphs of a submitted text: tags stripped, blank lines separate paragraphs, runs of
    spaces folded, characters a document cannot carry removed."""
    text = _FORBIDDEN.sub("", _TAGS.sub(" ", text or "").replace("\r\n", "\n"))
    out = []
    for chunk in _BLANK_LINE.split(text):
        folded = " ".join(_SPACES.sub(" ", line).strip() for line in chunk.split("\n")).strip()
        if folded:
            out.append(folded)
    return out


def report_link(report_id: int, label: str) -> m.SourceLink:
    """The submission's page on the portal (the HTML links each paragraph drawn from it there)."""
    return m.SourceLink(text=label, url=reverse("reports:report-detail", kwargs={"pk": report_id}), label=label)


class CompileError(ValueError):
    """The report cannot be compiled as things stand (the message says what to do)."""


class Footnotes:
    """Footnotes collected while building: one per key, defined once, referenced from anywhere."""

    def __init__(self) -> None:
        self._notes: dict[str, m.Footnote] = {}

    def ref(self, key: str, *runs: m.Inline | str) -> m.FootnoteRef:
        if key not in self._notes:
            self._notes[key] = m.Footnote(key, tuple(m.Text(r) if isinstance(r, str) else r for r in runs))
        return m.FootnoteRef(key)

    def used(self, document_runs: set[str]) -> tuple[m.Footnote, ...]:
        return tuple(note for key, note in self._notes.items() if key in document_runs)

    def all(self) -> tuple[m.Footnote, ...]:
        return tuple(self._notes.values())


class Steps:
    """Calls `progress(step, done, total)` as each step starts."""

    def __init__(self, progress: Progress | None, names: list[str]) -> None:
        self.progress, self.names, self.done = progress, names, 0

    def start(self, name: str) -> None:
        if self.progress is not None:
            self.progress(name, self.done, len(self.names))
        self.done += 1
