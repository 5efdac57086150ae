from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from actionlines import services
from actionlines.models import ActionLine, MeasurableTarget, RoadmapObjective, TargetProgress
from stakeholders.models import Organisation
from wsis_portal.errors import ApplicationError

pytestmark = pytest.mark.django_db


def _target(**values: Any) -> dict[str, Any]:
    return {
        "indicator": "Villages connected",
        "unit": "%",
        "baseline_value": Decimal("10"),
        "baseline_year": 2005,
        "target_value": Decimal("100"),
        "target_year": 2015,
        **values,
    }


def _data(**values: Any) -> dict[str, Any]:
    return {"period": "short", "title": "Connect the villages", "description": "", "source": "", **values}


@pytest.fixture
def c5() -> ActionLine:
    return ActionLine.objects.get(code="C4")  # ITU leads it; no roadmap is seeded for it


@pytest.fixture
def objective(c5: ActionLine, people: dict[str, Any]) -> RoadmapObjective:
    return services.roadmap_objective_create(action_line=c5, data=_data(targets=[_target()]), by=people["secretariat"])


def _insert(**values: Any) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        MeasurableTarget.objects.create(**values)


def test_database_refuses_a_target_before_its_baseline_or_out_of_range(objective: RoadmapObjective) -> None:
    base = {"objective": objective, "indicator": "x", "target_value": 1}
    _insert(**base, baseline_value=1, baseline_year=2010, target_year=2009)
    _insert(**base, target_year=1999)
    _insert(**base, baseline_value=1, baseline_year=None, target_year=2010)
    MeasurableTarget.objects.create(**base, target_year=2010)  # no baseline at all is allowed


def test_database_keeps_one_progress_value_per_target_year_and_organisation(objective: RoadmapObjective) -> None:
    target = objective.targets.get()
    itu = Organisation.objects.get(code="ITU")
    TargetProgress.objects.create(target=target, year=2010, value=5, organisation=itu)
    with pytest.raises(IntegrityError), transaction.atomic():
        TargetProgress.objects.create(target=target, year=2010, value=6, organisation=itu)


def test_facilitator_creates_an_objective_on_a_line_itu_facilitates_and_it_is_audited(
    c5: ActionLine, people: dict[str, Any]
) -> None:
    objective = services.roadmap_objective_create(
        action_line=c5, data=_data(targets=[_target(), _target(indicator="Schools")]), by=people["facilitator"]
    )
    assert [t.indicator for t in objective.targets.all()] == ["Villages connected", "Schools"]
    row = objective.history.get()
    assert row.history_user == people["facilitator"]
    assert row.history_change_reason == "actionlines.objective.created"


@pytest.mark.parametrize("role", ["commission", "contributor", "registered", "secretariat_without_2fa", "anonymous"])
def test_others_cannot_edit_the_roadmap(c5: ActionLine, people: dict[str, Any], role: str) -> None:
    with pytest.raises(PermissionDenied):
        services.roadmap_objective_create(action_line=c5, data=_data(), by=people[role])
    assert not RoadmapObjective.objects.filter(action_line=c5).exists()


def test_itu_focal_point_cannot_edit_a_line_itu_does_not_facilitate(people: dict[str, Any]) -> None:
    c10 = ActionLine.objects.get(code="C10")  # UNESCO only
    with pytest.raises(PermissionDenied):
        services.roadmap_objective_create(action_line=c10, data=_data(), by=people["facilitator"])


@pytest.mark.parametrize(
    ("target", "field"),
    [
        (_target(target_year=2001), "targets.0.target_year"),
        (_target(target_year=3000), "targets.0.target_year"),
        (_target(baseline_year=None), "targets.0.baseline_year"),
        (_target(indicator=""), "targets.0.indicator"),
        (_target(target_value=None), "targets.0.target_value"),
    ],
)
def test_bad_targets_are_refused_naming_the_field(
    c5: ActionLine, people: dict[str, Any], target: dict[str, Any], field: str
) -> None:
    with pytest.raises(ApplicationError) as error:
        services.roadmap_objective_create(action_line=c5, data=_data(targets=[target]), by=people["secretariat"])
    assert error.value.field == field
    assert not RoadmapObjective.objects.filter(action_line=c5).exists()  # nothing half-saved


