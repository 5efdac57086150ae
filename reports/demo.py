"""Demo reporting cycles for `make run`: last year's cycle with the real facilitators and the five
regional commissions in every state of the workflow, and the year before with two accepted reports (so
that "start from last year's report" has something to copy). Everything goes through the services, as a
person would; idempotent (a cycle already present is left as it is).

The texts paraphrase the seeds' own wording: the Secretary-General's reports on WSIS follow-up (seed 000:
UNGIS, the facilitators' meetings, the Partnership on Measuring ICT for Development, the regional
commissions' follow-up; seed 002: enhanced cooperation, the IGF's role, the ICANN-UNESCO agreement on
multilingualism) and the facts of DOMAIN.md; 2025 events (the WSIS+20 review, the IGF in Norway) are
public knowledge.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from reports import services
from reports.models import ReportingCycle
from stakeholders.models import Membership, Organisation
from wsis_portal import audit
from wsis_portal.demo import DEMO_PASSWORD

# Plausible symbols in the pattern of the real series (A/75/62-E/2020/11 in seed 003): the report on
# 2025 goes to the eighty-first General Assembly and ECOSOC 2026. Not the real, future symbols.
SYMBOLS = {2025: ("A/81/62", "E/2026/10"), 2024: ("A/80/64", "E/2025/12")}
SESSIONS = {2025: "twenty-ninth session, 2026", 2024: "twenty-eighth session, 2025"}


def _item(
    title: str, description: str, countries: str = "", partners: str = "", sdg: str = "", links: str = ""
) -> dict[str, Any]:
    return {
        "title": title,
        "description": description,
        "countries": countries.split(),
        "partners": partners,
        "sdg_targets": sdg.split(),
        "links": links.split(),
    }


COMMON = {
    "enhanced_cooperation": (
        "We followed the work on enhanced cooperation on international public policy issues pertaining to the "
        "Internet. As the open consultations of 2010 observed, cooperation has been enhanced to varying degrees in "
        "many organisations; we kept our governing bodies informed and consulted all stakeholders in our field."
    ),
    "lessons_learned": (
        "Partnerships with governments, the private sector and civil society multiply what one agency can do; "
        "reporting against shared targets makes progress comparable from one year to the next."
    ),
}

# What each entity reports: summary, activities per action line, and the other sections.
REPORTS: dict[str, dict[str, Any]] = {
    "ITU": {
        "executive_summary": (
            "In 2025 ITU, lead facilitator of action lines C2, C4, C5 and C6, co-organised the WSIS+20 High-Level "
            "Event in Geneva with UNESCO, UNDP and UNCTAD, kept the WSIS stocktaking database (more than 14,000 "
            "activities) and chaired UNGIS. Mobile broadband networks now cover about 97 per cent of the world's "
            "population, yet a third of humanity remains offline; affordability and skills are the main barriers."
        ),
        "activities": {
            "C2": [
                _item(
                    "Partner2Connect Digital Coalition",
                    "Pledges to connect the hardest-to-connect communities in least developed countries, landlocked "
                    "developing countries and small island developing States, tracked against the coalition's "
                    "targets for infrastructure, affordability and meaningful connectivity.",
                    "SEN KEN NPL FJI",
                    "UNDP, UNESCO, Office of the High Representative for LDCs, LLDCs and SIDS",
                    "9.c 17.8",
                    "https://www.itu.int/itu-d/sites/partner2connect/",
                ),
                _item(
                    "Giga school connectivity",
                    "With UNICEF, mapping and connecting schools: national broadband plans of 30 countries now "
                    "include school connectivity targets.",
                    "RWA BRA KAZ",
                    "UNICEF",
                    "4.a 9.c",
                    "https://giga.global/",
                ),
            ],
            "C4": [
                _item(
                    "Digital Skills Toolkit and Academy",
                    "Online and face-to-face courses for policymakers and regulators; 40,000 participants, 45 per cent "
                    "of them women.",
                    "",
                    "UNDP, UNESCO, UNCTAD",
                    "4.4",
                )
            ],
            "C5": [
                _item(
                    "Global Cybersecurity Index, fifth edition",
                    "Measured the commitment of 194 countries to cybersecurity across legal, technical, "
                    "organisational, capacity-development and cooperation measures.",
                    "",
                    "",
                    "16.10 17.9",
                )
            ],
            "C6": [
                _item(
                    "Global Symposium for Regulators",
                    "Best practice guidelines on regulation for inclusive digital transformation, adopted by "
                    "regulators "
                    "of more than 100 countries.",
                )
            ],
        },
        "igf": "ITU took part in the 20th Internet Governance Forum in Lillestrøm, Norway, and organised sessions on "
        "connectivity targets and the WSIS+20 review.",
        "ict_measurement": "As a member of the Partnership on Measuring ICT for Development, ITU collected the core "
        "ICT indicators, including individuals using the Internet by sex (SDG 17.8.1) and mobile network coverage "
        "(9.c.1), and published Facts and Figures 2025.",
        "effective_practices": "Multi-stakeholder coalitions with public pledges and yearly progress reports.",
        "obstacles": "Affordability of devices and services; the usage gap where networks exist but people do not "
        "connect; gaps in gender-disaggregated data.",
        "proposals": "The Commission may wish to encourage Member States to set national targets for universal and "
        "meaningful connectivity and to report them through the Partnership's core indicators.",
    },
    "UNESCO": {
        "executive_summary": (
            "UNESCO facilitates action lines C3, C7.3, C7.8, C8, C9 and C10. In 2025 it advanced multilingualism "
            "online, media development and the ethics of artificial intelligence, and co-organised the WSIS+20 "
            "High-Level Event."
        ),
        "activities": {
            "C3": [
                _item(
                    "Open solutions for access to knowledge",
                    "Guidance on open educational resources and open science for 60 Member States.",
                    sdg="16.10",
                )
            ],
            "C8": [
                _item(
                    "Multilingualism on the Internet",
                    "Building on the cooperation agreement with ICANN of December 2009 on internationalised domain "
                    "names, UNESCO supported content in local languages.",
                    partners="ICANN",
                )
            ],
            "C10": [
                _item(
                    "Recommendation on the Ethics of AI: readiness assessments",
                    "Readiness assessments completed in 60 countries.",
                )
            ],
        },
        "igf": "UNESCO organised sessions on information integrity at the IGF 2025.",
        "effective_practices": "National readiness assessments owned by governments.",
        "obstacles": "Uneven availability of content in local languages.",
        "proposals": "Encourage measurement of linguistic diversity online.",
    },
    "UNDESA": {
        "executive_summary": "UN DESA, facilitator of C1, C7.1 and C11, published the United Nations E-Government "
        "Survey 2024 follow-up and supported the IGF secretariat.",
        "activities": {
            "C7.1": [
                _item(
                    "E-Government Survey follow-up",
                    "Capacity workshops on digital government strategies in 12 countries.",
                    "BTN LAO UZB",
                    sdg="16.6 16.7",
                )
            ],
            "C11": [
                _item(
                    "IGF secretariat support",
                    "Support to the 20th IGF and its national and regional initiatives.",
                    "NOR",
                )
            ],
        },
        "igf": "UN DESA supports the IGF secretariat and the Multistakeholder Advisory Group.",
        "obstacles": "Limited funding for capacity development.",
    },
    "UNCTAD": {
        "executive_summary": "UNCTAD, secretariat of the CSTD and facilitator of C7.2, supported e-commerce and "
        "digital economy policy through eTrade Readiness Assessments and the eTrade for all initiative.",
        "activities": {
            "C7.2": [
                _item(
                    "eTrade Readiness Assessments",
                    "Assessments of e-commerce readiness in least developed countries and follow-up "
                    "implementation reviews.",
                    "SEN MDG NPL",
                    "eTrade for all partners",
                    "17.11",
                )
            ],
            "C4": [_item("CSTD capacity building", "Training on science, technology and innovation policy reviews.")],
        },
        "ict_measurement": "UNCTAD leads the Partnership's work on measuring e-commerce and the digital economy.",
    },
    "WHO": {
        "executive_summary": "WHO, facilitator of C7.4, implemented the Global strategy on digital health "
        "2020-2025 and supported national digital health strategies.",
        "activities": {
            "C7.4": [
                _item(
                    "Global Initiative on Digital Health",
                    "Country support for interoperable digital health systems.",
                    "IND EST GHA",
                    "ITU",
                    "3.8",
                )
            ]
        },
    },
    "ILO": {
        "executive_summary": "ILO, facilitator of C7.5, studied platform work and digital skills for decent work.",
        "activities": {
            "C7.5": [
                _item("Digital skills for decent jobs", "Youth digital skills programmes in 15 countries.", sdg="8.6")
            ]
        },
    },
    "WMO": {
        "executive_summary": "WMO, facilitator of C7.6, advanced the Early Warnings for All initiative with ITU.",
        "activities": {
            "C7.6": [
                _item(
                    "Early Warnings for All",
                    "Common alerting protocol rolled out with national meteorological services.",
                    partners="ITU, UNDRR",
                    sdg="13.1",
                )
            ]
        },
    },
    "FAO": {
        "executive_summary": "FAO, facilitator of C7.7, supported digital agriculture strategies and the "
        "e-agriculture community.",
        "activities": {
            "C7.7": [
                _item(
                    "Digital villages initiative",
                    "Digital services for smallholder farmers in 1,000 villages.",
                    "ETH VNM PER",
                    sdg="2.3",
                )
            ]
        },
    },
    "UNDP": {
        "executive_summary": "UNDP supported national digital transformation in more than 100 countries.",
        "activities": {"C4": [_item("Digital readiness assessments", "Whole-of-society assessments in 50 countries.")]},
    },
    "UNEP": {
        "executive_summary": "UNEP worked on the environmental footprint of digital technologies.",
        "activities": {
            "C7.6": [
                _item("Coalition for Digital Environmental Sustainability", "Green digital guidelines.", sdg="12.5")
            ]
        },
    },
    "ITC": {"executive_summary": "", "activities": {}},
    "UPU": {"executive_summary": "", "activities": {}},
}

REGIONAL: dict[str, dict[str, Any]] = {
    "ESCWA": {
        "language": "en",
        "executive_summary": "ESCWA led the regional follow-up of WSIS in the Arab region: the Arab Digital "
        "Development Report, national digital development reviews and the Arab regional review of WSIS+20.",
        "regional_activities": [
            _item(
                "Arab Digital Development Report 2025",
                "Tracks 18 Arab countries against the WSIS action lines and the SDGs.",
                "JOR TUN EGY LBN OMN",
                sdg="17.8",
            ),
            _item(
                "National digital development reviews", "Reviews with Jordan, Mauritania and Palestine.", "JOR MRT PSE"
            ),
        ],
        "regional_meetings": [
            {
                "title": "Arab regional WSIS+20 review meeting",
                "held_on": "2025-05-12",
                "place": "Beirut",
                "description": "Regional inputs to the WSIS+20 review.",
            }
        ],
        "igf": "ESCWA supported the Arab IGF.",
    },
    "ECLAC": {
        "language": "es",
        "executive_summary": "La CEPAL siguió la Agenda Digital para América Latina y el Caribe (eLAC2026) y su "
        "observatorio del desarrollo digital.",
        "regional_activities": [_item("eLAC2026", "Seguimiento de la agenda digital regional.", "CHL BRA MEX COL")],
        "regional_meetings": [
            {"title": "Reunión preparatoria de eLAC", "held_on": "2025-11-05", "place": "Santiago", "description": ""}
        ],
    },
    "ECA": {
        "language": "fr",
        "executive_summary": "La CEA a appuyé la stratégie de transformation numérique pour l'Afrique et le Forum "
        "africain sur la gouvernance de l'Internet.",
        "regional_activities": [
            _item("Identité numérique et commerce", "Appui aux États membres sur l'identité numérique.", "ETH KEN SEN")
        ],
        "regional_meetings": [],
    },
    "ESCAP": {
        "language": "en",
        "executive_summary": "ESCAP advanced the Asia-Pacific Information Superhighway initiative.",
        "regional_activities": [
            _item(
                "Asia-Pacific Information Superhighway", "Regional backbone and affordability analysis.", "KAZ MNG LAO"
            )
        ],
        "regional_meetings": [
            {
                "title": "Asia-Pacific regional WSIS review",
                "held_on": "2025-08-20",
                "place": "Bangkok",
                "description": "",
            }
        ],
    },
    "ECE": {
        "language": "ru",
        "executive_summary": "ЕЭК ООН продолжила работу по упрощению процедур торговли и электронному бизнесу.",
        "regional_activities": [],
        "regional_meetings": [],
    },
}

# Where each report stops in the workflow, for the cycle on the last complete year.
STATES = {
    "ITU": "accepted",
    "ESCWA": "accepted",
    "UNESCO": "not_started",  # focal.point@unesco can try "start from last year's report"
    "WHO": "accepted",
    "UNCTAD": "accepted",
    "ECLAC": "accepted",
    "FAO": "resubmitted",
    "UNDESA": "changes_requested",
    "ECA": "changes_requested",
    "ILO": "submitted",
    "WMO": "submitted",
    "ESCAP": "submitted",
    "UNDP": "draft",
    "UNEP": "draft",
    "ECE": "draft",
    "ITC": "not_started",
    "UPU": "not_started",
}

COMMENTS = {
    "UNDESA": [
        ("executive_summary", "Please say how many countries took part in the workshops."),
        ("line:C11", "Add the dates of the IGF support activities."),
    ],
    "ECA": [("regional_meetings", "Please list the regional review meetings held in 2025, with their dates.")],
    "FAO": [("line:C7.7", "Give the number of farmers reached.")],
}


# Names of the demo focal points created for the agencies that have no demo account of their own.
FOCAL_NAMES = {
    "UNDESA": "Daniel Okafor",
    "UNCTAD": "Mei Lin",
    "UNDP": "Kwame Mensah",
    "WHO": "Anika Sharma",
    "ILO": "Tomás Herrera",
    "WMO": "Ingrid Solberg",
    "UNEP": "Sofia Petrova",
    "FAO": "Giulia Romano",
    "ITC": "Lucas Meyer",
    "UPU": "Hana Suzuki",
    "ECA": "Aminata Traoré",
    "ECE": "Olga Ivanova",
    "ESCAP": "Arjun Patel",
}


def _reviewer() -> User:
    reviewer = User.objects.get(email="secretariat@unctad.example.org")
    reviewer.is_verified = lambda: True  # type: ignore[attr-defined]  # the demo acts as a signed-in reviewer
    return reviewer


def _focal_point(organisation: Organisation) -> User:
    """The organisation's demo focal point (focal.point@<code>.example.org), created if missing."""
    membership = (
        Membership.objects.filter(organisation=organisation, role=Membership.Role.FOCAL_POINT)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if membership is not None:
        return membership.user
    email = f"focal.point@{(organisation.code or 'org').lower()}.example.org"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(
            email=email,
            full_name=FOCAL_NAMES.get(
                organisation.code or "", f"{organisation.acronym or organisation.code} focal point"
            ),
            email_verified=True,
        )
        user.set_password(DEMO_PASSWORD)
        audit.record_as(user, None, "demo.seeded")
        user.save()
    Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": Membership.Role.FOCAL_POINT}
    )
    return user


