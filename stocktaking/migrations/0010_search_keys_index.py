"""One GIN index over the search rows' vector and facet arrays, instead of one index each.

With one index per column, a text query with filters left the planner a choice it often got wrong:
take a facet's bitmap (C2: 94,300 entries) and test `@@` on every row, reading one compressed vector
per row. The search therefore read every text match once and filtered them in memory (60,200 rows
for "broadband" when 200 pass the filters). A multicolumn GIN index intersects every condition it
holds in one Bitmap Index Scan, so the heap is visited for the rows that pass all of them only; a
condition on one column alone is answered by the same index as cheaply as by a single-column one.

The new index is built before the old ones are dropped: searches keep an index meanwhile.
"""

import django.contrib.postgres.indexes
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("stocktaking", "0009_listing_generation"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="entrysearch",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector", "facet_action_lines", "facet_sdg_goals", "facet_countries", "facet_regions"],
                name="entrysearch_keys_gin",
            ),
        ),
        migrations.RemoveIndex(model_name="entrysearch", name="entrysearch_vector_gin"),
        migrations.RemoveIndex(model_name="entrysearch", name="entrysearch_lines_gin"),
        migrations.RemoveIndex(model_name="entrysearch", name="entrysearch_goals_gin"),
        migrations.RemoveIndex(model_name="entrysearch", name="entrysearch_countries_gin"),
        migrations.RemoveIndex(model_name="entrysearch", name="entrysearch_regions_gin"),
    ]
