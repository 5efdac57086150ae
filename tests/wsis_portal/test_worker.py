"""A real Celery worker process takes tasks from the configured broker and writes to the test
database: nothing is mocked."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.test import Client

from wsis_portal import tasks
from wsis_portal.models import Heartbeat


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_worker_process_runs_the_heartbeat_and_healthz_turns_green(
    worker: Any, live_reference_data: None, client: Client
) -> None:
    Heartbeat.objects.all().delete()
    tasks.heartbeat.delay()
    deadline = time.monotonic() + 60
    while not Heartbeat.objects.filter(name="worker").exists():
        assert worker.poll() is None, "the worker exited"
        assert time.monotonic() < deadline, "no heartbeat from the worker within 60 s"
        time.sleep(0.3)
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["worker"]["ok"] is True
