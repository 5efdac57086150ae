"""Public search of the stocktaking database: full text in the six UN languages, and exact facets.

Everything here is set-based SQL over denormalised columns kept by `reindex_entries`: the facet
arrays of `Entry` (exports, labels, charts) and the narrow search row of each published entry
(`EntrySearch`: search vector, facet keys, publication date), so that search and exact facets
stay fast at 1,000,000 entries:

- matching: `search_vector @@ <constant tsquery>` is a Bitmap Index Scan on the multicolumn GIN
  index `entrysearch_keys_gin` (the tsquery is built by IMMUTABLE SQL functions the planner folds
  at plan time), then a Bitmap Heap Scan of the search rows;
- array filters: `facet_x && ARRAY[...]` is answered by the same index, intersected with the text
  match inside the one index scan (migration 0010);
- the number of matches and every facet group's counts: one statement (`counts`), a GROUPING SETS
  aggregate over the matching search rows; for a query matching most rows, the counts of all rows
  (kept per generation) less those of the few rows that do not match (`'~ all' & !q`, migration 0011).

The SQL functions (wsis_unaccent, wsis_ts_config, wsis_cjk_bigrams, wsis_term_tsquery, ...) are
defined in migrations/0002_search_functions.py: the embedded PostgreSQL has no `unaccent` or `pg_trgm`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import connections, transaction
from django.db.models import BooleanField, F, FloatField, Func, Q, QuerySet
from django.db.models.expressions import Expression, RawSQL
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from actionlines.models import ActionLine
from stakeholders.models import Country, Organisation, Region, StakeholderType
from stocktaking.models import Entry, EntryActionLine, EntrySdgTarget, EntrySearch, EntryTranslation, RelatedKey
from wsis_portal.i18n import localized

# The same ranges as CJK_CLASS in migrations/0002_search_functions.py (a test keeps them in step).
CJK_RANGES = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"

MAX_QUERY_LENGTH = 300  # characters of a query that are read; the rest is ignored
MAX_TERMS = 16  # words or quoted phrases of a query that are read

# ts_rank_cd weights for D, C, B, A: title (A) counts five times a description (C).
RANK_WEIGHTS = "{0.1,0.2,0.4,1.0}"


# --------------------------------------------------------------------------------------------
# Indexing


def reindex_entries(entry_ids: Sequence[int] | None = None) -> int:
    """Recompute the facet columns and year of the given entries (all when None) and their search rows. 1 query.

    One statement, set-based: the action lines, SDG goals, countries, regions and translations are
    aggregated per entry with GROUP BY and hash-joined (no per-row subqueries); then, in the same
    statement, the entries' facet columns are updated, the search row (`EntrySearch`) of each
    published entry is inserted or updated, and the search rows of entries that are no longer
    published are deleted. Unchanged rows are not rewritten: the return value is the number of
    entries whose facet columns, search row or related keys (models.RelatedKey) changed, and a
    repeated run is cheap.

    Cost is dominated by to_tsvector (about 1.3 ms per published entry with 1,500 words in four
    scripts; entries that are not published get no vector); the statement holds row locks on the
    target entries until it commits, so a caller reindexing 1,000,000 entries while the site is
    live can pass slices of ids instead of None.
    """
    if entry_ids is not None:
        entry_ids = [int(pk) for pk in entry_ids]
        if not entry_ids:
            return 0
    sql = _reindex_sql(filtered=entry_ids is not None)
    with connections["default"].cursor() as cursor:
        cursor.execute(sql, {"ids": entry_ids} if entry_ids is not None else None)
        return int(cursor.fetchone()[0])


def _reindex_sql(*, filtered: bool) -> str:
    def only(column: str) -> str:
        return f"WHERE {column} = ANY(%(ids)s::bigint[])" if filtered else ""

    def also(column: str) -> str:
        return f"AND {column} = ANY(%(ids)s::bigint[])" if filtered else ""

    entry = Entry._meta.db_table
    rows = EntrySearch._meta.db_table
    entry_countries = Entry.countries.through._meta.db_table
    entry_regions = Entry.regions.through._meta.db_table
    region = Region._meta.db_table
    country = Country._meta.db_table
    org = Organisation._meta.db_table
    published = Entry.State.PUBLISHED.value
    international = Entry.Coverage.INTERNATIONAL.value
    row_columns = [
        "published_at",
        "search_vector",
        "facet_action_lines",
        "facet_sdg_goals",
        "facet_countries",
        "facet_regions",
        "stakeholder_type_id",
        "activity_type",
        "status",
        "year",
    ]
    columns = ", ".join(row_columns)
    # Dates are read in UTC so that the year does not depend on the session's time zone.
    return f"""
