from __future__ import annotations

import socket

from celery import shared_task
from django.utils import timezone

from wsis_portal.models import Heartbeat


@shared_task(name="wsis_portal.tasks.heartbeat", ignore_result=True)
def heartbeat() -> None:
    """Record that a worker picked a task from the broker just now."""
    Heartbeat.objects.update_or_create(
        name="worker", defaults={"beat_at": timezone.now(), "hostname": socket.gethostname()}
    )