def _content(code: str, year: int) -> dict[str, Any]:
    if code in REGIONAL:
        data = dict(REGIONAL[code])
    else:
        data = dict(REPORTS.get(code, {"executive_summary": "", "activities": {}}))
    if data.get("executive_summary"):
        for key, text in COMMON.items():
            data.setdefault(key, text)
    if year != 2025:
        data["executive_summary"] = data.get("executive_summary", "").replace("2025", str(year))
    return data


def _progress(report: Any, year: int) -> dict[str, list[dict[str, Any]]]:
    """Values on the roadmap targets of the report's lines, where roadmaps exist (60 % of the way)."""
    from reports import selectors

    codes = list(report.invitation.action_lines.values_list("code", flat=True))
    progress: dict[str, list[dict[str, Any]]] = {}
    for code, targets in selectors.line_targets(codes=codes, year=year).items():
        rows = []
        for target in targets:
            start = target.baseline_value if target.baseline_value is not None else Decimal(0)
            value = (start + (target.target_value - start) * Decimal("0.6")).quantize(Decimal("0.1"))
            rows.append({"target": target.pk, "value": str(value), "note": "Estimate reported by the facilitator."})
        if rows:
            progress[code] = rows
    return progress


def _play(report: Any, state: str, year: int, reviewer: User) -> None:
    code = report.organisation.code
    if state == "not_started":
        return
    author = _focal_point(report.organisation)
    data = _content(code, year)
    data["progress"] = _progress(report, year) if state == "accepted" else {}
    if not data.get("executive_summary"):
        data["executive_summary"] = f"Activities of {report.organisation.acronym} in {year} (draft)."
    report = services.report_save(report=report, by=author, data=data, version=report.version)
    if state == "draft":
        return
    report = services.report_submit(report=report, by=author)
    if state == "submitted":
        return
    if state in ("changes_requested", "resubmitted"):
        comments = [{"section": s, "text": t} for s, t in COMMENTS.get(code, [("general", "Please add figures.")])]
        report = services.report_request_changes(report=report, by=reviewer, comments=comments)
        if state == "resubmitted":
            data["obstacles"] = (data.get("obstacles") or "") + " Connectivity in rural areas remains costly."
            report = services.report_save(report=report, by=author, data=data, version=report.version)
            services.report_resubmit(report=report, by=author)
        return
    services.report_accept(report=report, by=reviewer)


