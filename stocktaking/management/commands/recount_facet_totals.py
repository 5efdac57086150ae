from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from stocktaking import search


class Command(BaseCommand):
    help = (
        "Count the facet totals (stocktaking migration 0013) again from the search rows: after a bulk "
        "load that ran without triggers (session_replication_role = replica). Writers of search rows "
        "wait while it runs (a few seconds at 1,000,000 entries)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        search.recount_facet_totals()
        self.stdout.write(self.style.SUCCESS("Facet totals counted again."))
