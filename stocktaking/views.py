from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from stakeholders.models import Organisation
from stocktaking import content as entry_content
from stocktaking import content_language, filters, forms, linkcheck, selectors, services
from stocktaking.models import Entry, EntryAttachment
from wsis_portal import audit, permissions
from wsis_portal.errors import ApplicationError
from wsis_portal.http import AuthenticatedHttpRequest
from wsis_portal.i18n import column_suffix


@login_required
@require_http_methods(["GET"])
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The entries of my organisations, with their states."""
    entries = Paginator(selectors.entries_of_user(user=request.user), 50).get_page(request.GET.get("page"))
    organisations = Organisation.objects.filter(memberships__user=request.user).order_by("name_en")
    return render(request, "stocktaking/mine.html", {"page": entries, "organisations": organisations})


@login_required
@require_http_methods(["GET", "POST"])
def entry_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = list(Organisation.objects.filter(memberships__user=request.user).order_by("name_en"))
    if not organisations:
        messages.info(request, _("Join your organisation first: entries are recorded in an organisation's name."))
        return redirect("stakeholders:join")
    chosen = request.POST.get("organisation") or request.GET.get("organisation")
    organisation = next(
        (o for o in organisations if str(o.pk) == chosen), organisations[0] if len(organisations) == 1 else None
    )
    if organisation is None:
        return render(request, "stocktaking/choose_organisation.html", {"organisations": organisations})
    permissions.require(request.user, "stocktaking.entry.create", organisation)
    language = column_suffix(get_language())
    form = forms.EntryForm(request.POST or None, initial={"original_language": language})
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.entry_create(by=request.user, organisation=organisation, data=form.to_content())
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            if request.POST.get("action") == "submit":
                return _submit_and_redirect(request, entry, form)
            messages.success(request, _("Draft saved. You can leave and come back to it from “My entries”."))
            return redirect("stocktaking:entry-edit", pk=entry.pk)
    return render(
        request,
        "stocktaking/entry_form.html",
        {"form": form, "organisation": organisation, "entry": None, "version": 0},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(Entry.objects.select_related("organisation"), pk=pk)
    permissions.require(request.user, "stocktaking.entry.edit", entry)
    current, version = services.editing_version(entry)
    conflict = None
    if request.method == "POST":
        form = forms.EntryForm(request.POST)
        posted_version = _int(request.POST.get("version"))
        if form.is_valid():
            try:
                services.entry_save(entry=entry, by=request.user, data=form.to_content(), version=posted_version)
            except services.ConflictError as error:
                conflict = {"changes": entry_content.diff(error.theirs, form.to_content()), "theirs": error.theirs}
                version = error.version  # saving again, having seen theirs, keeps yours
                form.add_error(None, error.message)
            except ApplicationError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                if request.POST.get("action") == "submit":
                    return _submit_and_redirect(request, entry, form)
                messages.success(request, _("Saved."))
                return redirect("stocktaking:entry-edit", pk=entry.pk)
        else:
            version = posted_version
    else:
        form = forms.EntryForm(initial=forms.EntryForm.initial_from(current))
    similar = selectors.similar_entries(
        title=current.get("title") or "",
        organisation_id=entry.organisation_id,
        countries=current.get("countries") or [],
        exclude=entry.pk,
    )
    context = {
        "form": form,
        "organisation": entry.organisation,
        "entry": entry,
        "version": version,
        "conflict": conflict,
        "similar": similar,
        "revision": services.open_revision(entry),
        "attachment_form": forms.AttachmentForm(),
    }
    return render(request, "stocktaking/entry_form.html", context, status=400 if form.errors else 200)


def _submit_and_redirect(request: AuthenticatedHttpRequest, entry: Entry, form: forms.EntryForm) -> HttpResponse:
    try:
        services.entry_submit(entry=entry, by=request.user)
    except ApplicationError as error:
        for field, message in getattr(error, "problems", {error.field: error.message}).items():
            messages.error(
                request, f"{form.fields[field].label if field in form.fields else ''}: {message}".lstrip(": ")
            )
        return redirect("stocktaking:entry-edit", pk=entry.pk)
    messages.success(request, _("Submitted. The secretariat will review it; you will receive an e-mail."))
    return redirect("stocktaking:mine")


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


@login_required
@require_POST
def entry_submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(Entry, pk=pk)
    permissions.require(request.user, "stocktaking.entry.edit", entry)
    return _submit_and_redirect(request, entry, forms.EntryForm())


@login_required
@require_POST
def attachment_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(Entry, pk=pk)
    permissions.require(request.user, "stocktaking.entry.edit", entry)
    form = forms.AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to attach."))
    else:
        try:
            services.attachment_add(entry=entry, by=request.user, upload=form.cleaned_data["file"])
            messages.success(request, _("Document attached."))
        except ApplicationError as error:
            messages.error(request, error.message)
    return redirect("stocktaking:entry-edit", pk=entry.pk)


@login_required
@require_POST
def attachment_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(EntryAttachment.objects.select_related("entry"), pk=pk)
    services.attachment_remove(attachment=attachment, by=request.user)
    messages.success(request, _("Document removed."))
    return redirect("stocktaking:entry-edit", pk=attachment.entry_id)


@require_http_methods(["GET"])
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(selectors.entry_detail(pk=pk))
    permissions.require(request.user, "stocktaking.entry.view", entry)
    can_edit = permissions.can(request.user, "stocktaking.entry.edit", entry)
    shown = content_language.shown_in(entry, get_language())
    context = {
        "entry": entry,
        "shown": shown,
        "json_ld": _json_ld(request, entry, shown),
        "related": selectors.related_entries(entry=entry),
        "versions": selectors.published_versions(entry=entry),
        "history": audit.history_for(entry)
        if permissions.can(request.user, "stocktaking.entry.audit", entry)
        else None,
        "can_edit": can_edit,
        "broken_links": linkcheck.broken_links(entry=entry) if can_edit else [],
        "stale": entry.update_requested_at is not None,
    }
    return render(request, "stocktaking/entry_detail.html", context)


def _json_ld(request: HttpRequest, entry: Entry, shown: content_language.Shown) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "Project",
        "name": shown.title,
        "description": shown.short_description,
        "url": request.build_absolute_uri(entry.get_absolute_url()),
        "inLanguage": shown.language,
        "sponsor": {
            "@type": "Organization",
            "name": entry.organisation.name_en,
            "url": entry.organisation.website or None,
        },
        "areaServed": [country.name_en for country in entry.countries.all()],
        "keywords": [f"WSIS {link.action_line.code}" for link in entry.action_line_links.all()],
        "dateModified": entry.content_updated_at,
        "datePublished": entry.published_at,
        "startDate": entry.start_date,
        "endDate": entry.end_date,
        "sameAs": entry.website or None,
    }
    text = json.dumps({k: v for k, v in data.items() if v not in (None, [], "")}, cls=DjangoJSONEncoder)
    # Inside <script>, "</" could close the tag: escape the characters that matter.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped above


@login_required
@require_http_methods(["GET"])
def moderation(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The secretariat's queue of submissions and changes to review."""
    permissions.require(request.user, "stocktaking.entry.moderate")
    filters = {key: request.GET.get(key, "")[:20] for key in ("organisation_type", "action_line", "language")}
    page = Paginator(selectors.moderation_queue(**filters), 50).get_page(request.GET.get("page"))
    return render(request, "stocktaking/moderation.html", {"page": page, "filters": filters})


