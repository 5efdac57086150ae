"""Demo and reference data of consultations and events, loaded by `manage.py seed_demo` (idempotent:
natural keys, writing only what differs, so a second run changes nothing).

- The open consultations on enhanced cooperation (ECOSOC resolution 2010/2) and their 98
  contributions, whose tally reproduces, cell by cell, the table of seed 002 (report of the
  Secretary-General of 4 May 2011, para. 10-11 and the table "Répartition des contributions").
- The Summit's two phases, with the participation figures of the Geneva phase from seed 001
  (report of the Secretary-General of ITU, para. 15-16), WSIS Forums, IGF meetings and World
  Telecommunication and Information Society Day (one yearly event, not a row per year).
- One consultation open now, so that the contribution form can be tried.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from consultations import content
from consultations.models import Channel, Consultation, Contribution, Event, Participation, StakeholderGroup
from stakeholders.models import Country, Organisation, StakeholderType

# The table of seed 002: contributions by stakeholder group and channel (written comments between
# September and December 2010; presentations at the meeting of 14 December 2010; informal
# interventions in the open debate). Totals 32 / 8 / 42 / 16 and 59 / 26 / 13 = 98.
SEED_002_TABLE: dict[str, dict[str, int]] = {
    StakeholderGroup.GOVERNMENT: {Channel.WRITTEN: 11, Channel.PRESENTATION: 13, Channel.OPEN_DEBATE: 8},
    StakeholderGroup.INTERNATIONAL_ORGANISATION: {Channel.WRITTEN: 7, Channel.PRESENTATION: 1, Channel.OPEN_DEBATE: 0},
    StakeholderGroup.CIVIL_SOCIETY: {Channel.WRITTEN: 32, Channel.PRESENTATION: 7, Channel.OPEN_DEBATE: 3},
    StakeholderGroup.PRIVATE_SECTOR: {Channel.WRITTEN: 9, Channel.PRESENTATION: 5, Channel.OPEN_DEBATE: 2},
}

ENHANCED_COOPERATION_SLUG = "enhanced-cooperation-2010"
MEETING_DAY = datetime.date(2010, 12, 14)

# The contributors the report names; everyone else is counted, not named (see _generated_name).
# Para. 10: the International Chamber of Commerce spoke for the private sector and the Conference of
# NGOs in Consultative Relationship with the United Nations for civil society organisations, both in
# presentations at the meeting. Para. 24: the contributions of UNESCO and WIPO were noted (their
# channel is not given; recorded here as written comments).
NAMED = [
    ("ICC", StakeholderGroup.PRIVATE_SECTOR, Channel.PRESENTATION),
    ("CONGO", StakeholderGroup.CIVIL_SOCIETY, Channel.PRESENTATION),
    ("UNESCO", StakeholderGroup.INTERNATIONAL_ORGANISATION, Channel.WRITTEN),
    ("WIPO", StakeholderGroup.INTERNATIONAL_ORGANISATION, Channel.WRITTEN),
]
DEMO_ORGANISATIONS = {
    # code: (name, stakeholder type, country) - registered for the demo; UNESCO and WIPO ship as reference data.
    "ICC": ("International Chamber of Commerce", "private_sector", "FRA"),
    "CONGO": (
        "Conference of Non-Governmental Organizations in Consultative Relationship with the United Nations",
        "civil_society",
        None,
    ),
}

# Themes the report says contributors raised (seed 002, para. 14, 17, 21, 25, 31, 33), used for the
# summaries of the unnamed contributions.
THEMES = [
    "international Internet interconnection costs",
    "network neutrality",
    "privacy and the protection of personal data",
    "cybersecurity and the fight against spam",
    "capacity building and the transfer of technology",
    "multilingualism and local content",
    "the management of critical Internet resources",
    "the role of the Internet Governance Forum",
    "a working group of the Commission on Science and Technology for Development",
    "an intergovernmental platform on Internet public policy",
]
GROUP_NOUN: dict[str, str] = {
    StakeholderGroup.GOVERNMENT: "Member State",
    StakeholderGroup.INTERNATIONAL_ORGANISATION: "Intergovernmental organisation",
    StakeholderGroup.CIVIL_SOCIETY: "Civil society organisation",
    StakeholderGroup.PRIVATE_SECTOR: "Private-sector entity",
}


def _sync(model: Any, defaults: dict[str, Any] | None = None, **lookup: Any) -> tuple[Any, bool]:
    """update_or_create that writes only what differs: `make run` loads the demo at every start, and an
    unchanged row must not gain a history row (nor an event a new timestamp in the feed)."""
    defaults = defaults or {}
    found = model.objects.filter(**lookup).first()
    if found is None:
        return model.objects.create(**lookup, **defaults), True
    changed = [name for name, value in defaults.items() if getattr(found, name) != value]
    if changed:
        for name in changed:
            setattr(found, name, defaults[name])
        stamp = ["updated_at"] if hasattr(found, "updated_at") else []  # auto_now only when named
        found.save(update_fields=[*changed, *stamp])
    return found, False


def _generated_name(group: str, n: int) -> str:
    """The report gives only counts for these contributors. They get neutral numbered names rather
    than invented real-looking ones, so that no real government or organisation is credited with a
    contribution the report does not attribute to it."""
    return f"{GROUP_NOUN[group]} {n:02d} (not named in the report)"


def _written_day(i: int, n: int) -> datetime.date:
    """Written comments spread over the open period (1 September - 14 December 2010)."""
    span = (MEETING_DAY - datetime.date(2010, 9, 1)).days
    return datetime.date(2010, 9, 1) + datetime.timedelta(days=(i * span) // max(n, 1))


def enhanced_cooperation_rows(organisations: dict[str, Organisation]) -> list[dict[str, Any]]:
    """The 98 contributions as rows: the named ones first in their cell, then numbered ones. 0 queries."""
    rows: list[dict[str, Any]] = []
    numbers: dict[str, int] = dict.fromkeys(GROUP_NOUN, 0)
    for group, cells in SEED_002_TABLE.items():
        for channel, count in cells.items():
            named = [code for code, g, c in NAMED if g == group and c == channel]
            for i in range(count):
                row: dict[str, Any] = {"stakeholder_group": group, "channel": channel}
                if i < len(named):
                    row["organisation"], row["contributor_name"] = organisations[named[i]], ""
                else:
                    numbers[group] += 1
                    row["organisation"], row["contributor_name"] = None, _generated_name(group, numbers[group])
                row["date"] = _written_day(i, count) if channel == Channel.WRITTEN else MEETING_DAY
                theme = THEMES[(len(rows) * 7) % len(THEMES)]
                if channel == Channel.WRITTEN:
                    row["text"] = content.sanitise_html(
                        f"Written comments on enhanced cooperation on international public policy issues "
                        f"pertaining to the Internet, with particular attention to {theme}.\n\n"
                        "Demo summary: the report counts this contribution but does not reproduce it."
                    )
                else:
                    row["text"] = content.sanitise_html(
                        f"Statement at the meeting held in New York on 14 December 2010, on {theme} "
                        "(demo summary recorded by the secretariat)."
                    )
                rows.append(row)
    return rows


def _organisations() -> dict[str, Organisation]:
    types = {t.code: t for t in StakeholderType.objects.all()}
    found = {str(org.code): org for org in Organisation.objects.filter(code__in=["UNESCO", "WIPO", "UNDESA", "ITU"])}
    for code, (name, type_code, iso3) in DEMO_ORGANISATIONS.items():
        found[code], _created = _sync(
            Organisation,
            code=code,
            defaults={
                "name_en": name,
                "acronym": code,
                "stakeholder_type": types[type_code],
                "country": Country.objects.get(iso3=iso3) if iso3 else None,
                "verified": True,
            },
        )
    return found


def load_enhanced_cooperation(organisations: dict[str, Organisation]) -> Consultation:
    consultation, _created = _sync(
        Consultation,
        slug=ENHANCED_COOPERATION_SLUG,
        defaults={
            "title": "Open consultations on enhanced cooperation on public policy issues pertaining to the Internet",
            "mandate_symbol": "ECOSOC resolution 2010/2",
            "mandate_text": (
                "The Economic and Social Council invited the Secretary-General to convene, before the end of "
                "2010, open and inclusive consultations involving all Member States and all other stakeholders, "
                "to pursue the process towards enhanced cooperation to enable governments, on an equal footing, "
                "to carry out their roles and responsibilities in international public policy issues pertaining "
                "to the Internet, as stated in paragraph 35 of the Tunis Agenda, and asked that the outcome be "
                "submitted, through the Council, to the General Assembly at its sixty-sixth session."
            ),
            "description": content.sanitise_html(
                "The Under-Secretary-General for Economic and Social Affairs held the consultations on behalf of "
                "the Secretary-General over four months, September to December 2010. Invitations went to all "
                "Member States, permanent observers, UN system organizations, NGOs in consultative status with "
                "ECOSOC, ITU sector members and entities accredited to the World Summit; some 150 international "
                "organizations and about 3,500 civil society and private sector entities were asked for input. "
                "Stakeholders could send written comments at any time during the period, and attend a meeting "
                "in New York on 14 December 2010; 13 participants took part in the open debate at its end.\n\n"
                "Source: report of the Secretary-General of 4 May 2011 (seed 002), paragraphs 8-11. The report "
                "names only the International Chamber of Commerce, the Conference of NGOs, UNESCO and WIPO; the "
                "other contributors listed here are numbered, not named."
            ),
            "organiser": organisations.get("UNDESA"),
            "opens_on": datetime.date(2010, 9, 1),
            "closes_on": datetime.date(2010, 12, 31),  # "between September and December 2010": days not given
            "meeting_date": MEETING_DAY,
            "meeting_place": "United Nations Headquarters, New York",
        },
    )
    for row in enhanced_cooperation_rows(organisations):
        _sync(
            Contribution,
            consultation=consultation,
            organisation=row["organisation"],
            contributor_name=row["contributor_name"],
            channel=row["channel"],
            defaults={
                "stakeholder_group": row["stakeholder_group"],
                "date": row["date"],
                "text": row["text"],
                "recorded_by_secretariat": True,
            },
        )
    return consultation


def load_open_call(organisations: dict[str, Organisation]) -> Consultation:
    """A consultation open today (its dates move with the clock each time the demo is loaded)."""
    today = timezone.localdate()
    consultation, _created = _sync(
        Consultation,
        slug="call-for-inputs-demo",
        defaults={
            "title": "Call for inputs to the Secretary-General's report on WSIS progress (demo)",
            "mandate_symbol": "",
            "mandate_text": (
                "Each year the CSTD secretariat invites UN entities and all stakeholders to report on the past "
                "year's implementation of the WSIS outcomes: activities, effective practices, lessons learned, "
                "obstacles and proposals to the Commission."
            ),
            "description": content.sanitise_html(
                "A demo consultation that stays open, so that members of an organisation can try the contribution form."
            ),
            "organiser": Organisation.objects.filter(code="UNCTAD").first(),
            "opens_on": today - datetime.timedelta(days=30),
            "closes_on": today + datetime.timedelta(days=45),
            "meeting_date": None,
            "meeting_place": "",
        },
    )
    return consultation


# ---------------------------------------------------------------------------------------------
# Events


@dataclass(frozen=True)
class DemoEvent:
    slug: str
    kind: str
    title: str
    starts_on: datetime.date
    ends_on: datetime.date
    city: str = ""
    country: str | None = None
    organisers: tuple[str, ...] = ()
    venue: str = ""
    online: bool = False
    to_verify: bool = False
    url: str = ""
    source: str = ""
    description: str = ""


D = datetime.date
FORUM_ORGANISERS = ("ITU", "UNESCO", "UNDP", "UNCTAD")  # co-organisers of the WSIS Forum (DOMAIN.md)
IGF_ORGANISERS = ("UNDESA",)  # the IGF secretariat is part of UN DESA

SUMMIT = [
    DemoEvent(
        "wsis-geneva-2003",
        Event.Kind.SUMMIT,
        "World Summit on the Information Society, Geneva phase",
        D(2003, 12, 10),
        D(2003, 12, 12),
        "Geneva",
        "CHE",
        ("ITU",),
        venue="Palexpo",
        url="https://www.itu.int/net/wsis/geneva/",
        # Seed 001's summary says "du 10 au 13 décembre 2003"; the Summit's own documents and DOMAIN.md
        # give 10-12 December 2003, which is kept here.
        source="Report of the Secretary-General of ITU on the first phase of the Summit (seed 001), para. 15-16",
        description=(
            "Adopted the Geneva Declaration of Principles and Plan of Action. Nearly 50 Heads of State or "
            "Government and Vice-Presidents, more than 11,000 delegates from 175 States, and more than 300 side "
            "events organised in Geneva around the Summit."
        ),
    ),
    DemoEvent(
        "wsis-tunis-2005",
        Event.Kind.SUMMIT,
        "World Summit on the Information Society, Tunis phase",
        D(2005, 11, 16),
        D(2005, 11, 18),
        "Tunis",
        "TUN",
        ("ITU",),
        venue="Kram Palexpo",
        url="https://www.itu.int/net/wsis/tunis/",
        source="Seed 001 (preparations for the second phase, Tunis, 16-18 November 2005)",
        description="Adopted the Tunis Commitment and the Tunis Agenda for the Information Society.",
    ),
]

# Seed 001, para. 15-16: those who took part in the Geneva phase.
GENEVA_PARTICIPATION = [
    {"category": "heads_of_state", "count": 50, "qualifier": "about", "unit": "people"},
    {
        "category": "government_delegates",
        "count": 11000,
        "qualifier": "more_than",
        "unit": "people",
        "represented_count": 175,
        "represented_kind": "states",
        "note": "Delegates of 175 Member States of the United Nations",
    },
    {"category": "civil_society", "count": 3300, "qualifier": "exact", "unit": "people"},
    {
        "category": "business",
        "count": 514,
        "qualifier": "exact",
        "unit": "people",
        "represented_count": 99,
        "represented_kind": "companies",
    },
    {"category": "international_organisations", "count": 87, "qualifier": "exact", "unit": "organisations"},
    {"category": "media", "count": 1000, "qualifier": "more_than", "unit": "people"},
]
GENEVA_SIDE_EVENTS = 300  # "plus de 300 manifestations", para. 16

_UNSURE = "Dates from memory of public announcements: to be checked against the official programme."
WSIS_FORUMS = [
    # (year, first day, last day, title, to verify)
    (2009, D(2009, 5, 18), D(2009, 5, 22), "WSIS Forum 2009", True),
    (2010, D(2010, 5, 10), D(2010, 5, 14), "WSIS Forum 2010", True),
    (2011, D(2011, 5, 16), D(2011, 5, 20), "WSIS Forum 2011", True),
    (2012, D(2012, 5, 14), D(2012, 5, 18), "WSIS Forum 2012", True),
    (2013, D(2013, 5, 13), D(2013, 5, 17), "WSIS Forum 2013", True),
    (2014, D(2014, 6, 10), D(2014, 6, 13), "WSIS+10 High-Level Event", False),
    (2015, D(2015, 5, 25), D(2015, 5, 29), "WSIS Forum 2015", True),
    (2016, D(2016, 5, 2), D(2016, 5, 6), "WSIS Forum 2016", True),
    (2017, D(2017, 6, 12), D(2017, 6, 16), "WSIS Forum 2017", False),
    (2018, D(2018, 3, 19), D(2018, 3, 23), "WSIS Forum 2018", False),
    (2019, D(2019, 4, 8), D(2019, 4, 12), "WSIS Forum 2019", False),
    # 2020 and 2021 were held online over several months: left out rather than guessed.
    (2022, D(2022, 5, 30), D(2022, 6, 3), "WSIS Forum 2022", True),
    (2023, D(2023, 3, 13), D(2023, 3, 17), "WSIS Forum 2023", False),
    (2024, D(2024, 5, 27), D(2024, 5, 31), "WSIS+20 Forum High-Level Event 2024", False),
    (2025, D(2025, 7, 7), D(2025, 7, 11), "WSIS+20 High-Level Event 2025", False),
]
IGF_MEETINGS = [
    # (year, first day, last day, city, ISO alpha-3, online, to verify)
    (2006, D(2006, 10, 30), D(2006, 11, 2), "Athens", "GRC", False, False),
    (2007, D(2007, 11, 12), D(2007, 11, 15), "Rio de Janeiro", "BRA", False, False),
    (2008, D(2008, 12, 3), D(2008, 12, 6), "Hyderabad", "IND", False, False),
    (2009, D(2009, 11, 15), D(2009, 11, 18), "Sharm El Sheikh", "EGY", False, False),
    (2010, D(2010, 9, 14), D(2010, 9, 17), "Vilnius", "LTU", False, False),
    (2011, D(2011, 9, 27), D(2011, 9, 30), "Nairobi", "KEN", False, False),
    (2012, D(2012, 11, 6), D(2012, 11, 9), "Baku", "AZE", False, False),
    (2013, D(2013, 10, 22), D(2013, 10, 25), "Bali", "IDN", False, False),
    (2014, D(2014, 9, 2), D(2014, 9, 5), "Istanbul", "TUR", False, False),
    (2015, D(2015, 11, 10), D(2015, 11, 13), "João Pessoa", "BRA", False, False),
    (2016, D(2016, 12, 6), D(2016, 12, 9), "Guadalajara", "MEX", False, False),
    (2017, D(2017, 12, 18), D(2017, 12, 21), "Geneva", "CHE", False, False),
    (2018, D(2018, 11, 12), D(2018, 11, 14), "Paris", "FRA", False, False),
    (2019, D(2019, 11, 25), D(2019, 11, 29), "Berlin", "DEU", False, False),
    (2020, D(2020, 11, 2), D(2020, 11, 17), "", None, True, True),
    (2021, D(2021, 12, 6), D(2021, 12, 10), "Katowice", "POL", False, False),
    (2022, D(2022, 11, 28), D(2022, 12, 2), "Addis Ababa", "ETH", False, False),
    (2023, D(2023, 10, 8), D(2023, 10, 12), "Kyoto", "JPN", False, False),
    (2024, D(2024, 12, 15), D(2024, 12, 19), "Riyadh", "SAU", False, False),
    (2025, D(2025, 6, 23), D(2025, 6, 27), "Lillestrøm", "NOR", False, False),
]


# Seed 001, para. 10-11: regional preparatory conferences whose outcomes were official inputs to the
# Geneva phase. The seed gives no dates or places: these are from memory, all marked to be verified.
REGIONAL_CONFERENCES = [
    (
        "bamako-2002",
        "African Regional Conference for the WSIS (Bamako 2002)",
        D(2002, 5, 28),
        D(2002, 5, 30),
        "Bamako",
        "MLI",
        "ECA",
    ),
    (
        "bucharest-2002",
        "Pan-European Regional Conference for the WSIS (Bucharest 2002)",
        D(2002, 11, 7),
        D(2002, 11, 9),
        "Bucharest",
        "ROU",
        "ECE",
    ),
    (
        "tokyo-2003",
        "Asia-Pacific Regional Conference for the WSIS (Tokyo 2003)",
        D(2003, 1, 13),
        D(2003, 1, 15),
        "Tokyo",
        "JPN",
        "ESCAP",
    ),
    (
        "bavaro-2003",
        "Latin America and Caribbean Regional Conference for the WSIS (Bávaro 2003)",
        D(2003, 1, 29),
        D(2003, 1, 31),
        "Bávaro",
        "DOM",
        "ECLAC",
    ),
    (
        "beirut-2003",
        "Western Asia Regional Conference for the WSIS (Beirut 2003)",
        D(2003, 2, 4),
        D(2003, 2, 6),
        "Beirut",
        "LBN",
        "ESCWA",
    ),
]


def demo_events() -> list[DemoEvent]:
    found = list(SUMMIT)
    for slug, title, first, last, city, country, commission in REGIONAL_CONFERENCES:
        found.append(
            DemoEvent(
                f"regional-conference-{slug}",
                Event.Kind.REGIONAL_REVIEW,
                title,
                first,
                last,
                city,
                country,
                (commission,),
                to_verify=True,
                source="Seed 001, para. 10-11 (regional preparatory conferences); " + _UNSURE,
                description="Regional preparatory conference of the Geneva phase; its outcome was an official "
                "input to the Summit's documents.",
            )
        )
    for year, first, last, title, unsure in WSIS_FORUMS:
        found.append(
            DemoEvent(
                f"wsis-forum-{year}",
                Event.Kind.WSIS_FORUM,
                title,
                first,
                last,
                "Geneva",
                "CHE",
                FORUM_ORGANISERS,
                to_verify=unsure,
                source=_UNSURE if unsure else "",
                url="https://www.itu.int/net4/wsis/forum/",
            )
        )
    for year, first, last, city, iso3, online, unsure in IGF_MEETINGS:
        found.append(
            DemoEvent(
                f"igf-{year}",
                Event.Kind.IGF,
                f"Internet Governance Forum {year}",
                first,
                last,
                city,
                iso3,
                IGF_ORGANISERS,
                online=online,
                to_verify=unsure,
                source=_UNSURE if unsure else "",
                url="https://www.intgovforum.org/",
            )
        )
    found.append(
        DemoEvent(
            "enhanced-cooperation-meeting-2010",
            Event.Kind.OTHER,
            "Open consultations on enhanced cooperation: meeting",
            MEETING_DAY,
            MEETING_DAY,
            "New York",
            "USA",
            ("UNDESA",),
            venue="United Nations Headquarters",
            source="Report of the Secretary-General of 4 May 2011 (seed 002), para. 9-11",
            description="85 written or oral contributions, and 13 informal interventions in the open debate.",
        )
    )
    return found


def _save_event(item: DemoEvent, organisations: dict[str, Organisation], countries: dict[str, Country]) -> Event:
    event, _created = _sync(
        Event,
        slug=item.slug,
        defaults={
            "kind": item.kind,
            "title": item.title,
            "starts_on": item.starts_on,
            "ends_on": item.ends_on,
            "recurrence": "",
            "repeats_until": None,
            "venue": item.venue,
            "city": item.city,
            "country": countries.get(item.country) if item.country else None,
            "online": item.online,
            "url": item.url,
            "description": content.sanitise_html(item.description),
            "to_verify": item.to_verify,
            "source": item.source,
        },
    )
    event.organisers.set([organisations[code] for code in item.organisers if code in organisations])
    return event


def load_events() -> int:
    organisations = {str(org.code): org for org in Organisation.objects.exclude(code=None)}
    countries = {country.iso3: country for country in Country.objects.all()}
    items = demo_events()
    for item in items:
        event = _save_event(item, organisations, countries)
        if item.slug == "wsis-geneva-2003":
            if event.side_events != GENEVA_SIDE_EVENTS:
                event.side_events = GENEVA_SIDE_EVENTS
                event.save(update_fields=["side_events", "updated_at"])
            for row in GENEVA_PARTICIPATION:
                _sync(
                    Participation,
                    event=event,
                    category=row["category"],
                    defaults={
                        "count": row["count"],
                        "qualifier": row["qualifier"],
                        "unit": row["unit"],
                        "represented_count": row.get("represented_count"),
                        "represented_kind": row.get("represented_kind", ""),
                        "note": row.get("note", ""),
                    },
                )
    # 17 May was proclaimed World Information Society Day by General Assembly resolution 60/252
    # (2006); ITU's Plenipotentiary Conference (Antalya, 2006) joined it with World Telecommunication
    # Day. One yearly event: the calendar and the feed repeat it every year.
    wtisd, _created = _sync(
        Event,
        slug="wtisd",
        defaults={
            "kind": Event.Kind.WTISD,
            "title": "World Telecommunication and Information Society Day",
            "starts_on": D(2007, 5, 17),
            "ends_on": D(2007, 5, 17),
            "recurrence": Event.Recurrence.YEARLY,
            "repeats_until": None,
            "url": "https://www.itu.int/wtisd/",
            "description": content.sanitise_html(
                "Celebrated every year on 17 May, the anniversary of the signature of the first International "
                "Telegraph Convention (1865), with a theme chosen by ITU's Council."
            ),
            "source": "General Assembly resolution 60/252 (2006); ITU Plenipotentiary Conference, Antalya, 2006",
        },
    )
    wtisd.organisers.set([organisations[code] for code in ("ITU",) if code in organisations])
    return len(items) + 1


@transaction.atomic
def load() -> dict[str, int]:
    """Load (or refresh) every demo consultation, contribution and event. Idempotent."""
    organisations = _organisations()
    load_enhanced_cooperation(organisations)
    load_open_call(organisations)
    return {"contributions": Contribution.objects.count(), "events": load_events()}
