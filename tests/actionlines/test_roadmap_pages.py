from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from actionlines import services
from actionlines.models import ActionLine, RoadmapObjective

pytestmark = pytest.mark.django_db

C4 = "/en/action-lines/C4/roadmap/"  # ITU leads C4; nothing is seeded for it


def _post(**values: Any) -> dict[str, Any]:
    data = {
        "version": "0",
        "action": "save",
        "period": "medium",
        "title": "Train 10,000 ICT professionals",
        "description": "",
        "source": "",
        "targets-TOTAL_FORMS": "2",
        "targets-INITIAL_FORMS": "0",
        "targets-MIN_NUM_FORMS": "0",
        "targets-MAX_NUM_FORMS": "50",
        "targets-0-indicator": "People trained in ITU centres of excellence",
        "targets-0-unit": "people",
        "targets-0-baseline_value": "",
        "targets-0-baseline_year": "",
        "targets-0-target_value": "10000",
        "targets-0-target_year": "2011",
    }
    data.update(values)
    return data


def test_action_line_page_shows_the_roadmap_by_period_with_progress_charts(
    client: Client, django_assert_num_queries: Any
) -> None:
    # line with parent, sub-lines, facilitations, SDG links, then roadmap objectives, targets, progress
    # with organisations
    with django_assert_num_queries(7):
        response = client.get("/en/action-lines/C2/")
    html = response.content.decode()
    assert response.status_code == 200
    for heading in ("Short term", "Medium term", "Long term"):
        assert f'<h3 class="roadmap-period">{heading}</h3>' in html
    assert "Reach the C2 connectivity goals by 2012" in html
    assert "to 100 % by 2012" in html
    assert html.count('<svg viewBox="0 0 480 200" role="img"') == 3  # the targets with progress reported
    assert "<polyline points=" in html
    assert '<th scope="row">2014</th><td class="number">40.7</td><td>ITU</td>' in html
    assert "Edit the roadmap" not in html  # the public cannot edit


def test_a_line_without_roadmap_says_so(client: Client) -> None:
    html = client.get("/en/action-lines/C10/").content.decode()
    assert "No roadmap has been set for this line yet." in html


@pytest.mark.parametrize(("role", "status"), [("facilitator", 200), ("secretariat", 200)])
def test_facilitators_and_secretariat_open_the_editor(
    client_for: Callable[[str], Client], role: str, status: int
) -> None:
    assert client_for(role).get("/en/action-lines/C2/roadmap/").status_code == status
    assert "Edit the roadmap" in client_for(role).get("/en/action-lines/C2/").content.decode()


@pytest.mark.parametrize("role", ["commission", "contributor", "registered"])
def test_others_are_refused_the_editor(client_for: Callable[[str], Client], role: str) -> None:
    client = client_for(role)
    assert client.get("/en/action-lines/C2/roadmap/").status_code == 403
    assert client.post(C4 + "new/", _post()).status_code == 403
    assert not RoadmapObjective.objects.filter(action_line__code="C4").exists()


def test_secretariat_must_pass_its_second_factor_first(client_for: Callable[[str], Client]) -> None:
    response = client_for("secretariat_without_2fa").post(C4 + "new/", _post())
    assert response.status_code == 302 and "/two-factor/" in response["Location"]
    assert not RoadmapObjective.objects.filter(action_line__code="C4").exists()


def test_anonymous_is_sent_to_sign_in(client: Client) -> None:
    response = client.get("/en/action-lines/C2/roadmap/")
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_editor_lists_objectives_in_constant_queries(
    client_for: Callable[[str], Client], django_assert_num_queries: Any
) -> None:
    client = client_for("facilitator")
    client.get("/en/action-lines/C2/roadmap/")  # warm the session
    # session, user, line, memberships (roles), facilitation check; objectives, targets, progress;
    # history of the line, its objectives, targets and progress (users joined); 1 per model named by
    # a changed foreign key in the 15 newest changes (here progress rows: targets, organisations)
    with django_assert_num_queries(14):
        response = client.get("/en/action-lines/C2/roadmap/")
    assert response.status_code == 200
    assert response.content.decode().count('<li>\n      <span class="objective-title">') == 6


def test_facilitator_adds_an_objective_with_a_target(client_for: Callable[[str], Client]) -> None:
    response = client_for("facilitator").post(C4 + "new/", _post())
    assert response.status_code == 302 and response["Location"] == C4
    objective = RoadmapObjective.objects.get(action_line__code="C4")
    assert objective.period == "medium" and [t.indicator for t in objective.targets.all()] == [
        "People trained in ITU centres of excellence"
    ]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"targets-0-target_year": "1990"}, "Ensure this value is greater than or equal to 2000."),
        ({"targets-0-target_value": "lots"}, "Enter a number."),
        ({"targets-0-baseline_value": "5"}, "Give the baseline value and its year, or neither."),
        (
            {"targets-0-baseline_value": "5", "targets-0-baseline_year": "2012"},
            "The target year cannot be before the baseline year.",
        ),
        ({"period": "someday"}, "Select a valid choice."),
        ({"title": "bad\x07title"}, "Remove the control characters from this text."),
    ],
)
def test_bad_input_is_shown_next_to_the_field_and_nothing_typed_is_lost(
    client_for: Callable[[str], Client], values: dict[str, str], message: str
) -> None:
    response = client_for("facilitator").post(C4 + "new/", _post(**values))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "People trained in ITU centres of excellence" in html  # what was typed is still there
    assert not RoadmapObjective.objects.filter(action_line__code="C4").exists()


