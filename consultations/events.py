"""Events: the WSIS Forum, IGF meetings, regional review meetings, the Summit's two phases and World
Telecommunication and Information Society Day. Services (writes), selectors (reads), the expansion
of yearly events into occurrences, the participation chart and the iCalendar feed.

They live in the consultations app because both are the meetings and consultations the annual report
cites (see README "Consultations and events").

A yearly event (17 May) is one row with `recurrence = "yearly"`: the calendar expands it into one
occurrence per year and the feed carries it as one VEVENT with an RRULE, so nobody types a row a year.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from consultations import content
from consultations.models import Event, Participation
from consultations.services import RESERVED_SLUGS
from stakeholders.models import Organisation
from wsis_portal import audit, permissions
from wsis_portal.errors import ApplicationError

EVENT_FIELDS = [
    "slug",
    "kind",
    "title",
    "starts_on",
    "ends_on",
    "recurrence",
    "repeats_until",
    "venue",
    "city",
    "country",
    "online",
    "url",
    "description",
    "side_events",
    "to_verify",
    "source",
]
PARTICIPATION_FIELDS = ["category", "count", "qualifier", "unit", "represented_count", "represented_kind", "note"]
UPCOMING_YEARS = 2  # how far ahead the calendar and the API expand yearly events
MAX_EVENT_DAYS = 60
FIRST_YEAR, LAST_YEAR = 1990, 2100  # the calendar's span; keeps date arithmetic (yearly repeats) in range


class ConflictError(ApplicationError):
    def __init__(self, *, theirs: dict[str, Any], version: int) -> None:
        super().__init__(
            _("Someone saved this event while you were editing it. Compare both versions below, then save again."),
            field="version",
        )
        self.theirs = theirs
        self.version = version


# ---------------------------------------------------------------------------------------------
# Reads


def event_list(*, kind: str = "") -> QuerySet[Event]:
    """Events with their country and organisers: 2 queries (the events, 1 prefetch of organisers)."""
    events = Event.objects.select_related("country").prefetch_related(
        Prefetch("organisers", queryset=Organisation.objects.order_by("name_en"))
    )
    if kind:
        events = events.filter(kind=kind)
    return events.order_by("starts_on", "title")


def event_detail(*, slug: str) -> QuerySet[Event]:
    """One event with its country, organisers and participation figures: 3 queries."""
    return (
        Event.objects.select_related("country")
        .prefetch_related(Prefetch("organisers", queryset=Organisation.objects.order_by("name_en")), "participation")
        .filter(slug=slug)
    )


@dataclasses.dataclass(frozen=True)
class Occurrence:
    event: Event
    starts_on: datetime.date
    ends_on: datetime.date

    @property
    def month(self) -> datetime.date:
        return self.starts_on.replace(day=1)


def _shift_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a common year
        return day.replace(year=day.year + years, day=28)


def occurrences(
    events: Iterable[Event], *, start: datetime.date | None = None, end: datetime.date | None = None
) -> list[Occurrence]:
    """Each event's occurrences overlapping [start, end], in date order. 0 queries.

    A yearly event repeats on the same dates every year from its first year to `repeats_until`
    (or forever); `end` bounds the expansion and defaults to UPCOMING_YEARS after today."""
    end = end or _shift_years(timezone.localdate(), UPCOMING_YEARS)
    found = []
    for event in events:
        length = event.ends_on - event.starts_on
        if event.recurrence == Event.Recurrence.YEARLY:
            last = min(end, event.repeats_until) if event.repeats_until else end
            first_year = event.starts_on.year if start is None else max(event.starts_on.year, start.year - 1)
            candidates = (
                _shift_years(event.starts_on, year - event.starts_on.year) for year in range(first_year, last.year + 1)
            )
            starts = [day for day in candidates if day <= last]
        else:
            starts = [event.starts_on]
        for day in starts:
            occurrence = Occurrence(event, day, day + length)
            if (start is None or occurrence.ends_on >= start) and occurrence.starts_on <= end:
                found.append(occurrence)
    found.sort(key=lambda o: (o.starts_on, o.event.title))
    return found


def next_occurrence(event: Event, *, today: datetime.date | None = None) -> Occurrence | None:
    """The coming (or current) occurrence of an event, if any."""
    today = today or timezone.localdate()
    coming = occurrences([event], start=today, end=_shift_years(today, 1) if event.recurrence else None)
    return coming[0] if coming else None


def group_by_month(items: list[Occurrence]) -> list[tuple[datetime.date, list[Occurrence]]]:
    groups: list[tuple[datetime.date, list[Occurrence]]] = []
    for item in items:
        if not groups or groups[-1][0] != item.month:
            groups.append((item.month, []))
        groups[-1][1].append(item)
    return groups


def participation_rows(event: Event) -> list[Participation]:
    """The event's figures in the order of the categories (from the prefetch: 0 queries)."""
    return sorted(event.participation.all(), key=lambda row: row.sort_key)


