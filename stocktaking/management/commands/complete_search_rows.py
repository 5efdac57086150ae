from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from stocktaking import search


class Command(BaseCommand):
    help = (
        'Add the lexeme "~ all" to the search rows written without it (by a release older than '
        "stocktaking migration 0011, during a rolling upgrade). Run once after such an upgrade."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        """Complete the search rows and say how many were changed."""
        completed = search.complete_search_rows()
        self.stdout.write(self.style.SUCCESS(f"{completed} search rows completed."))