def test_bad_period_is_refused(c5: ActionLine, people: dict[str, Any]) -> None:
    with pytest.raises(ApplicationError) as error:
        services.roadmap_objective_create(action_line=c5, data=_data(period="soon"), by=people["secretariat"])
    assert error.value.field == "period"


def test_update_edits_adds_and_removes_targets(objective: RoadmapObjective, people: dict[str, Any]) -> None:
    kept = objective.targets.get()
    data = _data(title="Connect all villages", targets=[_target(id=kept.pk, target_value=Decimal("90")), _target()])
    services.roadmap_objective_update(objective=objective, version=1, data=data, by=people["facilitator"])
    objective.refresh_from_db()
    assert objective.version == 2 and objective.title == "Connect all villages"
    values = [(t.pk == kept.pk, t.target_value) for t in objective.targets.order_by("position")]
    assert values == [(True, Decimal("90")), (False, Decimal("100"))]
    services.roadmap_objective_update(objective=objective, version=2, data=_data(targets=[]), by=people["secretariat"])
    assert not objective.targets.exists()


def test_stale_update_is_a_conflict_showing_their_version(objective: RoadmapObjective, people: dict[str, Any]) -> None:
    services.roadmap_objective_update(
        objective=objective, version=1, data=_data(title="Theirs", targets=[]), by=people["secretariat"]
    )
    with pytest.raises(services.RoadmapConflictError) as error:
        services.roadmap_objective_update(
            objective=objective, version=1, data=_data(title="Mine", targets=[]), by=people["facilitator"]
        )
    assert error.value.theirs is not None and error.value.theirs["title"] == "Theirs"
    assert error.value.version == 2
    objective.refresh_from_db()
    assert objective.title == "Theirs"


def test_a_target_with_progress_cannot_be_removed(objective: RoadmapObjective, people: dict[str, Any]) -> None:
    target = objective.targets.get()
    itu = Organisation.objects.get(code="ITU")
    services.target_progress_record(target=target, year=2010, value="40", organisation=itu, by=people["facilitator"])
    with pytest.raises(ApplicationError) as error:
        services.roadmap_objective_update(
            objective=objective, version=1, data=_data(targets=[]), by=people["secretariat"]
        )
    assert error.value.field == "targets"
    with pytest.raises(ApplicationError):
        services.roadmap_objective_delete(objective=objective, version=1, by=people["secretariat"])
    assert objective.targets.count() == 1


def test_move_stays_within_the_period(c5: ActionLine, objective: RoadmapObjective, people: dict[str, Any]) -> None:
    long = services.roadmap_objective_create(
        action_line=c5, data=_data(title="Long", period="long"), by=people["secretariat"]
    )
    services.roadmap_objective_move(objective=long, version=1, offset=-1, by=people["secretariat"])
    long.refresh_from_db()
    assert long.version == 1  # nothing above it in its period: nothing moved
    assert list(c5.roadmap_objectives.order_by("position").values_list("title", flat=True)) == [
        "Connect the villages",
        "Long",
    ]


def test_delete_and_move(c5: ActionLine, objective: RoadmapObjective, people: dict[str, Any]) -> None:
    second = services.roadmap_objective_create(action_line=c5, data=_data(title="Second"), by=people["secretariat"])
    services.roadmap_objective_move(objective=second, version=1, offset=-1, by=people["secretariat"])
    assert list(c5.roadmap_objectives.order_by("position").values_list("title", flat=True)) == [
        "Second",
        "Connect the villages",
    ]
    services.roadmap_objective_delete(objective=objective, version=1, by=people["secretariat"])
    assert list(c5.roadmap_objectives.values_list("title", flat=True)) == ["Second"]