CHART_WIDTH = 720
CHART_LABEL = 290
CHART_ROW = 26


def participation_chart(rows: list[Participation]) -> dict[str, Any] | None:
    """A horizontal bar chart of the figures counted in people (organisations are another unit and
    stay in the table only), as positions for an inline SVG. 0 queries."""
    people = [row for row in rows if row.unit == Participation.Unit.PEOPLE]
    if len(people) < 2:
        return None
    largest = max(row.count for row in people) or 1
    area = CHART_WIDTH - CHART_LABEL - 150  # room for "more than 11,000"
    bars = []
    for i, row in enumerate(people):
        length = max(round(area * row.count / largest, 1), 1.0)
        y = i * CHART_ROW
        bars.append(
            {
                "row": row,
                "label": figure_label(row),
                "y": y + 5,
                "text_y": y + CHART_ROW / 2 + 4,
                "length": length,
                "value_x": CHART_LABEL + length + 6,
            }
        )
    return {
        "width": CHART_WIDTH,
        "height": len(people) * CHART_ROW,
        "label_x": CHART_LABEL - 8,
        "bar_x": CHART_LABEL,
        "bars": bars,
    }


def figure_label(row: Participation) -> str:
    """ "more than 11,000" / "about 50" / "514" as the source gave it."""
    from django.contrib.humanize.templatetags.humanize import intcomma

    number = intcomma(row.count)
    if row.qualifier == Participation.Qualifier.MORE_THAN:
        return _("more than %(n)s") % {"n": number}
    if row.qualifier == Participation.Qualifier.ABOUT:
        return _("about %(n)s") % {"n": number}
    return str(number)


# ---------------------------------------------------------------------------------------------
# Writes


def event_read(event: Event) -> dict[str, Any]:
    """The editable content of an event with its figures (what a conflict compares)."""
    data: dict[str, Any] = {name: getattr(event, name) for name in EVENT_FIELDS}
    data["country"] = event.country
    data["organisers"] = sorted(org.name_en for org in event.organisers.all())
    data["participation"] = [
        {name: getattr(row, name) for name in PARTICIPATION_FIELDS} for row in participation_rows(event)
    ]
    return data


