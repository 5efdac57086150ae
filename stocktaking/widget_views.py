"""The Atom feed of a search, the embeddable widget and the page that builds its snippet.

/<lang>/widget/v1/stocktaking/ is a published contract: other sites paste it into their pages and
will not update them. Its parameters are the search page's (documented on the builder page);
a change that would break an embedded widget goes to /widget/v2/, never into v1.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_http_methods

from stocktaking import content_language, feeds, filters, search
from stocktaking.models import Entry
from wsis_portal import permissions

WIDGET_PAGE_SIZE = 20
DEFAULT_HEIGHT = 600
MIN_HEIGHT, MAX_HEIGHT = 200, 3000
BUILDER_GROUPS = ("action_line", "country", "region", "stakeholder_type")  # the others ride along unseen
PRESETS = [
    # (label, query string): reviewed examples, shown as links on the builder page
    ("one_country", "country=SEN"),
    ("un_agencies", "stakeholder_type=international_organisation"),  # how UNGIS members' entries are typed
]


@require_http_methods(["GET"])
def widget_builder(request: HttpRequest) -> HttpResponse:
    """Choose filters and a height, copy the <iframe> snippet, see it live. 0 queries once the
    reference tables are in memory (the choices are the filters' own code tables)."""
    permissions.require(request.user, "stocktaking.entry.view")
    language = request.LANGUAGE_CODE
    parsed = filters.parse(request.GET)
    embedded = filters.Query(filters=parsed.filters)  # the frame's own search box holds the words
    height, height_error = _height(request.GET.get("height"))
    frame_path = _with_query(reverse("stocktaking_widget:widget-frame"), feeds.state(embedded))
    frame_title = feeds.feed_title(embedded, language=language)
    # A plain str (not a SafeString), so that the template escapes it once more inside <textarea>:
    # what the visitor copies is then this exact HTML, &amp; and all.
    src, title = escape(request.build_absolute_uri(frame_path)), escape(frame_title)
    snippet = f'<iframe src="{src}" title="{title}" width="100%" height="{height}" loading="lazy"></iframe>'
    groups = []
    labels = filters.facet_labels()
    for group in BUILDER_GROUPS:
        chosen = set(embedded.filters.get(group, []))
        groups.append(
            {
                "name": group,
                "label": labels[group],
                "choices": [
                    {"code": code, "label": label, "selected": code in chosen}
                    for code, label in feeds.reference_choices(group, language)
                ],
            }
        )
    kept = filters.Query(filters={g: v for g, v in embedded.filters.items() if g not in BUILDER_GROUPS})
    context = {
        "groups": groups,
        "hidden": [(g, code) for g, codes in kept.filters.items() for code in codes],
        "kept_summary": feeds.describe(kept, language=language),
        "ignored": _ignored(request, parsed),
        "height": height,
        "height_error": height_error,
        "min_height": MIN_HEIGHT,
        "max_height": MAX_HEIGHT,
        "snippet": snippet,
        "frame_path": frame_path,
        "frame_title": frame_title,
        "presets": _presets(),
        "parameters": _parameters(language),
        "feed_path": _with_query(reverse("stocktaking_widget:feed"), feeds.state(parsed)),
    }
    return render(request, "stocktaking/widget_builder.html", context)


@xframe_options_exempt
@require_http_methods(["GET"])
def widget_frame(request: HttpRequest) -> HttpResponse:
    """The widget inside another site's <iframe>: a search box over the embedded filters and the
    matching published entries, 20 a page. 2 queries (count, rows) once the reference tables are
    in memory; 1 when nothing matches."""
    permissions.require(request.user, "stocktaking.entry.view")
    language = request.LANGUAGE_CODE
    query = filters.parse(request.GET)
    page = Paginator(feeds.widget_entries(query, language=language), WIDGET_PAGE_SIZE).get_page(request.GET.get("page"))
    shown = content_language.shown_for_page(page, language)  # +1 query: translations into the page's language
    rows = [
        {
            "entry": entry,
            "shown": shown[entry.pk],
            "url": request.build_absolute_uri(entry.get_absolute_url()),
            "organisation": entry.organisation,
            **filters.labels_for_entry(entry, language),
        }
        for entry in page
    ]
    # The embedding site's filters stay fixed while visitors search inside the frame: they travel
    # as hidden inputs, and so does a sort the embedder chose explicitly.
    hidden = [(group, code) for group, codes in query.filters.items() for code in codes]
    if request.GET.get("sort") in filters.SORTS and request.GET["sort"] != "relevance":
        hidden.append(("sort", query.sort))
    context = {
        "query": query,
        "page": page,
        "rows": rows,
        "hidden": hidden,
        "state": feeds.state(query),
        "heading": feeds.feed_title(dataclasses.replace(query, q=""), language=language),
        "portal_url": request.build_absolute_uri(_with_query(reverse("stocktaking:search"), feeds.state(query))),
    }
    response = render(request, "stocktaking/widget_frame.html", context)
    # Any site may frame this page (and only this one): the header set here wins over the site
    # middleware's setdefault, and X-Frame-Options is left out by xframe_options_exempt.
    response.headers["Content-Security-Policy"] = embeddable_policy(settings.CONTENT_SECURITY_POLICY)
    return response


def embeddable_policy(policy: str) -> str:
    """The site's Content-Security-Policy with `frame-ancestors *` in place of its own value."""
    directives = [directive.strip() for directive in policy.split(";") if directive.strip()]
    kept = [d for d in directives if d.split()[0].lower() != "frame-ancestors"]
    return "; ".join([*kept, "frame-ancestors *"])


def _height(raw: str | None) -> tuple[int, str]:
    if raw is None or raw.strip() == "":
        return DEFAULT_HEIGHT, ""
    value = raw.strip().removesuffix("px")
    if value.isascii() and value.isdigit() and MIN_HEIGHT <= int(value) <= MAX_HEIGHT:
        return int(value), ""
    message = _("The height must be a whole number of pixels from %(min)s to %(max)s; %(default)s is used.") % {
        "min": MIN_HEIGHT,
        "max": MAX_HEIGHT,
        "default": DEFAULT_HEIGHT,
    }
    return DEFAULT_HEIGHT, message


def _ignored(request: HttpRequest, parsed: filters.Query) -> list[str]:
    """Values of the request's filters that are not known codes (shown so that a typo is seen)."""
    ignored = []
    for group in filters.GROUPS:
        known = {code.upper() for code in parsed.filters.get(group, [])}
        for value in request.GET.getlist(group):
            text = value.strip()
            if text and text.upper() not in known:
                ignored.append(f"{group}={text[:40]}")
    return ignored[:20]


def _presets() -> list[dict[str, str]]:
    labels = {
        "one_country": _("One country's entries (Senegal)"),
        "un_agencies": _("The UN agencies' activities (entries of international organisations)"),
    }
    builder = reverse("stocktaking_widget:widget-builder")
    return [{"label": labels[key], "href": f"{builder}?{query}"} for key, query in PRESETS]


def _parameters(language: str) -> list[dict[str, Any]]:
    """The documented parameters of /widget/v1/stocktaking/ (and of the feed and search page)."""
    stakeholder_types = ", ".join(code for code, _label in feeds.reference_choices("stakeholder_type", language))
    return [
        {"name": "q", "values": _("Words, a “quoted phrase”, -excluded word"), "example": "q=broadband"},
        {
            "name": "action_line",
            "values": _("Action line code: C1 to C11, C7.1 to C7.8 (C7 takes all its e-applications)"),
            "example": "action_line=C7.4",
        },
        {"name": "sdg", "values": _("Sustainable Development Goal number, 1 to 17"), "example": "sdg=4"},
        {"name": "region", "values": _("UN M49 region or sub-region code"), "example": "region=002"},
        {"name": "country", "values": _("ISO 3166 alpha-3 code of a country or area"), "example": "country=SEN"},
        {"name": "stakeholder_type", "values": stakeholder_types, "example": "stakeholder_type=government"},
        {
            "name": "activity_type",
            "values": ", ".join(search.FACETS["activity_type"].choices),
            "example": "activity_type=project",
        },
        {"name": "status", "values": ", ".join(Entry.Status.values), "example": "status=ongoing"},
        {"name": "year", "values": _("Year of the activity's start, e.g. 2024"), "example": "year=2024"},
        {
            "name": "sort",
            "values": _("newest (default), title, relevance (default with words)"),
            "example": "sort=title",
        },
        {"name": "page", "values": _("Page number, 20 entries a page"), "example": "page=2"},
    ]


def _with_query(path_: str, query_string: str) -> str:
    return f"{path_}?{query_string}" if query_string else path_


app_name = "stocktaking_widget"

urlpatterns = [
    path("stocktaking/feed/", feeds.EntryFeed(), name="feed"),
    path("stocktaking/widget/", widget_builder, name="widget-builder"),
    path("widget/v1/stocktaking/", widget_frame, name="widget-frame"),
]