def test_progress_is_an_upsert_and_each_change_is_audited(objective: RoadmapObjective, people: dict[str, Any]) -> None:
    target = objective.targets.get()
    itu = Organisation.objects.get(code="ITU")
    first = services.target_progress_record(
        target=target, year=2010, value="40", organisation=itu, source="ITU WTI", by=people["facilitator"]
    )
    second = services.target_progress_record(
        target=target, year=2010, value=Decimal("42.5"), organisation=itu, note="revised", by=people["facilitator"]
    )
    assert first.pk == second.pk and TargetProgress.objects.filter(target=target).count() == 1
    assert second.value == Decimal("42.5") and second.note == "revised"
    reasons = list(second.history.order_by("history_id").values_list("history_change_reason", flat=True))
    assert reasons == ["actionlines.progress.recorded", "actionlines.progress.corrected"]


@pytest.mark.parametrize(
    ("year", "value", "field"), [(2004, "1", "year"), (2200, "1", "year"), (2010, "many", "value")]
)
def test_bad_progress_is_refused_naming_the_field(
    objective: RoadmapObjective, people: dict[str, Any], year: int, value: str, field: str
) -> None:
    itu = Organisation.objects.get(code="ITU")
    with pytest.raises(ApplicationError) as error:
        services.target_progress_record(
            target=objective.targets.get(), year=year, value=value, organisation=itu, by=people["facilitator"]
        )
    assert error.value.field == field
    assert not TargetProgress.objects.filter(target__objective=objective).exists()


def test_progress_only_by_focal_points_of_a_facilitating_organisation(
    objective: RoadmapObjective, people: dict[str, Any]
) -> None:
    target = objective.targets.get()
    escwa = Organisation.objects.get(code="ESCWA")  # does not facilitate C5
    with pytest.raises(PermissionDenied):
        services.target_progress_record(target=target, year=2010, value=1, organisation=escwa, by=people["commission"])
    itu = Organisation.objects.get(code="ITU")
    with pytest.raises(PermissionDenied):  # ESCWA's focal point speaking for ITU
        services.target_progress_record(target=target, year=2010, value=1, organisation=itu, by=people["commission"])
    # the secretariat records what an organisation reported
    services.target_progress_record(target=target, year=2010, value=1, organisation=escwa, by=people["secretariat"])


def test_text_where_numbers_belong_is_refused_not_a_crash(c5: ActionLine, people: dict[str, Any]) -> None:
    with pytest.raises(ApplicationError) as error:
        services.roadmap_objective_create(
            action_line=c5, data=_data(targets=[_target(target_year="soon")]), by=people["secretariat"]
        )
    assert error.value.field == "targets.0.target_year"
    objective = services.roadmap_objective_create(
        action_line=c5, data=_data(targets=[_target()]), by=people["secretariat"]
    )
    itu = Organisation.objects.get(code="ITU")
    with pytest.raises(ApplicationError) as error:
        services.target_progress_record(
            target=objective.targets.get(),
            year="x",
            value=1,
            organisation=itu,
            by=people["facilitator"],  # type: ignore[arg-type]
        )
    assert error.value.field == "year"


def test_editing_an_objective_removed_meanwhile_is_a_conflict_without_their_version(
    objective: RoadmapObjective, people: dict[str, Any]
) -> None:
    stale = RoadmapObjective.objects.get(pk=objective.pk)
    objective.targets.all().delete()
    services.roadmap_objective_delete(objective=objective, version=1, by=people["secretariat"])
    with pytest.raises(services.RoadmapConflictError) as error:
        services.roadmap_objective_update(objective=stale, version=1, data=_data(), by=people["facilitator"])
    assert error.value.theirs is None and "deleted" in error.value.message
