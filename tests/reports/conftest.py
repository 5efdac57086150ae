"""Fixtures of the reporting cycle: an open cycle for last year, with ITU's and ESCWA's reports."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from actionlines.models import ActionLine, MeasurableTarget, RoadmapObjective
from reports import services
from reports.models import ActivityReport, ReportingCycle

LAST_YEAR = timezone.localdate().year - 1


@pytest.fixture
def c2_target(db: Any) -> MeasurableTarget:
    """A measurable target on C2's roadmap (ITU leads C2)."""
    objective = RoadmapObjective.objects.create(
        action_line=ActionLine.objects.get(code="C2"), period="medium", title="Connect the unconnected", position=0
    )
    return MeasurableTarget.objects.create(
        objective=objective,
        indicator="Population covered by a mobile broadband network",
        unit="%",
        baseline_value=Decimal("90"),
        baseline_year=2020,
        target_value=Decimal("99"),
        target_year=2030,
    )


@pytest.fixture
def cycle(people: dict[str, Any]) -> ReportingCycle:
    return services.cycle_open(
        year=LAST_YEAR,
        session="twenty-ninth session, 2026",
        deadline=timezone.localdate() + datetime.timedelta(days=30),
        symbol_ga="A/81/62",
        symbol_ecosoc="E/2026/10",
        by=people["secretariat"],
    )


@pytest.fixture
def itu_report(cycle: ReportingCycle) -> ActivityReport:
    return cycle.reports.get(organisation__code="ITU")


@pytest.fixture
def escwa_report(cycle: ReportingCycle) -> ActivityReport:
    return cycle.reports.get(organisation__code="ESCWA")


def itu_content(**changes: Any) -> dict[str, Any]:
    content: dict[str, Any] = {
        "language": "en",
        "executive_summary": "ITU continued to lead action lines C2, C4, C5 and C6 in 2025.",
        "activities": {
            "C2": [
                {
                    "title": "Partner2Connect Digital Coalition",
                    "description": "Pledges to connect the hardest-to-connect communities.",
                    "countries": ["SEN", "KEN"],
                    "partners": "UNDP, UNESCO",
                    "sdg_targets": ["9.c", "17.8"],
                    "links": ["https://www.itu.int/partner2connect"],
                }
            ]
        },
        "igf": "ITU took part in the IGF in Norway.",
        "obstacles": "Affordability of broadband remains the main obstacle.",
    }
    content.update(changes)
    return content


def escwa_content(**changes: Any) -> dict[str, Any]:
    content: dict[str, Any] = {
        "language": "ar",
        "executive_summary": "ESCWA supported Arab States in digital development reviews.",
        "regional_activities": [{"title": "Arab Digital Development Report", "countries": ["JOR", "TUN"]}],
        "regional_meetings": [
            {"title": "Arab regional WSIS review", "held_on": f"{LAST_YEAR}-05-12", "place": "Beirut"}
        ],
    }
    content.update(changes)
    return content


@pytest.fixture
def cycle_kwargs() -> dict[str, Any]:
    return {
        "year": LAST_YEAR,
        "session": "twenty-ninth session, 2026",
        "deadline": timezone.localdate() + datetime.timedelta(days=30),
    }