WITH lines AS (
    SELECT l.entry_id, array_agg(DISTINCT x.id ORDER BY x.id)::integer[] AS ids
    FROM {EntryActionLine._meta.db_table} l
    JOIN {ActionLine._meta.db_table} a ON a.id = l.action_line_id
    CROSS JOIN LATERAL (VALUES (a.id), (a.parent_id)) AS x(id)
    WHERE x.id IS NOT NULL {also("l.entry_id")}
    GROUP BY l.entry_id
),
goals AS (
    SELECT s.entry_id, array_agg(DISTINCT g.number ORDER BY g.number)::integer[] AS ids
    FROM {EntrySdgTarget._meta.db_table} s
    JOIN actionlines_sdgtarget t ON t.id = s.target_id
    JOIN actionlines_sdggoal g ON g.id = t.goal_id
    {only("s.entry_id")}
    GROUP BY s.entry_id
),
countries AS (
    SELECT ec.entry_id, array_agg(DISTINCT ec.country_id ORDER BY ec.country_id)::integer[] AS ids
    FROM {entry_countries} ec
    {only("ec.entry_id")}
    GROUP BY ec.entry_id
),
regions AS (
    SELECT s.entry_id, array_agg(DISTINCT s.id ORDER BY s.id)::integer[] AS ids
    FROM (
        -- an explicit region and the regions it is part of, short of the world
        SELECT er.entry_id, x.id
        FROM {entry_regions} er
        JOIN {region} r ON r.id = er.region_id
        LEFT JOIN {region} p1 ON p1.id = r.parent_id
        LEFT JOIN {region} p2 ON p2.id = p1.parent_id
        CROSS JOIN LATERAL (VALUES (r.id, ''), (p1.id, p1.kind), (p2.id, p2.kind)) AS x(id, kind)
        WHERE x.id IS NOT NULL AND x.kind <> 'world' {also("er.entry_id")}
        UNION ALL
        -- the M49 region, sub-region and intermediate region of each country
        SELECT ec.entry_id, x.id
        FROM {entry_countries} ec
        JOIN {country} c ON c.id = ec.country_id
        CROSS JOIN LATERAL (VALUES (c.region_id), (c.subregion_id), (c.intermediate_region_id)) AS x(id)
        WHERE x.id IS NOT NULL {also("ec.entry_id")}
    ) AS s
    GROUP BY s.entry_id
),
translated AS (
    -- vectors only for published entries: nothing searches the others
    SELECT t.entry_id,
        wsis_tsvector_agg(
            wsis_document(wsis_ts_config(t.language), t.title, t.short_description, wsis_strip_html(t.description))
            ORDER BY t.language
        ) AS vector
    FROM {EntryTranslation._meta.db_table} t
    JOIN {entry} te ON te.id = t.entry_id AND te.state = '{published}'
    {only("t.entry_id")}
    GROUP BY t.entry_id
),
-- MATERIALIZED: the vectors are computed once for the three statements below.
fresh AS MATERIALIZED (
    SELECT e.id, e.state = '{published}' AS published, e.published_at,
        e.coverage = '{international}' AS international,
        CASE WHEN e.state = '{published}' THEN wsis_document(
            wsis_ts_config(e.original_language), e.title, e.short_description,
            concat_ws(' ', wsis_strip_html(e.description), e.partners,
                      o.name_en, o.name_fr, o.name_es, o.name_ru, o.name_ar, o.name_zh, o.acronym)
        ) || coalesce(translated.vector, ''::tsvector) || {ALL_ROWS_VECTOR} END AS search_vector,
        coalesce(lines.ids, '{{}}') AS facet_action_lines,
        coalesce(goals.ids, '{{}}') AS facet_sdg_goals,
        coalesce(countries.ids, '{{}}') AS facet_countries,
        coalesce(regions.ids, '{{}}') AS facet_regions,
        e.stakeholder_type_id, e.activity_type, e.status,
        extract(year FROM coalesce(
            e.start_date::timestamp, e.published_at AT TIME ZONE 'UTC', e.created_at AT TIME ZONE 'UTC'
        ))::smallint AS year
    FROM {entry} e
    JOIN {org} o ON o.id = e.organisation_id
    LEFT JOIN translated ON translated.entry_id = e.id
    LEFT JOIN lines ON lines.entry_id = e.id
    LEFT JOIN goals ON goals.entry_id = e.id
    LEFT JOIN countries ON countries.entry_id = e.id
    LEFT JOIN regions ON regions.entry_id = e.id
    {only("e.id")}
),
updated AS (
    UPDATE {entry} AS e
    SET facet_action_lines = fresh.facet_action_lines,
        facet_sdg_goals = fresh.facet_sdg_goals,
        facet_countries = fresh.facet_countries,
        facet_regions = fresh.facet_regions,
        year = fresh.year
    FROM fresh
    WHERE e.id = fresh.id
      AND (e.facet_action_lines, e.facet_sdg_goals, e.facet_countries, e.facet_regions, e.year)
          IS DISTINCT FROM
          (fresh.facet_action_lines, fresh.facet_sdg_goals, fresh.facet_countries, fresh.facet_regions, fresh.year)
    RETURNING e.id
),
indexed AS (
    INSERT INTO {rows} AS r (entry_id, {columns})
    SELECT id, {columns} FROM fresh WHERE published
    ON CONFLICT (entry_id) DO UPDATE SET {", ".join(f"{c} = EXCLUDED.{c}" for c in row_columns)}
    WHERE ({", ".join(f"r.{c}" for c in row_columns)})
          IS DISTINCT FROM ({", ".join(f"EXCLUDED.{c}" for c in row_columns)})
    RETURNING r.entry_id
),
removed AS (
    DELETE FROM {rows} AS r
    WHERE NOT EXISTS (SELECT 1 FROM fresh WHERE fresh.id = r.entry_id AND fresh.published)
    {also("r.entry_id")}
    RETURNING r.entry_id
),
fresh_keys AS (
    {_keys_of("fresh AS f", "f.id", "f.international", "f.published")}
),
{_keys_written(also("k.entry_id"))}
SELECT count(*) FROM (
    SELECT id FROM updated UNION SELECT entry_id FROM indexed UNION SELECT entry_id FROM removed
    UNION SELECT entry_id FROM keys_removed UNION SELECT entry_id FROM keys_added
) AS changed
"""  # noqa: S608 - only table names from _meta and fixed fragments are interpolated


def _keys_of(rows: str, entry_id: str, international: str, published: str) -> str:
    """The related keys (models.RelatedKey) of the published rows of `rows` (alias f, with facet
    arrays and published_at): each action line with each country, and with 0 for international
    coverage."""
    return f"""SELECT {entry_id} AS entry_id, l.line, c.country, f.published_at
    FROM {rows}
    CROSS JOIN LATERAL unnest(f.facet_action_lines) AS l(line)
    CROSS JOIN LATERAL unnest(
        f.facet_countries || CASE WHEN {international} THEN ARRAY[{RelatedKey.INTERNATIONAL}] ELSE '{{}}' END
    ) AS c(country)
    WHERE {published} AND f.published_at IS NOT NULL"""  # noqa: S608 - fragments of this module only


def _keys_written(scope: str) -> str:
    """Two CTEs that make the related keys within `scope` (a condition on k.entry_id, or "") those
    of the CTE fresh_keys: `keys_removed` and `keys_added` return the entries whose keys changed.
    They touch different keys (those gone; those new or redated), as one statement cannot change a
    row twice."""
    keys = RelatedKey._meta.db_table
    return f"""keys_removed AS (
    DELETE FROM {keys} AS k
    WHERE NOT EXISTS (
        SELECT 1 FROM fresh_keys n WHERE (n.entry_id, n.line, n.country) = (k.entry_id, k.line, k.country)
    )
    {scope}
    RETURNING k.entry_id
),
keys_added AS (
    INSERT INTO {keys} AS k (entry_id, line, country, published_at)
    SELECT entry_id, line, country, published_at FROM fresh_keys
    ON CONFLICT (entry_id, line, country) DO UPDATE SET published_at = EXCLUDED.published_at
    WHERE k.published_at IS DISTINCT FROM EXCLUDED.published_at
    RETURNING k.entry_id
)"""  # noqa: S608 - only the table name from _meta is interpolated


def complete_related_keys() -> int:
    """Make the related keys (migration 0012) those of the search rows; the number of entries whose
    keys changed. 2 queries: a lock on the keys, then one statement (a scan of the search rows and
    of the keys).

    Only code older than migration 0012 leaves them behind: a host still running the previous
    release during a rolling upgrade publishes entries without keys (they are not shown as related
    until then). `manage.py complete_search_rows` runs it after such an upgrade; publications wait
    for it (about 40 s at 1,000,000 entries).
    """
    rows = f"{EntrySearch._meta.db_table} AS f JOIN {Entry._meta.db_table} AS e ON e.id = f.entry_id"
    international = f"e.coverage = '{Entry.Coverage.INTERNATIONAL.value}'"
    sql = f"""WITH fresh_keys AS ({_keys_of(rows, "f.entry_id", international, "TRUE")}),
{_keys_written("")}
SELECT count(*) FROM (SELECT entry_id FROM keys_removed UNION SELECT entry_id FROM keys_added) AS changed"""  # noqa: S608
    # Writers of keys (reindex_entries) wait until it commits: a key one of them deleted after this
    # statement's snapshot would otherwise be written back (no conflict left to stop the INSERT).
    with transaction.atomic(), connections["default"].cursor() as cursor:
        cursor.execute(f"LOCK TABLE {RelatedKey._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(sql)
        return int(cursor.fetchone()[0])


def complete_search_rows() -> int:
    """Add the lexeme "~ all" (migration 0011) to the search rows written without it; the number of
    rows completed. 1 query (a sequential scan of the search rows: a GIN index cannot list the rows
    that lack a lexeme).

    Only code older than migration 0011 writes such rows: a host still running the previous release
    during a rolling upgrade. `counts` would take such a row for a match of every broad query
    (the complement counts the rows holding the lexeme and not the query), so `manage.py
    complete_search_rows` is run once after an upgrade past 0011 (deploy/README.md).
    """
    table = EntrySearch._meta.db_table
    with connections["default"].cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET search_vector = search_vector || {ALL_ROWS_VECTOR} "  # noqa: S608 - constants
            f"WHERE NOT search_vector @@ {ALL_ROWS_QUERY}"
        )
        return int(cursor.rowcount)


# --------------------------------------------------------------------------------------------
# Full-text query

_CONTROL = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")  # NUL and control bytes, lone surrogates
_TOKEN = re.compile(r'(?P<neg>-?)"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+)')


@dataclasses.dataclass(frozen=True)
class Term:
    """A word or quoted phrase of a query; `negated` when written with a leading minus."""

    text: str
    negated: bool = False


def parse_query(q: str) -> list[list[Term]]:
    """Read websearch syntax into groups that are AND-ed, each a list of terms that are OR-ed. 0 queries.

    `"quoted phrase"`, `a OR b`, `-excluded` as in PostgreSQL's websearch_to_tsquery; control
    characters and NUL bytes are treated as spaces; only the first MAX_QUERY_LENGTH characters and
    MAX_TERMS terms are read.
    """
    q = _CONTROL.sub(" ", q[:MAX_QUERY_LENGTH])
    groups: list[list[Term]] = []
    pending_or = False
    count = 0
    for match in _TOKEN.finditer(q):
        phrase, word = match.group("phrase"), match.group("word")
        if word is not None and word.lower() == "or":
            pending_or = bool(groups)
            continue
        if phrase is not None:
            term = Term(phrase.strip(), negated=bool(match.group("neg")))
        elif word.startswith("-"):
            term = Term(word[1:], negated=True)
        else:
            term = Term(word)
        if not re.search(r"\w", term.text):
            continue
        if count == MAX_TERMS:
            break
        count += 1
        if pending_or:
            groups[-1].append(term)
        else:
            groups.append([term])
        pending_or = False
    return groups


class _TsQuery(Expression):
    """The tsquery of a parsed query: AND of groups, OR within a group, each term in every config."""

    output_field = FloatField()  # never selected on its own; the Func around it sets the real type

    def __init__(self, groups: list[list[Term]]) -> None:
        super().__init__()
        self.groups = groups

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        return self.sql()

    def sql(self) -> tuple[str, list[Any]]:
        params: list[Any] = []
        parts: list[str] = []
        for group in self.groups:
            items = []
            for term in group:
                items.append("(!! wsis_term_tsquery(%s))" if term.negated else "wsis_term_tsquery(%s)")
                params.append(term.text)
            parts.append("(" + " || ".join(items) + ")")
        return "(" + " && ".join(parts) + ")", params


def tsquery_of(q: str) -> _TsQuery | None:
    """The tsquery expression of a query, or None when it has no word (see apply_query). 0 queries."""
    groups = parse_query(q or "")
    return _TsQuery(groups) if groups else None


def _rank(column: str, tsquery: _TsQuery) -> Func:
    return Func(
        RawSQL(f"'{RANK_WEIGHTS}'::real[]", []),  # noqa: S611 - a constant of this module
        F(column),
        tsquery,
        function="ts_rank_cd",
        output_field=FloatField(),
    )


def matching_rows(q: str, filters: Mapping[str, Iterable[str]]) -> QuerySet[EntrySearch]:
    """The search rows matching `q` and `filters`, without rank. 0 queries until evaluated."""
    rows = EntrySearch.objects.all()
    tsquery = tsquery_of(q)
    if tsquery is not None:
        rows = rows.filter(
            Func(F("search_vector"), tsquery, function="", arg_joiner=" @@ ", output_field=BooleanField())
        )
    return apply_filters(rows, filters, prefix="")


def rank_of(q: str) -> Func | None:
    """ts_rank_cd of an Entry's search row for `q` (None when q has no word). 0 queries."""
    tsquery = tsquery_of(q)
    return _rank("search_row__search_vector", tsquery) if tsquery is not None else None


