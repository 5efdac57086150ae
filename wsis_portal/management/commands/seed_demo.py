from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from wsis_portal import demo


class Command(BaseCommand):
    help = "Create the demo accounts (one per role), organisations and requests to join. Idempotent."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when the demo is already there.")

    def handle(self, *args: Any, if_empty: bool = False, **options: Any) -> None:
        if if_empty and demo.demo_present():
            self.stdout.write("Demo data present; nothing to do.")
            return
        created = demo.seed_accounts()
        self.stdout.write(
            self.style.SUCCESS(f"Demo ready: {len(created)} accounts created (password {demo.DEMO_PASSWORD}).")
        )
