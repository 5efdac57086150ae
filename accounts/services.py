from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts import tokens
from accounts.models import User
from wsis_portal import audit, permissions
from wsis_portal.errors import ApplicationError


@transaction.atomic
def user_sign_up(*, email: str, full_name: str, password: str, preferred_language: str) -> User:
    """Create an account that stays inactive until its e-mail address is verified."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ApplicationError(_("An account with this e-mail address already exists."), field="email")
    user = User(email=email, full_name=full_name.strip(), preferred_language=preferred_language, is_active=False)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    audit.record_as(user, None, "accounts.user.signed_up")
    user.save()
    transaction.on_commit(lambda: user_send_verification(user=user))
    return user


def user_send_verification(*, user: User) -> None:
    """E-mail the link that activates the account, in the user's language."""
    token = tokens.make_verification_token(user_id=user.pk, email=user.email)
    with translation.override(user.preferred_language):
        link = settings.SITE_URL + reverse("accounts:verify-email", kwargs={"token": token})
        body = render_to_string("accounts/email/verify.txt", {"user": user, "link": link})
        send_mail(_("Confirm your e-mail address for the WSIS portal"), body, None, [user.email])


def user_resend_verification(*, email: str) -> None:
    """Send the link again when such an unverified account exists; says nothing either way."""
    user = User.objects.filter(email__iexact=email.strip(), email_verified=False).first()
    if user is not None:
        user_send_verification(user=user)


@transaction.atomic
def user_verify_email(*, token: str) -> User:
    """Activate the account a verification link names."""
    try:
        payload = tokens.read_verification_token(token)
    except signing.SignatureExpired:
        raise ApplicationError(_("This link has expired. Ask for a new one below.")) from None
    except signing.BadSignature:
        raise ApplicationError(_("This link is not valid. Ask for a new one below.")) from None
    user = User.objects.select_for_update().filter(pk=int(str(payload["u"])), email=str(payload["e"])).first()
    if user is None:
        raise ApplicationError(_("This link is not valid. Ask for a new one below."))
    if not user.email_verified:
        user.email_verified = True
        user.is_active = True
        audit.record_as(user, user, "accounts.user.email_verified")
        user.save(update_fields=["email_verified", "is_active"])
    return user


@transaction.atomic
def user_update_profile(*, user: User, by: User, full_name: str, preferred_language: str) -> User:
    """Change the name and language a user chose for themselves."""
    permissions.require(by, "accounts.profile.edit", user)
    user.full_name = full_name.strip()
    user.preferred_language = preferred_language
    user.full_clean(exclude=["password"])
    audit.record_as(user, by, "accounts.user.profile_changed")
    user.save(update_fields=["full_name", "preferred_language"])
    return user


@transaction.atomic
def user_issue_api_token(*, user: User) -> str:
    """Replace the user's API token with a new one and return it (shown once).

    A token carries the user's organisation roles but never secretariat rights: those need the
    second factor of a signed-in session."""
    from rest_framework.authtoken.models import Token

    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user).key