def apply_query(queryset: QuerySet[Entry], q: str, language: str) -> QuerySet[Entry]:
    """Keep the published entries matching `q` in any of the six languages, annotated with `rank`. 0 queries.

    Every word or quoted phrase is matched in all six configurations at once (english, french,
    spanish, russian, arabic stemmers and 'simple'), after folding accents and Arabic diacritics,
    and as CJK bigrams when it holds Chinese; so "educacion" finds "educación", a French query finds
    an English entry's French translation, and 信息 finds 推进信息社会建设.

    Why per term and not `websearch_to_tsquery(cfg, q)` OR-ed per config: with `-satellite` the
    french branch would accept an English entry holding "satellit" (the English stem), and a stop
    word of one language ("the") would be required by the others' branches. Stop words of any of the
    languages are dropped from a query.

    Rules for odd input (documented behaviour, never an error): an empty query, or one without any
    letter or digit ("&&&", "--"), returns the queryset unchanged and without `rank`; NUL bytes and
    control characters are read as spaces; only the first 300 characters and 16 terms are read;
    a query made only of stop words matches nothing. A query of only exclusions (`-foo`) is valid but
    cannot use the index (a sequential scan).

    `language` is the reader's language; matching does not depend on it (all six are always used).
    The vectors are those of the entries' search rows (EntrySearch: published entries only). Plan:
    Bitmap Index Scan on entrysearch_keys_gin, then ts_rank_cd on the rows that are read only.
    """
    del language  # kept so that callers need not change if a reader-language boost is added
    tsquery = tsquery_of(q)
    if tsquery is None:
        return queryset
    column = "search_row__search_vector"
    matches = Func(F(column), tsquery, function="", arg_joiner=" @@ ", output_field=BooleanField())
    return queryset.filter(matches).annotate(rank=_rank(column, tsquery))


