"""Background work of spreadsheet imports: the import itself, after the secretariat's dry run."""

from __future__ import annotations

from celery import shared_task

from stocktaking import imports


@shared_task(name="stocktaking.run_import", acks_late=True, ignore_result=True)
def run_import(batch_id: int) -> None:
    """Import a queued ImportBatch; idempotent (see imports.batch_run)."""
    imports.batch_run(batch_id=batch_id)
