from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from stocktaking import search


class Command(BaseCommand):
    help = (
        "After a rolling upgrade, complete what the previous release wrote meanwhile: the lexeme "
        '"~ all" of search rows (stocktaking migration 0011) and the related keys of entries '
        "(migration 0012). Run once, when every host runs the new release."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        """Complete the search rows and the related keys, and say how many were changed."""
        completed = search.complete_search_rows()
        self.stdout.write(self.style.SUCCESS(f"{completed} search rows completed."))
        keyed = search.complete_related_keys()
        self.stdout.write(self.style.SUCCESS(f"Related keys of {keyed} entries completed."))
