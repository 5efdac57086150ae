"""{% compile_draft_form cycle %}: the "Compile draft" form on a reporting cycle's page."""

from __future__ import annotations

from typing import Any

from django import template

from compilation import forms

register = template.Library()


@register.inclusion_tag("compilation/_compile_form.html")
def compile_draft_form(cycle: Any) -> dict[str, Any]:
    return {"cycle": cycle, "form": forms.CompileForm()}
