"""Syndication of a stocktaking search: the Atom feed of a filter, and the reads that the
embeddable widget (stocktaking.widget_views) shares with it. Both take the search state from the
URL exactly as the search page does (filters.parse), so a feed or widget address is the search
page's query string on another path."""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from stakeholders.models import Region
from stocktaking import filters
from stocktaking.models import Entry
from wsis_portal import permissions
from wsis_portal.i18n import localized

FEED_SIZE = 50
# XML 1.0 cannot carry these (Django's XML writer raises on them) and they mean nothing to a reader.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# ---------------------------------------------------------------------------------------------
# Selectors


def feed_entries(query: filters.Query, *, language: str) -> list[Entry]:
    """The FEED_SIZE newest published entries of a search, whatever its sort. 1 query.

    Organisation joined (the author); categories and countries come from the facet columns.
    """
    newest = dataclasses.replace(query, sort="newest")
    return list(
        filters.published_entries(newest, language=language)
        .select_related("organisation")
        .defer(*filters.UNSHOWN)[:FEED_SIZE]
    )


def widget_entries(query: filters.Query, *, language: str) -> QuerySet[Entry]:
    """Published entries of a search in its order, with their organisation. 0 queries until
    evaluated; a page of them costs 2 (count, rows)."""
    return filters.published_entries(query, language=language).select_related("organisation").defer(*filters.UNSHOWN)


def reference_choices(group: str, language: str) -> list[tuple[str, str]]:
    """(code, label) of the values a filter group accepts, in the reader's language. 0 queries
    once the in-process reference tables are loaded (4 queries when they are cold).

    The codes are the ones filters.parse accepts, so a choice made here always survives the URL.
    """
    rows = _reference_rows(group)
    if group == "action_line":
        return [(row["code"], _label(group, row["code"], language)) for row in sorted(rows, key=_sort_key)]
    if group == "region":  # the world and the groupings match no entry through the region facet
        rows = [row for row in rows if row["obj"].kind != Region.Kind.WORLD]
    if group == "stakeholder_type":
        rows = sorted(rows, key=_sort_key)
    else:
        rows = sorted(rows, key=lambda row: localized(row["obj"], "name", language).casefold())
    return [(row["code"], localized(row["obj"], "name", language)) for row in rows]


# ---------------------------------------------------------------------------------------------
# Reading and describing a search


def state(query: filters.Query) -> str:
    """The query string of a search, without the sort when it is the default one (0 queries)."""
    default_sort = "relevance" if query.q else "newest"
    return query.urlencode(sort="relevance") if query.sort == default_sort else query.urlencode()


def describe(query: filters.Query, *, language: str) -> str:
    """A readable summary of a search: “words”; Country or area: Senegal, Mali; ... (0 queries)."""
    parts = [f"“{query.q}”"] if query.q else []
    labels = filters.facet_labels()
    for group in filters.GROUPS:
        codes = query.filters.get(group)
        if codes:
            parts.append(f"{labels[group]}: {', '.join(_label(group, code, language) for code in codes)}")
    return "; ".join(parts)


def feed_title(query: filters.Query, *, language: str) -> str:
    """“WSIS stocktaking” followed by the summary of the search, if it has any filter."""
    summary = describe(query, language=language)
    if not summary:
        return _("WSIS stocktaking")
    return _("WSIS stocktaking: %(summary)s") % {"summary": summary}


def xml_text(text: str) -> str:
    """Text that XML 1.0 can carry: control characters dropped (an entry imported with one, or a
    query typed with one, must not turn the feed into a 500)."""
    return _NOT_XML.sub("", text)


# ---------------------------------------------------------------------------------------------
# The feed


@dataclasses.dataclass(frozen=True)
class FeedSearch:
    """What one request of the feed asked for; the Feed instance is shared by all requests."""

    query: filters.Query
    language: str


class EntryFeed(Feed):
    """GET /<lang>/stocktaking/feed/?<search>: the newest published entries of a search, in Atom.

    1 query (the entries with their organisation) once the reference tables are in memory.
    """

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FeedSearch:
        permissions.require(request.user, "stocktaking.entry.view")
        return FeedSearch(query=filters.parse(request.GET), language=request.LANGUAGE_CODE)

    def title(self, obj: FeedSearch) -> str:
        return xml_text(feed_title(obj.query, language=obj.language))

    def subtitle(self, obj: FeedSearch) -> str:
        return _("The %(count)s newest entries of the WSIS stocktaking database that match this search.") % {
            "count": FEED_SIZE
        }

    def link(self, obj: FeedSearch) -> str:
        return _with_query(reverse("stocktaking:search"), state(obj.query))

    def feed_url(self, obj: FeedSearch) -> str:
        return _with_query(reverse("stocktaking_widget:feed"), state(obj.query))

    def items(self, obj: FeedSearch) -> list[Entry]:
        return feed_entries(obj.query, language=obj.language)

    def item_title(self, item: Entry) -> str:
        return xml_text(item.title)  # plain text: Atom's <title> is type="text"; the writer escapes it

    def item_description(self, item: Entry) -> str:
        # Atom's <summary> is type="html": the plain-text description is escaped into HTML once,
        # then the XML writer escapes that; a reader shows the text as typed, never as markup.
        return escape(xml_text(item.short_description))

    def item_link(self, item: Entry) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Entry) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Entry) -> datetime | None:
        return item.content_updated_at or item.published_at

    def item_categories(self, item: Entry) -> list[str]:
        return [code for code, _name in filters.labels_for_entry(item, "en")["action_lines"]]

    def item_author_name(self, item: Entry) -> str:
        return xml_text(localized(item.organisation, "name"))

    def item_author_link(self, item: Entry) -> str | None:
        return item.organisation.website or None


def _with_query(path: str, query_string: str) -> str:
    return f"{path}?{query_string}" if query_string else path


# ---------------------------------------------------------------------------------------------
def _reference_rows(group: str) -> list[dict[str, Any]]:
    return list(filters.reference()[group]["by_id"].values())


def _label(group: str, code: str, language: str) -> str:
    return filters.label(group, code, language)


def _sort_key(row: dict[str, Any]) -> tuple[int, str]:
    return (getattr(row["obj"], "sort", 0), row["code"])
