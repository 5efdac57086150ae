"""The report's own catalogue: every fixed text translated into the five other languages, no fuzzy entry,
the same placeholders in the translation as in the English text."""

from __future__ import annotations

import re

from babel.messages.pofile import read_po

from reports.compile import catalogue

PLACEHOLDER = re.compile(r"%\((\w+)\)s|\{(\w+)\}")
# Languages write the ordinal of the General Assembly's session from its number (81e, 81-я, 第81届).
ALTERNATIVES = {"ordinal": {"number"}}


def _names(text: str) -> set[str]:
    return {a or b for a, b in PLACEHOLDER.findall(text)}


def test_every_message_is_translated_and_none_fuzzy() -> None:
    assert catalogue.untranslated() == {language: [] for language in catalogue.LOCALE_DIRS}
    for language in catalogue.LOCALE_DIRS:
        path = catalogue.po_path(language)
        assert path is not None
        with path.open("rb") as source:
            catalog = read_po(source, locale=catalogue.LOCALE_DIRS[language])
        assert not catalog.fuzzy
        for message in catalog:
            if not message.id:
                continue
            assert message.context == catalogue.CONTEXT
            assert message.string and not message.fuzzy, (language, message.id)
            wanted = _names(str(message.id))
            for name, others in ALTERNATIVES.items():
                if name in wanted:
                    wanted = (wanted - {name}) | others
            assert _names(str(message.string)) == wanted, (language, message.id, message.string)


def test_the_catalogue_is_what_the_sources_say() -> None:
    """`make report-messages` would not change the messages (only comments and line numbers)."""
    extracted = {msgid for msgid, _location in catalogue.extract()}
    path = catalogue.po_path("fr")
    assert path is not None
    with path.open("rb") as source:
        catalog = read_po(source, locale="fr")
    assert {str(m.id) for m in catalog if m.id} == extracted


def test_compiled_catalogue_translates_in_django() -> None:
    from django.utils import translation
    from django.utils.translation import pgettext

    catalogue.ensure_compiled()
    expected = {"fr": "Résumé", "ar": "موجز", "zh-hans": "摘要", "ru": "Резюме", "es": "Resumen", "en": "Summary"}
    for language, word in expected.items():
        with translation.override(language):
            assert pgettext("annual report", "Summary") == word
