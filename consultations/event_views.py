"""Pages of events: the calendar (upcoming / past, by month, by kind), an event's page with its
participation figures, the iCalendar feed and the secretariat's forms."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from consultations import content, events, forms
from consultations.models import Event
from consultations.views import _add_error, _int, differences
from wsis_portal import audit, permissions
from wsis_portal.errors import ApplicationError
from wsis_portal.http import AuthenticatedHttpRequest


def _kind(request: HttpRequest) -> str:
    kind = request.GET.get("kind", "")
    return kind if kind in Event.Kind.values else ""


@require_http_methods(["GET"])
def event_list(request: HttpRequest) -> HttpResponse:
    """The calendar: upcoming occurrences (yearly events expanded two years ahead) or past ones,
    grouped by month, filtered by kind and, for the past, by year. Works without JavaScript."""
    permissions.require(request.user, "consultations.event.view")
    kind = _kind(request)
    when = "past" if request.GET.get("when") == "past" else "upcoming"
    today = timezone.localdate()
    all_events = list(events.event_list(kind=kind))
    if when == "upcoming":
        items = events.occurrences(all_events, start=today)
    else:
        items = [o for o in events.occurrences(all_events, end=today) if o.ends_on < today]
        items.reverse()
    years = sorted({o.starts_on.year for o in items}, reverse=True) if when == "past" else []
    year = _int(request.GET.get("year")) if when == "past" else 0
    if year:
        items = [o for o in items if o.starts_on.year == year]
    base = {"kind": kind} if kind else {}
    context = {
        "when": when,
        "kind": kind,
        "kinds": Event.Kind.choices,
        "year": year,
        "years": years,
        "months": events.group_by_month(items),
        "count": len(items),
        "today": today,
        "tab_query": {name: urlencode({**base, "when": name}) for name in ("upcoming", "past")},
        "feed_query": urlencode(base),
        "can_manage": permissions.can(request.user, "consultations.event.manage"),
    }
    return render(request, "consultations/event_list.html", context)


@require_http_methods(["GET"])
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(events.event_detail(slug=slug))
    permissions.require(request.user, "consultations.event.view", event)
    rows = events.participation_rows(event)
    context = {
        "event": event,
        "next": events.next_occurrence(event) if event.recurrence else None,
        "figures": [{"row": row, "label": events.figure_label(row)} for row in rows],
        "chart": events.participation_chart(rows),
        "can_manage": permissions.can(request.user, "consultations.event.manage", event),
        "json_ld": _json_ld(request, event),
        "history": audit.history_for(event, related=[event.participation.model.history.filter(event_id=event.pk)])  # type: ignore[attr-defined]
        if permissions.can(request.user, "consultations.audit")
        else None,
    }
    return render(request, "consultations/event_detail.html", context)


def _json_ld(request: HttpRequest, event: Event) -> SafeString:
    """schema.org Event for search engines (a yearly event gives its coming occurrence). 0 queries."""
    coming = events.next_occurrence(event) if event.recurrence else None
    starts, ends = (coming.starts_on, coming.ends_on) if coming else (event.starts_on, event.ends_on)
    place: dict[str, Any] | None = None
    if event.place:
        place = {"@type": "Place", "name": event.place, "address": event.place}
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": starts.isoformat(),
        "endDate": ends.isoformat(),
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode"
        if event.online and not place
        else "https://schema.org/OfflineEventAttendanceMode",
        "location": place or ({"@type": "VirtualLocation", "url": event.url} if event.online and event.url else None),
        "description": content.plain_text(event.description) or None,
        "organizer": [{"@type": "Organization", "name": org.name_en} for org in event.organisers.all()] or None,
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "sameAs": event.url or None,
    }
    text = json.dumps({k: v for k, v in data.items() if v is not None})
    # Inside <script>, "</" could close the tag: escape the characters that matter.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped above


@require_http_methods(["GET"])
def event_feed(request: HttpRequest) -> HttpResponse:
    """All events (or one kind) as an iCalendar file for calendar applications."""
    permissions.require(request.user, "consultations.event.view")
    kind = _kind(request)
    name = _("WSIS events") if not kind else f"{_('WSIS events')}: {Event.Kind(kind).label}"
    body = events.ical(events.event_list(kind=kind), name=name, absolute_url=request.build_absolute_uri)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="wsis-events.ics"'
    return response


EVENT_LABELS = {
    "kind": _("Kind"),
    "title": _("Title"),
    "slug": _("Short name in the address"),
    "starts_on": _("First day"),
    "ends_on": _("Last day"),
    "recurrence": _("Repeats"),
    "repeats_until": _("Repeats until"),
    "venue": _("Venue"),
    "city": _("City"),
    "country": _("Country"),
    "online": _("Held online"),
    "url": _("Website"),
    "description": _("Description"),
    "side_events": _("Side events"),
    "to_verify": _("Dates or place to be verified"),
    "source": _("Source"),
    "participation": _("Participation figures"),
}


def _participation_initial(event: Event) -> list[dict[str, Any]]:
    return [
        {name: getattr(row, name) for name in events.PARTICIPATION_FIELDS} for row in events.participation_rows(event)
    ]


@login_required
@require_http_methods(["GET", "POST"])
def event_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    permissions.require(request.user, "consultations.event.manage")
    form = forms.EventForm(request.POST or None)
    figures = forms.participation_formset(request.POST or None)
    if request.method == "POST" and form.is_valid() and figures.is_valid():
        try:
            event = events.event_create(by=request.user, data=form.to_data(), participation=figures.to_rows())
        except ApplicationError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Event added to the calendar."))
            return redirect(event)
    failed = bool(form.errors or figures.total_error_count())
    return render(
        request,
        "consultations/event_form.html",
        {"form": form, "figures": figures, "event": None, "version": 0},
        status=400 if failed else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(events.event_detail(slug=slug))
    permissions.require(request.user, "consultations.event.manage", event)
    version, conflict = event.version, None
    if request.method == "POST":
        form = forms.EventForm(request.POST)
        figures = forms.participation_formset(request.POST)
        version = _int(request.POST.get("version"))
        if form.is_valid() and figures.is_valid():
            data, rows = form.to_data(), figures.to_rows()
            try:
                event = events.event_update(
                    event=event, by=request.user, data=data, version=version, participation=rows
                )
            except events.ConflictError as error:
                yours = {**data, "organisers": sorted(org.name_en for org in data["organisers"]), "participation": rows}
                conflict = differences(error.theirs, yours, EVENT_LABELS)
                version = error.version
                form.add_error(None, error.message)
            except ApplicationError as error:
                _add_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect(event)
    else:
        initial = events.event_read(event)
        initial["organisers"] = list(event.organisers.all())
        form = forms.EventForm(initial=initial)
        figures = forms.participation_formset(initial=_participation_initial(event))
    failed = bool(form.errors or figures.total_error_count())
    return render(
        request,
        "consultations/event_form.html",
        {"form": form, "figures": figures, "event": event, "version": version, "conflict": conflict},
        status=400 if failed else 200,
    )
