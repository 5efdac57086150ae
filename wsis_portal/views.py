from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from wsis_portal import health, selectors


@require_http_methods(["GET"])
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {"figures": selectors.home_figures()})


@never_cache
@require_http_methods(["GET", "HEAD"])
def healthz(request: HttpRequest) -> JsonResponse:
    """Database, broker and worker heartbeat, as JSON; 503 when any of them is down."""
    report = health.check_all()
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)
