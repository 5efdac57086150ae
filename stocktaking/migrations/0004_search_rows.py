"""The search rows of published entries (stocktaking.models.EntrySearch): the search vector moves
from the wide entry table to a narrow table that also holds the facet keys, so that matching and
counting 800,000 entries read a few pages per thousand entries instead of the entry's texts.

Storage: the facet arrays and codes are PLAIN (always in the row, never compressed: counting reads
them for every match); the vector is stored out of line (toast_tuple_target=128 moves it to the
TOAST table even when it compresses under 2 kB), compressed with lz4 when the server has it.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


STORAGE = [
    "ALTER TABLE stocktaking_entrysearch SET (toast_tuple_target = 128)",
    """ALTER TABLE stocktaking_entrysearch
        ALTER COLUMN facet_action_lines SET STORAGE PLAIN,
        ALTER COLUMN facet_sdg_goals SET STORAGE PLAIN,
        ALTER COLUMN facet_countries SET STORAGE PLAIN,
        ALTER COLUMN facet_regions SET STORAGE PLAIN,
        ALTER COLUMN activity_type SET STORAGE PLAIN,
        ALTER COLUMN status SET STORAGE PLAIN""",
    # lz4 decompresses several times faster than pglz (ranking reads the vectors); a server built
    # without lz4 keeps pglz.
    """DO $$ BEGIN
        ALTER TABLE stocktaking_entrysearch ALTER COLUMN search_vector SET COMPRESSION lz4;
    EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN NULL;
    END $$""",
]

# The vectors already computed move with their entries; an entry never reindexed gets an empty one
# until search.reindex_entries runs (it runs after every write of the services).
POPULATE = """
INSERT INTO stocktaking_entrysearch (entry_id, published_at, search_vector, facet_action_lines, facet_sdg_goals,
    facet_countries, facet_regions, stakeholder_type_id, activity_type, status, year)
SELECT id, published_at, coalesce(search_vector, ''::tsvector), facet_action_lines, facet_sdg_goals,
    facet_countries, facet_regions, stakeholder_type_id, activity_type, status, year
FROM stocktaking_entry WHERE state = 'published'
"""


class Migration(migrations.Migration):

    dependencies = [
        ('stocktaking', '0003_jobs_links_imports'),
    ]

    operations = [
        migrations.CreateModel(
            name='EntrySearch',
            fields=[
                ('entry', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search_row', serialize=False, to='stocktaking.entry')),
                ('published_at', models.DateTimeField(null=True)),
                ('search_vector', django.contrib.postgres.search.SearchVectorField()),
                ('facet_action_lines', django.contrib.postgres.fields.ArrayField(base_field=models.IntegerField(), default=list, size=None)),
                ('facet_sdg_goals', django.contrib.postgres.fields.ArrayField(base_field=models.IntegerField(), default=list, size=None)),
                ('facet_countries', django.contrib.postgres.fields.ArrayField(base_field=models.IntegerField(), default=list, size=None)),
                ('facet_regions', django.contrib.postgres.fields.ArrayField(base_field=models.IntegerField(), default=list, size=None)),
                ('stakeholder_type_id', models.BigIntegerField(null=True)),
                ('activity_type', models.CharField(blank=True, max_length=30)),
                ('status', models.CharField(blank=True, max_length=20)),
                ('year', models.PositiveSmallIntegerField(null=True)),
            ],
        ),
        migrations.RunSQL(STORAGE, migrations.RunSQL.noop),
        migrations.RunSQL(POPULATE, migrations.RunSQL.noop),
        migrations.RemoveIndex(
            model_name='entry',
            name='entry_search_gin',
        ),
        migrations.RemoveField(
            model_name='entry',
            name='search_vector',
        ),
        migrations.AddIndex(
            model_name='entrysearch',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_vector'], name='entrysearch_vector_gin'),
        ),
        migrations.AddIndex(
            model_name='entrysearch',
            index=django.contrib.postgres.indexes.GinIndex(fields=['facet_action_lines'], name='entrysearch_lines_gin'),
        ),
        migrations.AddIndex(
            model_name='entrysearch',
            index=django.contrib.postgres.indexes.GinIndex(fields=['facet_sdg_goals'], name='entrysearch_goals_gin'),
        ),
        migrations.AddIndex(
            model_name='entrysearch',
            index=django.contrib.postgres.indexes.GinIndex(fields=['facet_countries'], name='entrysearch_countries_gin'),
        ),
        migrations.AddIndex(
            model_name='entrysearch',
            index=django.contrib.postgres.indexes.GinIndex(fields=['facet_regions'], name='entrysearch_regions_gin'),
        ),
        migrations.AddIndex(
            model_name='entrysearch',
            index=models.Index(models.OrderBy(models.F('published_at'), descending=True), models.OrderBy(models.F('entry'), descending=True), name='entrysearch_newest'),
        ),
        migrations.RunSQL("ANALYZE stocktaking_entrysearch", migrations.RunSQL.noop),
    ]
