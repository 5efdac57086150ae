"""The forms that start a compilation: the language (annual report of a cycle), or year and
language (stocktaking report)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The six UN languages in the UN's order, named in their own script (the report's language, not the page's).
LANGUAGE_NAMES = [
    ("ar", "العربية"),
    ("zh-hans", "中文"),
    ("en", "English"),
    ("fr", "Français"),
    ("ru", "Русский"),
    ("es", "Español"),
]


class CompileForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the draft"), choices=LANGUAGE_NAMES, initial="en")


class StocktakingCompileForm(CompileForm):
    year = forms.IntegerField(label=_("Year of the entries"), min_value=2003)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = timezone.now().year
        year = self.fields["year"]
        year.validators.append(MaxValueValidator(this_year))
        year.widget.attrs["max"] = str(this_year)
        year.initial = this_year - 1
