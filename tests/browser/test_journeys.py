"""Each role's main journey through the foundation, in headless Chromium against the live server.

The live server runs in this process, so the e-mails it sends land in `mailoutbox` and the test
reads the database directly once the journey is over. Every journey ends with a screenshot in
/tmp/browser-shots/.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from accounts.models import User
from stakeholders import services
from stakeholders.models import JoinRequest, Membership, Organisation
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("live_reference_data"),
]


# Django's labels end with ":"; "Password again" must not match.
PASSWORD_LABEL = re.compile(r"^Password:?$")


def sign_in(page: Page, email: str, password: str = PASSWORD) -> None:
    """Sign in through the form, as a person does, on the sign-in page already open (in whatever
    language) or else the English one; the fields are found by name, which no translation changes."""
    if "/account/sign-in/" not in page.url:
        page.goto("/en/account/sign-in/")
    form = page.get_by_role("main").locator("form")
    form.locator("input[name=username]").fill(email)
    form.locator("input[name=password]").fill(password)
    form.locator("button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/account/sign-in/"))


def field(page: Page, field_id: str) -> Any:
    """The block of one form field: its label, help text, errors and input."""
    return page.locator("div.field").filter(has=page.locator(f"#{field_id}"))


def current_code(device: TOTPDevice) -> str:
    """The code an authenticator app would show now for this device."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return str(code).zfill(device.digits)


def test_visitor_signs_up_confirms_the_address_and_asks_to_join_an_organisation(
    page: Page, live_server: Any, mailoutbox: list[Any], settings: Any, screenshot: Callable[..., Any]
) -> None:
    settings.SITE_URL = live_server.url  # so that the link in the e-mail points at this server
    itu = Organisation.objects.get(code="ITU")

    page.goto("/en/account/sign-up/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an account")
    page.get_by_label("E-mail address").fill("Amina.Diallo@Example.org")
    page.get_by_label("Full name").fill("Amina Diallo")
    page.get_by_label("Preferred language").select_option("fr")
    page.get_by_label(PASSWORD_LABEL).fill("baobab-under-the-rain")
    page.get_by_label("Password again").fill("baobab-under-the-rainn")
    page.get_by_role("button", name="Create the account").click()

    # The error sits next to the second password, and the summary at the top links to it.
    expect(field(page, "id_password2").locator(".errorlist")).to_have_text("The two passwords differ.")
    expect(field(page, "id_password2")).to_have_class(re.compile(r"\bfield-error\b"))
    expect(page.get_by_role("alert")).to_contain_text("Password again: The two passwords differ.")
    expect(field(page, "id_password1").locator(".errorlist")).to_have_count(0)
    # What the visitor typed is still there; the passwords are not sent back (Django's PasswordInput
    # never renders its value), so they are typed again.
    expect(page.get_by_label("E-mail address")).to_have_value("Amina.Diallo@Example.org")
    expect(page.get_by_label("Full name")).to_have_value("Amina Diallo")
    expect(page.get_by_label("Preferred language")).to_have_value("fr")
    expect(page.get_by_label(PASSWORD_LABEL)).to_have_value("")
    assert not User.objects.filter(email__iexact="amina.diallo@example.org").exists()
    assert mailoutbox == []

    page.get_by_label(PASSWORD_LABEL).fill("baobab-under-the-rain")
    page.get_by_label("Password again").fill("baobab-under-the-rain")
    page.get_by_role("button", name="Create the account").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    expect(page.get_by_role("main")).to_contain_text("We sent a confirmation link to amina.diallo@example.org.")
    user = User.objects.get(email="amina.diallo@example.org")
    assert (user.is_active, user.email_verified, user.preferred_language) == (False, False, "fr")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["amina.diallo@example.org"]
    # The link is in the language the visitor chose.
    links = re.findall(r"https?://\S+/account/verify/\S+/", mailoutbox[0].body)
    assert len(links) == 1
    assert links[0].startswith(f"{live_server.url}/fr/account/verify/")

    page.goto(links[0])
    expect(page).to_have_url(f"{live_server.url}/fr/account/sign-in/")
    # The French page: check the message by its kind, not by its words, which may be translated.
    expect(page.locator(".messages .message-success")).to_have_count(1)
    user.refresh_from_db()
    assert (user.is_active, user.email_verified) == (True, True)

    sign_in(page, "amina.diallo@example.org", "baobab-under-the-rain")
    expect(page).to_have_url(f"{live_server.url}/fr/account/profile/")

    page.goto("/en/organisations/join/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Join an organisation")
    page.get_by_label(re.compile(r"^Organisation:?$")).select_option(str(itu.pk))
    page.get_by_label("Role you ask for").select_option(Membership.Role.CONTRIBUTOR)
    page.get_by_label("Message to the secretariat").fill("I coordinate the broadband statistics team.")
    page.get_by_role("button", name="Send the request").click()

    expect(page).to_have_url(f"{live_server.url}/en/account/organisations/")
    expect(page.get_by_role("status")).to_contain_text("Your request is sent.")
    expect(page.get_by_role("main")).to_contain_text("You do not belong to any organisation yet.")
    request_row = page.get_by_role("row").filter(has_text="International Telecommunication Union (ITU)")
    expect(request_row).to_have_count(1)
    expect(request_row).to_contain_text("Contributor")
    expect(request_row).to_contain_text("Pending")
    expect(request_row.get_by_role("button", name="Withdraw")).to_be_visible()

    join_request = JoinRequest.objects.get(user=user)
    assert (join_request.organisation, join_request.role, join_request.state) == (
        itu,
        Membership.Role.CONTRIBUTOR,
        JoinRequest.State.PENDING,
    )
    assert join_request.message == "I coordinate the broadband statistics team."
    screenshot(page, "visitor-join-request")


