"""The Celery application: one broker URL decides where tasks go (see settings.CELERY_*)."""

from __future__ import annotations

import os

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wsis_portal.settings")

app = Celery("wsis_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def _beat_once_at_start(sender: object, **kwargs: object) -> None:
    # /healthz turns green as soon as a worker can take tasks, not 30 s later with the first beat.
    app.send_task("wsis_portal.tasks.heartbeat")
