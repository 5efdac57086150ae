"""Events: yearly occurrences, the Geneva phase's participation figures against seed 001, the
calendar and event pages, the iCalendar feed parsed back, the secretariat's forms."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from typing import Any

import icalendar
import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from consultations import demo, events
from consultations.models import Event, Participation
from stakeholders.models import Organisation
from wsis_portal.errors import ApplicationError

pytestmark = pytest.mark.django_db

# Seed 001, para. 15-16 (report of the Secretary-General of ITU on the Geneva phase): "Près de 50 chefs
# d'État ou de gouvernement et de vice-présidents", "Plus de 11 000 délégués, représentant 175 États
# Membres", "3 300 représentants de la société civile", "514 agents commerciaux représentant 99
# sociétés", "87 organisations internationales", "Plus de 1 000 journalistes", "plus de 300 manifestations".
SEED_001 = {
    "heads_of_state": (50, "about", "people", None, ""),
    "government_delegates": (11000, "more_than", "people", 175, "states"),
    "civil_society": (3300, "exact", "people", None, ""),
    "business": (514, "exact", "people", 99, "companies"),
    "international_organisations": (87, "exact", "organisations", None, ""),
    "media": (1000, "more_than", "people", None, ""),
}


@pytest.fixture
def loaded(db: Any) -> None:
    demo.load()


def test_the_geneva_phase_figures_are_the_seeds(loaded: None) -> None:
    geneva = Event.objects.get(slug="wsis-geneva-2003")
    assert (geneva.starts_on, geneva.ends_on, geneva.city, geneva.country.iso3) == (
        datetime.date(2003, 12, 10),
        datetime.date(2003, 12, 12),
        "Geneva",
        "CHE",
    )
    figures = {
        row.category: (row.count, row.qualifier, row.unit, row.represented_count, row.represented_kind)
        for row in geneva.participation.all()
    }
    assert figures == SEED_001
    assert geneva.side_events == 300
    tunis = Event.objects.get(slug="wsis-tunis-2005")
    assert (tunis.starts_on, tunis.ends_on, tunis.city) == (
        datetime.date(2005, 11, 16),
        datetime.date(2005, 11, 18),
        "Tunis",
    )


def test_the_event_page_shows_the_figures_as_a_table_and_a_chart(
    loaded: None, client: Client, django_assert_num_queries: Any
) -> None:
    # 1 event with country, 1 prefetch of organisers, 1 prefetch of participation
    with django_assert_num_queries(3):
        response = client.get("/en/events/wsis-geneva-2003/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "more than 11,000" in page and "175 States" in page and "about 50" in page
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert (ld["@type"], ld["startDate"], ld["endDate"]) == ("Event", "2003-12-10", "2003-12-12")
    assert ld["organizer"] == [{"@type": "Organization", "name": "International Telecommunication Union"}]
    assert "514" in page and "99 companies" in page and "87" in page and "more than 1,000" in page
    assert (
        '<svg viewBox="0 0 720 130" direction="ltr"' in page and page.count('class="bar"') == 5
    )  # the 87 organisations are not people


def test_wtisd_is_one_row_repeated_every_17_may(loaded: None) -> None:
    assert Event.objects.filter(kind="wtisd").count() == 1
    wtisd = Event.objects.get(kind="wtisd")
    found = events.occurrences([wtisd], start=datetime.date(2010, 1, 1), end=datetime.date(2012, 12, 31))
    assert [o.starts_on for o in found] == [
        datetime.date(2010, 5, 17),
        datetime.date(2011, 5, 17),
        datetime.date(2012, 5, 17),
    ]
    assert events.next_occurrence(wtisd, today=datetime.date(2031, 5, 18)).starts_on == datetime.date(2032, 5, 17)
    assert events.next_occurrence(wtisd, today=datetime.date(2031, 5, 17)).starts_on == datetime.date(2031, 5, 17)


def test_yearly_occurrences_respect_the_end_and_29_february() -> None:
    event = Event(
        slug="leap",
        kind="other",
        title="Leap",
        starts_on=datetime.date(2024, 2, 29),
        ends_on=datetime.date(2024, 3, 1),
        recurrence="yearly",
        repeats_until=datetime.date(2026, 12, 31),
    )
    found = events.occurrences([event], end=datetime.date(2030, 1, 1))
    assert [(o.starts_on, o.ends_on) for o in found] == [
        (datetime.date(2024, 2, 29), datetime.date(2024, 3, 1)),
        (datetime.date(2025, 2, 28), datetime.date(2025, 3, 1)),
        (datetime.date(2026, 2, 28), datetime.date(2026, 3, 1)),
    ]


def test_the_calendar_lists_upcoming_and_past_by_month(
    loaded: None, client: Client, django_assert_num_queries: Any
) -> None:
    # 1 query of events with country, 1 prefetch of organisers
    with django_assert_num_queries(2):
        response = client.get("/en/events/")
    assert response.status_code == 200
    upcoming = response.context["months"]
    assert upcoming and all(o.ends_on >= response.context["today"] for _month, items in upcoming for o in items)
    assert any(o.event.kind == "wtisd" for _month, items in upcoming for o in items)
    with django_assert_num_queries(2):
        response = client.get("/en/events/?when=past&kind=igf&year=2010")
    page = response.content.decode()
    assert (
        "Internet Governance Forum 2010" in page and "Vilnius" in page and "Internet Governance Forum 2011" not in page
    )
    assert [month for month, _items in response.context["months"]] == [datetime.date(2010, 9, 1)]
    response = client.get("/en/events/?when=past&kind=summit")
    titles = [o.event.title for _month, items in response.context["months"] for o in items]
    assert titles == [
        "World Summit on the Information Society, Tunis phase",
        "World Summit on the Information Society, Geneva phase",
    ]
    # past WTISD occurrences are generated, one per year
    response = client.get("/en/events/?when=past&kind=wtisd&year=2015")
    assert [o.starts_on for _m, items in response.context["months"] for o in items] == [datetime.date(2015, 5, 17)]
    # bad filters are ignored, never a 500
    assert client.get("/en/events/?when=past&kind=%00&year=abc").status_code == 200


def test_uncertain_dates_are_marked(loaded: None, client: Client) -> None:
    assert Event.objects.filter(to_verify=True).exists()
    page = client.get("/en/events/igf-2020/").content.decode()
    assert "still to be verified" in page


def test_the_ical_feed_parses_back_with_stable_uids(
    loaded: None, client: Client, django_assert_num_queries: Any
) -> None:
    # 1 query of events with country, 1 prefetch of organisers
    with django_assert_num_queries(2):
        response = client.get("/en/events/calendar.ics")
    assert response.status_code == 200 and response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content
    assert all(len(line) <= 75 for line in body.split(b"\r\n")), "lines are folded at 75 octets"
    calendar = icalendar.Calendar.from_ical(body)
    vevents = calendar.walk("VEVENT")
    assert len(vevents) == Event.objects.count()
    by_uid = {str(v["UID"]): v for v in vevents}
    geneva = Event.objects.get(slug="wsis-geneva-2003")
    vevent = by_uid[f"event-{geneva.pk}@127.0.0.1"]
    assert vevent.decoded("DTSTART") == datetime.date(2003, 12, 10)
    assert vevent.decoded("DTEND") == datetime.date(2003, 12, 13)  # exclusive
    assert str(vevent["SUMMARY"]) == geneva.title and "Palexpo, Geneva, Switzerland" in str(vevent["LOCATION"])
    wtisd = by_uid[f"event-{Event.objects.get(kind='wtisd').pk}@127.0.0.1"]
    assert wtisd["RRULE"]["FREQ"] == ["YEARLY"]
    # the same UIDs after an edit; the sequence moves on
    events.event_update(event=geneva, by=_secretariat(), data={"title": 'WSIS, Geneva phase; 2003, "first"'}, version=1)
    again = {
        str(v["UID"]): v
        for v in icalendar.Calendar.from_ical(client.get("/en/events/calendar.ics").content).walk("VEVENT")
    }
    assert set(again) == set(by_uid)
    assert (
        str(again[f"event-{geneva.pk}@127.0.0.1"]["SUMMARY"]) == 'WSIS, Geneva phase; 2003, "first"'
    )  # escaped and back
    assert int(again[f"event-{geneva.pk}@127.0.0.1"]["SEQUENCE"]) == 1
    only_igf = icalendar.Calendar.from_ical(client.get("/en/events/calendar.ics?kind=igf").content).walk("VEVENT")
    assert len(only_igf) == Event.objects.filter(kind="igf").count()


def _secretariat() -> Any:
    from accounts.models import User
    from tests.conftest import verified
    from tests.factories import UserFactory

    return verified(UserFactory(role=User.Role.SECRETARIAT))


# ---------------------------------------------------------------------------------------------
# Services and the secretariat's pages

BASE = {
    "kind": "regional_review",
    "title": "Arab regional WSIS review",
    "starts_on": datetime.date(2026, 5, 4),
    "ends_on": datetime.date(2026, 5, 5),
    "city": "Beirut",
}


def test_events_are_created_and_updated_with_figures_audited(people: dict[str, Any]) -> None:
    escwa = Organisation.objects.get(code="ESCWA")
    event = events.event_create(
        by=people["secretariat"],
        data={**BASE, "organisers": [escwa]},
        participation=[
            {"category": "government_delegates", "count": 120, "represented_count": 18, "represented_kind": "states"}
        ],
    )
    assert event.slug == "arab-regional-wsis-review-2026" and list(event.organisers.all()) == [escwa]
    assert event.participation.get().represented_count == 18
    events.event_update(
        event=event,
        by=people["secretariat"],
        data={"city": "Beirut, ESCWA"},
        version=1,
        participation=[{"category": "civil_society", "count": 40}],
    )
    event.refresh_from_db()
    assert event.city == "Beirut, ESCWA" and event.version == 2
    assert list(event.participation.values_list("category", "count")) == [("civil_society", 40)]
    with pytest.raises(events.ConflictError) as conflict:
        events.event_update(event=event, by=people["secretariat"], data={"city": "Amman"}, version=1)
    assert conflict.value.theirs["city"] == "Beirut, ESCWA"
    reasons = set(event.history.values_list("history_change_reason", flat=True))
    assert reasons == {"consultations.event.created", "consultations.event.changed"}
    assert Participation.history.filter(event_id=event.pk, history_type="-").exists()  # replaced figures are kept


@pytest.mark.parametrize(
    ("changes", "participation", "field"),
    [
        ({"ends_on": datetime.date(2026, 5, 1)}, [], "ends_on"),
        ({"ends_on": datetime.date(2026, 9, 1)}, [], "ends_on"),
        ({"kind": "party"}, [], "kind"),
        ({"title": " "}, [], "title"),
        ({"repeats_until": datetime.date(2030, 1, 1)}, [], "repeats_until"),
        ({"url": "javascript:alert(1)"}, [], "url"),
        ({"slug": "new"}, [], "slug"),
        ({"starts_on": datetime.date(9999, 12, 31), "ends_on": datetime.date(9999, 12, 31)}, [], "starts_on"),
        ({}, [{"category": "aliens", "count": 1}], "participation"),
        ({}, [{"category": "media", "count": 1}, {"category": "media", "count": 2}], "participation"),
        ({}, [{"category": "media", "count": -5}], "participation"),
        ({}, [{"category": "media", "count": 5, "represented_count": 3}], "participation"),
    ],
)
def test_bad_events_are_refused_naming_the_field(
    people: dict[str, Any], changes: dict[str, Any], participation: list[dict[str, Any]], field: str
) -> None:
    with pytest.raises(ApplicationError) as error:
        events.event_create(by=people["secretariat"], data={**BASE, **changes}, participation=participation)
    assert error.value.field == field
    assert not Event.objects.filter(title=BASE["title"]).exists()


@pytest.mark.parametrize("role", ["anonymous", "contributor", "facilitator", "commission", "secretariat_without_2fa"])
def test_only_the_secretariat_manages_events(people: dict[str, Any], role: str) -> None:
    with pytest.raises(PermissionDenied):
        events.event_create(by=people[role], data=BASE)


def test_the_secretariat_edits_an_event_and_its_figures_through_the_form(
    loaded: None, client_for: Callable[[str], Client]
) -> None:
    client = client_for("secretariat")
    geneva = Event.objects.get(slug="wsis-geneva-2003")
    page = client.get("/en/events/wsis-geneva-2003/edit/")
    assert page.status_code == 200 and 'value="11000"' in page.content.decode()
    form = {
        "kind": "summit",
        "title": geneva.title,
        "slug": geneva.slug,
        "starts_on": "2003-12-10",
        "ends_on": "2003-12-12",
        "recurrence": "",
        "city": "Geneva",
        "country": geneva.country_id,
        "version": "1",
        "figures-TOTAL_FORMS": "2",
        "figures-INITIAL_FORMS": "0",
        "figures-MIN_NUM_FORMS": "0",
        "figures-MAX_NUM_FORMS": "8",
        "figures-0-category": "media",
        "figures-0-count": "1000",
        "figures-0-qualifier": "more_than",
        "figures-0-unit": "people",
        "figures-1-category": "media",
        "figures-1-count": "7",
        "figures-1-qualifier": "exact",
        "figures-1-unit": "people",
    }
    response = client.post("/en/events/wsis-geneva-2003/edit/", form)
    assert response.status_code == 400 and "already given above" in response.content.decode()
    assert geneva.participation.count() == 6  # nothing lost
    response = client.post(
        "/en/events/wsis-geneva-2003/edit/", {**form, "figures-1-category": "", "figures-1-count": ""}
    )
    assert response.status_code == 302
    assert list(geneva.participation.values_list("category", flat=True)) == ["media"]
    stale = client.post(
        "/en/events/wsis-geneva-2003/edit/", form | {"figures-1-category": "", "figures-1-count": "", "city": "Genève"}
    )
    assert stale.status_code == 400 and "Someone else saved this meanwhile" in stale.content.decode()
    history = client.get("/en/events/wsis-geneva-2003/").content.decode()
    assert "consultations.event.changed" in history and "Participation figure" in history
    assert (
        "consultations.event.changed"
        not in client_for("anonymous").get("/en/events/wsis-geneva-2003/").content.decode()
    )
    assert client_for("contributor").get("/en/events/wsis-geneva-2003/edit/").status_code == 403
    assert client_for("anonymous").get("/en/events/new/").status_code == 302


def test_the_secretariat_adds_a_yearly_event(client_for: Callable[[str], Client]) -> None:
    response = client_for("secretariat").post(
        "/en/events/new/",
        {
            "kind": "other",
            "title": "International Day for Universal Access to Information",
            "starts_on": "2026-09-28",
            "ends_on": "2026-09-28",
            "recurrence": "yearly",
            "figures-TOTAL_FORMS": "1",
            "figures-INITIAL_FORMS": "0",
            "figures-MIN_NUM_FORMS": "0",
            "figures-MAX_NUM_FORMS": "8",
        },
    )
    assert response.status_code == 302
    event = Event.objects.get(kind="other")
    assert event.recurrence == "yearly" and not event.participation.exists()
