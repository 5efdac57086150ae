from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from actionlines.models import ActionLine, Facilitation, MatrixLink
from stakeholders.models import Country, Organisation
from stocktaking.models import Entry


def home_figures() -> dict[str, Any]:
    """Live figures for the home page; 6 queries (one aggregate or count per table)."""
    lines = ActionLine.objects.aggregate(
        action_lines=Count("pk", filter=Q(parent__isnull=True)),
        units=Count("pk", filter=~Q(code="C7")),
    )
    organisations = Organisation.objects.aggregate(
        organisations=Count("pk"),
        countries_with_organisations=Count("country", distinct=True),
    )
    entries = Entry.objects.filter(state=Entry.State.PUBLISHED).aggregate(entries=Count("pk"))
    return {
        **lines,
        "entries": entries["entries"],
        **organisations,
        "countries": Country.objects.count(),
        "facilitators": Facilitation.objects.filter(valid_to__isnull=True).values("organisation").distinct().count(),
        "sdg_links": MatrixLink.objects.count(),
    }
