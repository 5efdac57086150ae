"""Reference data is stored with one column per UN language (name_en, name_fr, ...)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language

# Column suffix for each language code of settings.LANGUAGES.
COLUMN_SUFFIX = {"ar": "ar", "zh-hans": "zh", "en": "en", "fr": "fr", "ru": "ru", "es": "es"}
SUFFIXES = ("en", "fr", "es", "ru", "ar", "zh")


def column_suffix(language: str | None = None) -> str:
    language = (language or get_language() or "en").lower()
    if language.startswith("zh"):
        return "zh"
    return COLUMN_SUFFIX.get(language, COLUMN_SUFFIX.get(language.split("-")[0], "en"))


def localized(obj: Any, field: str, language: str | None = None) -> str:
    """The value of `field` in the active language, falling back to English when it is empty."""
    value = getattr(obj, f"{field}_{column_suffix(language)}", "")
    return value or getattr(obj, f"{field}_en", "")
