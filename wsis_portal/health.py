"""Checks behind /healthz: each answers {"ok": bool, ...} and never raises."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone

from wsis_portal.celery import app as celery_app
from wsis_portal.models import Heartbeat


def check_database() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any failure means "down", reported as text
        return {"ok": False, "error": str(error)[:200]}
    return {"ok": True}


def check_broker(url: str | None = None) -> dict[str, Any]:
    url = url or settings.CELERY_BROKER_URL
    transport = url.split("://", 1)[0]
    try:
        with celery_app.connection_for_write(url) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as error:  # noqa: BLE001
        return {"ok": False, "transport": transport, "error": str(error)[:200]}
    return {"ok": True, "transport": transport}


def check_worker() -> dict[str, Any]:
    try:
        beat = Heartbeat.objects.filter(name="worker").first()
    except Exception as error:  # noqa: BLE001
        return {"ok": False, "error": str(error)[:200]}
    if beat is None:
        return {"ok": False, "error": "no heartbeat yet"}
    age = (timezone.now() - beat.beat_at).total_seconds()
    return {
        "ok": age <= settings.WORKER_HEARTBEAT_MAX_AGE,
        "last_beat": beat.beat_at.isoformat(),
        "seconds_ago": round(age, 1),
        "host": beat.hostname,
    }


def check_all() -> dict[str, Any]:
    checks = {"database": check_database(), "broker": check_broker(), "worker": check_worker()}
    status = "ok" if all(check["ok"] for check in checks.values()) else "degraded"
    return {"status": status, **checks}
