from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from consultations import demo
from consultations.models import Consultation, Contribution


@pytest.fixture
def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def open_consultation(db: Any, today: datetime.date) -> Consultation:
    return Consultation.objects.create(
        slug="open-call",
        title="Call for inputs on WSIS+20",
        mandate_symbol="E/RES/2025/1",
        opens_on=today - datetime.timedelta(days=10),
        closes_on=today + datetime.timedelta(days=10),
        meeting_date=today + datetime.timedelta(days=5),
    )


@pytest.fixture
def closed_consultation(db: Any, today: datetime.date) -> Consultation:
    return Consultation.objects.create(
        slug="closed-call",
        title="An earlier call",
        opens_on=today - datetime.timedelta(days=60),
        closes_on=today - datetime.timedelta(days=1),
    )


@pytest.fixture
def enhanced_cooperation(db: Any) -> Consultation:
    """Seed 002's consultation and its 98 contributions, as `make run` loads them."""
    demo.load()
    return Consultation.objects.get(slug=demo.ENHANCED_COOPERATION_SLUG)


def written(consultation: Consultation, people: dict[str, Any], **changes: Any) -> Contribution:
    """A written contribution of the `ngo` submitted by the `contributor`, straight in the database."""
    values = {
        "consultation": consultation,
        "organisation": people["ngo"],
        "stakeholder_group": "civil_society",
        "channel": "written",
        "date": consultation.opens_on,
        "text": "<p>Community networks need spectrum.</p>",
        "submitted_by": people["contributor"],
        **changes,
    }
    return Contribution.objects.create(**values)
