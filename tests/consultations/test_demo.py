"""The demo is loaded at every `make run`: a second load must change nothing, history included."""

from __future__ import annotations

import pytest

from consultations import demo
from consultations.models import Consultation, Contribution, Event

pytestmark = pytest.mark.django_db


def test_loading_the_demo_twice_writes_nothing_the_second_time() -> None:
    demo.load()
    counts = [
        model.history.count()  # type: ignore[attr-defined]
        for model in (Consultation, Contribution, Event)
    ]
    rows = (Consultation.objects.count(), Contribution.objects.count(), Event.objects.count())
    stamps = sorted(Event.objects.values_list("updated_at", flat=True))  # the feed's LAST-MODIFIED
    demo.load()
    assert [model.history.count() for model in (Consultation, Contribution, Event)] == counts  # type: ignore[attr-defined]
    assert (Consultation.objects.count(), Contribution.objects.count(), Event.objects.count()) == rows
    assert sorted(Event.objects.values_list("updated_at", flat=True)) == stamps
    assert rows[1] >= 98
