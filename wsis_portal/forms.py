from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class CleanTextMixin:
    """Refuse NUL bytes and other control characters in any text field, with a message per field
    (PostgreSQL cannot store NUL; the rest is never what a person meant to type)."""

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean()  # type: ignore[misc]
        for name, value in list(data.items()):
            if isinstance(value, str) and any(ord(ch) < 32 and ch not in "\t\n\r" for ch in value):
                self.add_error(name, forms.ValidationError(_("Remove the control characters from this text.")))  # type: ignore[attr-defined]
        return data
