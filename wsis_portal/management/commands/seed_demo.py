from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from consultations import demo as consultations_demo
from reports import annual_demo
from reports import demo as reports_demo
from stocktaking import demo as entries_demo
from stocktaking.models import Entry
from wsis_portal import demo


class Command(BaseCommand):
    help = (
        "Create the demo accounts (one per role), organisations, requests to join and entries in each state "
        "of moderation; --entries N adds N generated published stocktaking entries. Idempotent."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--if-empty", action="store_true", help="Load only the parts of the demo that are absent.")
        parser.add_argument("--entries", type=int, default=0, help="Generated published entries to add.")

    def handle(self, *args: Any, if_empty: bool = False, entries: int = 0, **options: Any) -> None:
        # Each part is loaded when absent, so a database seeded before a part existed gets it too.
        if if_empty and demo.demo_present():
            self.stdout.write("Demo accounts present.")
        else:
            created = demo.seed_accounts()
            demo.seed_workflow_entries()
            self.stdout.write(f"Demo accounts ready: {len(created)} created (password {demo.DEMO_PASSWORD}).")
        consultations_demo.load()  # idempotent: seed 002's consultation and the events
        reports_created = reports_demo.load()  # idempotent: the demo cycles are created only if absent
        self.stdout.write(f"Reporting cycles: {reports_created} demo reports created.")
        annual_demo.load()  # idempotent: the annual report's settings and findings of the demo cycles
        if entries and not (if_empty and Entry.objects.count() >= entries):
            added = entries_demo.load(entries)
            self.stdout.write(self.style.SUCCESS(f"{added} generated stocktaking entries added."))