# --------------------------------------------------------------------------------------------
# Facets


@dataclasses.dataclass(frozen=True)
class Facet:
    """A filter group of the search page: the Entry column it reads and the type of its keys."""

    name: str
    column: str
    is_array: bool
    key_type: type
    label: str | Promise
    choices: tuple[str, ...] = ()


FACETS: dict[str, Facet] = {
    facet.name: facet
    for facet in [
        Facet("action_line", "facet_action_lines", True, int, _("Action line")),
        Facet("sdg", "facet_sdg_goals", True, int, _("Sustainable Development Goal")),
        Facet("region", "facet_regions", True, int, _("Region")),
        Facet("country", "facet_countries", True, int, _("Country or area")),
        Facet("stakeholder_type", "stakeholder_type_id", False, int, _("Type of entity")),
        Facet("activity_type", "activity_type", False, str, _("Type of activity"), tuple(Entry.ActivityType.values)),
        Facet("status", "status", False, str, _("Status"), tuple(Entry.Status.values)),
        Facet("year", "year", False, int, _("Year")),
    ]
}


def clean_filters(filters: Mapping[str, Iterable[str]]) -> dict[str, list[int | str]]:
    """Keep the known groups and the well-formed values of a request's filters. 0 queries.

    Filters come from public URLs: unknown groups and malformed values (a letter for an id, an
    unknown status) are dropped rather than raising, and a group left with no value is no filter.
    """
    cleaned: dict[str, list[int | str]] = {}
    for group, raw_values in filters.items():
        facet = FACETS.get(group)
        if facet is None:
            continue
        values: list[int | str] = []
        for raw in raw_values:
            value = str(raw).strip()
            if facet.key_type is int:
                if value.isascii() and value.isdigit() and len(value) < 10:
                    values.append(int(value))
            elif not facet.choices or value in facet.choices:
                values.append(value)
        if values:
            cleaned[group] = sorted(set(values), key=str)
    return cleaned


