"""A counter of the changes to the search rows, bumped by a trigger whatever writes them.

search.counts keeps the facet counts of all published entries (no text, no filter: the landing
page, and each group's own counts when it is the only one filtered) in process, tagged with this
number; the statement that needs them reads it and recomputes them only when it has changed. A
trigger, not the services: a row deleted with its entry (Django's CASCADE) or written by a bulk
load changes the counts too.
"""

from django.db import migrations

FORWARD = [
    """CREATE TABLE stocktaking_searchgeneration (
        id smallint PRIMARY KEY CHECK (id = 1),
        generation bigint NOT NULL
    )""",
    # Values from a sequence: never given twice, even by a transaction that rolls back, so counts
    # cached by a process inside such a transaction can never be taken for later ones.
    "CREATE SEQUENCE stocktaking_search_generation_seq",
    "INSERT INTO stocktaking_searchgeneration (id, generation) VALUES (1, nextval('stocktaking_search_generation_seq'))",
    # Only when rows changed: reindex_entries runs its INSERT and DELETE for every saved draft.
    """CREATE FUNCTION stocktaking_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'TRUNCATE' THEN
            UPDATE stocktaking_searchgeneration SET generation = nextval('stocktaking_search_generation_seq') WHERE id = 1;
        ELSIF EXISTS (SELECT 1 FROM changed) THEN
            UPDATE stocktaking_searchgeneration SET generation = nextval('stocktaking_search_generation_seq') WHERE id = 1;
        END IF;
        RETURN NULL;
    END
    $$""",
    """CREATE TRIGGER stocktaking_entrysearch_inserted AFTER INSERT ON stocktaking_entrysearch
        REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stocktaking_search_changed()""",
    """CREATE TRIGGER stocktaking_entrysearch_updated AFTER UPDATE ON stocktaking_entrysearch
        REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stocktaking_search_changed()""",
    """CREATE TRIGGER stocktaking_entrysearch_deleted AFTER DELETE ON stocktaking_entrysearch
        REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stocktaking_search_changed()""",
    """CREATE TRIGGER stocktaking_entrysearch_truncated AFTER TRUNCATE ON stocktaking_entrysearch
        FOR EACH STATEMENT EXECUTE FUNCTION stocktaking_search_changed()""",
]

REVERSE = [
    *(
        f"DROP TRIGGER IF EXISTS stocktaking_entrysearch_{event} ON stocktaking_entrysearch"
        for event in ("inserted", "updated", "deleted", "truncated")
    ),
    "DROP FUNCTION IF EXISTS stocktaking_search_changed()",
    "DROP TABLE IF EXISTS stocktaking_searchgeneration",
    "DROP SEQUENCE IF EXISTS stocktaking_search_generation_seq",
]


class Migration(migrations.Migration):
    dependencies = [("stocktaking", "0005_distinct_term_tsquery")]

    operations = [migrations.RunSQL(FORWARD, REVERSE)]
