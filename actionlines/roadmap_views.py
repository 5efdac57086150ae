"""Pages to edit an action line's roadmap: its objectives by period and their measurable targets."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms.utils import ErrorDict
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from actionlines import forms, selectors, services
from actionlines.models import ActionLine, RoadmapObjective
from wsis_portal import audit, permissions
from wsis_portal.errors import ApplicationError
from wsis_portal.http import AuthenticatedHttpRequest


def _line(request: AuthenticatedHttpRequest, code: str) -> ActionLine:
    action_line = get_object_or_404(ActionLine, code=code.upper())
    permissions.require(request.user, "actionlines.roadmap.edit", action_line)
    return action_line


def _objective(action_line: ActionLine, pk: int) -> RoadmapObjective:
    return get_object_or_404(RoadmapObjective.objects.select_related("action_line"), pk=pk, action_line=action_line)


def _version(request: AuthenticatedHttpRequest) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return 0  # a version no objective has: the save becomes a conflict, nothing is overwritten


@login_required
@require_http_methods(["GET"])
def roadmap_edit(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    action_line = _line(request, code)
    context = {
        "line": action_line,
        "periods": selectors.actionline_roadmap(action_line=action_line),
        "history": audit.history_for(
            action_line, limit=15, related=selectors.roadmap_history_sources(action_line=action_line)
        ),
    }
    return render(request, "actionlines/roadmap_edit.html", context)


def _targets_formset(request: AuthenticatedHttpRequest, initial: list[dict[str, Any]]) -> Any:
    if request.method != "POST":
        return forms.TargetFormSet(initial=initial, prefix="targets")
    data = request.POST.copy()
    if request.POST.get("action") == "more":  # one more blank row, keeping everything typed
        total = int(data.get("targets-TOTAL_FORMS", "0") or 0)
        data["targets-TOTAL_FORMS"] = str(min(total + 1, 50))
    return forms.TargetFormSet(data, initial=initial, prefix="targets")


def _apply_service_error(error: ApplicationError, form: Any, formset: Any) -> None:
    """Put a service error next to the field it names (`targets.2.target_year` is the third kept row)."""
    field = error.field or ""
    if field.startswith("targets."):
        _, index, name = [*field.split("."), "", ""][:3]
        rows = forms.kept_forms(formset)
        if index.isdigit() and int(index) < len(rows) and name in rows[int(index)].fields:
            rows[int(index)].add_error(name, error.message)
            return
    if field in form.fields:
        form.add_error(field, error.message)
    else:
        form.add_error(None, error.message)


def _conflict(theirs: dict[str, Any] | None, mine: dict[str, Any]) -> dict[str, Any]:
    """The rows that differ between their saved objective and what the user typed."""
    if theirs is None:
        return {"deleted": True, "changes": []}
    labels = {
        "period": _("Period"),
        "title": _("Objective"),
        "description": _("Description"),
        "source": _("Source"),
        "targets": _("Targets"),
    }
    periods = dict(RoadmapObjective.Period.choices)

    def shown(name: str, data: dict[str, Any]) -> str:
        if name == "targets":
            return "; ".join(
                f"{t['indicator']}: {t['target_value']} {t['unit']} ({t['target_year']})" for t in data["targets"]
            )
        if name == "period":
            return str(periods.get(data[name], data[name]))
        return str(data.get(name) or "")

    changes = [
        {"label": label, "theirs": shown(name, theirs), "mine": shown(name, mine)}
        for name, label in labels.items()
        if shown(name, theirs) != shown(name, mine)
    ]
    return {"deleted": False, "changes": changes}


def _hide_errors(form: Any, formset: Any) -> None:
    """ "Add a row" re-renders what was typed without judging it yet: validate, then forget the errors
    (the bound forms keep showing the typed values)."""
    form.is_valid()
    formset.is_valid()
    form._errors = ErrorDict()
    for row in formset.forms:
        row._errors = ErrorDict()
    formset._errors = [ErrorDict() for _ in formset.forms]
    formset._non_form_errors = formset.error_class()


def _removed_meanwhile(request: AuthenticatedHttpRequest, action_line: ActionLine) -> HttpResponse:
    """Someone removed the objective while this person edited it: show what they typed, in a form that
    adds it as a new objective (its targets' ids, which no longer exist, are dropped)."""
    data = request.POST.copy()
    for key in [key for key in data if key.startswith("targets-") and key.endswith("-id")]:
        data[key] = ""
    form = forms.ObjectiveForm(data)
    formset = forms.TargetFormSet(data, prefix="targets")
    _hide_errors(form, formset)
    context = {
        "line": action_line,
        "objective": None,
        "form": form,
        "formset": formset,
        "version": 0,
        "conflict": {"deleted": True, "changes": []},
    }
    return render(request, "actionlines/objective_form.html", context, status=409)


@login_required
@require_http_methods(["GET", "POST"])
def objective_form(request: AuthenticatedHttpRequest, code: str, pk: int | None = None) -> HttpResponse:
    action_line = _line(request, code)
    objective = None
    if pk is not None:
        objective = (
            RoadmapObjective.objects.select_related("action_line").filter(pk=pk, action_line=action_line).first()
        )
        if objective is None and request.method == "POST":
            return _removed_meanwhile(request, action_line)
        if objective is None:
            raise Http404("No such objective.")
    version = objective.version if objective else 0
    initial_targets = (
        [forms.target_initial(t) for t in objective.targets.order_by("position", "pk")] if objective else []
    )
    conflict = None
    if request.method == "POST":
        form = forms.ObjectiveForm(request.POST)
        formset = _targets_formset(request, initial_targets)
        version = _version(request)
        if request.POST.get("action") != "more" and form.is_valid() and formset.is_valid():
            data = {**form.cleaned_data, "targets": forms.formset_data(formset)}
            try:
                if objective is None:
                    objective = services.roadmap_objective_create(action_line=action_line, data=data, by=request.user)
                else:
                    services.roadmap_objective_update(objective=objective, version=version, data=data, by=request.user)
            except services.RoadmapConflictError as error:
                conflict = _conflict(error.theirs, data)
                version = error.version or 0  # saving again, having seen theirs, keeps yours
                form.add_error(None, error.message)
            except ApplicationError as error:
                _apply_service_error(error, form, formset)
            else:
                messages.success(request, _("The objective was saved."))
                return redirect("actionlines:roadmap-edit", code=action_line.code)
    else:
        form = forms.ObjectiveForm(initial=forms.ObjectiveForm.initial_from(objective) if objective else {})
        formset = _targets_formset(request, initial_targets)
    adding_row = request.method == "POST" and request.POST.get("action") == "more"
    if adding_row:
        _hide_errors(form, formset)
    failed = request.method == "POST" and not adding_row
    context = {
        "line": action_line,
        "objective": objective,
        "form": form,
        "formset": formset,
        "version": version,
        "conflict": conflict,
    }
    return render(request, "actionlines/objective_form.html", context, status=400 if failed else 200)


@login_required
@require_http_methods(["GET", "POST"])
def objective_delete(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    action_line = _line(request, code)
    objective = _objective(action_line, pk)
    error = None
    if request.method == "POST":
        try:
            services.roadmap_objective_delete(objective=objective, version=_version(request), by=request.user)
        except ApplicationError as problem:
            error = problem.message
        else:
            messages.success(request, _("The objective was removed."))
            return redirect("actionlines:roadmap-edit", code=action_line.code)
    context = {"line": action_line, "objective": objective, "error": error}
    return render(request, "actionlines/objective_delete.html", context, status=400 if error else 200)


@login_required
@require_POST
def objective_move(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    action_line = _line(request, code)
    objective = _objective(action_line, pk)
    offset = -1 if request.POST.get("direction") == "up" else 1
    try:
        services.roadmap_objective_move(objective=objective, version=_version(request), offset=offset, by=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("actionlines:roadmap-edit", code=action_line.code)
