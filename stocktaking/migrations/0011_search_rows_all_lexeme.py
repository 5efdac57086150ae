"""Every search row's vector holds one more lexeme, "~ all", that no text can produce (the parser
splits words at spaces), so that the rows NOT matching a query are a GIN search too.

`'~ all' & !'local'` is answered by the index from two posting lists, where `!'local'` alone makes
GIN scan every key of the column. search.counts uses it for a query matching most entries: it
counts the few rows that do not match and subtracts them from the counts of all rows (kept per
generation), instead of reading and grouping 86 % of the table (see search.counts).

The lexeme has no position: ranking (ts_rank_cd) only reads the query's lexemes and is unchanged.
The GIN index is dropped while the vectors are rewritten and built again after: one bulk build
costs far less than updating the index row by row.
"""

from django.db import migrations

INDEX = """CREATE INDEX entrysearch_keys_gin ON stocktaking_entrysearch USING gin
    (search_vector, facet_action_lines, facet_sdg_goals, facet_countries, facet_regions)"""

# The share of the search rows the planner expects a tsquery to match (0 when the table was never
# analysed). EXPLAIN, not a count: it costs a plan (~1 ms), whatever the number of matches.
SHARE = """
CREATE FUNCTION wsis_search_share(q tsquery) RETURNS float8
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE AS $$
DECLARE
    matching json;
    everything json;
BEGIN
    EXECUTE 'EXPLAIN (FORMAT JSON) SELECT 1 FROM stocktaking_entrysearch WHERE search_vector @@ $1'
        INTO matching USING q;
    EXECUTE 'EXPLAIN (FORMAT JSON) SELECT 1 FROM stocktaking_entrysearch' INTO everything;
    RETURN (matching->0->'Plan'->>'Plan Rows')::float8
        / greatest((everything->0->'Plan'->>'Plan Rows')::float8, 1);
END
$$
"""

FORWARD = [
    SHARE,
    "DROP INDEX IF EXISTS entrysearch_keys_gin",
    """UPDATE stocktaking_entrysearch SET search_vector = search_vector || array_to_tsvector(ARRAY['~ all'])
       WHERE NOT search_vector @@ '''~ all'''::tsquery""",
    INDEX,
]

BACKWARD = [
    "DROP FUNCTION wsis_search_share(tsquery)",
    "DROP INDEX IF EXISTS entrysearch_keys_gin",
    "UPDATE stocktaking_entrysearch SET search_vector = ts_delete(search_vector, '~ all')",
    INDEX,
]


class Migration(migrations.Migration):
    dependencies = [
        ("stocktaking", "0010_search_keys_index"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