def test_secretariat_reviewer_passes_the_second_factor_then_refuses_one_request_and_approves_another(
    new_page: Callable[[], Page], live_server: Any, mailoutbox: list[Any], screenshot: Callable[..., Any]
) -> None:
    itu = Organisation.objects.get(code="ITU")
    unesco = Organisation.objects.get(code="UNESCO")
    reviewer = UserFactory(email="reviewer@unctad.example.org", full_name="Rania Haddad", role=User.Role.SECRETARIAT)
    device = TOTPDevice.objects.create(user=reviewer, name="phone", confirmed=True)
    requester = UserFactory(email="kofi.mensah@example.org", full_name="Kofi Mensah")
    to_refuse = services.joinrequest_create(user=requester, organisation=itu, role=Membership.Role.CONTRIBUTOR)
    to_approve = services.joinrequest_create(
        user=requester, organisation=unesco, role=Membership.Role.CONTRIBUTOR, message="Head of the ICT unit."
    )

    reviewer_page = new_page()
    sign_in(reviewer_page, reviewer.email)
    # Nothing but the second-factor page until the code is given.
    expect(reviewer_page).to_have_url(re.compile(r"/en/account/two-factor/\?next=/en/account/profile/$"))
    expect(reviewer_page.get_by_role("heading", level=1)).to_have_text("Second factor")
    reviewer_page.get_by_label("Six-digit code from your authenticator app").fill(current_code(device))
    reviewer_page.get_by_role("button", name="Verify").click()
    expect(reviewer_page).to_have_url(f"{live_server.url}/en/account/profile/")
    expect(reviewer_page.get_by_role("status")).to_contain_text("Second factor verified.")

    reviewer_page.get_by_role("navigation", name="Main").get_by_role("link", name="Requests to join").click()
    expect(reviewer_page).to_have_url(f"{live_server.url}/en/organisations/requests/")
    expect(reviewer_page.get_by_role("main")).to_contain_text("2 requests")

    refused_item = reviewer_page.locator(f"#request-{to_refuse.pk}")
    expect(refused_item).to_contain_text("International Telecommunication Union (ITU)")
    reason = "We could not confirm that you work for ITU. Please write from its e-mail domain."
    refused_item.get_by_label("Reason for refusing").fill(reason)
    refused_item.get_by_role("button", name="Refuse").click()
    expect(reviewer_page.get_by_role("status")).to_contain_text("Refused: Kofi Mensah was told why.")
    expect(reviewer_page.locator(f"#request-{to_refuse.pk}")).to_have_count(0)

    approved_item = reviewer_page.locator(f"#request-{to_approve.pk}")
    expect(approved_item).to_contain_text("Head of the ICT unit.")
    approved_item.get_by_label("Grant the role").select_option(Membership.Role.FOCAL_POINT)
    approved_item.get_by_role("button", name="Approve").click()
    expect(reviewer_page.get_by_role("status")).to_contain_text("Approved: Kofi Mensah joins")
    expect(reviewer_page.get_by_role("main")).to_contain_text("No request in this state.")

    to_refuse.refresh_from_db()
    to_approve.refresh_from_db()
    assert (to_refuse.state, to_refuse.reason, to_refuse.decided_by) == (JoinRequest.State.REFUSED, reason, reviewer)
    assert (to_approve.state, to_approve.decided_by) == (JoinRequest.State.APPROVED, reviewer)
    assert list(Membership.objects.filter(user=requester).values_list("organisation", "role")) == [
        (unesco.pk, Membership.Role.FOCAL_POINT)
    ]
    assert sorted(message.subject for message in mailoutbox) == [
        "Your request to join International Telecommunication Union (ITU) was not approved",
        "Your request to join United Nations Educational, Scientific and Cultural Organization (UNESCO) is approved",
    ]
    assert all(message.to == [requester.email] for message in mailoutbox)

    requester_page = new_page()
    sign_in(requester_page, requester.email)
    requester_page.goto("/en/account/organisations/")
    belongs = requester_page.get_by_role("region", name="Where I belong")
    expect(belongs.get_by_role("listitem")).to_have_text(
        ["United Nations Educational, Scientific and Cultural Organization (UNESCO) — Focal point"]
    )
    refused_row = requester_page.get_by_role("row").filter(has_text="(ITU)")
    expect(refused_row).to_contain_text("Refused (Rania Haddad)")
    expect(refused_row).to_contain_text(reason)
    approved_row = requester_page.get_by_role("row").filter(has_text="(UNESCO)")
    expect(approved_row).to_contain_text("Approved (Rania Haddad)")
    expect(requester_page.get_by_role("button", name="Withdraw")).to_have_count(0)
    screenshot(requester_page, "requester-sees-decisions")


