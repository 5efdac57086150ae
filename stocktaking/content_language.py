"""Which language an entry's texts are shown in: the page's language when a translation into it
exists, otherwise the original, always with the language it is in (for the `lang` attribute)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from stocktaking.models import Entry, EntryTranslation
from wsis_portal.i18n import column_suffix


@dataclass(frozen=True)
class Shown:
    language: str  # an entry language code (en, fr, es, ru, ar, zh)
    title: str
    short_description: str
    description: str
    translated: bool
    description_language: str  # a translation without the full description shows the original's

    @property
    def direction(self) -> str:
        return "rtl" if self.language == "ar" else "ltr"


def shown(entry: Entry, translation: EntryTranslation | None, *, full: bool = True) -> Shown:
    """`full=False` for lists, which show no full description (lists defer that column)."""
    if translation is None:
        lang = entry.original_language
        return Shown(lang, entry.title, entry.short_description, entry.description if full else "", False, lang)
    own_description = full and bool(translation.description)
    return Shown(
        translation.language,
        translation.title,
        translation.short_description,
        translation.description if own_description else (entry.description if full else ""),
        True,
        translation.language if own_description else entry.original_language,
    )


def shown_in(entry: Entry, page_language: str) -> Shown:
    """For one entry whose translations are prefetched (entry pages): no query."""
    suffix = column_suffix(page_language)
    if entry.original_language == suffix:
        return shown(entry, None)
    return shown(entry, next((t for t in entry.translations.all() if t.language == suffix), None))


def shown_for_page(entries: Iterable[Entry], page_language: str) -> dict[int, Shown]:
    """For a page of results: 1 query (the translations into the page's language of the entries
    not written in it), none when every entry is in that language already."""
    suffix = column_suffix(page_language)
    entries = list(entries)
    wanted = [entry.pk for entry in entries if entry.original_language != suffix]
    translations = {}
    if wanted:
        translations = {
            t.entry_id: t
            for t in EntryTranslation.objects.filter(entry_id__in=wanted, language=suffix).only(
                "entry_id", "language", "title", "short_description"
            )
        }
    return {entry.pk: shown(entry, translations.get(entry.pk), full=False) for entry in entries}
