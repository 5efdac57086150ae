"""The state of a search of the stocktaking database, as it travels in URLs: the page, the API,
exports, feeds and the widget all read it here. Public URLs use the UN's codes (C7.4, SDG 9,
M49 419, ISO SEN); the search module works on ids, so this module translates between the two."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator, Mapping
from typing import Any, overload

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from actionlines.models import ActionLine
from stakeholders.models import Country, Region, StakeholderType
from stocktaking import search
from stocktaking.models import Entry
from wsis_portal.i18n import column_suffix, localized

GROUPS = list(search.FACETS)  # action_line, sdg, region, country, stakeholder_type, activity_type, status, year
MULTI = set(GROUPS)
PARAMETERS = ["q", *GROUPS, "sort"]
SORTS = {"relevance": _("Relevance"), "newest": _("Newest"), "title": _("Title")}
MAX_VALUES = 50  # per group: more is not a person's choice
REFERENCE_TTL = 300  # seconds an in-process copy of the code <-> id tables is trusted


@dataclasses.dataclass(frozen=True)
class Query:
    q: str = ""
    filters: dict[str, list[str]] = dataclasses.field(default_factory=dict)  # group -> codes
    sort: str = "relevance"

    def urlencode(self, **changes: Any) -> str:
        """The query string of this search (changed as asked), for links and pagination."""
        data = QueryDict(mutable=True)
        state = dataclasses.replace(self, **changes)
        if state.q:
            data["q"] = state.q
        for group in GROUPS:
            if state.filters.get(group):
                data.setlist(group, state.filters[group])
        if state.sort != "relevance":
            data["sort"] = state.sort
        return data.urlencode()

    def toggled(self, group: str, code: str) -> str:
        values = list(self.filters.get(group, []))
        values = [v for v in values if v != code] if code in values else [*values, code]
        return self.urlencode(filters={**self.filters, group: values})


def parse(params: Mapping[str, Any]) -> Query:
    """Read a search from request parameters; malformed or unknown values are dropped, never raised."""
    getlist = params.getlist if hasattr(params, "getlist") else (lambda key: [params[key]] if key in params else [])
    q = " ".join(str(params.get("q", "")).replace("\x00", " ").split())[: search.MAX_QUERY_LENGTH]
    filters = {}
    for group in GROUPS:
        values = [_normal(group, str(v).strip()[:40]) for v in getlist(group) if str(v).strip()][:MAX_VALUES]
        known = [v for v in dict.fromkeys(values) if _code_to_id(group, v) is not None]
        if known:
            filters[group] = known
    sort = str(params.get("sort", "relevance"))
    if sort not in SORTS or (sort == "relevance" and not q):
        sort = "relevance" if q else "newest"
    return Query(q=q, filters=filters, sort=sort)


RANK_LIMIT = 1000  # a query matching more entries ranks only its newest RANK_LIMIT matches

# Columns a result list (search page, feed, widget) never shows: the long texts are most of a row's
# bytes (~1,500 words each in the bench's entries, ~20 ms a page to transfer and decode).
UNSHOWN = ("description", "links", "partners", "impact", "challenges", "state_reason")


def published_entries(query: Query, *, language: str) -> QuerySet[Entry]:
    """Published entries matching the search, in its order. 0 queries until evaluated.

    With a text query or a filter the entries are joined to their search rows, and "newest" reads
    the rows' publication date and entry id (the index entrysearch_newest); otherwise the entries' own.
    """
    entries = search.apply_query(Entry.objects.filter(state=Entry.State.PUBLISHED), query.q, column_suffix(language))
    entries = search.apply_filters(entries, _ids(query.filters))
    joined = "rank" in entries.query.annotations or bool(query.filters)
    # Joined, every sort key is a column of the search rows (entry_id is the entry's id): PostgreSQL
    # sorts the narrow matching rows and reads only the entries of the page, not every match's.
    newest = ("-search_row__published_at", "-search_row__entry_id") if joined else ("-published_at", "-id")
    if query.sort == "relevance" and "rank" in entries.query.annotations:  # no rank when q had no words
        return entries.order_by("-rank", *newest)
    if query.sort == "title":
        return entries.order_by("title", "id")
    return entries.order_by(*newest)


class Results:
    """The entries of a search in its order, for a Paginator: the count is known (from `counts`),
    each slice is 1 query.

    Relevance is exact up to RANK_LIMIT matches. Above it (a broad word like "local" matches 86% of
    the entries), ranking every match would read every match's vector: the first RANK_LIMIT
    positions are then the newest RANK_LIMIT matches ordered by rank, and the following ones the
    other matches, newest first. Counts and the set of results are exact either way.
    """

    def __init__(self, query: Query, *, language: str, total: int) -> None:
        self.query, self.language, self.total = query, language, total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    @property
    def capped(self) -> bool:
        return self.query.sort == "relevance" and self.total > RANK_LIMIT and search.rank_of(self.query.q) is not None

    def __iter__(self) -> Iterator[Entry]:
        return iter(self[0 : self.total])

    @overload
    def __getitem__(self, index: int) -> Entry: ...

    @overload
    def __getitem__(self, index: slice) -> list[Entry]: ...

    def __getitem__(self, index: int | slice) -> Entry | list[Entry]:
        if isinstance(index, int):
            found = self[index : index + 1]
            if not found:
                raise IndexError(index)
            return found[0]
        start, stop = index.start or 0, min(index.stop if index.stop is not None else self.total, self.total)
        if stop <= start:
            return []
        if not self.capped:
            return list(published_entries(self.query, language=self.language).defer(*UNSHOWN)[start:stop])
        newest = published_entries(dataclasses.replace(self.query, sort="newest"), language=self.language)
        newest = newest.defer(*UNSHOWN)
        if start >= RANK_LIMIT:
            return list(newest[start:stop])
        candidates = (
            search.matching_rows(self.query.q, _ids(self.query.filters))
            .order_by("-published_at", "-entry_id")
            .values("entry_id")[:RANK_LIMIT]
        )
        ranked = (
            Entry.objects.filter(pk__in=candidates)
            .defer(*UNSHOWN)
            .annotate(rank=search.rank_of(self.query.q))
            .order_by("-rank", "-search_row__published_at", "-pk")
        )
        rows: list[Entry] = list(ranked[start : min(stop, RANK_LIMIT)])
        if stop > RANK_LIMIT:  # a page across the limit (page sizes that do not divide it)
            rows += list(newest[RANK_LIMIT:stop])
        return rows


def search_counts(query: Query, *, language: str) -> tuple[int, dict[str, list[dict[str, Any]]]]:
    """The number of matches and the exact, disjunctive facet counts with codes and labels. 1 query."""
    total, counts = search.counts(query.q, column_suffix(language), _ids(query.filters))
    return total, _facet_table(query, counts, language)


def facet_table(query: Query, *, language: str) -> dict[str, list[dict[str, Any]]]:
    """Exact, disjunctive facet counts with codes and labels. 1 query."""
    return search_counts(query, language=language)[1]


def _facet_table(
    query: Query, counts: dict[str, list[tuple[Any, int]]], language: str
) -> dict[str, list[dict[str, Any]]]:
    table = {}
    for group, rows in counts.items():
        selected = set(query.filters.get(group, []))
        items: list[dict[str, Any]] = []
        for key, count in rows:
            code, label = _label(group, key, language)
            items.append({"code": code, "label": label, "count": count, "selected": code in selected})
        for code in selected - {item["code"] for item in items}:  # a ticked value with no match stays visible
            items.append(
                {
                    "code": code,
                    "label": _label(group, _code_to_id(group, code), language)[1],
                    "count": 0,
                    "selected": True,
                }
            )
        table[group] = items
    return table


def facet_labels() -> dict[str, str]:
    return {name: str(facet.label) for name, facet in search.FACETS.items()}


def labels_for_entry(entry: Entry, language: str) -> dict[str, list[tuple[str, str]]]:
    """Codes and names of an entry's action lines and countries from its facet columns (no query)."""
    tables = reference()
    lines = [tables["action_line"]["by_id"][i] for i in entry.facet_action_lines if i in tables["action_line"]["by_id"]]
    countries = [tables["country"]["by_id"][i] for i in entry.facet_countries if i in tables["country"]["by_id"]]
    return {
        "action_lines": [(row["code"], localized(row["obj"], "name", language)) for row in lines if row["leaf"]],
        "countries": [(row["code"], localized(row["obj"], "name", language)) for row in countries],
    }


