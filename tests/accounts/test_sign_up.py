from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail, signing
from django.test import Client

from accounts import tokens
from accounts.models import User

pytestmark = pytest.mark.django_db

GOOD = {
    "email": "Amina.Kone@Example.org",
    "full_name": "Amina Koné",
    "preferred_language": "fr",
    "password1": "broadband-for-every-village",
    "password2": "broadband-for-every-village",
}


def _link_from_mail() -> str:
    match = re.search(r"https?://\S+/account/verify/\S+/", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(0).split("://", 1)[1].split("/", 1)[1]


def test_sign_up_verify_then_sign_in(client: Client, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/account/sign-up/", GOOD)
    assert response.status_code == 200
    assert "amina.kone@example.org" in response.content.decode()
    user = User.objects.get(email="amina.kone@example.org")
    assert not user.is_active and not user.email_verified

    # The e-mail goes out in the language the person chose.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["amina.kone@example.org"]

    # Before verifying, signing in says what to do rather than "wrong password".
    response = client.post("/en/account/sign-in/", {"username": GOOD["email"], "password": GOOD["password1"]})
    assert response.status_code == 200
    assert "confirm your e-mail address first" in response.content.decode()

    response = client.get("/" + _link_from_mail())
    assert response.status_code == 302 and response["Location"].endswith("/account/sign-in/")
    user.refresh_from_db()
    assert user.is_active and user.email_verified

    response = client.post("/en/account/sign-in/", {"username": GOOD["email"], "password": GOOD["password1"]})
    assert response.status_code == 302
    assert client.get("/en/account/profile/").status_code == 200


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"password2": "something-else-entirely"}, "password2", "The two passwords differ."),
        ({"password1": "12345678901", "password2": "12345678901"}, "password1", "entirely numeric"),
        ({"password1": "short", "password2": "short"}, "password1", "too short"),
        ({"email": "not-an-address"}, "email", "Enter a valid email address."),
        ({"full_name": "Amina\x00Koné"}, "full_name", "Null characters are not allowed."),
        ({"full_name": "Amina\x07Koné"}, "full_name", "Remove the control characters"),
        ({"full_name": ""}, "full_name", "This field is required."),
        ({"preferred_language": "de"}, "preferred_language", "Select a valid choice."),
    ],
)
def test_bad_sign_up_explains_and_keeps_what_was_typed(
    client: Client, changes: dict[str, str], field: str, message: str
) -> None:
    data = {**GOOD, **changes}
    response = client.post("/en/account/sign-up/", data)
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors
    assert message in " ".join(form.errors[field])
    # Everything typed is still in the form (passwords excepted, as browsers expect).
    html = response.content.decode()
    for kept in ("email", "full_name"):
        if kept != field:
            assert f'value="{data[kept]}"' in html
    assert not User.objects.filter(email__iexact=GOOD["email"]).exists()
    assert mail.outbox == []


def test_existing_address_is_refused_whatever_its_case(client: Client) -> None:
    User.objects.create_user("amina.kone@example.org", "x-long-password", full_name="Amina")
    response = client.post("/en/account/sign-up/", GOOD)
    assert response.status_code == 400
    assert "already exists" in response.context["form"].errors["email"][0]


def test_script_in_a_name_is_stored_as_text_and_shown_escaped(client: Client) -> None:
    client.post("/en/account/sign-up/", {**GOOD, "full_name": "<script>alert(1)</script>"})
    user = User.objects.get(email="amina.kone@example.org")
    assert user.full_name == "<script>alert(1)</script>"
    user.is_active = True
    user.save()
    client.force_login(user)
    html = client.get("/en/account/profile/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("kind", ["tampered", "expired"])
def test_bad_verification_link_explains_and_offers_a_new_one(client: Client, settings: Any, kind: str) -> None:
    client.post("/en/account/sign-up/", GOOD)
    user = User.objects.get(email="amina.kone@example.org")
    token = tokens.make_verification_token(user_id=user.pk, email=user.email)
    if kind == "tampered":
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    else:
        settings.EMAIL_VERIFICATION_MAX_AGE = -1
    response = client.get(f"/en/account/verify/{token}/")
    assert response.status_code == 400
    assert ("expired" if kind == "expired" else "not valid") in response.content.decode()
    user.refresh_from_db()
    assert not user.is_active


def test_resend_says_the_same_whether_or_not_the_address_exists(client: Client) -> None:
    client.post("/en/account/sign-up/", GOOD)
    for address in (GOOD["email"], "nobody@example.org"):
        response = client.post("/en/account/verify-again/", {"email": address}, follow=True)
        assert "If an unconfirmed account uses this address" in response.content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["amina.kone@example.org"]


def test_tokens_are_signed() -> None:
    with pytest.raises(signing.BadSignature):
        tokens.read_verification_token("forged:token")
