from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL

from stocktaking.models import Entry, EntryActionLine, EntryRevision, EntrySdgTarget, RelatedKey
from wsis_portal.i18n import SUFFIXES

DETAIL_PREFETCH: list[str | Prefetch[Any, Any, Any]] = [
    Prefetch("action_line_links", queryset=EntryActionLine.objects.select_related("action_line")),
    Prefetch("sdg_target_links", queryset=EntrySdgTarget.objects.select_related("target__goal")),
    "wsis_targets",
    "countries",
    "regions",
    "translations",
    "attachments",
]


def entry_detail(*, pk: int) -> QuerySet[Entry]:
    """One entry with everything its page shows: 1 query for the row, 7 prefetches."""
    return (
        Entry.objects.select_related("organisation", "stakeholder_type", "approved_by", "owner")
        .prefetch_related(*DETAIL_PREFETCH)
        .filter(pk=pk)
    )


def entries_of_user(*, user: Any) -> QuerySet[Entry]:
    """Entries of the organisations the user belongs to, with any open revision; 1 query."""
    open_revision = EntryRevision.objects.filter(entry=OuterRef("pk"), state__in=["draft", "submitted", "returned"])
    return (
        Entry.objects.filter(organisation__memberships__user=user)
        .select_related("organisation")
        .annotate(has_open_revision=Exists(open_revision))
        .order_by("-updated_at")
    )


def moderation_queue(*, organisation_type: str = "", action_line: str = "", language: str = "") -> QuerySet[Entry]:
    """Submitted entries and published entries with a submitted revision, oldest first; 1 query."""
    submitted_revision = EntryRevision.objects.filter(entry=OuterRef("pk"), state="submitted")
    entries = (
        Entry.objects.annotate(has_submitted_revision=Exists(submitted_revision))
        .filter(Q(state=Entry.State.SUBMITTED) | Q(state=Entry.State.PUBLISHED, has_submitted_revision=True))
        .select_related("organisation", "stakeholder_type", "owner")
    )
    if organisation_type:
        entries = entries.filter(stakeholder_type__code=organisation_type)
    if action_line:
        entries = entries.filter(action_line_links__action_line__code=action_line).distinct()
    if language:
        entries = entries.filter(original_language=language)
    return entries.order_by("submitted_at", "pk")


def related_entries(*, entry: Entry, limit: int = 5) -> list[Entry]:
    """The newest published entries sharing an action line with the entry and either one of its
    countries or international coverage; 1 query.

    Each (line, country) pair of the entry is one range of the `relatedkey_newest` index. The
    `limit` newest keys of each range are read (LATERAL ... LIMIT), and the `limit` newest of those
    are the answer: an entry among the `limit` newest overall is among the `limit` newest of any
    pair it shares. Only those entries are then read. So the cost is the entry's pairs times
    `limit` index rows, whatever the number of entries, where walking the entries newest-first
    could read tens of thousands of them: 0.4 ms for 32 pairs, ~50 ms for an entry naming all 19
    lines and 248 countries (4,712 pairs).

    The keys are kept by reindex_entries, which every service runs after a change: a published
    entry's keys follow its lines, countries, coverage and publication date from then on.
    """
    lines = list(entry.facet_action_lines)
    countries = [*entry.facet_countries, RelatedKey.INTERNATIONAL]
    if not lines:
        return []
    newest = RawSQL(  # noqa: S611 - values are parameters; the table name comes from _meta
        f"""
        SELECT entry_id FROM (
            SELECT DISTINCT k.entry_id, k.published_at
            FROM unnest(%s::integer[]) AS l(line)
            CROSS JOIN unnest(%s::integer[]) AS c(country)
            CROSS JOIN LATERAL (
                SELECT entry_id, published_at FROM {RelatedKey._meta.db_table}
                WHERE line = l.line AND country = c.country AND entry_id <> %s
                ORDER BY published_at DESC, entry_id DESC
                LIMIT %s
            ) AS k
            ORDER BY k.published_at DESC, k.entry_id DESC
            LIMIT %s
        ) AS newest
        """,  # noqa: S608 - only the table name from _meta is interpolated
        [lines, countries, entry.pk, limit, limit],
    )
    return list(
        Entry.objects.filter(state=Entry.State.PUBLISHED, pk__in=newest)
        .select_related("organisation")
        .only("title", "published_at", "organisation__acronym", *(f"organisation__name_{s}" for s in SUFFIXES))
        .order_by("-published_at", "-pk")[:limit]
    )


def published_versions(*, entry: Entry) -> list[Any]:
    """The published versions of an entry, newest first (from the audit trail); 1 query."""
    return list(
        entry.history.filter(
            history_change_reason__in=["stocktaking.entry.published", "stocktaking.entry.revision_published"]
        )
        .only("history_id", "history_date", "title")  # what the page shows, not the texts of each version
        .order_by("-history_date")
    )


def similar_entries(
    *, title: str, organisation_id: int | None, countries: list[str], exclude: int | None
) -> list[Entry]:
    """Entries that may describe the same activity: same organisation or country, a shared title word."""
    words = [word for word in title.split() if len(word) > 4][:5]
    if not words:
        return []
    same_title = Q()
    for word in words:
        same_title |= Q(title__icontains=word)
    scope = Q(organisation_id=organisation_id)
    if countries:
        scope |= Q(countries__iso3__in=countries)
    found = Entry.objects.filter(same_title & scope).exclude(state=Entry.State.REJECTED)
    if exclude:
        found = found.exclude(pk=exclude)
    return list(found.distinct().order_by("-pk")[:5])


def published_in_country(*, country_id: int, limit: int = 5) -> tuple[list[Entry], int]:
    """The latest published entries naming a country, and how many there are; 2 queries (GIN index)."""
    entries = Entry.objects.filter(state=Entry.State.PUBLISHED, facet_countries__contains=[country_id])
    latest = list(entries.select_related("organisation").order_by("-published_at", "-pk")[:limit])
    return latest, entries.count()