# ---------------------------------------------------------------------------------------------
# Codes <-> ids of the reference tables, kept in process for REFERENCE_TTL seconds (4 queries).

_cache: dict[str, Any] = {"at": 0.0, "data": None}


def reference() -> dict[str, dict[str, Any]]:
    """Code <-> id tables of action lines, countries, regions and stakeholder types (in process)."""
    if _cache["data"] is None or time.monotonic() - _cache["at"] > REFERENCE_TTL:
        data: dict[str, dict[str, Any]] = {}
        lines = list(ActionLine.objects.all())
        data["action_line"] = _index(lines, "code", leaf=lambda line: line.code != "C7")
        data["country"] = _index(list(Country.objects.all()), "iso3")
        data["region"] = _index(list(Region.objects.exclude(kind=Region.Kind.GROUPING)), "code")
        data["stakeholder_type"] = _index(list(StakeholderType.objects.all()), "code")
        _cache.update(at=time.monotonic(), data=data)
    return _cache["data"]


def forget_reference() -> None:
    _cache.update(at=0.0, data=None)


def _index(objects: list[Any], code_field: str, leaf: Any = None) -> dict[str, Any]:
    by_id = {
        obj.pk: {"code": getattr(obj, code_field), "obj": obj, "leaf": leaf(obj) if leaf else True} for obj in objects
    }
    return {"by_id": by_id, "by_code": {row["code"]: pk for pk, row in by_id.items()}}


def _normal(group: str, code: str) -> str:
    return code.upper() if group in ("action_line", "country") else code


def _code_to_id(group: str, code: str) -> Any:
    if group in ("action_line", "country", "region", "stakeholder_type"):
        return reference()[group]["by_code"].get(code)
    if group == "sdg":
        return int(code) if code.isdigit() and 1 <= int(code) <= 17 else None
    if group == "year":
        return int(code) if code.isdigit() and 1990 <= int(code) <= 2100 else None
    facet = search.FACETS[group]
    return code if code in facet.choices else None


def _ids(filters: dict[str, list[str]]) -> dict[str, list[str]]:
    return {group: [str(_code_to_id(group, code)) for code in codes] for group, codes in filters.items()}


def label(group: str, code: str, language: str) -> str:
    """The display label of a filter value given by its public code (0 queries once cached)."""
    return _label(group, _code_to_id(group, code), language)[1]


def _label(group: str, key: Any, language: str) -> tuple[str, str]:
    if group in ("action_line", "country", "region", "stakeholder_type"):
        row = reference()[group]["by_id"].get(key)
        if row is None:
            return str(key), str(key)
        name = localized(row["obj"], "name", language)
        return row["code"], f"{row['code']} {name}" if group == "action_line" else name
    label = search.facet_choices(group, [key], language).get(key, str(key))
    return str(key), label
