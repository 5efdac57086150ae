"""Background work of the indicators app: importing a large file of values."""

from __future__ import annotations

import contextlib

from celery import shared_task

from wsis_portal.errors import ApplicationError


@shared_task(name="indicators.run_import", acks_late=True, ignore_result=True)
def run_import(batch_id: int) -> None:
    """Import a queued ObservationImport (all values or none). Idempotent: a redelivered batch that is
    no longer queued (imported or failed) does nothing; the permission was checked when it was queued."""
    from indicators import services
    from indicators.models import ObservationImport

    batch = ObservationImport.objects.select_related("imported_by").filter(pk=batch_id).first()
    if batch is None or batch.state != ObservationImport.State.QUEUED:
        return
    with contextlib.suppress(ApplicationError):  # the batch is then marked failed with its errors
        services.import_execute(batch_id=batch.pk, by=batch.imported_by, expected=ObservationImport.State.QUEUED)
