"""The fixed words of a UN document in the six official languages, as the UN prints them (the
translations are in the report's catalogue, reports/locale).

These are editorial conventions of the Organization (masthead, organ names, "Report of the
Secretary-General"), not interface strings: the Arabic, Chinese and Russian versions keep the masthead
block ("Distr.: General", the date, "Original: English") in English, as the UN's own documents do.
"""

from __future__ import annotations

import datetime

from babel.dates import format_date
from django.utils import translation
from django.utils.translation import pgettext

CONTEXT = "annual report"


def mark(text: str) -> str:
    """Marks a fixed text for the report's catalogue (extracted by reports.compile.catalogue)."""
    return text


# English source text of each term; the other languages come from the report's catalogue
# (reports/locale, gettext context "annual report"), looked up under translation.override.
TERMS: dict[str, str] = {
    "united_nations": mark("United Nations"),
    "general_assembly": mark("General Assembly"),
    "ecosoc": mark("Economic and Social Council"),
    "distribution": mark("Distr.: General"),
    "original": mark("Original: {name}"),
    "report_of_the_secretary_general": mark("Report of the Secretary-General"),
    "stocktaking_report": mark("Report on the WSIS Stocktaking"),
    "summary": mark("Summary"),
    "annex": mark("Annex"),
    "notes": mark("Notes"),
    "back_to_text": mark("Back to the text"),
    "paragraph": mark("Paragraph {n}"),
    "chart_data": mark("Data of the chart"),
    "source": mark("Source"),
}

# Language names: on the masthead, "Original: English" and, when the version is a translation, the
# version's own language on the line above ("Français" / "Original : anglais").
LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "en": {"ar": "Arabic", "zh-hans": "Chinese", "en": "English", "fr": "French", "ru": "Russian", "es": "Spanish"},
    "fr": {"ar": "arabe", "zh-hans": "chinois", "en": "anglais", "fr": "français", "ru": "russe", "es": "espagnol"},
    "es": {"ar": "árabe", "zh-hans": "chino", "en": "inglés", "fr": "francés", "ru": "ruso", "es": "español"},
}
# The masthead of the Arabic, Chinese and Russian versions is in English.
MASTHEAD_LANGUAGE = {"en": "en", "fr": "fr", "es": "es", "ru": "en", "ar": "en", "zh-hans": "en"}
DATE_PATTERNS = {"en": "d MMMM y", "fr": "d MMMM y", "es": "d 'de' MMMM 'de' y"}


def term(key: str, language: str, **values: object) -> str:
    """The term in `language` (a code of model.LANGUAGES), from the report's catalogue."""
    from reports.compile.catalogue import ensure_compiled

    ensure_compiled()
    with translation.override(language):
        text = pgettext(CONTEXT, TERMS[key])
    return text.format(**values) if values else text


def masthead_date(date: datetime.date, language: str) -> str:
    masthead = MASTHEAD_LANGUAGE[language]
    return format_date(date, DATE_PATTERNS[masthead], locale=masthead)


def masthead_languages(language: str, original: str) -> list[str]:
    """The language lines of the masthead: ["Français", "Original : anglais"] or ["Original: English"]."""
    masthead = MASTHEAD_LANGUAGE[language]
    names = LANGUAGE_NAMES[masthead]
    lines = []
    if original != language:
        lines.append(names[language][:1].upper() + names[language][1:])
    lines.append(term("original", masthead, name=names[original]))
    return lines