def apply_filters(
    queryset: QuerySet[Any], filters: Mapping[str, Iterable[str]], *, prefix: str = "search_row__"
) -> QuerySet[Any]:
    """Apply multi-select filters: values of a group are OR-ed, groups AND-ed. 0 queries.

    The filters read the entries' search rows (published entries only), as the counts do: an Entry
    queryset through `search_row__` (the default prefix), an EntrySearch queryset with prefix "".
    Array groups use the overlap operator `&&`, answered by their GIN index.
    """
    for group, values in clean_filters(filters).items():
        facet = FACETS[group]
        lookup = "overlap" if facet.is_array else "in"
        queryset = queryset.filter(Q(**{f"{prefix}{facet.column}__{lookup}": values}))
    return queryset


def facet_counts(queryset: QuerySet[Entry], group: str) -> list[tuple[Any, int]]:
    """Count the entries of `queryset` per key of `group`, most frequent first. 1 query.

    Counts are exact (each entry counts once per key: the arrays hold distinct ids). Plan: the
    filtered rows (GIN bitmap scans, or an index-only scan of entry_facets_covering for a whole
    state), a ProjectSet/unnest for arrays, a HashAggregate and a small sort.
    """
    facet = FACETS[group]
    inner = queryset.order_by().values_list(facet.column, flat=True)
    inner_sql, params = inner.query.sql_with_params()
    if facet.is_array:
        sql = (
            f"SELECT k, count(*) AS n FROM ({inner_sql}) AS s(v) CROSS JOIN LATERAL unnest(s.v) AS k "  # noqa: S608 - SQL of a queryset
            "GROUP BY k ORDER BY n DESC, k"
        )
    else:
        sql = (
            f"SELECT s.v, count(*) AS n FROM ({inner_sql}) AS s(v) WHERE s.v IS NOT NULL "  # noqa: S608 - SQL of a queryset
            "GROUP BY s.v ORDER BY n DESC, s.v"
        )
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return [(facet.key_type(key), count) for key, count in cursor.fetchall()]


def facets(
    base_queryset: QuerySet[Entry] | None,
    q: str,
    language: str,
    filters: Mapping[str, Iterable[str]],
    groups: Iterable[str] | None = None,
) -> dict[str, list[tuple[Any, int]]]:
    """Disjunctive facet counts: each group counted with every other group's filters but not its own.

    So ticking C7 still shows the counts of C1..C11 (what ticking one more line would add) while the
    other groups shrink to the entries in C7. 1 query for all the groups (see `counts`).
    """
    return counts(q, language, filters, groups, within=base_queryset)[1]


@dataclasses.dataclass(frozen=True)
class _Sql:
    text: str
    params: list[Any]

    def __add__(self, other: _Sql | str) -> _Sql:
        if isinstance(other, str):
            return _Sql(self.text + other, self.params)
        return _Sql(self.text + other.text, self.params + other.params)


def _all(conditions: list[_Sql]) -> _Sql:
    if not conditions:
        return _Sql("TRUE", [])
    joined = _Sql("(", [])
    for index, condition in enumerate(conditions):
        joined = joined + (" AND " if index else "") + condition
    return joined + ")"


SCALAR_GROUPS = ("stakeholder_type", "activity_type", "status", "year")

# Every search row's vector holds the lexeme "~ all" (migration 0011), which no text produces: the
# rows that do not match a tsquery q are `ALL_ROWS_QUERY && !!q`, one GIN search.
ALL_ROWS_VECTOR = "array_to_tsvector(ARRAY['~ all'])"
ALL_ROWS_QUERY = "'''~ all'''::tsquery"

# A text query the planner expects to match more than this share of the search rows is counted by
# its complement (see `counts`). Tests set it to 0 or above 1 to check both ways give the same counts.
COMPLEMENT_SHARE = 0.5

WHOLE, EXCLUDED = 1000, 2000  # part numbers of the complement's two halves (part i: WHOLE + i, EXCLUDED + i)

_NULL_OF = {
    "action_line": "NULL::integer[]",
    "sdg": "NULL::integer[]",
    "region": "NULL::integer[]",
    "country": "NULL::integer[]",
    "stakeholder_type": "NULL::bigint",
    "activity_type": "NULL::varchar",
    "status": "NULL::varchar",
    "year": "NULL::smallint",
}


@dataclasses.dataclass(frozen=True)
class _Part:
    """One GROUPING SETS aggregate of the counts statement: the groups it counts, whether the total
    is read there, and the condition of its rows; `key` when it is kept in process."""

    number: int
    counted: list[str]
    with_total: bool
    condition: _Sql
    key: tuple[Any, ...] | None = None
    over_all: bool = False  # a kept part over all the rows: read from the facet totals (migration 0013)


