from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from stakeholders import selectors, services
from stakeholders.models import Country, JoinRequest, Membership, Organisation, StakeholderType
from tests.conftest import login
from tests.factories import UserFactory
from wsis_portal.errors import ApplicationError

pytestmark = pytest.mark.django_db


def test_ask_to_join_an_existing_organisation_through_the_form(
    client_for: Callable[[str], Client], people: dict[str, Any]
) -> None:
    client = client_for("registered")
    itu = Organisation.objects.get(code="ITU")
    response = client.post(
        "/en/organisations/join/",
        {
            "organisation": itu.pk,
            "role": "focal_point",
            "message": "I lead the BDT's WSIS team.",
        },
    )
    assert response.status_code == 302
    request = JoinRequest.objects.get(user=people["registered"])
    assert (request.organisation, request.role, request.state) == (itu, "focal_point", "pending")
    assert request.history.first().history_change_reason == "stakeholders.joinrequest.created"
    page = client.get("/en/account/organisations/").content.decode()
    assert "International Telecommunication Union" in page and "Pending" in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"role": "contributor"}, "organisation", "Choose your organisation"),
        ({"proposed_name": "Rural Connect", "role": "contributor"}, "proposed_type", "what kind of organisation"),
        (
            {"proposed_name": "Rural Connect", "proposed_type": "999", "role": "contributor"},
            "proposed_type",
            "Select a valid choice",
        ),
        ({"organisation": "abc", "role": "contributor"}, "organisation", "Select a valid choice"),
        (
            {"proposed_name": "Rural Connect", "proposed_website": "not a url", "role": "contributor"},
            "proposed_website",
            "Enter a valid URL",
        ),
        ({"proposed_name": "Rural\x00Connect", "role": "contributor"}, "proposed_name", "Null characters"),
        (
            {
                "proposed_name": "International Telecommunication Union",
                "proposed_type": "civil_society",
                "role": "contributor",
            },
            "proposed_name",
            "already registered",
        ),
        ({"organisation": "ITU", "role": "admin"}, "role", "Select a valid choice"),
    ],
)
def test_bad_join_request_explains_and_keeps_what_was_typed(
    client_for: Callable[[str], Client], data: dict[str, str], field: str, message: str
) -> None:
    if data.get("organisation") == "ITU":
        data["organisation"] = str(Organisation.objects.get(code="ITU").pk)
    if data.get("proposed_type") == "civil_society":
        data["proposed_type"] = str(StakeholderType.objects.get(code="civil_society").pk)
    data.setdefault("message", "Please let me in, I run our community network.")
    response = client_for("registered").post("/en/organisations/join/", data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    html = response.content.decode()
    assert "Please let me in, I run our community network." in html
    if field != "proposed_name" and "proposed_name" in data and "\x00" not in data["proposed_name"]:
        assert f'value="{data["proposed_name"]}"' in html
    assert not JoinRequest.objects.exists()


def test_cannot_ask_twice_or_join_twice(people: dict[str, Any]) -> None:
    ngo = people["ngo"]
    with pytest.raises(ApplicationError, match="already belong"):
        services.joinrequest_create(user=people["contributor"], organisation=ngo, role="contributor")
    services.joinrequest_create(user=people["registered"], organisation=ngo, role="contributor")
    with pytest.raises(ApplicationError, match="still waiting"):
        services.joinrequest_create(user=people["registered"], organisation=ngo, role="focal_point")


def test_join_needs_sign_in(client: Client) -> None:
    response = client.get("/en/organisations/join/")
    assert response.status_code == 302 and "/account/sign-in/" in response["Location"]


QUEUE = "/en/organisations/requests/"


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
def test_only_the_secretariat_sees_the_queue(client_for: Callable[[str], Client], role: str, status: int) -> None:
    assert client_for(role).get(QUEUE).status_code == status


def test_secretariat_without_second_factor_is_sent_to_it(people: dict[str, Any], client: Client) -> None:
    client.force_login(people["secretariat_without_2fa"])
    response = client.get(QUEUE)
    assert response.status_code == 302 and response["Location"].startswith("/en/account/two-factor/")


@pytest.mark.parametrize("role", ["registered", "contributor", "organisation_admin", "facilitator", "commission"])
def test_others_cannot_decide(client_for: Callable[[str], Client], people: dict[str, Any], role: str) -> None:
    request = services.joinrequest_create(user=UserFactory(), organisation=people["ngo"], role="contributor")
    response = client_for(role).post(f"{QUEUE}{request.pk}/decide/", {"decision": "approve"})
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.state == "pending"


def test_queue_shows_everything_needed_in_constant_queries(
    client_for: Callable[[str], Client], people: dict[str, Any], django_assert_num_queries: Any
) -> None:
    for index in range(12):
        services.joinrequest_create(
            user=UserFactory(), organisation=people["ngo"], role="contributor", message=f"Request number {index}"
        )
    civil = StakeholderType.objects.get(code="civil_society")
    services.joinrequest_create(
        user=UserFactory(), proposed_name="Community Networks Alliance Kenya", proposed_type=civil, role="focal_point"
    )
    for name in ("Alliance (Kenya) for Networks", "Telecentre Foundation", "Zzyzx Qwerty"):  # one query for all
        services.joinrequest_create(user=UserFactory(), proposed_name=name, proposed_type=civil, role="contributor")
    client = client_for("secretariat")
    client.get(QUEUE)  # warm the session and the content types
    # session, user, OTP device, the user's memberships (menu), count, page of requests with users,
    # organisations, types, countries and member counts, similar organisations for all the proposals
    with django_assert_num_queries(7):
        response = client.get(QUEUE)
    html = response.content.decode()
    assert html.count('class="queue-item"') == 16
    assert "Community Networks Alliance Kenya" in html
    # Each proposal is shown beside the registered organisations with a similar name, if any.
    assert html.count("Similar organisations already registered") == 2
    # 12 requests to join it link to it, and so do both proposals that share its words ("(Kenya)" is escaped)
    assert html.count("Community Networks Alliance</a>") == 12 + 2


def test_similar_organisations_are_found_per_name_by_shared_words(people: dict[str, Any]) -> None:
    names = ["Community Networks Alliance Kenya", "", "ITU", "Union internationale des télécommunications"]
    found = selectors.similar_organisations_for(names=names, limit=3)
    assert [o.name_en for o in found[0]] == ["Community Networks Alliance"]
    assert found[1] == [] and found[2] == []  # no word of more than three letters
    assert len(found[3]) <= 3


def test_approve_grants_the_role_and_tells_the_requester(
    client_for: Callable[[str], Client], people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    requester = UserFactory(email="moussa@example.org")
    request = services.joinrequest_create(user=requester, organisation=people["ngo"], role="contributor")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("secretariat").post(
            f"{QUEUE}{request.pk}/decide/", {"decision": "approve", "role": "focal_point"}
        )
    assert response.status_code == 302
    membership = Membership.objects.get(user=requester, organisation=people["ngo"])
    assert membership.role == "focal_point"
    request.refresh_from_db()
    assert request.state == "approved" and request.decided_by == people["secretariat"] and request.decided_at
    assert mail.outbox[-1].to == ["moussa@example.org"] and "approved" in mail.outbox[-1].subject
    last = membership.history.first()
    assert (last.history_user, last.history_change_reason) == (people["secretariat"], "stakeholders.membership.granted")


def test_refuse_needs_a_reason_and_sends_it(
    client_for: Callable[[str], Client], people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    requester = UserFactory(email="grace@example.org")
    request = services.joinrequest_create(user=requester, organisation=people["ngo"], role="contributor")
    client = client_for("secretariat")
    response = client.post(f"{QUEUE}{request.pk}/decide/", {"decision": "refuse", "reason": "   "}, follow=True)
    assert "Give the reason" in response.content.decode()
    request.refresh_from_db()
    assert request.state == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{QUEUE}{request.pk}/decide/", {"decision": "refuse", "reason": "Please use your work e-mail."})
    request.refresh_from_db()
    assert request.state == "refused" and request.reason == "Please use your work e-mail."
    assert "Please use your work e-mail." in mail.outbox[-1].body
    assert not Membership.objects.filter(user=requester).exists()
    # Deciding twice is refused with a message, not a crash.
    response = client.post(f"{QUEUE}{request.pk}/decide/", {"decision": "approve"}, follow=True)
    assert "already decided" in response.content.decode()


def test_approving_a_new_organisation_registers_it_verified_with_the_requester_as_admin(
    people: dict[str, Any],
) -> None:
    requester = UserFactory()
    request = services.joinrequest_create(
        user=requester,
        proposed_name="Réseau rural numérique",
        role="contributor",
        proposed_type=StakeholderType.objects.get(code="civil_society"),
        proposed_country=Country.objects.get(iso3="SEN"),
        proposed_website="https://reseau.example.sn",
    )
    membership = services.joinrequest_approve(join_request=request, by=people["secretariat"])
    organisation = membership.organisation
    assert organisation.name_en == "Réseau rural numérique" and organisation.verified
    assert organisation.country.iso3 == "SEN"
    assert membership.role == "admin"
    assert organisation.history.first().history_change_reason == "stakeholders.organisation.created"


def test_requester_withdraws_a_pending_request(client_for: Callable[[str], Client], people: dict[str, Any]) -> None:
    request = services.joinrequest_create(user=people["registered"], organisation=people["ngo"], role="contributor")
    assert client_for("contributor").post(f"{QUEUE}{request.pk}/withdraw/").status_code == 403
    response = client_for("registered").post(f"{QUEUE}{request.pk}/withdraw/")
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == "withdrawn"


def test_decisions_need_post_and_csrf(people: dict[str, Any]) -> None:
    request = services.joinrequest_create(user=UserFactory(), organisation=people["ngo"], role="contributor")
    client = Client(enforce_csrf_checks=True)
    login(client, people["secretariat"])
    assert client.get(f"{QUEUE}{request.pk}/decide/").status_code == 405
    assert client.post(f"{QUEUE}{request.pk}/decide/", {"decision": "approve"}).status_code == 403
    request.refresh_from_db()
    assert request.state == "pending"
