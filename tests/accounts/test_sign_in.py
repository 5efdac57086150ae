from __future__ import annotations

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_login_is_throttled_after_five_failures(client: Client) -> None:
    user = UserFactory(email="target@example.org")
    for _ in range(4):
        response = client.post("/en/account/sign-in/", {"username": user.email, "password": "wrong-guess"})
        assert response.status_code == 200
    response = client.post("/en/account/sign-in/", {"username": user.email, "password": "wrong-guess"})
    assert response.status_code == 429
    # Locked out: even the right password is refused for a while, with a clear page.
    response = client.post("/en/account/sign-in/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_wrong_password_message_is_clear_and_keeps_the_address(client: Client) -> None:
    UserFactory(email="someone@example.org")
    response = client.post("/en/account/sign-in/", {"username": "someone@example.org", "password": "nope"})
    html = response.content.decode()
    assert "do not match an account" in html
    assert 'value="someone@example.org"' in html


def test_member_signs_in_without_second_factor(client: Client) -> None:
    user = UserFactory()
    response = client.post("/en/account/sign-in/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/en/account/profile/").status_code == 200


@pytest.mark.parametrize("role", [User.Role.SECRETARIAT, User.Role.ADMINISTRATOR])
def test_staff_must_set_up_and_pass_totp(client: Client, role: str) -> None:
    user = UserFactory(role=role)
    client.post("/en/account/sign-in/", {"username": user.email, "password": PASSWORD})

    # Every page sends them to the second factor until they pass it.
    for path in ("/en/account/profile/", "/en/organisations/requests/", "/en/admin/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/en/account/two-factor/")

    # First time: a QR code and key to set up the app; a wrong code is refused.
    response = client.get("/en/account/two-factor/")
    assert "<svg" in response.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/en/account/two-factor/", {"token": "000000" if _code(device) != "000000" else "111111"})
    assert response.status_code == 400
    assert "not valid" in response.content.decode()
    response = client.post("/en/account/two-factor/", {"token": "12ab"})
    assert "six digits" in response.content.decode()
    # A wrong code makes django-otp wait one second before the next try; the page says so.
    response = client.post("/en/account/two-factor/", {"token": _code(device)})
    assert "Too many wrong codes" in response.content.decode()
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None, throttling_failure_count=0)

    response = client.post("/en/account/two-factor/", {"token": _code(device), "next": "/en/organisations/requests/"})
    assert response.status_code == 302 and response["Location"] == "/en/organisations/requests/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/en/organisations/requests/").status_code == 200
    assert client.get("/en/admin/").status_code == 200


def test_second_factor_refuses_redirects_off_site(client: Client) -> None:
    user = UserFactory(role=User.Role.SECRETARIAT)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client.post("/en/account/sign-in/", {"username": user.email, "password": PASSWORD})
    response = client.post("/en/account/two-factor/", {"token": _code(device), "next": "https://evil.example.com/"})
    assert response["Location"] == "/en/account/profile/"


def test_profile_edit_validates_and_audits(client: Client) -> None:
    user = UserFactory(full_name="Old Name")
    client.force_login(user)
    response = client.post("/en/account/profile/", {"full_name": "", "preferred_language": "ar"})
    assert response.status_code == 400
    assert 'value="ar" selected' in response.content.decode()
    response = client.post("/en/account/profile/", {"full_name": "Nouveau Nom", "preferred_language": "ar"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.full_name == "Nouveau Nom" and user.preferred_language == "ar"
    last = user.history.first()
    assert last.history_change_reason == "accounts.user.profile_changed"
    assert last.history_user_id == user.pk


def test_profile_needs_sign_in(client: Client) -> None:
    response = client.get("/en/account/profile/")
    assert response.status_code == 302 and "/account/sign-in/" in response["Location"]
