from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from actionlines.models import ActionLine, Facilitation, MatrixLink
from stakeholders.models import Country, Organisation


def home_figures() -> dict[str, Any]:
    """Live figures for the home page; 4 queries (one aggregate per table)."""
    lines = ActionLine.objects.aggregate(
        action_lines=Count("pk", filter=Q(parent__isnull=True)),
        units=Count("pk", filter=~Q(code="C7")),
    )
    organisations = Organisation.objects.aggregate(
        organisations=Count("pk"),
        countries_with_organisations=Count("country", distinct=True),
    )
    return {
        **lines,
        **organisations,
        "countries": Country.objects.count(),
        "facilitators": Facilitation.objects.filter(valid_to__isnull=True).values("organisation").distinct().count(),
        "sdg_links": MatrixLink.objects.count(),
    }
