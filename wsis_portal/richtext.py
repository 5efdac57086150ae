"""Rich text typed by users (entries' and contributions' descriptions), stored as sanitised HTML."""

from __future__ import annotations

import nh3
from django.utils.html import linebreaks

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "h3", "h4", "blockquote"}


def sanitise_html(text: str) -> str:
    """Rich text as safe HTML: plain text becomes paragraphs; script, styles and handlers are removed."""
    text = (text or "").strip()
    if not text:
        return ""
    if "<" not in text:
        text = linebreaks(text)
    return nh3.clean(text, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}}, link_rel="noopener nofollow")