def test_organisation_administrator_changes_a_members_role_and_the_public_sees_no_members(
    new_page: Callable[[], Page], live_server: Any, screenshot: Callable[..., Any]
) -> None:
    ngo = OrganisationFactory(name_en="Community Networks Alliance")
    admin = MembershipFactory(organisation=ngo, role=Membership.Role.ADMIN, user__full_name="Lena Vogel").user
    member = MembershipFactory(
        organisation=ngo, role=Membership.Role.CONTRIBUTOR, user__full_name="Tomás Rivera", user__email="tomas@cna.org"
    )

    admin_page = new_page()
    sign_in(admin_page, admin.email)
    admin_page.goto(f"/en/organisations/{ngo.pk}/")
    members = admin_page.get_by_role("region", name="Members")
    member_row = members.get_by_role("row").filter(has_text="Tomás Rivera")
    expect(member_row).to_contain_text("Contributor")
    member_row.get_by_label("Role of Tomás Rivera").select_option(Membership.Role.FOCAL_POINT)
    member_row.get_by_role("button", name="Save role").click()

    expect(admin_page).to_have_url(f"{live_server.url}/en/organisations/{ngo.pk}/")
    expect(admin_page.get_by_role("status")).to_contain_text("Role changed.")
    member_row = admin_page.get_by_role("region", name="Members").get_by_role("row").filter(has_text="Tomás Rivera")
    expect(member_row.get_by_role("cell").nth(2)).to_have_text("Focal point")
    member.refresh_from_db()
    assert member.role == Membership.Role.FOCAL_POINT
    screenshot(admin_page, "organisation-admin-changed-role")

    public_page = new_page()
    public_page.goto(f"/en/organisations/{ngo.pk}/")
    expect(public_page.get_by_role("heading", level=1)).to_have_text("Community Networks Alliance")
    expect(public_page.get_by_role("link", name="Sign in")).to_be_visible()
    expect(public_page.get_by_role("heading", name="Members")).to_have_count(0)
    expect(public_page.get_by_role("table")).to_have_count(0)
    expect(public_page.get_by_text("tomas@cna.org")).to_have_count(0)
    expect(public_page.get_by_text("Tomás Rivera")).to_have_count(0)
    screenshot(public_page, "public-organisation-page")


def test_arabic_home_page_is_right_to_left_and_the_language_switcher_opens_the_french_page(
    page: Page, live_server: Any, screenshot: Callable[..., Any]
) -> None:
    page.goto("/ar/")
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ar")
    screenshot(page, "home-arabic")

    page.goto("/en/action-lines/")
    expect(html).to_have_attribute("dir", "ltr")
    switcher = page.locator("form.language-switcher")
    switcher.locator("select[name=language]").select_option("fr")
    switcher.get_by_role("button").click()

    expect(page).to_have_url(f"{live_server.url}/fr/action-lines/")
    expect(html).to_have_attribute("lang", "fr")
    expect(html).to_have_attribute("dir", "ltr")
    expect(page.locator("select[name=language]")).to_have_value("fr")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    screenshot(page, "action-lines-french")


def test_first_tab_on_the_home_page_focuses_the_skip_link(page: Page, screenshot: Callable[..., Any]) -> None:
    page.goto("/en/")
    page.keyboard.press("Tab")

    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    screenshot(page, "skip-link-focused")

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/#main$"))
    expect(page.locator("main#main")).to_be_focused()
