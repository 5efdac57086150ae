"""Pages of the reporting cycle: the secretariat's cycles, dashboard and review; the focal points'
reports and their form. Views only speak HTTP: services write, selectors read."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reports import content as report_content
from reports import forms, selectors, services
from reports.models import ActivityReport, Invitation, ProgressState, ReportAttachment, ReportingCycle, ReviewComment
from stakeholders.models import Organisation
from wsis_portal import audit, permissions
from wsis_portal.errors import ApplicationError
from wsis_portal.http import AuthenticatedHttpRequest

# ------------------------------------------------------------------------------------- the secretariat


@login_required
@require_http_methods(["GET"])
def cycle_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    permissions.require(request.user, "reports.cycle.manage")
    return render(request, "reports/cycle_list.html", {"cycles": list(selectors.cycle_list())})


def _session_name(year: int) -> str:
    """The yearly CSTD session that receives the report on `year`, the year after it: the report on
    2025 goes to the twenty-ninth session, in 2026 (an editable default, not a rule)."""
    ordinals = {
        27: "twenty-seventh",
        28: "twenty-eighth",
        29: "twenty-ninth",
        30: "thirtieth",
        31: "thirty-first",
        32: "thirty-second",
        33: "thirty-third",
    }
    number = year + 1 - 1997
    return f"{ordinals.get(number, f'{number}th')} session, {year + 1}"


@login_required
@require_http_methods(["GET", "POST"])
def cycle_open(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Open a cycle; defaults: last complete year, its facilitators and the five commissions."""
    permissions.require(request.user, "reports.cycle.manage")
    today = timezone.localdate()
    year = _int(request.POST.get("year") or request.GET.get("year"), today.year - 1)
    if not 2005 <= year <= today.year:
        year = today.year - 1
    defaults = services.default_invitees(year=year)
    others = list(Organisation.objects.filter(code__isnull=False, is_regional_commission=False).order_by("name_en"))
    initial = {
        "year": year,
        "session": _session_name(year),
        "deadline": max(today + datetime.timedelta(days=30), datetime.date(today.year, 12, 15)),
        "reminder_days": "-21, -7, -1, 7, 14",
        "invitees": [str(d["organisation"].pk) for d in defaults],
    }
    form = forms.CycleOpenForm(
        request.POST if request.method == "POST" and "open" in request.POST else None,
        initial=initial,
        defaults=defaults,
        other_entities=others,
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            cycle = services.cycle_open(
                year=data["year"],
                session=data["session"],
                deadline=data["deadline"],
                reminder_days=data["reminder_days"],
                symbol_ga=data["symbol_ga"],
                symbol_ecosoc=data["symbol_ecosoc"],
                invitees=form.chosen_invitees(),
                by=request.user,
            )
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _("The cycle %(year)s is open; %(n)d entities are invited and told by e-mail.")
                % {"year": cycle.year, "n": cycle.invitations.count()},
            )
            return redirect("reports:cycle-dashboard", year=cycle.year)
    return render(request, "reports/cycle_open.html", {"form": form, "year": year}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET"])
def cycle_dashboard(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    permissions.require(request.user, "reports.cycle.manage")
    cycle = get_object_or_404(ReportingCycle, year=year)
    filters = {key: request.GET.get(key, "")[:20] for key in ("state", "kind", "action_line")}
    if filters["state"] not in ProgressState.values:
        filters["state"] = ""
    if filters["kind"] not in Invitation.Kind.values:
        filters["kind"] = ""
    dashboard = selectors.cycle_dashboard(cycle=cycle, **filters)
    context = {
        "cycle": cycle,
        "dashboard": dashboard,
        "filters": filters,
        "states": ProgressState.choices,
        "kinds": Invitation.Kind.choices,
        "invite_form": forms.InviteForm(),
    }
    return render(request, "reports/dashboard.html", context)


@login_required
@require_POST
def cycle_invite(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    permissions.require(request.user, "reports.cycle.manage")
    cycle = get_object_or_404(ReportingCycle, year=year)
    form = forms.InviteForm(request.POST)
    if form.is_valid():
        try:
            services.cycle_invite(
                cycle=cycle,
                organisation=form.cleaned_data["organisation"],
                kind=form.cleaned_data["kind"],
                action_lines=form.cleaned_data["action_lines"],
                by=request.user,
            )
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Invited; their focal points are told by e-mail."))
            return redirect("reports:cycle-dashboard", year=cycle.year)
    dashboard = selectors.cycle_dashboard(cycle=cycle)
    context = {
        "cycle": cycle,
        "dashboard": dashboard,
        "filters": {"state": "", "kind": "", "action_line": ""},
        "states": ProgressState.choices,
        "kinds": Invitation.Kind.choices,
        "invite_form": form,
    }
    return render(request, "reports/dashboard.html", context, status=400)


@login_required
@require_POST
def cycle_state(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    permissions.require(request.user, "reports.cycle.manage")
    cycle = get_object_or_404(ReportingCycle, year=year)
    try:
        if request.POST.get("action") == "close":
            services.cycle_close(cycle=cycle, by=request.user)
            messages.success(request, _("The cycle is closed: reports can no longer be changed or submitted."))
        else:
            services.cycle_reopen(cycle=cycle, by=request.user)
            messages.success(request, _("The cycle is open again."))
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("reports:cycle-dashboard", year=cycle.year)


# -------------------------------------------------------------------------------------- focal points


@login_required
@require_http_methods(["GET"])
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The reports of my organisations, in every cycle, with what to do next."""
    permissions.require(request.user, "reports.report.list_mine")
    reports = list(selectors.reports_of_user(user=request.user))
    for report in reports:
        report.can_edit = permissions.can(request.user, "reports.report.edit", report)  # type: ignore[attr-defined]
    return render(request, "reports/mine.html", {"reports": reports})


def _report(request: AuthenticatedHttpRequest, pk: int, action: str) -> ActivityReport:
    report = get_object_or_404(selectors.report_detail(pk=pk))
    permissions.require(request.user, action, report)
    return report


@login_required
@require_http_methods(["GET"])
def report_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, "reports.report.view")
    content = report_content.read(report)
    codes = report_content.line_codes(report)
    context = {
        "report": report,
        "content": content,
        "blocks": _content_blocks(report, content),
        "comments": _comments_by_section(report, codes),
        "versions": list(report.versions.select_related("created_by").order_by("number")),
        "history": audit.history_for(
            report,
            related=[
                ReviewComment.history.filter(report_id=report.pk),
                ReportAttachment.history.filter(report_id=report.pk),
            ],
        ),
        "can_edit": permissions.can(request.user, "reports.report.edit", report) and report.is_editable,
        "can_review": permissions.can(request.user, "reports.report.review", report),
        "can_resolve": permissions.can(request.user, "reports.report.edit", report)
        or permissions.can(request.user, "reports.report.review", report),
    }
    return render(request, "reports/report_detail.html", context)


def _content_blocks(report: ActivityReport, content: dict[str, Any]) -> list[dict[str, Any]]:
    """The content in the order of the form, with labels, for read-only pages."""
    targets = {
        target.pk: target
        for rows in selectors.line_targets(codes=list(content["activities"]), year=report.cycle.year).values()
        for target in rows
    }
    lines = {line.code: line for line in selectors.reporting_units()}
    blocks: list[dict[str, Any]] = []
    for key, label, _limit in report_content.TEXT_SECTIONS[:1]:
        blocks.append({"key": key, "label": label, "text": content[key]})
    for code, items in content["activities"].items():
        progress = [
            {"target": targets.get(row["target"]), "value": row["value"], "note": row["note"]}
            for row in content["progress"].get(code, [])
        ]
        blocks.append(
            {
                "key": f"line:{code}",
                "label": lines.get(code, code),
                "entries": items,
                "progress": progress,
                "line": True,
            }
        )
    if report.invitation.kind == Invitation.Kind.REGIONAL_COMMISSION:
        blocks.append(
            {"key": "regional_activities", "label": _("Regional activities"), "entries": content["regional_activities"]}
        )
        blocks.append(
            {
                "key": "regional_meetings",
                "label": _("Regional review meetings"),
                "entries": content["regional_meetings"],
            }
        )
    for key, label, _limit in report_content.TEXT_SECTIONS[1:]:
        blocks.append({"key": key, "label": label, "text": content[key]})
    return blocks


def _comments_by_section(report: ActivityReport, codes: list[str]) -> dict[str, list[ReviewComment]]:
    grouped: dict[str, list[ReviewComment]] = {}
    for comment in report.comments.select_related("author", "resolved_by").order_by("created_at"):
        grouped.setdefault(comment.section, []).append(comment)
    return grouped


def _int(value: Any, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _form_context(
    request: AuthenticatedHttpRequest,
    report: ActivityReport,
    form: forms.ReportForm,
    version: int,
    conflict: dict[str, Any] | None = None,
) -> dict[str, Any]:
    codes = form.codes
    lines = {line.code: line for line in selectors.reporting_units()}
    return {
        "report": report,
        "form": form,
        "version": version,
        "conflict": conflict,
        "lines": lines,
        "comments": _comments_by_section(report, codes),
        "labels": report_content.section_labels(codes),
        "previous": services.previous_accepted(report),
        "attachment_form": forms.AttachmentForm(),
        "attachments": list(report.attachments.all()),
        "can_submit": report.state == ActivityReport.State.DRAFT,
        "can_resubmit": report.state == ActivityReport.State.CHANGES_REQUESTED,
    }


def _build_form(
    report: ActivityReport, data: Any = None, add: str = "", content: dict[str, Any] | None = None
) -> forms.ReportForm:
    codes = report_content.line_codes(report)
    targets = selectors.line_targets(codes=codes, year=report.cycle.year)
    return forms.ReportForm(report, targets, data=data, content=content, add=add)


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The report form. Buttons: save, save and submit (or resubmit), add an item (saves, then shows a
    blank item; works without JavaScript). A stale save shows both versions; nothing typed is lost."""
    report = _report(request, pk, "reports.report.edit")
    if not report.is_editable:
        messages.info(request, _("This report cannot be edited in its present state."))
        return redirect("reports:report-detail", pk=report.pk)
    if request.method == "GET":
        form = _build_form(report, content=report_content.read(report))
        return render(request, "reports/report_form.html", _form_context(request, report, form, report.version))
    action = request.POST.get("action", "save")
    add = request.POST.get("add", "")
    if add and add not in ("regional_activities", "regional_meetings") and not add.startswith("activities-"):
        add = ""
    form = _build_form(report, data=request.POST, add=add)
    posted_version = _int(request.POST.get("version"))
    conflict = None
    version = posted_version
    if form.is_valid():
        mine_content = form.to_content()
        try:
            report = services.report_save(report=report, by=request.user, data=mine_content, version=posted_version)
        except services.ConflictError as error:
            conflict = _conflict(error, mine_content, form)
            version = error.version  # saving again, having seen theirs, keeps yours
        except ApplicationError as error:
            form.add_problems(getattr(error, "problems", {error.field or "": error.message}))
        else:
            version = report.version
            if add:
                messages.success(request, _("Saved. A blank item was added."))
                form = _build_form(report, data=_with_version(request.POST, version), add=add)
                form.is_valid()
                return render(request, "reports/report_form.html", _form_context(request, report, form, version))
            if action in ("submit", "resubmit"):
                return _submit(request, report, action)
            messages.success(request, _("Saved. You can leave and come back to it from “My reports”."))
            return redirect("reports:report-edit", pk=report.pk)
    return render(
        request,
        "reports/report_form.html",
        _form_context(request, report, form, version, conflict),
        status=409 if conflict else 400,
    )


def _with_version(data: Any, version: int) -> Any:
    data = data.copy()
    data["version"] = str(version)
    return data


def _conflict(error: services.ConflictError, mine_content: dict[str, Any], form: forms.ReportForm) -> dict[str, Any]:
    return {
        "changes": report_content.diff(error.theirs, mine_content, labels=report_content.section_labels(form.codes)),
        "saved_by": error.saved_by,
    }


def _submit(request: AuthenticatedHttpRequest, report: ActivityReport, action: str) -> HttpResponse:
    try:
        if action == "resubmit":
            services.report_resubmit(report=report, by=request.user)
        else:
            report = services.report_submit(report=report, by=request.user)
    except ApplicationError as error:
        for message in getattr(error, "problems", {error.field: error.message}).values():
            messages.error(request, message)
        return redirect("reports:report-edit", pk=report.pk)
    if report.late:
        messages.warning(request, _("Submitted after the deadline: the secretariat sees it marked late."))
    messages.success(request, _("Submitted. The secretariat will review it; you will receive an e-mail."))
    return redirect("reports:report-detail", pk=report.pk)


@login_required
@require_POST
def report_autosave(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The form's autosave (static/js/report-form.js): JSON in, JSON out."""
    report = get_object_or_404(selectors.report_detail(pk=pk))
    if not permissions.can(request.user, "reports.report.edit", report):
        return JsonResponse({"error": _("You are not allowed to do this.")}, status=403)
    form = _build_form(report, data=request.POST)
    if not form.is_valid():
        errors = {row[0] or "form": row[2] for row in form.error_list()}
        return JsonResponse({"error": _("Not saved: correct the marked fields."), "errors": errors}, status=400)
    try:
        report = services.report_save(
            report=report, by=request.user, data=form.to_content(), version=_int(request.POST.get("version"))
        )
    except services.ConflictError as error:
        who = str(error.saved_by) if error.saved_by else _("someone")
        return JsonResponse(
            {"error": _("%(who)s saved this report meanwhile. Press “Save” to compare both versions.") % {"who": who}},
            status=409,
        )
    except ApplicationError as error:
        return JsonResponse({"error": error.message, "errors": getattr(error, "problems", {})}, status=400)
    return JsonResponse({"version": report.version, "saved_at": timezone.localtime().strftime("%H:%M:%S")})


@login_required
@require_POST
def report_submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, "reports.report.edit")
    action = "resubmit" if report.state == ActivityReport.State.CHANGES_REQUESTED else "submit"
    return _submit(request, report, action)


@login_required
@require_POST
def report_copy(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, "reports.report.edit")
    try:
        services.report_copy_from_last_year(report=report, by=request.user, version=_int(request.POST.get("version")))
    except services.ConflictError:
        messages.error(
            request, _("Someone saved this report meanwhile; nothing was copied. Look at it, then try again.")
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Last year's accepted report was copied into this draft. Update it for this year."))
    return redirect("reports:report-edit", pk=report.pk)


@login_required
@require_POST
def attachment_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, "reports.report.edit")
    form = forms.AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to attach."))
    else:
        try:
            services.attachment_add(report=report, by=request.user, upload=form.cleaned_data["file"])
            messages.success(request, _("Document attached."))
        except ApplicationError as error:
            messages.error(request, error.message)
    return redirect("reports:report-edit", pk=report.pk)


@login_required
@require_http_methods(["GET"])
def attachment_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    """An attachment of an unpublished report, for those who may read the report (not a public URL)."""
    attachment = get_object_or_404(ReportAttachment.objects.select_related("report__organisation"), pk=pk)
    permissions.require(request.user, "reports.report.view", attachment.report)
    response = FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)
    response["Content-Type"] = attachment.content_type
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def attachment_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(ReportAttachment.objects.select_related("report"), pk=pk)
    try:
        services.attachment_remove(attachment=attachment, by=request.user)
        messages.success(request, _("Document removed."))
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("reports:report-edit", pk=attachment.report_id)


@login_required
@require_POST
def comment_resolve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(ReviewComment.objects.select_related("report__organisation"), pk=pk)
    services.review_comment_resolve(comment=comment, by=request.user, resolved=request.POST.get("resolved") != "0")
    target = "reports:report-edit" if request.POST.get("next") == "edit" else "reports:report-detail"
    return redirect(target, pk=comment.report_id)


# ----------------------------------------------------------------------------------------- the review


@login_required
@require_http_methods(["GET", "POST"])
def report_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Comment per section, request changes, accept; unlock an accepted report with a reason."""
    report = _report(request, pk, "reports.report.review")
    codes = report_content.line_codes(report)
    labels = report_content.section_labels(codes)
    typed = {key: request.POST.get(f"comment-{key}", "") for key in labels} if request.method == "POST" else {}
    reason_form = forms.ReasonForm(request.POST if request.POST.get("decision") == "unlock" else None)
    errors: dict[str, str] = {}
    if request.method == "POST":
        decision = request.POST.get("decision")
        comments = [{"section": key, "text": text} for key, text in typed.items() if text.strip()]
        version = _int(request.POST.get("version"), report.version)
        try:
            if decision == "accept":
                services.report_accept(report=report, by=request.user, version=version)
                messages.success(request, _("Accepted and locked. The focal points are told by e-mail."))
                return redirect("reports:report-detail", pk=report.pk)
            if decision == "request_changes":
                services.report_request_changes(report=report, by=request.user, comments=comments, version=version)
                messages.success(request, _("Returned with your comments. The focal points are told by e-mail."))
                return redirect("reports:report-detail", pk=report.pk)
            if decision == "comment":
                if not comments:
                    raise ApplicationError(_("Write the comment."), field="comments")
                for comment in comments:
                    services.review_comment_add(report=report, by=request.user, **comment)
                messages.success(request, _("Comments added."))
                return redirect("reports:report-review", pk=report.pk)
            if decision == "unlock":
                permissions.require(request.user, "reports.report.unlock", report)
                if reason_form.is_valid():
                    services.report_unlock(report=report, by=request.user, reason=reason_form.cleaned_data["reason"])
                    messages.success(request, _("Unlocked. The focal points can correct the report and resubmit it."))
                    return redirect("reports:report-detail", pk=report.pk)
            else:
                raise ApplicationError(_("Choose a decision."))
        except services.ConflictError:
            errors["general"] = _("The report changed while you were reviewing it: look at it again before deciding.")
        except ApplicationError as error:
            if error.field == "reason":
                reason_form.add_error("reason", error.message)
            elif error.field and error.field.startswith("comment-"):
                errors[error.field.removeprefix("comment-")] = error.message
            else:
                errors["general"] = error.message
        report.refresh_from_db()
    content = report_content.read(report)
    versions = list(report.versions.select_related("created_by").order_by("number"))
    changes = None
    compared_with_year = None
    if len(versions) >= 2:
        changes = report_content.diff(versions[-2].data, versions[-1].data, labels=labels)
    else:
        # A first submission: what is new against the organisation's accepted report of an earlier year
        # (a copy carried forward unchanged shows here at once).
        previous = services.previous_accepted(report)
        accepted = previous.versions.filter(event="accepted").order_by("-number").first() if previous else None
        if previous is not None and accepted is not None:
            changes = report_content.diff(accepted.data, content, labels=labels)
            compared_with_year = previous.cycle.year
    context = {
        "report": report,
        "content": content,
        "blocks": _content_blocks(report, content),
        "comments": _comments_by_section(report, codes),
        "typed": typed,
        "errors": errors,
        "labels": labels,
        "versions": versions,
        "changes": changes,
        "compared_with_year": compared_with_year,
        "reason_form": reason_form,
        "reviewable": report.state in ActivityReport.REVIEWABLE_STATES,
        "missing": report_content.missing_for_submission(report, content),
    }
    status = 400 if errors or reason_form.errors else 200
    return render(request, "reports/review.html", context, status=status)


@login_required
@require_http_methods(["GET"])
def report_diff(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Field by field differences between two versions (numbers, or "current" for the report as saved)."""
    report = _report(request, pk, "reports.report.view")
    versions = {str(v.number): v for v in report.versions.select_related("created_by").order_by("number")}
    if not versions:
        raise Http404
    numbers = list(versions)
    before_key = request.GET.get("a") or (numbers[-2] if len(numbers) > 1 else numbers[-1])
    after_key = request.GET.get("b") or "current"
    if not {before_key, after_key} <= {*versions, "current"}:
        raise Http404
    current = report_content.read(report)

    def data(key: str) -> dict[str, Any]:
        return current if key == "current" else versions[key].data

    labels = report_content.section_labels(report_content.line_codes(report))
    context = {
        "report": report,
        "versions": list(versions.values()),
        "a": before_key,
        "b": after_key,
        "changes": report_content.diff(data(before_key), data(after_key), labels=labels),
    }
    return render(request, "reports/diff.html", context)


@login_required
@require_http_methods(["GET"])
def version_detail(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    report = _report(request, pk, "reports.report.view")
    version = get_object_or_404(report.versions.select_related("created_by"), number=number)
    content = report_content.normalise(version.data)
    return render(
        request,
        "reports/version_detail.html",
        {"report": report, "version": version, "blocks": _content_blocks(report, content)},
    )
