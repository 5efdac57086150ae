from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from stakeholders import services
from stakeholders.models import Membership, Organisation
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_register_is_public_filtered_and_constant_in_queries(client: Client, django_assert_num_queries: Any) -> None:
    OrganisationFactory.create_batch(60)
    # the chosen type (validating the filter), count, one page of organisations with their type and country,
    # the type and country choices of the filter
    with django_assert_num_queries(5):
        response = client.get("/en/organisations/?type=international_organisation")
    html = response.content.decode()
    assert "International Telecommunication Union" in html
    assert "Digital Development Network" not in html
    # the same without a filter to validate
    with django_assert_num_queries(4):
        response = client.get("/en/organisations/?page=2")
    assert response.status_code == 200


def test_register_search_finds_names_in_other_languages(client: Client) -> None:
    html = client.get("/en/organisations/?q=télécommunications").content.decode()
    assert "International Telecommunication Union" in html


def test_bad_filters_are_explained_not_crashing(client: Client) -> None:
    response = client.get("/en/organisations/?country=XXX&page=abc")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_commission_page_lists_its_member_states(client: Client) -> None:
    escwa = Organisation.objects.get(code="ESCWA")
    html = client.get(f"/en/organisations/{escwa.pk}/").content.decode()
    assert "Member states" in html and "Lebanon" in html and "Brazil" not in html


@pytest.mark.parametrize(
    ("role", "sees_members", "can_manage", "sees_history"),
    [
        ("anonymous", False, False, False),
        ("registered", False, False, False),
        ("contributor", True, False, False),
        ("organisation_admin", True, True, True),
        ("facilitator", False, False, False),
        ("secretariat", True, True, True),
    ],
)
def test_organisation_page_shows_members_and_history_only_to_those_allowed(
    client_for: Callable[[str], Client],
    people: dict[str, Any],
    role: str,
    sees_members: bool,
    can_manage: bool,
    sees_history: bool,
) -> None:
    html = client_for(role).get(f"/en/organisations/{people['ngo'].pk}/").content.decode()
    assert "Community Networks Alliance" in html
    assert ('id="members-heading"' in html) is sees_members
    assert ("Save role" in html) is can_manage
    assert ("History of changes" in html) is sees_history


def test_organisation_admin_changes_roles_and_the_change_is_audited(
    client_for: Callable[[str], Client], people: dict[str, Any]
) -> None:
    membership = Membership.objects.get(user=people["contributor"])
    client = client_for("organisation_admin")
    response = client.post(f"/en/organisations/members/{membership.pk}/", {"action": "role", "role": "focal_point"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == "focal_point"
    record = membership.history.first()
    assert record.history_user == people["organisation_admin"]
    assert record.history_change_reason == "stakeholders.membership.role_changed"
    # The organisation's page shows the change with readable values, not codes or ids.
    history = client.get(f"/en/organisations/{people['ngo'].pk}/").context["history"]
    change = next(item for item in history if item.action == "stakeholders.membership.role_changed")
    assert (change.user, change.subject) == (people["organisation_admin"], "membership")
    assert [(c.label, str(c.before), str(c.after)) for c in change.changes] == [("role", "Contributor", "Focal point")]
    created = next(item for item in history if item.subject == "organisation" and item.kind == "+")
    assert ("stakeholder type", "Civil society") in [(c.label, str(c.after)) for c in created.changes]
    # A bad role is explained, nothing changes.
    response = client.post(
        f"/en/organisations/members/{membership.pk}/", {"action": "role", "role": "owner"}, follow=True
    )
    assert "Choose a role from the list" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == "focal_point"


@pytest.mark.parametrize("role", ["anonymous", "registered", "contributor", "facilitator", "commission"])
def test_others_cannot_manage_members(client_for: Callable[[str], Client], people: dict[str, Any], role: str) -> None:
    membership = Membership.objects.get(user=people["contributor"])
    response = client_for(role).post(f"/en/organisations/members/{membership.pk}/", {"action": "remove"})
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/account/sign-in/" in response["Location"]
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_an_organisation_keeps_at_least_one_administrator(people: dict[str, Any]) -> None:
    from wsis_portal.errors import ApplicationError

    admin_membership = Membership.objects.get(user=people["organisation_admin"])
    with pytest.raises(ApplicationError, match="another administrator"):
        services.membership_remove(membership=admin_membership, by=people["organisation_admin"])
    second = MembershipFactory(organisation=people["ngo"], role=Membership.Role.ADMIN)
    services.membership_remove(membership=admin_membership, by=second.user)
    assert not Membership.objects.filter(pk=admin_membership.pk).exists()
    assert admin_membership.history.first().history_type == "-"