def _unique_slug(title: str, starts_on: datetime.date | None, exclude: int | None) -> str:
    base = slugify(f"{title} {starts_on.year if starts_on else ''}")[:70]
    base = base if base and base not in RESERVED_SLUGS else "event"
    slug, n = base, 2
    while Event.objects.filter(slug=slug).exclude(pk=exclude or 0).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _check_event(data: dict[str, Any], *, exclude: int | None) -> None:
    if data.get("kind") not in Event.Kind.values:
        raise ApplicationError(_("Choose the kind of event."), field="kind")
    if not (data.get("title") or "").strip():
        raise ApplicationError(_("Give the event a title."), field="title")
    starts, ends = data.get("starts_on"), data.get("ends_on")
    if starts is None:
        raise ApplicationError(_("Give the first day of the event."), field="starts_on")
    if ends is None:
        raise ApplicationError(_("Give the last day of the event."), field="ends_on")
    for name, day in (("starts_on", starts), ("ends_on", ends), ("repeats_until", data.get("repeats_until"))):
        if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise ApplicationError(
                _("Give a date between %(first)d and %(last)d.") % {"first": FIRST_YEAR, "last": LAST_YEAR}, field=name
            )
    if ends < starts:
        raise ApplicationError(_("The last day is before the first day."), field="ends_on")
    if (ends - starts).days >= MAX_EVENT_DAYS:
        raise ApplicationError(
            _("An event lasts at most %(n)d days; check the dates.") % {"n": MAX_EVENT_DAYS}, field="ends_on"
        )
    if (data.get("recurrence") or "") not in Event.Recurrence.values:
        raise ApplicationError(_("Choose whether the event repeats."), field="recurrence")
    until = data.get("repeats_until")
    if until is not None and data.get("recurrence") != Event.Recurrence.YEARLY:
        raise ApplicationError(_("Only a yearly event repeats until a date."), field="repeats_until")
    if until is not None and until < starts:
        raise ApplicationError(_("The repetition cannot end before the first day."), field="repeats_until")
    if data.get("slug") in RESERVED_SLUGS:
        raise ApplicationError(_("This short name is reserved; choose another."), field="slug")
    if data.get("slug") and Event.objects.filter(slug=data["slug"]).exclude(pk=exclude or 0).exists():
        raise ApplicationError(_("Another event already uses this short name."), field="slug")
    if data.get("url"):
        try:
            URLValidator(schemes=["http", "https"])(data["url"])
        except ValidationError:
            raise ApplicationError(_("Give a web address starting with http:// or https://."), field="url") from None
    side = data.get("side_events")
    if side is not None and side < 0:
        raise ApplicationError(_("The number of side events cannot be negative."), field="side_events")


def _check_participation(rows: list[dict[str, Any]]) -> None:
    seen = set()
    for row in rows:
        category = row.get("category")
        if category not in Participation.Category.values:
            raise ApplicationError(_("Unknown category: %(c)s") % {"c": str(category)[:40]}, field="participation")
        if category in seen:
            raise ApplicationError(
                _("%(c)s is given twice.") % {"c": Participation.Category(category).label}, field="participation"
            )
        seen.add(category)
        count = row.get("count")
        if not isinstance(count, int) or count < 0:
            raise ApplicationError(_("Give each figure as a whole number, 0 or more."), field="participation")
        if row.get("qualifier", "exact") not in Participation.Qualifier.values:
            raise ApplicationError(_("Unknown precision of a figure."), field="participation")
        if row.get("unit", "people") not in Participation.Unit.values:
            raise ApplicationError(_("Say whether a figure counts people or organisations."), field="participation")
        represented, kind = row.get("represented_count"), row.get("represented_kind") or ""
        if kind not in Participation.Represented.values:
            raise ApplicationError(_("Unknown kind of represented entities."), field="participation")
        if represented is not None and (not isinstance(represented, int) or represented < 0):
            raise ApplicationError(_("Give the number represented as a whole number."), field="participation")
        if represented is not None and not kind:
            raise ApplicationError(
                _("Say what the %(n)d represented are (States, companies...).") % {"n": represented},
                field="participation",
            )


def _write_event(event: Event, data: dict[str, Any]) -> None:
    for name in EVENT_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name == "description":
            value = content.sanitise_html(value or "")
        elif name in ("title", "venue", "city", "source", "url", "slug"):
            value = (value or "").strip()
        elif name == "recurrence":
            value = value or ""
        setattr(event, name, value)


def _write_participation(event: Event, rows: list[dict[str, Any]]) -> None:
    event.participation.all().delete()
    for row in rows:
        figure = Participation(
            event=event,
            category=row["category"],
            count=row["count"],
            qualifier=row.get("qualifier") or Participation.Qualifier.EXACT,
            unit=row.get("unit") or Participation.Unit.PEOPLE,
            represented_count=row.get("represented_count"),
            represented_kind=row.get("represented_kind") or "",
            note=(row.get("note") or "").strip(),
        )
        figure.full_clean(exclude=["event"])
        figure.save()


