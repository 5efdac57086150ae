"""Periodic work of the link checker (Celery beat, nightly): check the links, then report new breaks.

Not named tasks.py, so Celery's autodiscovery does not see it: settings.CELERY_IMPORTS lists it.
"""

from __future__ import annotations

import logging
import zlib

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import connection

from stocktaking import linkcheck

logger = logging.getLogger(__name__)

# One run at a time across all workers: a PostgreSQL advisory lock (session level, freed when the
# connection closes even if the worker dies), keyed by a stable number derived from the task name.
LOCK_KEY = zlib.crc32(b"stocktaking.check_links")


@shared_task(name="stocktaking.check_links", ignore_result=True, soft_time_limit=3 * 3600, time_limit=3 * 3600 + 300)
def check_links() -> dict[str, int] | None:
    """Check the links that are due, then e-mail owners and the secretariat about new breaks.

    Idempotent: a second run within the same week checks nothing (links are due after a week) and
    reports nothing twice (reported_at); an overlapping run returns at once. A run cut short by the
    time limit keeps every result recorded so far; the next one continues with what is still due."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
        locked = cursor.fetchone()[0]
    if not locked:
        logger.info("Link check already running; this run does nothing.")
        return None
    try:
        try:
            counts = linkcheck.check_links()
        except SoftTimeLimitExceeded:
            logger.warning("Link check stopped by its time limit; the next run continues.")
            counts = {}
        counts["reported"] = linkcheck.report_broken_links()
        return counts
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
