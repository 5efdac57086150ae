"""A counter of the changes to what the public listings show, bumped by triggers whatever writes them.

The API's list of published entries is answered from a cache of rendered pages tagged with this
number (stocktaking.listing_cache); a page is served again only while the number is unchanged.
It changes when a published entry, one of its links or translations, its search row, an
organisation, a type of entity or a code of the reference tables changes: every column the list
shows or filters on. A draft's autosave does not change it (nothing public changed).

Triggers, not the services: a bulk import, an admin edit, a cascade or a raw UPDATE change what the
public sees too, and a trigger sees them all.
"""

from django.db import migrations

ENTRY_TABLE = "stocktaking_entry"
LINK_TABLES = [
    "stocktaking_entryactionline",
    "stocktaking_entrysdgtarget",
    "stocktaking_entrytranslation",
    "stocktaking_entry_wsis_targets",
    "stocktaking_entry_countries",
    "stocktaking_entry_regions",
]
ANY_CHANGE_TABLES = [
    "stocktaking_entrysearch",  # the filters and facet counts read these rows
    "stakeholders_organisation",
    "stakeholders_stakeholdertype",
    "stakeholders_country",
    "stakeholders_region",
    "actionlines_actionline",
    "actionlines_sdgtarget",
    "actionlines_wsistarget",
]
BUMP = "UPDATE stocktaking_listinggeneration SET generation = nextval('stocktaking_listing_generation_seq') WHERE id = 1;"

FORWARD = [
    """CREATE TABLE stocktaking_listinggeneration (
        id smallint PRIMARY KEY CHECK (id = 1),
        generation bigint NOT NULL
    )""",
    # From a sequence: never given twice, even by a transaction that rolls back.
    "CREATE SEQUENCE stocktaking_listing_generation_seq",
    "INSERT INTO stocktaking_listinggeneration (id, generation) VALUES (1, nextval('stocktaking_listing_generation_seq'))",
    # Any row of the table: a statement's triggers run even when it changed no row (reindex_entries
    # runs its INSERT and DELETE of search rows for every saved draft), hence the transition tables.
    f"""CREATE FUNCTION stocktaking_listing_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'TRUNCATE' THEN
            {BUMP}
        ELSIF TG_OP = 'DELETE' THEN
            IF EXISTS (SELECT 1 FROM old_rows) THEN {BUMP} END IF;
        ELSIF EXISTS (SELECT 1 FROM new_rows) THEN
            {BUMP}
        END IF;
        RETURN NULL;
    END
    $$""",
    # An entry: only when a row that is, or was, published changed.
    f"""CREATE FUNCTION stocktaking_listing_entry_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'TRUNCATE' THEN
            {BUMP}
        ELSIF TG_OP = 'INSERT' THEN
            IF EXISTS (SELECT 1 FROM new_rows WHERE state = 'published') THEN {BUMP} END IF;
        ELSIF TG_OP = 'DELETE' THEN
            IF EXISTS (SELECT 1 FROM old_rows WHERE state = 'published') THEN {BUMP} END IF;
        ELSIF EXISTS (SELECT 1 FROM old_rows WHERE state = 'published')
              OR EXISTS (SELECT 1 FROM new_rows WHERE state = 'published') THEN
            {BUMP}
        END IF;
        RETURN NULL;
    END
    $$""",
    # A link or translation: only when it belongs to a published entry (a deleted entry's own
    # trigger covers its links deleted with it).
    f"""CREATE FUNCTION stocktaking_listing_link_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'TRUNCATE' THEN
            {BUMP}
        ELSIF TG_OP = 'DELETE' THEN
            IF EXISTS (SELECT 1 FROM old_rows r JOIN stocktaking_entry e ON e.id = r.entry_id
                       WHERE e.state = 'published') THEN {BUMP} END IF;
        ELSIF EXISTS (SELECT 1 FROM new_rows r JOIN stocktaking_entry e ON e.id = r.entry_id
                      WHERE e.state = 'published') THEN
            {BUMP}
        END IF;
        RETURN NULL;
    END
    $$""",
]
REVERSE = []


def _triggers(table: str, function: str) -> None:
    events = [("inserted", "INSERT", "NEW TABLE AS new_rows"), ("deleted", "DELETE", "OLD TABLE AS old_rows")]
    events.append(("updated", "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"))
    for name, event, tables in events:
        FORWARD.append(
            f"CREATE TRIGGER {table}_listing_{name} AFTER {event} ON {table} "
            f"REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        )
        REVERSE.append(f"DROP TRIGGER IF EXISTS {table}_listing_{name} ON {table}")
    FORWARD.append(
        f"CREATE TRIGGER {table}_listing_truncated AFTER TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
    )
    REVERSE.append(f"DROP TRIGGER IF EXISTS {table}_listing_truncated ON {table}")


_triggers(ENTRY_TABLE, "stocktaking_listing_entry_changed")
for _table in LINK_TABLES:
    _triggers(_table, "stocktaking_listing_link_changed")
for _table in ANY_CHANGE_TABLES:
    _triggers(_table, "stocktaking_listing_changed")

REVERSE += [
    "DROP FUNCTION IF EXISTS stocktaking_listing_changed()",
    "DROP FUNCTION IF EXISTS stocktaking_listing_entry_changed()",
    "DROP FUNCTION IF EXISTS stocktaking_listing_link_changed()",
    "DROP TABLE IF EXISTS stocktaking_listinggeneration",
    "DROP SEQUENCE IF EXISTS stocktaking_listing_generation_seq",
]


class Migration(migrations.Migration):
    dependencies = [
        ("stocktaking", "0008_export_attempts"),
        ("stakeholders", "0001_initial"),
        ("actionlines", "0001_initial"),
    ]

    operations = [migrations.RunSQL(FORWARD, REVERSE)]