@login_required
@require_http_methods(["GET", "POST"])
def review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(selectors.entry_detail(pk=pk))
    permissions.require(request.user, "stocktaking.entry.moderate", entry)
    reason_form = forms.ReasonForm(request.POST or None)
    if request.method == "POST":
        decision = request.POST.get("decision")
        try:
            if decision == "publish":
                services.entry_publish(entry=entry, by=request.user)
                messages.success(request, _("Published."))
                return redirect("stocktaking:moderation")
            if reason_form.is_valid():
                decide = services.entry_return if decision == "return" else services.entry_reject
                decide(entry=entry, by=request.user, reason=reason_form.cleaned_data["reason"])
                messages.success(request, _("The owner is told why."))
                return redirect("stocktaking:moderation")
        except ApplicationError as error:
            reason_form.add_error("reason" if error.field == "reason" else None, error.message)
    published = entry_content.read(entry)
    revision = entry.revisions.filter(state="submitted").first() if entry.state == Entry.State.PUBLISHED else None
    proposed = revision.data if revision else published
    context = {
        "entry": entry,
        "revision": revision,
        "proposed": proposed,
        "changes": entry_content.diff(published, proposed) if revision else None,
        "reason_form": reason_form,
        "missing": entry_content.missing_for_submission(proposed),
    }
    return render(request, "stocktaking/review.html", context, status=400 if reason_form.errors else 200)


SEARCH_PAGE_SIZE = 20
FACET_SHOWN = 10


@require_http_methods(["GET"])
def search_page(request: HttpRequest) -> HttpResponse:
    """The public stocktaking database: full-text search, multi-select facets with exact counts, sorting."""
    permissions.require(request.user, "stocktaking.entry.view")
    query = filters.parse(request.GET)
    language = request.LANGUAGE_CODE
    # 2 queries whatever the number of matches: the count with every facet group's counts, then the page.
    total, table = filters.search_counts(query, language=language)
    results = filters.Results(query, language=language, total=total)
    page = Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
    # +1 query: the page's entries' translations into the page's language, shown instead of the original.
    shown = content_language.shown_for_page(page, language)
    rows = [{"entry": entry, "shown": shown[entry.pk], **filters.labels_for_entry(entry, language)} for entry in page]
    facet_groups = []
    labels = filters.facet_labels()
    for group, items in table.items():
        if group == "year":
            items = sorted(items, key=lambda item: item["code"], reverse=True)
        facet_groups.append(
            {
                "name": group,
                "label": labels[group],
                "shown": items[:FACET_SHOWN],
                "more": items[FACET_SHOWN:],
                "more_open": any(item["selected"] for item in items[FACET_SHOWN:]),
            }
        )
    context = {
        "query": query,
        "page": page,
        "rows": rows,
        "facet_groups": facet_groups,
        "sorts": filters.SORTS,
        "state": query.urlencode(),
        "ranked_newest": results.capped,
        "rank_limit": filters.RANK_LIMIT,
    }
    return render(request, "stocktaking/search.html", context)
