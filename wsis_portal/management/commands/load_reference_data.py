from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from actionlines import reference as actionlines_reference
from indicators import reference as indicators_reference
from stakeholders import reference as stakeholders_reference
from wsis_portal import reference
from wsis_portal.models import ReferenceDataLoad


class Command(BaseCommand):
    help = (
        "Load the reference data files (countries, regions, organisations, action lines, SDGs...). "
        "Idempotent: unchanged files are skipped, changed rows are updated, nothing is duplicated."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--force", action="store_true", help="Reload even if the files are unchanged.")

    def handle(self, *args: Any, force: bool = False, **options: Any) -> None:
        paths = [stakeholders_reference.DATA_DIR / name for name in stakeholders_reference.FILES]
        paths += [actionlines_reference.DATA_DIR / name for name in actionlines_reference.FILES]
        paths += [indicators_reference.DATA_DIR / name for name in indicators_reference.FILES]
        checksum = reference.fingerprint(paths)
        last = ReferenceDataLoad.objects.order_by("-loaded_at").first()
        if last is not None and last.checksum == checksum and not force:
            self.stdout.write("Reference data unchanged since the last load; nothing to do (--force reloads).")
            return
        upserter = reference.Upserter()
        with transaction.atomic():
            stakeholders_reference.load(upserter)
            actionlines_reference.load(upserter)
            indicators_reference.load(upserter)
            ReferenceDataLoad.objects.create(checksum=checksum, summary=upserter.summary())
        self.stdout.write(self.style.SUCCESS(f"Reference data loaded: {upserter.summary()}."))
