from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from actionlines.models import RoadmapObjective

pytestmark = pytest.mark.django_db


def _body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "period": "long",
        "title": "Broadband for all schools",
        "targets": [{"indicator": "Schools connected", "unit": "%", "target_value": "100", "target_year": 2030}],
    }
    body.update(changes)
    return body


def test_the_public_reads_a_roadmap_in_constant_queries(client: Client, django_assert_num_queries: Any) -> None:
    # the action line; objectives, targets, progress with organisations
    with django_assert_num_queries(4):
        response = client.get("/api/v1/action-lines/C2/roadmap/")
    objectives = response.json()
    assert {o["period"] for o in objectives} == {"short", "medium", "long"}
    internet = next(t for o in objectives for t in o["targets"] if t["indicator"].startswith("Individuals using"))
    assert internet["baseline_value"] == "15.8" and internet["target_value"] == "50"
    assert {"year": 2014, "value": "40.7", "organisation": "ITU"}.items() <= internet["progress"][-1].items()
    assert client.get("/api/v1/action-lines/C99/roadmap/").status_code == 404


def test_facilitator_adds_edits_and_removes_an_objective(client_for: Callable[[str], Client]) -> None:
    client = client_for("facilitator")
    created = client.post("/api/v1/action-lines/C4/roadmap/", _body(), content_type="application/json")
    assert created.status_code == 201, created.json()
    objective = created.json()
    assert objective["version"] == 1 and objective["targets"][0]["target_value"] == "100"
    target_id = objective["targets"][0]["id"]
    edited = _body(
        version=1,
        title="Broadband for every school",
        targets=[{"id": target_id, "indicator": "Schools connected", "target_value": "90", "target_year": 2030}],
    )
    response = client.put(f"/api/v1/roadmap-objectives/{objective['id']}/", edited, content_type="application/json")
    assert response.status_code == 200 and response.json()["targets"][0]["target_value"] == "90"
    stale = client.put(f"/api/v1/roadmap-objectives/{objective['id']}/", edited, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["current"]["title"] == "Broadband for every school"
    gone = client.delete(
        f"/api/v1/roadmap-objectives/{objective['id']}/", {"version": 2}, content_type="application/json"
    )
    assert gone.status_code == 204
    assert not RoadmapObjective.objects.filter(pk=objective["id"]).exists()


@pytest.mark.parametrize("role", ["anonymous", "commission", "contributor"])
def test_others_cannot_edit(client_for: Callable[[str], Client], role: str) -> None:
    response = client_for(role).post("/api/v1/action-lines/C4/roadmap/", _body(), content_type="application/json")
    assert response.status_code in (401, 403)
    objective = RoadmapObjective.objects.filter(action_line__code="C2").first()
    assert objective is not None
    put = client_for(role).put(
        f"/api/v1/roadmap-objectives/{objective.pk}/", _body(version=1), content_type="application/json"
    )
    assert put.status_code in (401, 403)
    assert not RoadmapObjective.objects.filter(action_line__code="C4").exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"period": "soon"}, "period"),
        ({"title": ""}, "title"),
        ({"targets": [{"indicator": "x", "target_value": "1", "target_year": 1990}]}, "targets"),
        (
            {"targets": [{"indicator": "x", "target_value": "1", "target_year": 2010, "baseline_value": "1"}]},
            "targets.0.baseline_year",
        ),
        (
            {
                "targets": [
                    {
                        "indicator": "x",
                        "target_value": "1",
                        "target_year": 2010,
                        "baseline_value": "1",
                        "baseline_year": 2012,
                    }
                ]
            },
            "targets.0.target_year",
        ),
    ],
)
def test_bad_input_names_the_field(client_for: Callable[[str], Client], changes: dict[str, Any], field: str) -> None:
    response = client_for("secretariat").post(
        "/api/v1/action-lines/C4/roadmap/", _body(**changes), content_type="application/json"
    )
    assert response.status_code == 400 and field in response.json(), response.json()
    assert not RoadmapObjective.objects.filter(action_line__code="C4").exists()


def test_a_put_without_version_is_refused(client_for: Callable[[str], Client]) -> None:
    objective = RoadmapObjective.objects.filter(action_line__code="C2").first()
    assert objective is not None
    response = client_for("secretariat").put(
        f"/api/v1/roadmap-objectives/{objective.pk}/", _body(), content_type="application/json"
    )
    assert response.status_code == 400 and "version" in response.json()
