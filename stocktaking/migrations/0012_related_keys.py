"""The related keys of published entries (models.RelatedKey), filled from the search rows.

The entry page chose its related entries by walking the published entries newest-first until five
shared a line and a country: tens of thousands of rows for a pair that rarely meets. The keys give
each (line, country) pair its own newest-first B-tree range. They are filled before their index is
built (one bulk build), from the facet arrays the search rows already hold.
"""

import django.db.models.deletion
from django.db import migrations, models

FILL = """
INSERT INTO stocktaking_relatedkey (entry_id, line, country, published_at)
SELECT s.entry_id, l.line, c.country, s.published_at
FROM stocktaking_entrysearch s
JOIN stocktaking_entry e ON e.id = s.entry_id
CROSS JOIN LATERAL unnest(s.facet_action_lines) AS l(line)
CROSS JOIN LATERAL unnest(
    s.facet_countries || CASE WHEN e.coverage = 'international' THEN ARRAY[0] ELSE '{}' END
) AS c(country)
WHERE s.published_at IS NOT NULL
"""


class Migration(migrations.Migration):
    dependencies = [
        ("stocktaking", "0011_search_rows_all_lexeme"),
    ]

    operations = [
        migrations.CreateModel(
            name="RelatedKey",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "entry", "line", "country", blank=True, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("line", models.IntegerField()),
                ("country", models.IntegerField()),
                ("published_at", models.DateTimeField()),
                (
                    "entry",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="related_keys",
                        to="stocktaking.entry",
                    ),
                ),
            ],
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name="relatedkey",
            index=models.Index(
                models.F("line"),
                models.F("country"),
                models.OrderBy(models.F("published_at"), descending=True),
                models.OrderBy(models.F("entry"), descending=True),
                name="relatedkey_newest",
            ),
        ),
    ]
