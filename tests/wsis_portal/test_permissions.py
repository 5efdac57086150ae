"""Every role against every action of the foundation, allowed and denied, through the one
permission module; the HTTP tests in each app check that views ask it."""

from __future__ import annotations

from typing import Any

import pytest

from actionlines import roles as actionline_roles
from actionlines.models import ActionLine
from stakeholders import roles as organisation_roles
from stakeholders.models import JoinRequest, Membership
from wsis_portal import permissions

ROLES = [
    "anonymous",
    "registered",
    "contributor",
    "organisation_admin",
    "facilitator",
    "commission",
    "secretariat",
    "administrator",
    "secretariat_without_2fa",
]
SIGNED_IN = set(ROLES) - {"anonymous"}
STAFF = {"secretariat", "administrator"}

# action, object key, roles allowed (every other role is denied)
MATRIX: list[tuple[str, str | None, set[str]]] = [
    ("portal.admin.access", None, STAFF),
    ("accounts.user.manage", None, {"administrator"}),
    ("reference.change", None, STAFF),
    ("audit.view", None, STAFF),
    ("stakeholders.organisation.view", "ngo", set(ROLES)),
    ("stakeholders.organisation.change", "ngo", STAFF | {"organisation_admin"}),
    ("stakeholders.membership.view", "ngo", STAFF | {"organisation_admin", "contributor"}),
    ("stakeholders.membership.manage", "ngo", STAFF | {"organisation_admin"}),
    ("stakeholders.organisation.history", "ngo", STAFF | {"organisation_admin"}),
    ("stakeholders.organisation.history", "ITU", STAFF | {"facilitator"}),
    ("stakeholders.joinrequest.create", None, SIGNED_IN),
    ("stakeholders.joinrequest.decide", None, STAFF),
    ("actionlines.actionline.view", "C2", set(ROLES)),
    ("actionlines.actionline.history", "C2", STAFF | {"facilitator"}),  # ITU leads C2
    ("actionlines.actionline.history", "C7.4", STAFF | {"facilitator"}),  # ITU co-facilitates e-health
    ("actionlines.actionline.history", "C10", STAFF),  # UNESCO alone: ITU's focal point is denied
    (
        "actionlines.actionline.history",
        "C1",
        STAFF | {"commission", "facilitator"},
    ),  # ITU and the commissions co-facilitate C1
]


def _object(people: dict[str, Any], org: Any, key: str | None) -> Any:
    if key is None:
        return None
    if key == "ngo":
        return people["ngo"]
    if key.startswith("C"):
        return ActionLine.objects.get(code=key)
    return org(key)


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "key", "allowed"), MATRIX, ids=[f"{a}[{k}]" for a, k, _ in MATRIX])
def test_each_role_against_each_action(
    people: dict[str, Any], org: Any, action: str, key: str | None, allowed: set[str]
) -> None:
    obj = _object(people, org, key)
    decisions = {role: permissions.can(people[role], action, obj) for role in ROLES}
    assert {role for role, ok in decisions.items() if ok} == allowed


@pytest.mark.django_db
def test_only_the_requester_withdraws_a_pending_request(people: dict[str, Any]) -> None:
    request = JoinRequest.objects.create(
        user=people["registered"], organisation=people["ngo"], role=Membership.Role.CONTRIBUTOR
    )
    allowed = {role for role in ROLES if permissions.can(people[role], "stakeholders.joinrequest.withdraw", request)}
    assert allowed == {"registered"}
    request.state = JoinRequest.State.REFUSED
    assert not permissions.can(people["registered"], "stakeholders.joinrequest.withdraw", request)


@pytest.mark.django_db
def test_deactivated_account_keeps_no_right(people: dict[str, Any]) -> None:
    admin = people["organisation_admin"]
    admin.is_active = False
    assert not permissions.can(admin, "stakeholders.membership.manage", people["ngo"])


@pytest.mark.django_db
def test_facilitator_and_commission_focal_points_are_told_apart(people: dict[str, Any]) -> None:
    assert actionline_roles.is_facilitator_focal_point(people["facilitator"])
    assert not organisation_roles.is_commission_focal_point(people["facilitator"])
    assert organisation_roles.is_commission_focal_point(people["commission"])
    assert not actionline_roles.is_facilitator_focal_point(people["contributor"])
    assert not organisation_roles.is_commission_focal_point(people["contributor"])


def test_unknown_action_is_a_programming_error() -> None:
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        permissions.can(None, "no.such.action")
