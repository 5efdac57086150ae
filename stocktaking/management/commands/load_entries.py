from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from stocktaking import demo


class Command(BaseCommand):
    help = "Bulk-load N generated demo entries (six languages, real reference data) with COPY. Demo only."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("n", type=int, help="How many entries to add.")
        parser.add_argument("--state", choices=["published", "draft"], default="published")
        parser.add_argument("--seed", type=int, default=2026, help="Another seed gives other entries.")
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args: Any, n: int, state: str, seed: int, batch_size: int, **options: Any) -> None:
        """Run demo.load and report how many entries it added and how long it took."""
        started = time.monotonic()
        added = demo.load(n, state=state, batch_size=batch_size, seed=seed)
        elapsed = time.monotonic() - started
        rate = added / elapsed if elapsed else 0
        self.stdout.write(
            self.style.SUCCESS(f"{added} {state} entries loaded in {elapsed:.1f}s ({rate:,.0f} entries/s).")
        )