def counts(
    q: str,
    language: str,
    filters: Mapping[str, Iterable[str]],
    groups: Iterable[str] | None = None,
    *,
    within: QuerySet[Entry] | None = None,
) -> tuple[int, dict[str, list[tuple[Any, int]]]]:
    """The number of published entries matching `q` and `filters`, and the disjunctive facet counts
    of `groups` (all of FACETS when None), most frequent first. 1 query, whatever the groups.

    Exact counts, read from the search rows (EntrySearch) only. A group is counted over the rows
    that pass every other group's filter; groups counted over the same rows share one aggregate.
    So the statement holds one part for the unselected groups and the total (the rows passing all
    the filters) and one part per selected group (the rows passing the others), joined by UNION ALL.
    Each part is one scan and one GROUPING SETS aggregate: one set per array group (unnested
    afterwards, once per distinct array) and one set for the four single-valued groups together,
    whose distinct combinations are bounded by their codes (types x activities x statuses x years),
    not by the number of rows; the total is the sum of that set.

    Each part's text query and array filters are one Bitmap Index Scan on the multicolumn GIN index
    entrysearch_keys_gin, which intersects them: the heap is visited for the rows that pass them all
    only (for "broadband" with C2 and KEN: 200, 600 and 37,700 rows for the three parts, where
    reading every text match would visit 60,200). The single-valued filters are tested on those rows.

    Parts without a text query (facet browsing, the landing page) are kept in process, tagged with
    the generation of the search rows (migration 0006: a trigger changes it whenever a row
    changes, whoever writes): the statement reads the generation and computes a kept part again
    only when it has changed (a One-Time Filter), so the counts are exact and it is 1 query.

    A text query that matches most rows ("local": 86 % of the entries) is counted by its
    complement: each part's counts over all the rows passing its filters (kept, as above) minus
    its counts over the rows that do NOT match (`'~ all' & !q`, migration 0011). Reading and
    grouping 141,100 rows instead of 858,900 is what keeps such a page fast; the counts are the
    same. The choice is made inside the statement: `wsis_search_share(q)` (migration 0011) asks
    the planner how many rows q matches, and One-Time Filters run either the direct parts or the
    complement's. That function runs EXPLAIN, which PostgreSQL forbids in parallel mode, so a
    statement with a text query runs without parallel workers.

    The statement runs with SET LOCAL work_mem = 64MB (the bitmap of 800,000 matches stays exact,
    so no vector is read to recheck it), jit = off, enable_sort = off (hash aggregates) and, for a
    text query, enable_seqscan = off: the planner knows that most rows match a broad word, not that
    a sequential scan would decompress every vector. `within` (tests) restricts the rows to those
    entries (nothing is kept, and no complement is used, then).
    """
    del language  # matching does not depend on the reader's language (see apply_query)
    tsquery = tsquery_of(q)
    cleaned = clean_filters(filters)
    wanted = [group for group in (groups if groups is not None else FACETS) if group in FACETS]
    conditions: dict[str, _Sql] = {}
    for group, values in cleaned.items():
        facet = FACETS[group]
        if facet.is_array:
            conditions[group] = _Sql(f"r.{facet.column} && %s::integer[]", [list(values)])
        elif facet.key_type is int:
            conditions[group] = _Sql(f"r.{facet.column} = ANY(%s::bigint[])", [list(values)])
        else:
            conditions[group] = _Sql(f"r.{facet.column} = ANY(%s::text[])", [list(values)])

    # the parts asked for: (groups counted, whether the total is read there, the filtered groups of its rows)
    requested: list[tuple[list[str], bool, list[str]]] = [
        ([g for g in wanted if g not in conditions], True, list(conditions))
    ]
    requested += [([g], False, [h for h in conditions if h != g]) for g in wanted if g in conditions]

    statement = _Sql("", [])
    text: _Sql | None = None
    if tsquery is not None:
        # Built once (a CTE), then read as a parameter: folding wsis_term_tsquery at plan time costs
        # ~3 ms per occurrence, and the statement holds the query up to seven times. The one index
        # has every condition of a part, so the planner's estimates choose no plan here.
        statement = _Sql("WITH tq AS MATERIALIZED (SELECT ", []) + _Sql(*tsquery.sql()) + " AS q) "
        text = _Sql("(SELECT q FROM tq)", [])
    restricted: list[_Sql] = []
    if within is not None:
        inner_sql, inner_params = within.order_by().values("pk").query.sql_with_params()
        restricted.append(_Sql(f"r.entry_id IN ({inner_sql})", list(inner_params)))

    def filtered(where: list[str]) -> list[_Sql]:
        return [conditions[g] for g in where]

    def parts_over(first: int, before: list[_Sql]) -> list[_Part]:
        """The requested parts, numbered from `first`, over the rows passing `before` and their filters."""
        return [
            _Part(first + index, counted, with_total, _all([*before, *filtered(where)]))
            for index, (counted, with_total, where) in enumerate(requested)
        ]

    def kept_parts(first: int, guard: list[_Sql]) -> list[_Part]:
        """The parts over the rows passing the filters, whatever their text; kept in process."""
        kept = []
        for index, (counted, with_total, where) in enumerate(requested):
            if not where:  # a part over all entries counts every group, for every later request
                counted, with_total = list(FACETS), True
            key = (tuple(counted), with_total, tuple((g, tuple(map(str, cleaned[g]))) for g in sorted(where)))
            held = _KEPT.get(key)
            known = held.generation if held is not None else -1
            fresh = _Sql(f"(SELECT generation FROM {GENERATION_TABLE} WHERE id = 1) <> %s", [known])  # noqa: S608
            kept.append(
                _Part(first + index, counted, with_total, _all([*guard, fresh, *filtered(where)]), key, not where)
            )
        return kept

    extra: list[_Sql] = []  # rows of the statement that are not counts: the generation (-1), the way (-2)
    nulls = ", ".join(_NULL_OF.values())
    generation_row = _Sql(f"SELECT -1, 0, {nulls}, generation FROM {GENERATION_TABLE} WHERE id = 1", [])  # noqa: S608
    if text is None and within is None:
        parts = kept_parts(0, [])
        extra.append(generation_row)
    elif text is None or within is not None:
        parts = parts_over(0, [*restricted] if text is None else [_Sql("r.search_vector @@ ", []) + text, *restricted])
    else:
        statement = statement + ", share AS MATERIALIZED (SELECT wsis_search_share(" + text + ") AS value) "
        direct = _Sql("(SELECT value FROM share) <= %s", [COMPLEMENT_SHARE])
        complement = _Sql("(SELECT value FROM share) > %s", [COMPLEMENT_SHARE])
        excluded = _Sql(f"r.search_vector @@ ({ALL_ROWS_QUERY} && !!", []) + text + ")"
        parts = parts_over(0, [direct, _Sql("r.search_vector @@ ", []) + text])
        parts += kept_parts(WHOLE, [complement])
        parts += parts_over(EXCLUDED, [complement, excluded])
        extra.append(generation_row)
        extra.append(_Sql(f"SELECT -2, 0, {nulls}, CASE WHEN ", []) + complement + " THEN 1 ELSE 0 END")

    selects: list[_Sql] = []
    layouts: dict[int, list[str]] = {}  # part -> the groups of its grouping sets, in GROUPING() order
    for part in parts:
        arrays = [g for g in part.counted if FACETS[g].is_array]
        with_scalars = part.with_total or any(not FACETS[g].is_array for g in part.counted)
        layout = arrays + (list(SCALAR_GROUPS) if with_scalars else [])
        if not layout:
            continue
        layouts[part.number] = layout
        if part.over_all:
            selects.append(_totals_select(part.number, layout, part.condition))
            continue
        sets = [f"(r.{FACETS[g].column})" for g in arrays]
        if with_scalars:
            sets.append("(" + ", ".join(f"r.{FACETS[g].column}" for g in SCALAR_GROUPS) + ")")
        columns = ", ".join(f"r.{FACETS[g].column}" if g in layout else _NULL_OF[g] for g in FACETS)
        grouping = ", ".join(f"r.{FACETS[g].column}" for g in layout)
        select = _Sql(f"SELECT {part.number}, GROUPING({grouping}), {columns}, count(*) FROM ", [])  # noqa: S608
        select = select + f"{EntrySearch._meta.db_table} AS r WHERE " + part.condition
        selects.append(select + f" GROUP BY GROUPING SETS ({', '.join(sets)})")
    result: dict[str, list[tuple[Any, int]]] = {group: [] for group in wanted}
    if not selects:
        return 0, result
    for index, select in enumerate([*selects, *extra]):
        statement = statement + (" UNION ALL " if index else "") + "(" + select + ")"

    # enable_sort = off: the planner underestimates the rows a filter keeps and would sort tens of
    # thousands of arrays to group them; hashing them is cheaper at any size here.
    session = "SET LOCAL work_mem = '64MB'; SET LOCAL jit = off; SET LOCAL enable_sort = off; "
    if text is not None:
        session += "SET LOCAL enable_seqscan = off; "
    computed = {number: _Counts(generation=None, total=0, sums={g: {} for g in FACETS}) for number in layouts}
    generation, by_complement = None, False
    with connections["default"].cursor() as cursor:
        cursor.execute(session + statement.text, statement.params)
        while cursor.description is None and cursor.nextset():  # past the SET LOCAL statements
            pass
        for number, bits, *values, n in cursor.fetchall():
            if number == -1:
                generation = n
            elif number == -2:
                by_complement = bool(n)
            else:
                _add(computed[number], layouts[number], bits, dict(zip(FACETS, values, strict=True)), n)

    def counted_or_kept(part: _Part) -> _Counts:
        if part.key is None:
            return computed[part.number]
        held = _KEPT.get(part.key)
        if held is not None and held.generation == generation:  # not computed again: still exact
            return held
        fresh = computed[part.number]
        fresh.generation = generation
        _keep(part.key, fresh)
        return fresh

    by_number = {part.number: part for part in parts}
    total = 0
    sums: dict[str, dict[Any, int]] = {group: {} for group in FACETS}
    for index, (counted, _with_total, _where) in enumerate(requested):
        if by_complement:
            part_counts = _minus(counted_or_kept(by_number[WHOLE + index]), computed[EXCLUDED + index], counted)
        elif index in layouts:
            part_counts = counted_or_kept(by_number[index])
        else:
            continue
        if index == 0:  # the rows passing every filter: the number of matches
            total = part_counts.total
        for g in counted:
            if g in wanted:
                sums[g] = part_counts.sums[g]
    for group in wanted:
        result[group] = sorted(sums[group].items(), key=lambda item: (-item[1], item[0]))
    return total, result