@transaction.atomic
def load() -> int:
    """Create the demo cycles if absent; returns the number of reports created."""
    reviewer = _reviewer()
    created = 0
    last = timezone.localdate().year - 1
    previous = last - 1
    if not ReportingCycle.objects.filter(year=previous).exists():
        invitees = [
            invitee
            for invitee in services.default_invitees(year=previous)
            if invitee["organisation"].code in ("ITU", "ESCWA", "UNESCO", "ECLAC")
        ]
        cycle = services.cycle_open(
            year=previous,
            session=SESSIONS.get(previous, f"session of {previous + 1}"),
            deadline=timezone.localdate(),
            symbol_ga=SYMBOLS.get(previous, ("", ""))[0],
            symbol_ecosoc=SYMBOLS.get(previous, ("", ""))[1],
            invitees=invitees,
            by=reviewer,
        )
        for report in cycle.reports.select_related("organisation", "invitation", "cycle"):
            _play(report, "accepted", previous, reviewer)
            created += 1
        services.cycle_close(cycle=cycle, by=reviewer)
        # The demo's past cycle had its deadline in the December of that year.
        ReportingCycle.objects.filter(pk=cycle.pk).update(deadline=datetime.date(previous + 1, 1, 15))
    if not ReportingCycle.objects.filter(year=last).exists():
        cycle = services.cycle_open(
            year=last,
            session=SESSIONS.get(last, f"session of {last + 1}"),
            deadline=timezone.localdate() + datetime.timedelta(days=21),
            symbol_ga=SYMBOLS.get(last, ("", ""))[0],
            symbol_ecosoc=SYMBOLS.get(last, ("", ""))[1],
            by=reviewer,
        )
        for report in cycle.reports.select_related("organisation", "invitation", "cycle").order_by("pk"):
            _play(report, STATES.get(report.organisation.code or "", "draft"), last, reviewer)
            created += 1
    return created