def test_add_a_row_keeps_everything_typed_without_judging_it(client_for: Callable[[str], Client]) -> None:
    response = client_for("facilitator").post(C4 + "new/", _post(action="more", title=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="targets-TOTAL_FORMS" value="3"' in html
    assert "People trained in ITU centres of excellence" in html
    assert "Please correct" not in html
    assert not RoadmapObjective.objects.exists() or not RoadmapObjective.objects.filter(action_line__code="C4")


def _existing(people: dict[str, Any]) -> RoadmapObjective:
    c4 = ActionLine.objects.get(code="C4")
    data = {
        "period": "short",
        "title": "Centres of excellence",
        "targets": [{"indicator": "Centres", "unit": "", "target_value": 20, "target_year": 2010}],
    }
    return services.roadmap_objective_create(action_line=c4, data=data, by=people["secretariat"])


def test_stale_save_shows_both_versions_and_overwrites_nothing(
    client_for: Callable[[str], Client], people: dict[str, Any]
) -> None:
    objective = _existing(people)
    target = objective.targets.get()
    edit = f"{C4}{objective.pk}/"
    rows = {
        "targets-INITIAL_FORMS": "1",
        "targets-0-id": str(target.pk),
        "targets-0-indicator": "Centres",
        "targets-0-target_value": "20",
        "targets-0-target_year": "2010",
        "targets-0-unit": "",
    }
    first = client_for("secretariat").post(edit, _post(version="1", title="Their title", **rows))
    assert first.status_code == 302
    response = client_for("facilitator").post(edit, _post(version="1", title="My title", **rows))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Someone else changed this objective meanwhile" in html
    assert "<td>Their title</td><td>My title</td>" in html
    assert 'name="version" value="2"' in html  # saving again, having seen theirs, keeps mine
    objective.refresh_from_db()
    assert objective.title == "Their title"
    again = client_for("facilitator").post(edit, _post(version="2", title="My title", **rows))
    assert again.status_code == 302
    objective.refresh_from_db()
    assert objective.title == "My title" and objective.version == 3


def test_remove_a_target_then_the_objective(client_for: Callable[[str], Client], people: dict[str, Any]) -> None:
    objective = _existing(people)
    target = objective.targets.get()
    client = client_for("facilitator")
    rows = {
        "targets-INITIAL_FORMS": "1",
        "targets-0-id": str(target.pk),
        "targets-0-indicator": "Centres",
        "targets-0-target_value": "20",
        "targets-0-target_year": "2010",
        "targets-0-DELETE": "on",
        "targets-1-indicator": "People trained in ITU centres of excellence",
        "targets-1-target_value": "10000",
        "targets-1-target_year": "2011",
    }
    response = client.post(f"{C4}{objective.pk}/", _post(version="1", **rows))
    assert response.status_code == 302
    assert [t.indicator for t in objective.targets.all()] == ["People trained in ITU centres of excellence"]
    assert client.get(f"{C4}{objective.pk}/delete/").status_code == 200
    assert client.post(f"{C4}{objective.pk}/delete/", {"version": "1"}).status_code == 400  # stale
    assert client.post(f"{C4}{objective.pk}/delete/", {"version": "2"}).status_code == 302
    assert not RoadmapObjective.objects.filter(pk=objective.pk).exists()
    history = client.get(C4).content.decode()
    assert "actionlines.objective.removed" in history


def test_move_an_objective_up(client_for: Callable[[str], Client], people: dict[str, Any]) -> None:
    first = _existing(people)
    client = client_for("facilitator")
    client.post(C4 + "new/", _post(period="short"))
    second = RoadmapObjective.objects.exclude(pk=first.pk).get(action_line__code="C4")
    response = client.post(f"{C4}{second.pk}/move/", {"version": "1", "direction": "up"})
    assert response.status_code == 302
    titles = list(RoadmapObjective.objects.filter(action_line__code="C4").values_list("title", flat=True))
    assert titles == ["Train 10,000 ICT professionals", "Centres of excellence"]


def test_an_objective_of_another_line_is_not_found(client_for: Callable[[str], Client], people: dict[str, Any]) -> None:
    objective = _existing(people)
    assert client_for("facilitator").get(f"/en/action-lines/C2/roadmap/{objective.pk}/").status_code == 404


def test_saving_an_objective_removed_meanwhile_keeps_what_was_typed(
    client_for: Callable[[str], Client], people: dict[str, Any]
) -> None:
    objective = _existing(people)
    edit = f"{C4}{objective.pk}/"
    objective.targets.all().delete()
    services.roadmap_objective_delete(objective=objective, version=1, by=people["secretariat"])
    typed = {
        "targets-INITIAL_FORMS": "1",
        "targets-0-id": str(objective.pk + 1000),
        "targets-0-indicator": "Centres",
        "targets-0-target_value": "25",
        "targets-0-target_year": "2012",
    }
    client = client_for("facilitator")
    response = client.post(edit, _post(version="1", title="My better centres", **typed))
    html = response.content.decode()
    assert response.status_code == 409
    assert "It was removed." in html and 'value="My better centres"' in html and 'value="25"' in html
    assert f'action="{C4}new/"' in html  # saving again adds it as a new objective
    assert client.get(edit).status_code == 404
