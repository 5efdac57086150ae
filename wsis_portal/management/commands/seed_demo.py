from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

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
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when the demo is already there.")
        parser.add_argument("--entries", type=int, default=0, help="Generated published entries to add.")

    def handle(self, *args: Any, if_empty: bool = False, entries: int = 0, **options: Any) -> None:
        if if_empty and demo.demo_present() and (entries == 0 or Entry.objects.count() >= entries):
            self.stdout.write("Demo data present; nothing to do.")
            return
        created = demo.seed_accounts()
        demo.seed_workflow_entries()
        reports_demo.load()
        self.stdout.write(f"Demo accounts ready: {len(created)} created (password {demo.DEMO_PASSWORD}).")
        if entries:
            added = entries_demo.load(entries)
            self.stdout.write(self.style.SUCCESS(f"{added} generated stocktaking entries added."))
