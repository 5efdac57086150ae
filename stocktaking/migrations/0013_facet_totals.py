"""The facet counts of all published entries, kept by triggers on the search rows.

search.counts kept the counts of all rows (the landing page, and the first half of a broad query's
complement) in each process, tagged with the generation of the search rows. Any change makes a new
generation, and the first such request of every process then grouped every search row again: 3.6 s
at 1,000,000 entries, after every publication.

Now triggers on the search rows append the change's counts (+1 per new row, -1 per old row, per
facet key and per combination of the single-valued facets) to `stocktaking_facettotal`, in the
transaction that changes them. Appending, never updating: concurrent writers take no lock on
shared rows, so they neither wait for each other nor deadlock. The counts of all rows are the sums
of this table (a few thousand rows once compacted); `stocktaking_compact_facet_totals()` folds
the appended rows into those sums (Celery beat, every ten minutes, see search.compact_facet_totals).

`grouped` says what a row counts: 0 action lines, 1 SDGs, 2 regions, 3 countries (one `key` of
those arrays), 4 a combination of stakeholder type, activity type, status and year (the total is
the sum of these rows).
"""

from django.db import migrations

COLUMNS = "grouped, key, stakeholder_type_id, activity_type, status, year"


def aggregate(rows: str) -> str:
    """Counts per facet key and per single-valued combination of `rows` (search rows with a sign)."""
    return f"""
INSERT INTO stocktaking_facettotal ({COLUMNS}, n)
SELECT {COLUMNS}, sum(sign) FROM (
    SELECT g.grouped, g.key, NULL::bigint AS stakeholder_type_id, NULL::varchar AS activity_type,
        NULL::varchar AS status, NULL::smallint AS year, d.sign
    FROM {rows} AS d
    CROSS JOIN LATERAL (
        SELECT 0, k FROM unnest(d.facet_action_lines) AS k
        UNION ALL SELECT 1, k FROM unnest(d.facet_sdg_goals) AS k
        UNION ALL SELECT 2, k FROM unnest(d.facet_regions) AS k
        UNION ALL SELECT 3, k FROM unnest(d.facet_countries) AS k
    ) AS g(grouped, key)
    UNION ALL
    SELECT 4, NULL, d.stakeholder_type_id, d.activity_type, d.status, d.year, d.sign FROM {rows} AS d
) AS x
GROUP BY {COLUMNS}
HAVING sum(sign) <> 0
"""


def signed(table: str, sign: int) -> str:
    return (
        "(SELECT facet_action_lines, facet_sdg_goals, facet_regions, facet_countries, stakeholder_type_id,"
        f" activity_type, status, year, {sign} AS sign FROM {table})"
    )


def trigger_function(name: str, rows: str) -> str:
    return f"""CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        {aggregate(rows)};
        RETURN NULL;
    END
    $$"""


FORWARD = [
    """CREATE TABLE stocktaking_facettotal (
        grouped smallint NOT NULL,
        key integer,
        stakeholder_type_id bigint,
        activity_type varchar(30),
        status varchar(20),
        year smallint,
        n bigint NOT NULL
    )""",
    trigger_function("stocktaking_facet_totals_inserted", signed("added", 1)),
    trigger_function("stocktaking_facet_totals_deleted", signed("removed", -1)),
    trigger_function(
        "stocktaking_facet_totals_updated", f"({signed('added', 1)} UNION ALL {signed('removed', -1)})"
    ),
    # EXCLUSIVE first: a compaction running meanwhile commits before the DELETE takes its snapshot,
    # so the sums it writes back are deleted too (without the lock they would survive it).
    """CREATE FUNCTION stocktaking_facet_totals_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        LOCK TABLE stocktaking_facettotal IN EXCLUSIVE MODE;
        DELETE FROM stocktaking_facettotal;
        RETURN NULL;
    END
    $$""",
    """CREATE TRIGGER stocktaking_facet_totals_inserted AFTER INSERT ON stocktaking_entrysearch
        REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION stocktaking_facet_totals_inserted()""",
    """CREATE TRIGGER stocktaking_facet_totals_updated AFTER UPDATE ON stocktaking_entrysearch
        REFERENCING OLD TABLE AS removed NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION stocktaking_facet_totals_updated()""",
    """CREATE TRIGGER stocktaking_facet_totals_deleted AFTER DELETE ON stocktaking_entrysearch
        REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION stocktaking_facet_totals_deleted()""",
    """CREATE TRIGGER stocktaking_facet_totals_truncated AFTER TRUNCATE ON stocktaking_entrysearch
        FOR EACH STATEMENT EXECUTE FUNCTION stocktaking_facet_totals_truncated()""",
    # Fold the appended changes into one row per key: the appended rows are deleted and their sums
    # written back in one statement. Rows appended meanwhile by other transactions are not in its
    # snapshot, so they are neither deleted nor counted: they stay for the next run.
    f"""CREATE FUNCTION stocktaking_compact_facet_totals() RETURNS bigint LANGUAGE sql AS $$
    WITH gone AS (DELETE FROM stocktaking_facettotal RETURNING *),
    kept AS (
        INSERT INTO stocktaking_facettotal ({COLUMNS}, n)
        SELECT {COLUMNS}, sum(n) FROM gone GROUP BY {COLUMNS} HAVING sum(n) <> 0
        RETURNING 1
    )
    SELECT (SELECT count(*) FROM gone) - (SELECT count(*) FROM kept)
    $$""",
    # Count everything again from the search rows: a bulk load that ran without triggers (the
    # bench's copies) calls it; it runs here once to fill the table. The locks make it see a still
    # table: writers of search rows wait (SHARE), and so does a compaction (EXCLUSIVE), which
    # commits first if it was running (its sums are then deleted, not counted twice).
    f"""CREATE FUNCTION stocktaking_recount_facet_totals() RETURNS void LANGUAGE sql AS $$
    LOCK TABLE stocktaking_entrysearch IN SHARE MODE;
    LOCK TABLE stocktaking_facettotal IN EXCLUSIVE MODE;
    DELETE FROM stocktaking_facettotal;
    {aggregate(signed("stocktaking_entrysearch", 1))}
    $$""",
    "SELECT stocktaking_recount_facet_totals()",
]

REVERSE = [
    *(
        f"DROP TRIGGER IF EXISTS stocktaking_facet_totals_{event} ON stocktaking_entrysearch"
        for event in ("inserted", "updated", "deleted", "truncated")
    ),
    *(
        f"DROP FUNCTION IF EXISTS stocktaking_facet_totals_{event}()"
        for event in ("inserted", "updated", "deleted", "truncated")
    ),
    "DROP FUNCTION IF EXISTS stocktaking_compact_facet_totals()",
    "DROP FUNCTION IF EXISTS stocktaking_recount_facet_totals()",
    "DROP TABLE IF EXISTS stocktaking_facettotal",
]


class Migration(migrations.Migration):
    dependencies = [("stocktaking", "0012_related_keys")]

    operations = [migrations.RunSQL(FORWARD, REVERSE)]
