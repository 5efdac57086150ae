from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from actionlines.models import ActionLine

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("registered", 403),
        ("contributor", 403),
        ("organisation_admin", 403),
        ("facilitator", 403),
        ("commission", 403),
        ("secretariat", 200),
        ("administrator", 200),
    ],
)
def test_admin_is_for_the_secretariat(client_for: Callable[[str], Client], role: str, status: int) -> None:
    client = client_for(role)
    response = client.get("/en/admin/")
    if response.status_code == 302 and response["Location"].startswith("/en/admin/login/"):
        response = client.get(response["Location"])  # the admin's sign-in sends to the portal's one, or refuses
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/en/account/sign-in/")


def test_secretariat_edits_reference_data_and_the_change_is_audited(
    client_for: Callable[[str], Client], people: dict[str, Any]
) -> None:
    client = client_for("secretariat")
    line = ActionLine.objects.get(code="C9")
    page = client.get(f"/en/admin/actionlines/actionline/{line.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: ("" if value is None else value) for name, value in form.initial.items()}
    data["description_en"] = "Media: freedom of expression and pluralism in the Information Society."
    data["parent"] = ""
    response = client.post(f"/en/admin/actionlines/actionline/{line.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    record = ActionLine.history.filter(code="C9").first()
    assert record.history_user == people["secretariat"]
    assert record.description_en.startswith("Media: freedom")
    history_page = client.get(f"/en/admin/actionlines/actionline/{line.pk}/history/")
    assert history_page.status_code == 200


def test_only_administrators_manage_users(client_for: Callable[[str], Client]) -> None:
    assert client_for("secretariat").get("/en/admin/accounts/user/").status_code == 403
    assert client_for("administrator").get("/en/admin/accounts/user/").status_code == 200