@transaction.atomic
def event_create(*, by: Any, data: dict[str, Any], participation: list[dict[str, Any]] | None = None) -> Event:
    """Add an event to the calendar, with its participation figures (the secretariat)."""
    permissions.require(by, "consultations.event.manage")
    _check_event(data, exclude=None)
    _check_participation(participation or [])
    event = Event()
    _write_event(event, data)
    if not event.slug:
        event.slug = _unique_slug(event.title, event.starts_on, None)
    event.full_clean(validate_unique=False)
    audit.record_as(event, by, "consultations.event.created")
    try:
        with transaction.atomic():
            event.save()
    except IntegrityError:  # the same short name saved by someone else a moment ago
        raise ApplicationError(_("Another event already uses this short name."), field="slug") from None
    if "organisers" in data:
        event.organisers.set(data["organisers"])
    _write_participation(event, participation or [])
    return event


@transaction.atomic
def event_update(
    *,
    event: Event,
    by: Any,
    data: dict[str, Any],
    version: int,
    participation: list[dict[str, Any]] | None = None,
) -> Event:
    """Save an event and (when given) replace its participation figures; one version covers both,
    so a stale `version` raises ConflictError and nothing is written."""
    event = Event.objects.select_for_update(of=("self",)).select_related("country").get(pk=event.pk)
    permissions.require(by, "consultations.event.manage", event)
    if version != event.version:
        raise ConflictError(theirs=event_read(event), version=event.version)
    merged = {**event_read(event), **data}
    _check_event(merged, exclude=event.pk)
    if participation is not None:
        _check_participation(participation)
    _write_event(event, data)
    if not event.slug:
        event.slug = _unique_slug(event.title, event.starts_on, event.pk)
    event.version += 1
    event.full_clean()
    audit.record_as(event, by, "consultations.event.changed")
    event.save()
    if "organisers" in data:
        event.organisers.set(data["organisers"])
    if participation is not None:
        _write_participation(event, participation)
    return event


# ---------------------------------------------------------------------------------------------
# iCalendar (RFC 5545)


def calendar_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "wsis-portal.invalid"


def event_uid(event: Event) -> str:
    """Stable across edits (the primary key never changes, unlike the title or the address)."""
    return f"event-{event.pk}@{calendar_domain()}"


def ical(events: Iterable[Event], *, name: str, absolute_url: Any) -> bytes:
    """An RFC 5545 calendar, one VEVENT per event (all-day dates, DTEND exclusive; yearly events
    carry an RRULE), written by the `icalendar` library (line folding and escaping). 0 queries with
    organisers prefetched."""
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//WSIS follow-up portal//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for event in events:
        vevent = icalendar.Event()
        vevent.add("uid", event_uid(event))
        vevent.add("dtstamp", event.updated_at.astimezone(datetime.UTC))
        vevent.add("last-modified", event.updated_at.astimezone(datetime.UTC))
        vevent.add("created", event.created_at.astimezone(datetime.UTC))
        vevent.add("sequence", event.version - 1)
        vevent.add("dtstart", event.starts_on)
        vevent.add("dtend", event.ends_on + datetime.timedelta(days=1))
        vevent.add("summary", event.title)
        if event.recurrence == Event.Recurrence.YEARLY:
            rule: dict[str, Any] = {"freq": "yearly"}
            if event.repeats_until:
                rule["until"] = event.repeats_until
            vevent.add("rrule", rule)
        location = "Online" if event.online and not event.place else event.place
        if location:
            vevent.add("location", location)
        description = content.plain_text(event.description)
        organisers = ", ".join(org.name_en for org in event.organisers.all())
        if organisers:
            description = f"{description}\n\nOrganisers: {organisers}".strip()
        if description:
            vevent.add("description", description)
        vevent.add("url", event.url or absolute_url(event.get_absolute_url()))
        vevent.add("categories", [str(Event.Kind(event.kind).label)])
        vevent.add("status", "TENTATIVE" if event.to_verify else "CONFIRMED")
        vevent.add("transp", "TRANSPARENT")
        calendar.add_component(vevent)
    return bytes(calendar.to_ical())
