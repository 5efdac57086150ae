from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from actionlines import progress_charts, selectors
from wsis_portal import audit, permissions


@require_http_methods(["GET"])
def actionline_index(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "actionlines.actionline.view")
    return render(request, "actionlines/index.html", {"lines": selectors.actionline_tree()})


@require_http_methods(["GET"])
def actionline_detail(request: HttpRequest, code: str) -> HttpResponse:
    action_line = get_object_or_404(selectors.actionline_detail(code=code.upper()))
    permissions.require(request.user, "actionlines.actionline.view", action_line)
    can_see_history = permissions.can(request.user, "actionlines.actionline.history", action_line)
    context = {
        "line": action_line,
        "sublines": list(action_line.sublines.order_by("sort")),
        "facilitations": selectors.actionline_facilitations(action_line=action_line),
        "goals": selectors.actionline_sdg_targets(action_line=action_line),
        "roadmap": progress_charts.attach(selectors.actionline_roadmap(action_line=action_line)),
        "can_edit_roadmap": permissions.can(request.user, "actionlines.roadmap.edit", action_line),
        "history": audit.history_for(action_line) if can_see_history else None,
    }
    return render(request, "actionlines/detail.html", context)
