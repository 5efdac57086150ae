"""A real Celery worker process takes tasks from the configured broker and writes to the test
database: nothing is mocked."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.parse
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from wsis_portal import tasks
from wsis_portal.models import Heartbeat


def _test_database_url() -> str:
    """DATABASE_URL pointing at the test database this run created."""
    url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    return urllib.parse.urlunsplit(url._replace(path="/" + connection.settings_dict["NAME"]))


@pytest.fixture
def worker(settings: Any) -> Any:
    env = {**os.environ, "DATABASE_URL": _test_database_url()}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "wsis_portal",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "WARNING",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        start_new_session=True,
    )
    yield process
    process.terminate()
    process.wait(timeout=30)


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