def _totals_select(number: int, layout: list[str], condition: _Sql) -> _Sql:
    """A part's rows of the counts statement read from the facet totals (migration 0013) instead of
    grouping the search rows: the same columns, GROUPING() bits and counts, for the groups of `layout`."""
    full = (1 << len(layout)) - 1

    def bit(group: str) -> int:  # GROUPING(): the first argument is the highest bit, 1 = not grouped
        return 1 << (len(layout) - 1 - layout.index(group))

    arrays = [g for g in layout if FACETS[g].is_array]
    cases = [f"WHEN {TOTALS_GROUPED[FACETS[g].column]} THEN {full ^ bit(g)}" for g in arrays]
    wanted = [TOTALS_GROUPED[FACETS[g].column] for g in arrays]
    if any(g in layout for g in SCALAR_GROUPS):
        scalar_bits = full
        for g in SCALAR_GROUPS:
            scalar_bits ^= bit(g)
        cases.append(f"WHEN {TOTALS_SCALARS} THEN {scalar_bits}")
        wanted.append(TOTALS_SCALARS)
    columns = []
    for g, facet in FACETS.items():
        if g not in layout:
            columns.append(_NULL_OF[g])
        elif facet.is_array:
            columns.append(f"CASE WHEN t.grouped = {TOTALS_GROUPED[facet.column]} THEN ARRAY[t.key] END")
        else:
            columns.append(f"t.{facet.column}")
    select = _Sql(
        f"SELECT {number}, CASE t.grouped {' '.join(cases)} END, {', '.join(columns)}, sum(t.n)::bigint "  # noqa: S608
        f"FROM {TOTALS_TABLE} AS t WHERE t.grouped = ANY(%s::smallint[]) AND ",
        [wanted],
    )
    return select + condition + f" GROUP BY {TOTALS_COLUMNS} HAVING sum(t.n) > 0"


