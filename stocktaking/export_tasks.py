"""Background work of exports: writing a large export, and deleting old ones.

For settings.CELERY_BEAT_SCHEDULE:
    "stocktaking-exports-cleanup": {"task": "stocktaking.cleanup_exports", "schedule": 24 * 3600.0},
"""

from __future__ import annotations

from celery import shared_task

from stocktaking import exports


@shared_task(name="stocktaking.run_export", acks_late=True, ignore_result=True)
def run_export(job_id: int) -> None:
    """Write an ExportJob's file. Idempotent: a redelivered finished job does nothing, an
    interrupted one (still "running" after a worker crash) is written again from scratch."""
    exports.export_job_run(job_id=job_id)


@shared_task(name="stocktaking.cleanup_exports", ignore_result=True)
def cleanup_exports() -> int:
    """Periodic (beat, daily): delete exports older than exports.KEEP_DAYS days, file and row."""
    return exports.exports_cleanup()
