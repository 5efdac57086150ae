"""Pages of consultations and their contributions (events are in event_views.py)."""

from __future__ import annotations

import csv
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from consultations import content, forms, selectors, services
from consultations.models import Channel, Consultation, Contribution, StakeholderGroup
from stakeholders.models import Organisation
from wsis_portal import audit, files, permissions
from wsis_portal.errors import ApplicationError
from wsis_portal.http import AuthenticatedHttpRequest

CONTRIBUTIONS_PER_PAGE = 50


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


def _add_error(form: Any, error: ApplicationError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _show(value: Any) -> str:
    if value is None:
        return "—"
    if hasattr(value, "isoformat"):
        return date_format(value, "DATE_FORMAT")
    return str(value)


def differences(theirs: dict[str, Any], yours: dict[str, Any], labels: dict[str, str]) -> list[dict[str, str]]:
    """Field by field, what the saved version and the typed one say where they differ."""
    rows = []
    for name, label in labels.items():
        if name in yours and _show(theirs.get(name)) != _show(yours.get(name)):
            rows.append({"label": label, "theirs": _show(theirs.get(name)), "yours": _show(yours.get(name))})
    return rows


# ---------------------------------------------------------------------------------------------
# Consultations


@require_http_methods(["GET"])
def consultation_list(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "consultations.consultation.view")
    today = services.today()
    consultations = [
        {"consultation": c, "status": c.status(today)} for c in selectors.consultation_list().order_by("-opens_on")
    ]
    context = {
        "rows": consultations,
        "can_manage": permissions.can(request.user, "consultations.consultation.manage"),
    }
    return render(request, "consultations/consultation_list.html", context)


@require_http_methods(["GET"])
def consultation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The consultation, the tally table and the contributions, filterable by group and channel."""
    consultation = get_object_or_404(Consultation.objects.select_related("organiser"), slug=slug)
    permissions.require(request.user, "consultations.consultation.view", consultation)
    group = request.GET.get("group", "")
    channel = request.GET.get("channel", "")
    group = group if group in StakeholderGroup.values else ""
    channel = channel if channel in Channel.values else ""
    contributions = selectors.contribution_list(consultation=consultation, group=group, channel=channel)
    page = Paginator(contributions, CONTRIBUTIONS_PER_PAGE).get_page(request.GET.get("page"))
    tally = selectors.consultation_tally(consultation=consultation)
    headings = selectors.tally_headings(consultation=consultation)
    today = services.today()
    can_record = permissions.can(request.user, "consultations.contribution.record", consultation)
    context = {
        "consultation": consultation,
        "status": consultation.status(today),
        "tally": tally,
        "headings": [headings[code] for code, _label in tally.channels],
        "page": page,
        "group": group,
        "channel": channel,
        "groups": StakeholderGroup.choices,
        "channels": Channel.choices,
        "query": urlencode({k: v for k, v in (("group", group), ("channel", channel)) if v}),
        "can_contribute": consultation.is_open(today)
        and permissions.can(request.user, "consultations.contribution.submit"),
        "can_record": can_record,
        "can_manage": permissions.can(request.user, "consultations.consultation.manage", consultation),
        "history": audit.history_for(consultation) if permissions.can(request.user, "consultations.audit") else None,
    }
    return render(request, "consultations/consultation_detail.html", context)


CONSULTATION_LABELS = {
    "title": _("Title"),
    "slug": _("Short name in the address"),
    "mandate_symbol": _("Mandate (document symbol)"),
    "mandate_text": _("Text of the mandate"),
    "organiser": _("Organised by"),
    "opens_on": _("Open from"),
    "closes_on": _("Open until"),
    "meeting_date": _("Meeting date"),
    "meeting_place": _("Meeting place"),
    "description": _("Description"),
}


@login_required
@require_http_methods(["GET", "POST"])
def consultation_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    permissions.require(request.user, "consultations.consultation.manage")
    form = forms.ConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.consultation_create(by=request.user, data=form.cleaned_data)
        except ApplicationError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Consultation created."))
            return redirect(consultation)
    return render(
        request,
        "consultations/consultation_form.html",
        {"form": form, "consultation": None, "version": 0},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def consultation_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    consultation = get_object_or_404(Consultation.objects.select_related("organiser"), slug=slug)
    permissions.require(request.user, "consultations.consultation.manage", consultation)
    version, conflict = consultation.version, None
    if request.method == "POST":
        form = forms.ConsultationForm(request.POST)
        version = _int(request.POST.get("version"))
        if form.is_valid():
            try:
                consultation = services.consultation_update(
                    consultation=consultation, by=request.user, data=form.cleaned_data, version=version
                )
            except services.ConflictError as error:
                conflict = differences(error.theirs, form.cleaned_data, CONSULTATION_LABELS)
                version = error.version  # saving again, having seen theirs, keeps yours
                form.add_error(None, error.message)
            except ApplicationError as error:
                _add_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect(consultation)
    else:
        form = forms.ConsultationForm(initial=services.consultation_read(consultation))
    return render(
        request,
        "consultations/consultation_form.html",
        {"form": form, "consultation": consultation, "version": version, "conflict": conflict},
        status=400 if form.errors else 200,
    )


# ---------------------------------------------------------------------------------------------
# Contributions


@login_required
@require_http_methods(["GET", "POST"])
def contribution_new(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Members submit their organisation's written comments while the consultation is open; the
    secretariat records any contribution at any time."""
    consultation = get_object_or_404(Consultation, slug=slug)
    if permissions.can(request.user, "consultations.contribution.record", consultation):
        return _record(request, consultation)
    organisations = Organisation.objects.filter(memberships__user=request.user).select_related("stakeholder_type")
    if not organisations.exists():
        messages.info(request, _("Join your organisation first: contributions are made in an organisation's name."))
        return redirect("stakeholders:join")
    today = services.today()
    if not consultation.is_open(today):
        return render(
            request,
            "consultations/closed.html",
            {"consultation": consultation, "status": consultation.status(today)},
            status=403,
        )
    mine = list(organisations.order_by("name_en"))
    form = forms.SubmissionForm(
        request.POST or None,
        request.FILES or None,
        organisations=organisations.order_by("name_en"),
        initial={"organisation": mine[0].pk} if len(mine) == 1 else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            contribution = services.contribution_submit(
                consultation=consultation,
                by=request.user,
                organisation=form.cleaned_data["organisation"],
                text=form.cleaned_data.get("text", ""),
                upload=form.cleaned_data.get("file"),
            )
        except ApplicationError as error:
            if error.field == "consultation":
                messages.error(request, error.message)
                return redirect(consultation)
            _add_error(form, error)
        else:
            messages.success(request, _("Thank you: your contribution is published with the consultation."))
            return redirect(contribution)
    return render(
        request,
        "consultations/contribution_form.html",
        {"form": form, "consultation": consultation, "contribution": None, "record": False},
        status=400 if form.errors else 200,
    )


def _record(request: AuthenticatedHttpRequest, consultation: Consultation) -> HttpResponse:
    form = forms.RecordForm(request.POST or None, request.FILES or None, initial={"date": services.today()})
    if request.method == "POST" and form.is_valid():
        try:
            contribution = services.contribution_record(
                consultation=consultation, by=request.user, data=form.to_data(), upload=form.cleaned_data.get("file")
            )
        except ApplicationError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Contribution recorded."))
            if request.POST.get("action") == "another":
                return redirect("consultations:contribution-new", slug=consultation.slug)
            return redirect(contribution)
    return render(
        request,
        "consultations/contribution_form.html",
        {"form": form, "consultation": consultation, "contribution": None, "record": True},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET"])
def contribution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = get_object_or_404(selectors.contribution_detail(pk=pk))
    permissions.require(request.user, "consultations.consultation.view", contribution.consultation)
    today = services.today()
    secretariat = permissions.can(request.user, "consultations.contribution.record", contribution.consultation)
    may_change = permissions.can(request.user, "consultations.contribution.change", contribution) and (
        secretariat or contribution.consultation.is_open(today)
    )
    context = {
        "contribution": contribution,
        "consultation": contribution.consultation,
        "may_change": may_change,
        "history": audit.history_for(contribution) if permissions.can(request.user, "consultations.audit") else None,
    }
    return render(request, "consultations/contribution_detail.html", context)


CONTRIBUTION_LABELS = {
    "organisation": _("Registered organisation"),
    "contributor_name": _("Contributor"),
    "stakeholder_group": _("Stakeholder group"),
    "channel": _("Channel"),
    "date": _("Date"),
    "text": _("Text"),
    "file_name": _("Document"),
}


@login_required
@require_http_methods(["GET", "POST"])
def contribution_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    contribution = get_object_or_404(selectors.contribution_detail(pk=pk))
    permissions.require(request.user, "consultations.contribution.change", contribution)
    consultation = contribution.consultation
    secretariat = permissions.can(request.user, "consultations.contribution.record", consultation)
    today = services.today()
    if not secretariat and not consultation.is_open(today):
        return render(
            request, "consultations/closed.html", {"consultation": consultation, "status": "closed"}, status=403
        )
    form_class = forms.RecordForm if secretariat else forms.EditTextForm
    version, conflict = contribution.version, None
    if request.method == "POST":
        form = form_class(request.POST, request.FILES)
        version = _int(request.POST.get("version"))
        if form.is_valid():
            data = form.to_data() if isinstance(form, forms.RecordForm) else {"text": form.cleaned_data.get("text", "")}
            try:
                contribution = services.contribution_update(
                    contribution=contribution,
                    by=request.user,
                    data=data,
                    version=version,
                    upload=form.cleaned_data.get("file"),
                    remove_file=bool(form.cleaned_data.get("remove_file")),
                )
            except services.ConflictError as error:
                conflict = differences(error.theirs, data, CONTRIBUTION_LABELS)
                version = error.version
                form.add_error(None, error.message)
            except ApplicationError as error:
                _add_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect(contribution)
    else:
        form = form_class(initial=services.contribution_read(contribution))
    context = {
        "form": form,
        "consultation": consultation,
        "contribution": contribution,
        "record": secretariat,
        "version": version,
        "conflict": conflict,
    }
    return render(request, "consultations/contribution_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def contribution_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    contribution = get_object_or_404(Contribution.objects.select_related("consultation"), pk=pk)
    consultation = contribution.consultation
    try:
        services.contribution_withdraw(contribution=contribution, by=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(contribution)
    messages.success(request, _("The contribution was withdrawn."))
    return redirect(consultation)


@require_http_methods(["GET", "HEAD"])
def contribution_document(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A contribution's document (public, like the contribution), through the portal. 1 query."""
    contribution = get_object_or_404(Contribution.objects.select_related("consultation"), pk=pk)
    permissions.require(request.user, "consultations.consultation.view", contribution.consultation)
    return files.file_response(contribution.file, filename=contribution.file_name, content_type=contribution.file_type)


class _Echo:
    def write(self, value: str) -> str:
        return value


@require_http_methods(["GET"])
def contribution_export(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    """The contributions of the page's filters as CSV (UTF-8 with BOM, codes and readable labels),
    streamed: 1 query for the consultation, 1 for the rows (a server-side cursor)."""
    consultation = get_object_or_404(Consultation, slug=slug)
    permissions.require(request.user, "consultations.consultation.view", consultation)
    group = request.GET.get("group", "")
    channel = request.GET.get("channel", "")
    rows = selectors.contribution_list(
        consultation=consultation,
        group=group if group in StakeholderGroup.values else "",
        channel=channel if channel in Channel.values else "",
    )
    groups, channels = dict(StakeholderGroup.choices), dict(Channel.choices)
    writer = csv.writer(_Echo())
    header = [
        _("Contributor"),
        _("Registered organisation id"),
        _("Stakeholder group (code)"),
        _("Stakeholder group"),
        _("Channel (code)"),
        _("Channel"),
        _("Date"),
        _("Recorded by the secretariat"),
        _("Document"),
        _("Text"),
        _("Address"),
    ]

    def lines() -> Any:
        yield "\ufeff" + writer.writerow(header)
        for c in rows.iterator(chunk_size=500):
            yield writer.writerow(
                [
                    c.contributor,
                    c.organisation_id or "",
                    c.stakeholder_group,
                    groups.get(c.stakeholder_group, ""),
                    c.channel,
                    channels.get(c.channel, ""),
                    c.date.isoformat(),
                    _("yes") if c.recorded_by_secretariat else _("no"),
                    c.file_name,
                    content.plain_text(c.text),
                    request.build_absolute_uri(c.get_absolute_url()),
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{consultation.slug}-contributions.csv"'
    return response
