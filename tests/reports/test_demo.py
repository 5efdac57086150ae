"""The demo cycles: every state of the workflow, real facilitators and commissions, idempotent."""

from __future__ import annotations

from collections import Counter

import pytest

from reports import demo
from reports.models import ActivityReport, ReportingCycle
from tests.reports.conftest import LAST_YEAR
from wsis_portal import demo as portal_demo

pytestmark = pytest.mark.django_db


def test_demo_cycles_hold_every_state_and_load_once() -> None:
    portal_demo.seed_accounts()
    assert demo.load() > 17
    cycle = ReportingCycle.objects.get(year=LAST_YEAR)
    assert cycle.symbols == "A/81/62–E/2026/10" or LAST_YEAR != 2025
    states = Counter(report.progress_state for report in cycle.reports.select_related("cycle"))
    assert set(states) >= {"not_started", "draft", "submitted", "changes_requested", "accepted"}
    assert cycle.reports.filter(state="resubmitted").exists()
    accepted = set(cycle.reports.filter(state="accepted").values_list("organisation__code", flat=True))
    assert {"ITU", "ESCWA"} <= accepted and len(accepted) >= 4
    returned = cycle.reports.get(organisation__code="UNDESA")
    assert returned.comments.filter(section="line:C11").exists()
    assert {"ECA", "ECE", "ECLAC", "ESCAP", "ESCWA"} <= set(cycle.reports.values_list("organisation__code", flat=True))
    previous = ReportingCycle.objects.get(year=LAST_YEAR - 1)
    assert previous.state == "closed" and previous.reports.filter(state="accepted").count() == 4
    before = ActivityReport.objects.count()
    assert demo.load() == 0  # idempotent
    assert ActivityReport.objects.count() == before
