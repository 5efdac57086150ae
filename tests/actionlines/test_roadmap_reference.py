from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from actionlines.models import MeasurableTarget, RoadmapObjective, TargetProgress

pytestmark = pytest.mark.django_db


def test_itu_roadmaps_for_c2_c5_c6_are_seeded_by_period() -> None:
    periods = set(RoadmapObjective.objects.filter(action_line__code="C2").values_list("period", flat=True))
    assert periods == {"short", "medium", "long"}
    assert set(RoadmapObjective.objects.values_list("action_line__code", flat=True)) == {"C2", "C5", "C6"}
    capitals = MeasurableTarget.objects.get(reference="ITU-C2-5-a")
    assert capitals.target_year == 2012 and capitals.target_value == Decimal("100")
    assert "Connect the World" in RoadmapObjective.objects.get(reference="ITU-C2-3").title
    internet = MeasurableTarget.objects.get(reference="ITU-C2-6-a")
    values = list(internet.progress.order_by("year").values_list("year", "value"))
    assert values[0] == (2007, Decimal("20.6")) and values[-1] == (2014, Decimal("40.7"))
    assert internet.progress.filter(organisation__code="ITU").count() == len(values)


def test_a_reload_keeps_site_edits_and_deletions() -> None:
    objective = RoadmapObjective.objects.get(reference="ITU-C5-2")
    RoadmapObjective.objects.filter(pk=objective.pk).update(title="Child Online Protection (edited)")
    TargetProgress.objects.filter(target__reference="ITU-C2-5-b", year=2014).update(value=Decimal("96.0"))
    removed = RoadmapObjective.objects.get(reference="ITU-C5-1")
    removed.targets.all().delete()
    removed.delete()
    out = io.StringIO()
    call_command("load_reference_data", "--force", stdout=out)
    assert "0 created" in out.getvalue()
    assert RoadmapObjective.objects.get(reference="ITU-C5-2").title == "Child Online Protection (edited)"
    assert TargetProgress.objects.get(target__reference="ITU-C2-5-b", year=2014).value == Decimal("96.0")
    assert not RoadmapObjective.objects.filter(reference="ITU-C5-1").exists()
    assert not MeasurableTarget.objects.filter(reference="ITU-C5-1-a").exists()
