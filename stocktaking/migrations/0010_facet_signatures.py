"""Facet signatures (stocktaking.models.FacetSignature): each search row names the distinct
combination of its facet keys, so that counting groups rows by one integer (search.counts).

Existing rows get theirs here; from then on search.reindex_entries writes them.
"""

import django.contrib.postgres.fields
from django.db import migrations, models

KEYS = "facet_action_lines, facet_sdg_goals, facet_countries, facet_regions, stakeholder_type_id, activity_type, status, year"

POPULATE = [
    f"""INSERT INTO stocktaking_facetsignature ({KEYS})
    SELECT DISTINCT {KEYS} FROM stocktaking_entrysearch""",
    # Equality on the arrays and codes (hashable: a hash join), NULL-safe on the nullable two.
    """UPDATE stocktaking_entrysearch AS r SET signature_id = s.id
    FROM stocktaking_facetsignature AS s
    WHERE s.facet_action_lines = r.facet_action_lines AND s.facet_sdg_goals = r.facet_sdg_goals
      AND s.facet_countries = r.facet_countries AND s.facet_regions = r.facet_regions
      AND s.activity_type = r.activity_type AND s.status = r.status
      AND s.stakeholder_type_id IS NOT DISTINCT FROM r.stakeholder_type_id
      AND s.year IS NOT DISTINCT FROM r.year""",
]


class Migration(migrations.Migration):
    dependencies = [("stocktaking", "0009_listing_generation")]

    operations = [
        migrations.CreateModel(
            name="FacetSignature",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "facet_action_lines",
                    django.contrib.postgres.fields.ArrayField(base_field=models.IntegerField(), size=None),
                ),
                ("facet_sdg_goals", django.contrib.postgres.fields.ArrayField(base_field=models.IntegerField(), size=None)),
                ("facet_countries", django.contrib.postgres.fields.ArrayField(base_field=models.IntegerField(), size=None)),
                ("facet_regions", django.contrib.postgres.fields.ArrayField(base_field=models.IntegerField(), size=None)),
                ("stakeholder_type_id", models.BigIntegerField(null=True)),
                ("activity_type", models.CharField(blank=True, max_length=30)),
                ("status", models.CharField(blank=True, max_length=20)),
                ("year", models.PositiveSmallIntegerField(null=True)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=(
                            "facet_action_lines",
                            "facet_sdg_goals",
                            "facet_countries",
                            "facet_regions",
                            "stakeholder_type_id",
                            "activity_type",
                            "status",
                            "year",
                        ),
                        name="facetsignature_unique",
                        nulls_distinct=False,
                    )
                ],
            },
        ),
        migrations.AddField(model_name="entrysearch", name="signature_id", field=models.IntegerField(null=True)),
        migrations.RunSQL(POPULATE, migrations.RunSQL.noop),
        migrations.AlterField(model_name="entrysearch", name="signature_id", field=models.IntegerField()),
        migrations.AddIndex(
            model_name="entrysearch", index=models.Index(fields=["signature_id"], name="entrysearch_signature")
        ),
    ]
