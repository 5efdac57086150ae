from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from stakeholders.models import Organisation
from tests.factories import OrganisationFactory
from wsis_portal.models import Heartbeat

pytestmark = pytest.mark.django_db


def test_home_shows_live_figures_in_constant_queries(
    client: Client, django_assert_num_queries: Any, people: dict[str, Any]
) -> None:
    from stocktaking import services
    from tests.stocktaking.factories import complete_content

    for _ in range(3):
        entry = services.entry_create(by=people["contributor"], organisation=people["ngo"], data=complete_content())
        services.entry_submit(entry=entry, by=people["contributor"])
        services.entry_publish(entry=entry, by=people["secretariat"])
    services.entry_create(by=people["contributor"], organisation=people["ngo"], data=complete_content())  # a draft
    before = Organisation.objects.count()
    OrganisationFactory.create_batch(5)
    # action-line aggregate, organisation aggregate, published entries, countries, current facilitators,
    # matrix links
    with django_assert_num_queries(6):
        response = client.get("/en/")
    figures = response.context["figures"]
    assert figures["entries"] == 3
    assert figures["organisations"] == before + 5
    assert figures["action_lines"] == 11 and figures["units"] == 18
    assert figures["countries"] >= 248
    assert f">{before + 5}<" in response.content.decode()


def test_root_redirects_to_a_language(client: Client) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302 and response["Location"] == "/fr/"


def test_pages_carry_security_headers(client: Client) -> None:
    response = client.get("/en/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()  # the language switcher posts


def test_language_switcher_keeps_the_page(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "ar", "next": "/en/action-lines/"})
    assert response.status_code == 302 and response["Location"] == "/ar/action-lines/"
    html = client.get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html


def test_healthz_reports_each_part(client: Client) -> None:
    response = client.get("/healthz")
    body = response.json()
    assert body["database"] == {"ok": True}
    assert body["broker"]["ok"] is True
    assert body["worker"]["ok"] is False and response.status_code == 503  # no worker has beaten yet

    Heartbeat.objects.create(name="worker", beat_at=timezone.now(), hostname="worker-1")
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["status"] == "ok"

    Heartbeat.objects.filter(name="worker").update(beat_at=timezone.now() - timezone.timedelta(minutes=5))
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["worker"]["seconds_ago"] > 290


def test_a_broker_that_is_down_is_reported() -> None:
    from wsis_portal import health

    report = health.check_broker("redis://127.0.0.1:1/0")  # nothing listens on port 1
    assert report["ok"] is False and report["transport"] == "redis" and report["error"]


def test_production_settings_pass_the_deploy_check(settings: Any) -> None:
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "x" * 20 + "production-secret-key-with-enough-entropy-0123456789",
        "DJANGO_ALLOWED_HOSTS": "wsis.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(settings: Any) -> None:
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SECRET_KEY"}
    env["DJANGO_DEBUG"] = "0"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "DJANGO_SECRET_KEY is required" in result.stderr