def compact_facet_totals() -> int:
    """Fold the changes the triggers appended to the facet totals into one row per key (Celery beat,
    see settings.CELERY_BEAT_SCHEDULE); the number of rows it removed. 1 query."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT stocktaking_compact_facet_totals()")
        return int(cursor.fetchone()[0])


def recount_facet_totals() -> None:
    """Count the facet totals again from the search rows, after a bulk load that ran without
    triggers (the bench's copies). 1 query: a scan of every search row."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT stocktaking_recount_facet_totals()")


def _minus(whole: _Counts, excluded: _Counts, groups: list[str]) -> _Counts:
    """The counts of `whole` less those of `excluded` (rows of whole), for `groups`; keys left at 0 go."""
    sums: dict[str, dict[Any, int]] = {g: {} for g in FACETS}
    for g in groups:
        less = excluded.sums[g]
        sums[g] = {key: n - less.get(key, 0) for key, n in whole.sums[g].items() if n > less.get(key, 0)}
    return _Counts(generation=None, total=whole.total - excluded.total, sums=sums)


# The facet counts of all the search rows, kept by triggers (migration 0013): `grouped` names what a
# row counts, an array's key or a combination of the single-valued groups.
TOTALS_TABLE = "stocktaking_facettotal"
TOTALS_COLUMNS = "t.grouped, t.key, t.stakeholder_type_id, t.activity_type, t.status, t.year"
TOTALS_GROUPED = {"facet_action_lines": 0, "facet_sdg_goals": 1, "facet_regions": 2, "facet_countries": 3}
TOTALS_SCALARS = 4
GENERATION_TABLE = "stocktaking_searchgeneration"  # migration 0006: changed by a trigger on every change
KEPT_PARTS = 500  # parts of counts kept per process (about 10 kB each)


@dataclasses.dataclass
class _Counts:
    """The counts of one part, as of a generation of the search rows."""

    generation: int | None
    total: int
    sums: dict[str, dict[Any, int]]


_KEPT: dict[tuple[Any, ...], _Counts] = {}  # per process, the most recently used last


def _keep(key: tuple[Any, ...], part_counts: _Counts) -> None:
    _KEPT.pop(key, None)
    _KEPT[key] = part_counts
    while len(_KEPT) > KEPT_PARTS:
        del _KEPT[next(iter(_KEPT))]


def _add(part_counts: _Counts, layout: list[str], bits: int, row: dict[str, Any], n: int) -> None:
    """Add one row of a part's GROUPING SETS aggregate to its counts."""
    # GROUPING(): one bit per argument, the first argument the highest, 1 = not in this set
    not_grouped = {g for i, g in enumerate(layout) if bits & (1 << (len(layout) - 1 - i))}
    if SCALAR_GROUPS[0] in layout and SCALAR_GROUPS[0] not in not_grouped:  # the single-valued groups
        part_counts.total += n
        for g in SCALAR_GROUPS:
            if row[g] is not None:
                key = FACETS[g].key_type(row[g])
                part_counts.sums[g][key] = part_counts.sums[g].get(key, 0) + n
    else:
        (g,) = set(layout) - not_grouped
        for key in row[g] or []:
            part_counts.sums[g][key] = part_counts.sums[g].get(key, 0) + n


def facet_choices(group: str, keys: Iterable[Any], language: str) -> dict[Any, str]:
    """Display labels of facet keys in `language`. At most 1 query (none for choices, SDGs and years)."""
    if group not in FACETS:
        raise ValueError(f"unknown facet group {group!r}")
    keys = list(keys)
    if not keys:
        return {}
    if group == "action_line":
        lines = ActionLine.objects.filter(pk__in=keys).only("code", *_name_columns())
        return {line.pk: f"{line.code} {localized(line, 'name', language)}" for line in lines}
    if group in ("region", "country", "stakeholder_type"):
        model = {"region": Region, "country": Country, "stakeholder_type": StakeholderType}[group]
        rows = model.objects.filter(pk__in=keys).only(*_name_columns())  # type: ignore[attr-defined]
        return {row.pk: localized(row, "name", language) for row in rows}
    if group == "sdg":
        with translation.override(language):
            return {key: str(_("SDG %(number)s") % {"number": key}) for key in keys}
    if group in ("activity_type", "status"):
        labels = dict(Entry.ActivityType.choices if group == "activity_type" else Entry.Status.choices)
        with translation.override(language):
            return {key: str(labels[key]) for key in keys if key in labels}
    return {key: str(key) for key in keys}


def _name_columns() -> list[str]:
    return [f"name_{suffix}" for suffix in ("en", "fr", "es", "ru", "ar", "zh")]
